package io.skywire.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * packaged runtime. Skipped where jpackage, fakeroot or dpkg-deb are missing, except in CI, where it must run.
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
        TestnetFixture.requireTools("fakeroot", "dpkg-deb");
        assumeTrue(Files.isRegularFile(ROOT.resolve("app/target/skywire-app.jar")), "app/target is not built");

        Path dest = dir.resolve("packages");
        Result build = run(List.of("bash", ROOT.resolve("installers/build.sh").toString(), "--skip-maven",
                "--types", "deb", "--dest", dest.toString()), 360);
        assertThat(build.exit).as(build.output).isZero();
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
