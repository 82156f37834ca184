package io.skywire.app.cli;

import com.sun.net.httpserver.HttpServer;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.node.gateway.LocalTestNetwork;
import io.skywire.node.gateway.ProxySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code skywire selftest}: checks, without a display and without the internet, that an installed copy works. It is
 * what the installer test runs from an unpacked .deb, so a package whose runtime lacks a module, a native library or
 * a resource fails here and not on a user's desktop. It runs a small free test network in this process, fetches a file
 * from a local HTTP server through the network's SOCKS5 proxy and compares the bytes, and checks that the JavaFX
 * modules and the desktop screens' resources are present in this runtime.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Check this installation without a display or the internet: a free test network in this",
            "process, a file fetched through its SOCKS5 proxy from a local server (bytes compared), the crypto",
            "library in use, and the JavaFX modules and screens the desktop window needs. One line per check;",
            "exit 0 when all pass, 1 (with the reason) when one fails."})
final class SelftestCommand implements Callable<Integer> {

    /** The screens the desktop window loads; a package that lost ui-resources would fail here. */
    static final String[] SCREENS = {"/io/skywire/ui/main.fxml", "/io/skywire/ui/dashboard.fxml"};

    /** The JavaFX classes the desktop window needs, one per module it uses. */
    static final String[] JAVAFX_CLASSES = {"javafx.application.Platform", "javafx.scene.control.Button",
        "javafx.fxml.FXMLLoader", "javafx.beans.property.SimpleStringProperty"};

    @Spec
    private CommandSpec spec;

    @Option(names = "--bytes", defaultValue = "262144",
            description = "Size of the file fetched through the tunnel (default ${DEFAULT-VALUE}).")
    private int bytes;

    @Option(names = "--timeout-seconds", defaultValue = "90",
            description = "How long the fetch may take, tunnel setup included (default ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (bytes < 1 || timeoutSeconds < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--bytes and --timeout-seconds must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("ok java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + ") at " + System.getProperty("java.home"));
        out.println("ok secp256k1: " + Secp256k1Provider.get().name());
        out.println("ok javafx: " + checkJavaFx());
        out.flush();
        out.println("ok tunnel: " + fetchThroughTestNetwork());
        out.flush();
        return 0;
    }

    /** Loads one class of each JavaFX module and the screens' FXML; says where JavaFX came from. */
    private static String checkJavaFx() {
        Class<?> platform = null;
        for (String name : JAVAFX_CLASSES) {
            try {
                Class<?> loaded = Class.forName(name, false, SelftestCommand.class.getClassLoader());
                platform = platform == null ? loaded : platform;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new CommandFailedException("javafx: class " + name + " is missing (" + e + ")");
            }
        }
        for (String screen : SCREENS) {
            if (SelftestCommand.class.getResource(screen) == null) {
                throw new CommandFailedException("javafx: screen " + screen + " is missing");
            }
        }
        Module module = platform.getModule();
        return module.isNamed() ? "module " + module.getName() + " " + module.getDescriptor().rawVersion().orElse("")
                : "on the class path";
    }

    /** Starts a free six-node test network and an HTTP server on loopback, fetches through SOCKS5, compares. */
    private String fetchThroughTestNetwork() throws Exception {
        byte[] file = new byte[bytes];
        new SplittableRandom(bytes).nextBytes(file);
        HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/file", exchange -> {
            exchange.sendResponseHeaders(200, file.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(file);
            }
        });
        origin.start();
        Path dataRoot = Files.createTempDirectory("skywire-selftest");
        long started = System.nanoTime();
        try (LocalTestNetwork network = LocalTestNetwork.start(dataRoot, LocalTestNetwork.minimumNodes(1), 1,
                ProxySettings.loopback(0, 0), 0, 1)) {
            URI uri = URI.create("http://127.0.0.1:" + origin.getAddress().getPort() + "/file");
            Proxy socks = new Proxy(Proxy.Type.SOCKS, network.proxy().socksAddress());
            long deadline = started + timeoutSeconds * 1_000_000_000L;
            IOException last = null;
            while (System.nanoTime() < deadline) {
                try {
                    byte[] got = fetch(uri, socks);
                    if (!Arrays.equals(got, file)) {
                        throw new CommandFailedException("tunnel: fetched " + got.length + " bytes that differ from the "
                                + file.length + " served");
                    }
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    return file.length + " bytes through " + network.nodeCount() + " nodes via SOCKS5 "
                            + network.proxy().socksAddress() + ", sha256 " + sha256(got).substring(0, 16) + " matches, "
                            + millis + " ms with setup";
                } catch (IOException e) {
                    last = e; // the kill switch refuses requests until the tunnel is up
                    Thread.sleep(250);
                }
            }
            throw new CommandFailedException("tunnel: no intact fetch within " + timeoutSeconds + " s (last: " + last
                    + "; tunnel " + network.proxy().status() + ")");
        } finally {
            origin.stop(0);
            TestnetCommand.deleteTree(dataRoot);
        }
    }

    private static byte[] fetch(URI uri, Proxy socks) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(socks);
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(10_000);
        try (InputStream in = connection.getInputStream()) {
            if (connection.getResponseCode() != 200) {
                throw new IOException("HTTP " + connection.getResponseCode());
            }
            return in.readAllBytes();
        } finally {
            connection.disconnect();
        }
    }

    private static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
