package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real tunnel (client, two relays, gateway on loopback UDP): a file fetched through SOCKS5 and HTTP CONNECT
 * arrives intact; malformed SOCKS input gets its RFC reply or a timeout while others keep being served; half-close
 * passes through.
 */
public class ProxyEndToEndTest {

    @TempDir
    static Path dir;
    private static GatewayChain chain;
    private static HttpServer origin;
    private static final byte[] FILE = new byte[1 << 20];

    @BeforeAll
    static void start() throws Exception {
        new Random(1).nextBytes(FILE);
        origin = fileOrigin(FILE);
        chain = new GatewayChain(dir, 4, ExitPolicy.publicOnly().allowingPrivateDestinations(),
                ProxySettings.loopback(0, 0).withHandshakeTimeoutMillis(500));
    }

    @AfterAll
    static void stop() {
        chain.close();
        origin.stop(0);
    }

    /** A started HTTP server on 127.0.0.1 that answers {@code GET /file} with {@code file}. */
    public static HttpServer fileOrigin(byte[] file) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/file", exchange -> {
            exchange.sendResponseHeaders(200, file.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(file);
            }
        });
        server.start();
        return server;
    }

    static Socket socks(InetSocketAddress proxy, byte[] request) throws IOException {
        Socket socket = new Socket(proxy.getAddress(), proxy.getPort());
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(new byte[] {5, 1, 0});
        out.write(request);
        out.flush();
        return socket;
    }

    static byte[] connectRequest(String host, int port) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[7 + name.length];
        request[0] = 5;
        request[1] = 1;
        request[3] = 3;
        request[4] = (byte) name.length;
        System.arraycopy(name, 0, request, 5, name.length);
        request[5 + name.length] = (byte) (port >> 8);
        request[6 + name.length] = (byte) port;
        return request;
    }

    static byte[] fetchThroughSocks(InetSocketAddress proxy, int originPort) throws Exception {
        try (Socket socket = socks(proxy, connectRequest("localhost", originPort))) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] method = new byte[2];
            in.readFully(method);
            byte[] reply = new byte[10];
            in.readFully(reply);
            assertThat(reply[1]).as("SOCKS reply code").isEqualTo((byte) 0);
            return httpGet(socket, in);
        }
    }

    static byte[] httpGet(Socket socket, InputStream in) throws IOException {
        socket.getOutputStream().write("GET /file HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.shutdownOutput();
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int body = text.indexOf("\r\n\r\n") + 4;
        return java.util.Arrays.copyOfRange(all, body, all.length);
    }

    @Test
    void aFileFetchedThroughSocksAndHalfCloseArrivesIntact() throws Exception {
        byte[] body = fetchThroughSocks(chain.proxy.socksAddress(), origin.getAddress().getPort());
        assertThat(MessageDigest.getInstance("SHA-256").digest(body))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(FILE));
    }

    @Test
    void aFileFetchedThroughHttpConnectArrivesIntact() throws Exception {
        InetSocketAddress proxy = chain.proxy.httpAddress();
        try (Socket socket = new Socket(proxy.getAddress(), proxy.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("CONNECT 127.0.0.1:" + origin.getAddress().getPort()
                    + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] status = new byte["HTTP/1.1 200 Connection established\r\n\r\n".length()];
            new DataInputStream(in).readFully(status);
            assertThat(new String(status, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            assertThat(httpGet(socket, in)).isEqualTo(FILE);
        }
    }

    @Test
    void malformedClientsGetTheirReplyOrTimeOutWhileOthersAreServed() throws Exception {
        InetSocketAddress proxy = chain.proxy.socksAddress();
        try (Socket bind = socks(proxy, new byte[] {5, 2, 0, 1, 127, 0, 0, 1, 0, 80});
             Socket wrongVersion = new Socket(proxy.getAddress(), proxy.getPort());
             Socket silent = new Socket(proxy.getAddress(), proxy.getPort());
             Socket truncated = socks(proxy, new byte[] {5, 1, 0, 3, (byte) 255, 'a', 'b'});
             Socket badType = socks(proxy, new byte[] {5, 1, 0, 9, 1, 2})) {
            wrongVersion.getOutputStream().write(new byte[] {4, 1, 0, 80, 127, 0, 0, 1, 0});
            for (Socket socket : List.of(bind, wrongVersion, silent, truncated, badType)) {
                socket.setSoTimeout(5_000);
            }
            assertThat(bind.getInputStream().readAllBytes()).containsExactly(5, 0, 5, 7, 0, 1, 0, 0, 0, 0, 0, 0);
            assertThat(badType.getInputStream().readAllBytes()).containsExactly(5, 0, 5, 8, 0, 1, 0, 0, 0, 0, 0, 0);
            assertThat(wrongVersion.getInputStream().readAllBytes()).isEmpty();
            assertThat(silent.getInputStream().readAllBytes()).as("closed after the handshake timeout").isEmpty();
            assertThat(truncated.getInputStream().readAllBytes()).containsExactly(5, 0);
            assertThat(fetchThroughSocks(proxy, origin.getAddress().getPort())).isEqualTo(FILE);
        }
    }
}
