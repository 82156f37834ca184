package io.skywire.tests.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time from spawning the JVM to the desktop window being shown, interactive, and showing the running network, each
 * read from the line the window logs at that moment (the time is when this process reads the line):
 * <ul>
 *   <li>"window shown": two pulses after {@code stage.show()}, so the window's first frame has been rendered;</li>
 *   <li>"window interactive": after the first frame, the FX thread has answered {@code InteractiveProbe}'s probes
 *       ({@code Platform.runLater} tasks posted from another thread, the queue a click waits in) within one pulse
 *       (1/60 s) five times in a row: from then on a click on a tab is handled before the next frame. A real probe,
 *       not a log line placed after some step: an FX thread busy loading screens or applying results resets it;</li>
 *   <li>"window ready": the first frame rendered with the network's node count on the status bar, that is once the
 *       wallet is unlocked, the embedded network has started and the tunnel is up.</li>
 * </ul>
 * Baseline, measured in the same run with the same JVM, class path and flags: {@code skywire --version}, a JVM that
 * loads the command line and exits. Each is the median of several runs; the window is closed with SIGTERM, which
 * stops its network through the shutdown hook.
 *
 * <p>The child runs with the class path {@code ./skywire} uses. Without a display it runs on headless Monocle with the software renderer (set {@code glass.platform}
 * to run it on a desktop). Usage: {@code LaunchTimeBench [runs] [--free]} (default 3 runs, the paid network that
 * {@code skywire gui} starts by default).
 */
public final class LaunchTimeBench {

    private LaunchTimeBench() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<String> options = Arrays.stream(String.join(" ", args).trim().split("\\s+"))
                .filter(arg -> !arg.isEmpty()).toList();
        boolean free = options.contains("--free");
        int runs = options.stream().filter(arg -> arg.matches("\\d+")).findFirst().map(Integer::parseInt).orElse(3);
        out.printf(Locale.ROOT, "launch time, %d runs each, %s network, %d cores, load %.2f%n", runs,
                free ? "free" : "paid", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // The window opens over a wallet (as for a returning user; a first run shows the wizard instead), unlocked
        // from a password file so that no dialog waits for a hand. Made once, before anything is timed.
        Path dataDir = java.nio.file.Files.createTempDirectory("skywire-launch");
        Path passwordFile = dataDir.resolve("password");
        java.nio.file.Files.writeString(passwordFile, "launch-bench-password\n");
        Process create = new ProcessBuilder(command("wallet", "new", "--data-dir", dataDir.toString(),
                "--password-file", passwordFile.toString())).redirectErrorStream(true).start();
        create.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
            throw new IllegalStateException("skywire wallet new failed");
        }
        long[] version = new long[runs];
        long[] shown = new long[runs];
        long[] interactive = new long[runs];
        long[] ready = new long[runs];
        for (int i = 0; i < runs; i++) {
            version[i] = versionMillis();
            long[] window = windowMillis(free, dataDir, passwordFile);
            shown[i] = window[0];
            interactive[i] = window[1];
            ready[i] = window[2];
            out.printf(Locale.ROOT, "run %d: --version %d ms, window shown %d ms, interactive %d ms, ready %d ms%n",
                    i + 1, version[i], shown[i], interactive[i], ready[i]);
        }
        long baseline = median(version);
        long first = median(shown);
        long answering = median(interactive);
        long up = median(ready);
        out.printf(Locale.ROOT, "%-44s %8s%n", "median", "ms");
        out.printf(Locale.ROOT, "%-44s %8d%n", "skywire --version (baseline)", baseline);
        out.printf(Locale.ROOT, "%-44s %8d%n", "window shown (first frame)", first);
        out.printf(Locale.ROOT, "%-44s %8d%n", "window interactive (FX thread answers)", answering);
        out.printf(Locale.ROOT, "%-44s %8d%n", "network ready (node count on status bar)", up);
        out.printf(Locale.ROOT, "ratio window shown / --version: %.2f%n", (double) first / baseline);
        out.printf(Locale.ROOT, "ratio window interactive / --version: %.2f (goal: interactive < 3000 ms)%n",
                (double) answering / baseline);
        out.printf(Locale.ROOT, "ratio network ready / --version: %.2f%n", (double) up / baseline);
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String property : List.of("glass.platform", "monocle.platform", "prism.order")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        if (System.getProperty("glass.platform") == null && System.getenv("DISPLAY") == null) {
            command.addAll(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw"));
        }
        command.add("-Dskywire.log.level=INFO");
        command.add("-cp");
        command.add(appClassPath());
        command.add("io.skywire.app.Main");
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The class path {@code ./skywire} runs with ({@code app/target/classes} and {@code app/target/lib/*}), plus
     * Monocle from this JVM's class path for a machine without a display: the app's own class path, not this
     * module's, whose test-scoped dependencies differ.
     */
    private static String appClassPath() {
        Path root = Path.of("").toAbsolutePath();
        if (!java.nio.file.Files.isDirectory(root.resolve("app/target/lib"))) {
            root = root.getParent();
        }
        Path app = root.resolve("app/target");
        if (!java.nio.file.Files.isDirectory(app.resolve("lib"))) {
            throw new IllegalStateException("no app/target/lib here or one level up: build the app first");
        }
        List<String> entries = new ArrayList<>(List.of(app.resolve("classes").toString(),
                app.resolve("lib").toString() + java.io.File.separator + "*"));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains("openjfx-monocle")) {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static long versionMillis() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command("--version")).redirectErrorStream(true).start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("skywire --version failed");
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** {window shown, window interactive, window ready} in milliseconds after the spawn. */
    private static long[] windowMillis(boolean free, Path dataDir, Path passwordFile) throws Exception {
        List<String> args = new ArrayList<>(List.of("gui", "--socks-port", "0", "--http-port", "0", "--data-dir",
                dataDir.toString(), "--password-file", passwordFile.toString()));
        if (free) {
            args.add("--free");
        }
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command(args.toArray(new String[0]))).redirectErrorStream(true).start();
        CompletableFuture<Long> shown = new CompletableFuture<>();
        CompletableFuture<Long> interactive = new CompletableFuture<>();
        CompletableFuture<Long> ready = new CompletableFuture<>();
        java.util.Deque<String> tail = new java.util.concurrent.ConcurrentLinkedDeque<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    long now = System.nanoTime();
                    tail.addLast(line);
                    if (tail.size() > 20) {
                        tail.pollFirst();
                    }
                    if (line.contains("window shown")) {
                        shown.complete(TimeUnit.NANOSECONDS.toMillis(now - start));
                    } else if (line.contains("window interactive")) {
                        interactive.complete(TimeUnit.NANOSECONDS.toMillis(now - start));
                    } else if (line.contains("window ready")) {
                        ready.complete(TimeUnit.NANOSECONDS.toMillis(now - start));
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the window exited before it was ready"));
        }, "launch-bench-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            long readyMillis;
            long interactiveMillis;
            try {
                readyMillis = ready.get(300, TimeUnit.SECONDS);
                interactiveMillis = interactive.get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("the window was not ready; its last output:\n"
                        + String.join("\n", tail), e);
            }
            return new long[] {shown.getNow(-1L), interactiveMillis, readyMillis};
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
