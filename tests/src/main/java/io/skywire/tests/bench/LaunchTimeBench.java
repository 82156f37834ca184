package io.skywire.tests.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Time from spawning {@code ./skywire} to the desktop window being shown, interactive, and showing the running
 * network, each read from the line the window logs at that moment (the time is when this process reads the line):
 * <ul>
 *   <li>"window shown": two pulses after {@code stage.show()}, so the window's first frame has been rendered;</li>
 *   <li>"window interactive": after the first frame, the FX thread has answered {@code InteractiveProbe}'s probes
 *       ({@code Platform.runLater} tasks posted from another thread, the queue a click waits in) within one pulse
 *       (1/60 s) five times in a row: from then on a click on a tab is handled before the next frame. A real probe,
 *       not a log line placed after some step: an FX thread busy loading screens or applying results resets it;</li>
 *   <li>"network ready": the first frame rendered with the network's node count on the status bar, that is once the
 *       wallet is unlocked, the embedded network has started and the tunnel is up.</li>
 * </ul>
 * Baseline, measured in the same run through the same script: {@code skywire --version}, a JVM that loads the command
 * line and exits. Each is the median of several runs; the window is closed with SIGTERM, which stops its network
 * through the shutdown hook.
 *
 * <p>It runs the repository's {@code ./skywire} itself, so the JVM, class path and flags (the class-data archive's
 * included) are exactly the launcher's; {@code SKYWIRE_NO_BUILD=1} keeps the script from rebuilding, and without a
 * display headless Monocle (from this JVM's class path) and the software renderer are added through {@code
 * SKYWIRE_EXTRA_CLASSPATH} and {@code SKYWIRE_JAVA_OPTS} (set {@code glass.platform} to run it on a desktop). The
 * class-data archive is removed first; the first window, not counted in the medians, writes it as a user's first
 * run after a build does; then each round times both the launcher as it is and with {@code SKYWIRE_CDS=off}, so the
 * archive's effect is measured in the same run. Usage: {@code LaunchTimeBench [runs] [--free] [--dialog]} (default 3
 * runs, the paid network that {@code skywire gui} starts by default). With {@code --dialog} the window is launched
 * without the password file, as a returning user launches it: the unlock dialog opens over the window after its first
 * frame, and "window interactive" is then the later of the FX thread's prompt answers and the dialog's first frame
 * ("unlock dialog shown", logged two pulses after its {@code show()}): a password can be typed (nobody types it, so
 * there is no "network ready").
 *
 * <p>With {@code --installed DIR} it times the app a package installs instead: DIR is its directory (a .deb unpacked
 * with {@code dpkg-deb -x}: {@code root/opt/skywire}, or an installed {@code /opt/skywire}), whose class-data archive
 * {@code installers/build.sh} made for {@code /opt/skywire}. Each launch runs its own launcher in a private mount
 * namespace ({@code unshare}) where DIR is seen at {@code /opt/skywire}, its {@code .cfg} replaced by one with headless
 * Monocle appended to the class path (the archive allows a longer class path, not another one) and, for the rounds
 * without the archive, the archive hidden (an empty file, which {@code -Xshare:auto} ignores). Nothing in DIR changes.
 * The archive is the package's, so there is no first window.
 */
public final class LaunchTimeBench {

    private static final String[] FIGURES = {"--version", "window shown", "window interactive", "network ready"};
    /** Where the packages install the app, and where its class-data archive was made for. */
    private static final Path INSTALL_DIR = Path.of("/opt/skywire");

    private LaunchTimeBench() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<String> options = Arrays.stream(String.join(" ", args).trim().split("\\s+"))
                .filter(arg -> !arg.isEmpty()).toList();
        boolean free = options.contains("--free");
        boolean dialog = options.contains("--dialog");
        int figures = dialog ? FIGURES.length - 1 : FIGURES.length;
        int runs = options.stream().filter(arg -> arg.matches("\\d+")).findFirst().map(Integer::parseInt).orElse(3);
        int installedAt = options.indexOf("--installed");
        Path installed = installedAt < 0 ? null : Path.of(options.get(installedAt + 1)).toAbsolutePath().normalize();
        out.printf(Locale.ROOT, "launch time, %d runs each, %s network, %s, %s, %d cores, load %.2f%n", runs,
                free ? "free" : "paid", dialog ? "unlock dialog" : "password file",
                installed == null ? "./skywire" : "installed app " + installed + " as " + INSTALL_DIR,
                Runtime.getRuntime().availableProcessors(), load());
        // The window opens over a wallet (as for a returning user; a first run shows the wizard instead), unlocked
        // from a password file so that no dialog waits for a hand. Made once, before anything is timed.
        Path dataDir = Files.createTempDirectory("skywire-launch");
        try {
            Launcher launcher = installed == null ? new ScriptLauncher(repositoryRoot())
                    : new InstalledLauncher(installed, dataDir);
            Path passwordFile = dataDir.resolve("password");
            Files.writeString(passwordFile, "launch-bench-password\n");
            Process create = launcher.start(true, "wallet", "new", "--data-dir", dataDir.toString(),
                    "--password-file", passwordFile.toString());
            String created = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
                throw new IllegalStateException("skywire wallet new failed:\n" + created);
            }
            if (installed == null) {
                Path root = repositoryRoot();
                Path archive = root.resolve("app/target/skywire.jsa");
                Files.deleteIfExists(archive);
                long[] first = windowMillis(launcher, true, free, dataDir, dialog ? null : passwordFile);
                waitFor(archive);
                out.printf(Locale.ROOT, "first window after the build (writes %s, %d MB): shown %d ms, interactive %d "
                        + "ms, ready %d ms%n", root.relativize(archive), Files.size(archive) >> 20, first[0],
                        first[1], first[2]);
            } else {
                out.printf(Locale.ROOT, "the package's class-data archive: %d MB%n",
                        Files.size(installed.resolve(InstalledLauncher.ARCHIVE)) >> 20);
            }
            long[][] withCds = new long[FIGURES.length][runs];
            long[][] withoutCds = new long[FIGURES.length][runs];
            for (int i = 0; i < runs; i++) {
                for (boolean cds : new boolean[] {true, false}) {
                    long[][] into = cds ? withCds : withoutCds;
                    into[0][i] = versionMillis(launcher, cds);
                    long[] window = windowMillis(launcher, cds, free, dataDir, dialog ? null : passwordFile);
                    for (int figure = 1; figure < FIGURES.length; figure++) {
                        into[figure][i] = window[figure - 1];
                    }
                    out.printf(Locale.ROOT, "run %d, class-data archive %s: --version %d ms, window shown %d ms, "
                            + "interactive %d ms, ready %d ms%n", i + 1, cds ? "on " : "off", into[0][i], into[1][i],
                            into[2][i], into[3][i]);
                }
            }
            out.printf(Locale.ROOT, "%-44s %10s %10s %10s%n", "median, ms", "archive", "no archive", "ratio");
            for (int figure = 0; figure < figures; figure++) {
                long on = median(withCds[figure]);
                long off = median(withoutCds[figure]);
                out.printf(Locale.ROOT, "%-44s %10d %10d %10.2f%n", FIGURES[figure], on, off, (double) on / off);
            }
            long baseline = median(withCds[0]);
            for (int figure = 1; figure < figures; figure++) {
                out.printf(Locale.ROOT, "ratio %s / --version: %.2f%n", FIGURES[figure],
                        (double) median(withCds[figure]) / baseline);
            }
            out.printf(Locale.ROOT, "goal: window interactive < 3000 ms; load at the end %.2f%n", load());
        } finally {
            deleteTree(dataDir);
        }
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Starts one launch of the app, with or without its class-data archive. */
    private interface Launcher {
        Process start(boolean cds, String... args) throws IOException;
    }

    /** The repository's {@code ./skywire}: {@code SKYWIRE_CDS} turns its archive on and off. */
    private record ScriptLauncher(Path root) implements Launcher {

        @Override
        public Process start(boolean cds, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of("bash", root.resolve("skywire").toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("SKYWIRE_NO_BUILD", "1");
            env.put("SKYWIRE_CDS", cds ? "on" : "off");
            List<String> javaOptions = new ArrayList<>(headlessOptions());
            javaOptions.add("-Dskywire.log.level=INFO");
            env.put("SKYWIRE_JAVA_OPTS", String.join(" ", javaOptions));
            env.put("SKYWIRE_EXTRA_CLASSPATH", String.join(java.io.File.pathSeparator, monocle()));
            return builder.start();
        }
    }

    /**
     * The app a package installs, at {@code dir}, run by its own launcher as {@link #INSTALL_DIR} in a private mount
     * namespace (see the class comment). The launcher's {@code .cfg} for the benchmark is written once, to {@code
     * work}.
     */
    private static final class InstalledLauncher implements Launcher {

        static final String ARCHIVE = "lib/app/skywire.jsa";
        private static final String CFG = "lib/app/skywire.cfg";
        private static final List<String> MONOCLE_EXPORTS = List.of("javafx.graphics/com.sun.glass.events",
                "javafx.graphics/com.sun.glass.ui", "javafx.graphics/com.sun.glass.ui.delegate",
                "javafx.graphics/com.sun.glass.utils", "javafx.graphics/com.sun.javafx.tk",
                "javafx.graphics/com.sun.javafx.util", "javafx.base/com.sun.javafx.logging");

        private final Path dir;
        private final Path cfg;

        InstalledLauncher(Path dir, Path work) throws IOException {
            if (!Files.isRegularFile(dir.resolve("bin/skywire")) || !Files.isRegularFile(dir.resolve(ARCHIVE))) {
                throw new IllegalStateException(dir + " has no bin/skywire or no " + ARCHIVE
                        + ": name an unpacked package's opt/skywire (installers/build.sh made with its archive)");
            }
            if (dir.startsWith(INSTALL_DIR.getParent()) && !dir.equals(INSTALL_DIR)) {
                throw new IllegalStateException(dir + ": unpack it outside " + INSTALL_DIR.getParent());
            }
            this.dir = dir;
            this.cfg = work.resolve("skywire.cfg");
            Files.writeString(cfg, benchConfig(Files.readAllLines(dir.resolve(CFG))));
        }

        /** The package's .cfg with Monocle appended to the class path and the headless options added. */
        private static String benchConfig(List<String> lines) {
            List<String> javaOptions = new ArrayList<>(headlessOptions());
            javaOptions.add("-Dskywire.log.level=INFO");
            MONOCLE_EXPORTS.forEach(export -> javaOptions.add("--add-exports=" + export + "=ALL-UNNAMED"));
            StringBuilder out = new StringBuilder();
            boolean application = false;
            for (String line : lines) {
                if (line.startsWith("[") && application) {
                    monocle().forEach(jar -> out.append("app.classpath=").append(jar).append('\n'));
                }
                if (line.startsWith("[")) {
                    application = line.equals("[Application]");
                }
                out.append(line).append('\n');
                if (line.equals("[JavaOptions]")) {
                    javaOptions.forEach(option -> out.append("java-options=").append(option).append('\n'));
                }
            }
            return out.toString();
        }

        @Override
        public Process start(boolean cds, String... args) throws IOException {
            String app = INSTALL_DIR.toString();
            StringBuilder script = new StringBuilder();
            if (!dir.equals(INSTALL_DIR)) {
                script.append("mount -t tmpfs tmpfs ").append(INSTALL_DIR.getParent()).append(" && mkdir ").append(app)
                        .append(" && mount --bind \"$0\" ").append(app).append(" && ");
            }
            script.append("mount --bind \"$1\" ").append(app).append('/').append(CFG).append(" && ");
            if (!cds) {
                script.append("mount --bind /dev/null ").append(app).append('/').append(ARCHIVE).append(" && ");
            }
            script.append("shift && exec ").append(app).append("/bin/skywire \"$@\"");
            List<String> command = new ArrayList<>(List.of("unshare", "--mount"));
            if (!"root".equals(System.getProperty("user.name"))) {
                command.add("--map-root-user");
            }
            command.addAll(List.of("sh", "-c", script.toString(), dir.toString(), cfg.toString()));
            command.addAll(List.of(args));
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        }
    }

    /** Headless Monocle and the software renderer, unless this JVM names a platform or there is a display. */
    private static List<String> headlessOptions() {
        List<String> javaOptions = new ArrayList<>();
        for (String property : List.of("glass.platform", "monocle.platform", "prism.order")) {
            String value = System.getProperty(property);
            if (value != null) {
                javaOptions.add("-D" + property + "=" + value);
            }
        }
        if (System.getProperty("glass.platform") == null && System.getenv("DISPLAY") == null) {
            javaOptions.addAll(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                    "-Dprism.order=sw"));
        }
        return javaOptions;
    }

    /** Headless Monocle's jar, from this JVM's class path (the bench profile's). */
    private static List<String> monocle() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.contains("openjfx-monocle")).toList();
    }

    /** The repository's root (with {@code ./skywire} and a built {@code app/target}): here or one level up. */
    private static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(root.resolve("app/target/lib"))) {
            root = root.getParent();
        }
        if (!Files.isDirectory(root.resolve("app/target/lib")) || !Files.isRegularFile(root.resolve("skywire"))
                || !Files.isRegularFile(root.resolve("app/target/skywire-app.jar"))) {
            throw new IllegalStateException("no ./skywire with a built app/target here or one level up: build first");
        }
        return root;
    }

    private static long versionMillis(Launcher launcher, boolean cds) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = launcher.start(cds, "--version");
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("skywire --version failed");
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /**
     * {window shown, window interactive, network ready} in milliseconds after the spawn; with no {@code passwordFile}
     * the unlock dialog waits for a password nobody types, so network ready is -1 and the window is closed once
     * interactive.
     */
    private static long[] windowMillis(Launcher launcher, boolean cds, boolean free, Path dataDir,
                                       Path passwordFile) throws Exception {
        List<String> args = new ArrayList<>(List.of("gui", "--socks-port", "0", "--http-port", "0", "--data-dir",
                dataDir.toString()));
        if (passwordFile != null) {
            args.addAll(List.of("--password-file", passwordFile.toString()));
        }
        if (free) {
            args.add("--free");
        }
        long start = System.nanoTime();
        Process process = launcher.start(cds, args.toArray(new String[0]));
        CompletableFuture<Long> shown = new CompletableFuture<>();
        CompletableFuture<Long> interactive = new CompletableFuture<>();
        CompletableFuture<Long> ready = new CompletableFuture<>();
        CompletableFuture<Long> dialogShown = new CompletableFuture<>();
        java.util.Deque<String> tail = new java.util.concurrent.ConcurrentLinkedDeque<>();
        // Reads every line until the process ends: a window whose output nobody drains blocks on its next log line.
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
                    } else if (line.contains("unlock dialog shown")) {
                        dialogShown.complete(TimeUnit.NANOSECONDS.toMillis(now - start));
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
            try {
                long readyMillis = passwordFile == null ? -1 : ready.get(300, TimeUnit.SECONDS);
                long interactiveMillis = interactive.get(120, TimeUnit.SECONDS);
                if (passwordFile == null) {
                    // Interactive means the dialog's first frame is on the screen too (a password can be typed).
                    interactiveMillis = Math.max(interactiveMillis, dialogShown.get(120, TimeUnit.SECONDS));
                }
                return new long[] {shown.getNow(-1L), interactiveMillis, readyMillis};
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the window was not ready; its last output:\n"
                        + String.join("\n", tail), e);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(10_000);
        }
    }

    /** Waits for the archive the first window writes as its JVM exits. */
    private static void waitFor(Path archive) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.isRegularFile(archive)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the first window wrote no class-data archive at " + archive);
            }
            Thread.sleep(100);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
