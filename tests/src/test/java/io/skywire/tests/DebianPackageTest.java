package io.skywire.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the .deb with {@code installers/build.sh} (jpackage, from the app jars the reactor just built, with the JDK
 * that runs the tests), checks its metadata, unpacks it with {@code dpkg-deb -x} and runs the unpacked launcher:
 * {@code skywire --version} and {@code skywire selftest}, which fetches a file through a test network in the
 * packaged runtime. Then the class-data archive the build made for {@code /opt/skywire}: the unpacked app, seen at
 * {@code /opt/skywire} in a private mount namespace ({@code unshare}, as root or through a user namespace), loads the
 * app's classes from it, and still starts once it is removed. Skipped where jpackage, fakeroot, dpkg-deb or unshare
 * are missing, except in CI, where it must run.
 */
class DebianPackageTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @TempDir
    Path dir;

    @Test
    void debBuildsUnpacksAndRunsTheCliAndTheSelfTest() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the .deb is built on Linux");
        boolean jpackage = Files.isExecutable(JAVA_HOME.resolve("bin/jpackage"));
        if (System.getenv("CI") != null) {
            assertThat(jpackage).as("jpackage in " + JAVA_HOME + " (a full JDK; .ci/run installs one)").isTrue();
        }
        assumeTrue(jpackage, "jpackage is missing from " + JAVA_HOME);
        TestnetFixture.requireTools("fakeroot", "dpkg-deb", "unshare");
        assumeTrue(Files.isRegularFile(ROOT.resolve("app/target/skywire-app.jar")), "app/target is not built");

        Path dest = dir.resolve("packages");
        List<String> buildCommand = new ArrayList<>(List.of("bash", ROOT.resolve("installers/build.sh").toString(),
                "--skip-maven", "--types", "deb", "--dest", dest.toString()));
        // The training window's headless Monocle: the one on this test's class path (else build.sh asks Maven).
        Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.contains("openjfx-monocle")).findFirst()
                .ifPresent(monocle -> buildCommand.addAll(List.of("--monocle", monocle)));
        Result build = run(buildCommand, 480);
        assertThat(build.exit).as(build.output).isZero();
        assertThat(build.output).contains("build.sh: class-data archive lib/app/skywire.jsa");
        Path deb;
        try (Stream<Path> files = Files.list(dest)) {
            deb = files.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst().orElseThrow();
        }
        assertThat(deb.getFileName().toString()).matches("skywire_\\d+\\.\\d+\\.\\d+-1_amd64\\.deb");

        Result info = run(List.of("dpkg-deb", "-I", deb.toString()), 30);
        assertThat(info.exit).isZero();
        assertThat(info.output).contains("Package: skywire").contains("Section: net").contains("Maintainer: ")
                .containsPattern("Depends: .*\\blibgtk-3-0\\b");

        Path root = dir.resolve("root");
        assertThat(run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), 60).exit).isZero();
        Path app = root.resolve("opt/skywire");
        // The icon rendered from installers/common/skywire.svg: white centre node, transparent corner.
        BufferedImage icon = ImageIO.read(app.resolve("lib/skywire.png").toFile());
        assertThat(icon.getWidth()).isEqualTo(512);
        assertThat(icon.getHeight()).isEqualTo(512);
        assertThat(icon.getRGB(288, 272)).isEqualTo(0xffffffff);
        assertThat(icon.getRGB(0, 0) >>> 24).isZero();
        assertThat(Files.readString(app.resolve("lib/skywire-skywire.desktop")))
                .contains("Exec=/opt/skywire/bin/skywire").contains("Categories=Network;");
        // The runtime is trimmed: JavaFX linked in from the module path, no compiler, no jlink, no headers.
        String release = Files.readString(app.resolve("lib/runtime/release"));
        assertThat(release).contains("javafx.graphics").contains("javafx.controls").doesNotContain("jdk.compiler")
                .doesNotContain("jdk.jlink");
        assertThat(app.resolve("lib/runtime/include")).doesNotExist();
        assertThat(app.resolve("lib/runtime/man")).doesNotExist();
        assertThat(release).contains("JAVA_VERSION=\"" + System.getProperty("java.version") + "\"");

        String launcher = app.resolve("bin/skywire").toString();
        Result version = run(List.of(launcher, "--version"), 60);
        assertThat(version.exit).as(version.output).isZero();
        assertThat(version.output).containsPattern("skywire \\d+\\.\\d+\\.\\d+")
                .contains("Java " + System.getProperty("java.version"));

        Result selftest = run(List.of(launcher, "selftest"), 150);
        assertThat(selftest.exit).as(selftest.output).isZero();
        assertThat(selftest.output).contains("ok java: " + System.getProperty("java.version"))
                .contains("at " + app.resolve("lib/runtime"))
                .contains("ok javafx: module javafx.graphics")
                .containsPattern("ok tunnel: 262144 bytes through \\d+ nodes via SOCKS5 .* matches");

        // The class-data archive, made for /opt/skywire, and the options that map it (or ignore it, where it cannot).
        Path archive = app.resolve("lib/app/skywire.jsa");
        assertThat(Files.size(archive)).isGreaterThan(10L << 20);
        assertThat(Files.readString(app.resolve("lib/app/skywire.cfg")))
                .contains("java-options=-XX:SharedArchiveFile=$APPDIR/skywire.jsa")
                .contains("java-options=-Xshare:auto");
        Result mapped = runAsInstalled(app, "--version");
        assertThat(mapped.exit).as(mapped.output).isZero();
        assertThat(mapped.output).containsPattern("skywire \\d+\\.\\d+\\.\\d+")
                .containsPattern("io\\.skywire\\.app\\.Main source: shared objects file")
                .containsPattern("picocli\\.CommandLine source: shared objects file");
        Files.delete(archive);
        Result without = runAsInstalled(app, "--version");
        assertThat(without.exit).as(without.output).isZero();
        assertThat(without.output).containsPattern("skywire \\d+\\.\\d+\\.\\d+")
                .contains("io.skywire.app.Main source: file:").doesNotContain("source: shared objects file");
    }

    /**
     * Runs the unpacked app as the installed one: seen at /opt/skywire in a private mount namespace (a tmpfs over
     * /opt there, so nothing outside changes), with the JVM logging where each class came from.
     */
    private Result runAsInstalled(Path app, String argument) throws IOException, InterruptedException {
        List<String> unshare = new ArrayList<>(List.of("unshare", "--mount"));
        if (!"root".equals(System.getProperty("user.name"))) {
            unshare.add("--map-root-user");
        }
        unshare.addAll(List.of("sh", "-c", "mount -t tmpfs tmpfs /opt && mkdir /opt/skywire"
                + " && mount --bind \"$0\" /opt/skywire && JAVA_TOOL_OPTIONS=-Xlog:class+load=info"
                + " exec /opt/skywire/bin/skywire \"$1\"", app.toString(), argument));
        return run(unshare, 60);
    }

    private record Result(int exit, String output) {
    }

    /** Runs a command with stdout and stderr merged; a command that outlives its bound is killed and fails. */
    private Result run(List<String> command, long seconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", JAVA_HOME.toString());
        // dpkg-deb's default xz of 140 MB takes a minute on a busy 2-core machine; this test checks the contents, not
        // the size (README's figure is from build.sh's defaults), so gzip at level 1 will do.
        env.put("DPKG_DEB_COMPRESSOR_TYPE", "gzip");
        env.put("DPKG_DEB_COMPRESSOR_LEVEL", "1");
        Path log = Files.createTempFile(dir, "out", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " took more than " + seconds + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
