package io.skywire.app.ui;

import io.skywire.app.testnet.PaymentSettings;
import io.skywire.node.gateway.ProxySettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opening and closing windows, waiting, screenshots and thread checks shared by the window tests, so that each test
 * says only what it checks.
 */
final class FxTesting {

    private FxTesting() {
    }

    /**
     * Registers TestFX's primary stage, then builds the window with {@code show} on the FX thread in the light theme
     * and waits up to {@code seconds} for it.
     */
    static DesktopWindow open(int seconds, Callable<DesktopWindow> show) throws Exception {
        FxToolkit.registerPrimaryStage();
        return WaitForAsyncUtils.asyncFx(() -> {
            Themes.apply(false);
            return show.call();
        }).get(seconds, TimeUnit.SECONDS);
    }

    /**
     * {@link #open} of a window over {@link #localNetwork} (free), waiting up to 30 s; {@code configure} runs on the FX
     * thread right after the window is shown.
     */
    static DesktopWindow openOnLocalNetwork(Consumer<DesktopWindow> configure) throws Exception {
        return open(30, () -> {
            DesktopWindow shown = DesktopWindow.show(new Stage(), localNetwork(null));
            configure.accept(shown);
            return shown;
        });
    }

    /** The local test network's start: 8 nodes, 3 gateways, proxies on free loopback ports; free when payments is null. */
    static Callable<EmbeddedNetwork> localNetwork(PaymentSettings payments) {
        return () -> EmbeddedNetwork.startLocal(8, 3, ProxySettings.loopback(0, 0), payments);
    }

    /**
     * Selects {@code screen} on the FX thread, waiting up to 30 s: a screen's first selection loads its FXML, CSS and
     * controller and lays the scene out on the FX thread, which took over 5 s with the software renderer at load 20.
     * A liveness bound, not a timing claim.
     */
    static void select(DesktopWindow window, Screen screen) {
        WaitForAsyncUtils.waitForAsyncFx(30_000, () -> window.select(screen));
    }

    /** Closes the window on the FX thread (up to 5 s) and waits up to 30 s for it to stop its network. */
    static void close(DesktopWindow window) throws Exception {
        WaitForAsyncUtils.asyncFx(window::close).get(5, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
    }

    /** Waits up to 10 s for every thread the project names to end: none may outlive a closed window. */
    static void nothingLeftRunning() throws InterruptedException {
        eventually(10, () -> org.assertj.core.api.Assertions.assertThat(skywireThreads()).isEmpty());
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
