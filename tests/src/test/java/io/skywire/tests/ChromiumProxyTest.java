package io.skywire.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser through the tunnel: Debian's headless Chromium, with the test network's SOCKS5 proxy, loads a page
 * from a local server. Chromium normally skips the proxy for localhost and resolves names itself; the flags below
 * remove the loopback bypass and make every lookup but the proxy's own address fail, so the page can only arrive
 * through the proxy (the gateway resolves the name). A second run against a closed proxy port shows that nothing
 * arrives without it.
 */
class ChromiumProxyTest {

    private static final String MARKER = "skywire-page-through-the-tunnel";

    @TempDir
    Path dir;

    private String loadPage(String proxy, String url, String profile) throws Exception {
        Path dom = dir.resolve(profile + ".html");
        Process chromium = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--user-data-dir=" + dir.resolve(profile),
                "--proxy-server=socks5://" + proxy, "--proxy-bypass-list=<-loopback>",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--dump-dom", url)
                .redirectOutput(dom.toFile()).redirectError(dir.resolve(profile + ".log").toFile()).start();
        if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s; see " + dir.resolve(profile + ".log"));
        }
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    @Test
    void headlessChromiumLoadsAPageThroughTheTunnel() throws Exception {
        TestnetFixture.requireTools("python3", "chromium");
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"),
                "<!doctype html><html><head><title>t</title></head><body><p id=\"m\">" + MARKER + "</p></body></html>");
        try (TestnetFixture fixture = new TestnetFixture(dir)) {
            int httpPort = fixture.startOrigin(www);
            String proxy = fixture.startTestnet(0);
            String url = "http://localhost:" + httpPort + "/index.html";

            assertThat(loadPage(proxy, url, "through-tunnel")).contains(MARKER);

            String closedProxy = "127.0.0.1:" + TestnetFixture.freePort();
            assertThat(loadPage(closedProxy, url, "closed-proxy")).doesNotContain(MARKER);

            List<String> served = Files.readAllLines(dir.resolve("origin.log"));
            assertThat(served).anyMatch(line -> line.contains("GET /index.html") && line.contains(" 200 "));
            fixture.stopTestnetGracefully();
        }
    }
}
