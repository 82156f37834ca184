package io.skywire.app.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting, screenshots and thread checks shared by the window tests. */
final class FxTesting {

    private FxTesting() {
    }

    /** Polls {@code condition} every 100 ms for up to {@code seconds}. */
    static void until(int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("not true within " + seconds + " s", e);
        }
    }

    /** Retries {@code assertion} until it passes or {@code seconds} have gone, then throws its last failure. */
    static void eventually(int seconds, Runnable assertion) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Shows {@code screen}, snapshots the whole window on the FX thread and writes it to {@code file} as PNG. */
    static WritableImage screenshot(DesktopWindow window, Screen screen, Path file) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> {
            window.select(screen);
            window.stage().getScene().getRoot().applyCss();
            window.stage().getScene().getRoot().layout();
            return window.stage().getScene().snapshot(null);
        }).get(10, TimeUnit.SECONDS);
        Files.createDirectories(file.getParent());
        write(image, file);
        return image;
    }

    /** Lays out {@code stage}'s scene, snapshots it on the FX thread and writes it to {@code file} as PNG. */
    static WritableImage screenshot(javafx.stage.Stage stage, Path file) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return stage.getScene().snapshot(null);
        }).get(10, TimeUnit.SECONDS);
        Files.createDirectories(file.getParent());
        write(image, file);
        return image;
    }

    /** Copies the snapshot's pixels (javafx-swing's SwingFXUtils would be one more library for this loop). */
    private static void write(WritableImage image, Path file) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        var reader = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        ImageIO.write(out, "png", file.toFile());
    }

    /** Live threads the project names ("skywire-..."): none may outlive a closed window. */
    static Set<String> skywireThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("skywire-")).collect(Collectors.toSet());
    }
}
