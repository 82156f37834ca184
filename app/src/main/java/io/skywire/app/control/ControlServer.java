package io.skywire.app.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.SecretFile;
import io.skywire.node.service.chat.ChatBook;
import io.skywire.node.service.chat.ChatService;
import io.skywire.node.service.sync.LogEntry;
import io.skywire.node.service.sync.SyncService;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running node's local control channel (docs/CONFIG.md, "Control channel"): HTTP on 127.0.0.1 at an ephemeral
 * port written to {@code DATA_DIR/control.port}, every request carrying the secret of {@code DATA_DIR/control.token}
 * (created once, owner-only, like the node key) as a bearer token, so only a process that can read the data
 * directory can drive the node's services. The JDK's server suffices: a person types these commands.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    public static final String TOKEN_FILE = "control.token";
    public static final String PORT_FILE = "control.port";
    private static final int MAX_BODY = 8_192;

    private final HttpServer server;
    private final Path portFile;

    private ControlServer(HttpServer server, Path portFile) {
        this.server = server;
        this.portFile = portFile;
    }

    /** The token in {@code dataDir}, created on first use. */
    public static byte[] token(Path dataDir) throws IOException {
        SecureRandom random = new SecureRandom();
        return SecretFile.loadOrCreate(dataDir.resolve(TOKEN_FILE), () -> {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            return fresh;
        });
    }

    /** Serves the node's sync and chat services until {@link #close}. */
    public static ControlServer start(Path dataDir, NodeId self, SyncService sync, ChatService chat)
            throws IOException {
        String expected = "Bearer " + HexFormat.of().formatHex(token(dataDir));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        Handlers handlers = new Handlers(self, sync, chat);
        server.createContext("/", exchange -> {
            try (exchange) {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.US_ASCII),
                        expected.getBytes(StandardCharsets.US_ASCII))) {
                    reply(exchange, 401, "missing or wrong token\n");
                    return;
                }
                try {
                    reply(exchange, 200, handlers.handle(exchange));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    reply(exchange, 400, e.getMessage() + "\n");
                } catch (RuntimeException e) {
                    LOG.warn("control request {} failed", exchange.getRequestURI(), e);
                    reply(exchange, 500, "failed: " + e + "\n");
                }
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "skywire-control");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        Path portFile = dataDir.resolve(PORT_FILE);
        Files.writeString(portFile, server.getAddress().getPort() + "\n", StandardCharsets.US_ASCII);
        LOG.info("control channel on 127.0.0.1:{}", server.getAddress().getPort());
        return new ControlServer(server, portFile);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            Files.deleteIfExists(portFile);
        } catch (IOException e) {
            LOG.debug("{} not removed: {}", portFile, e.toString());
        }
    }

    /** The endpoints: one method and path each, parameters in the query, text in the body. */
    private record Handlers(NodeId self, SyncService sync, ChatService chat) {

        String handle(HttpExchange exchange) throws IOException {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            return switch (route) {
                case "POST /sync/follow" -> {
                    NodeId key = key(query, "key");
                    sync.follow(key);
                    yield "following " + key.hex() + "\n";
                }
                case "POST /sync/append" -> {
                    NodeId key = key(query, "key");
                    if (!key.equals(self)) {
                        throw new IllegalArgumentException("this node can append only to its own log, "
                                + self.hex());
                    }
                    LogEntry entry = sync.append(body(exchange, LogEntry.MAX_PAYLOAD));
                    yield "appended " + entry.sequence() + " " + HexFormat.of().formatHex(entry.hash()) + "\n";
                }
                case "GET /sync/show" -> {
                    StringBuilder out = new StringBuilder();
                    for (LogEntry entry : sync.entries(key(query, "key"))) {
                        out.append(entry.sequence()).append(' ').append(HexFormat.of().formatHex(entry.hash()))
                                .append(' ').append(printable(entry.payload())).append('\n');
                    }
                    yield out.toString();
                }
                case "POST /chat/send" -> {
                    long sequence = chat.send(key(query, "to"), new String(body(exchange, 4_000),
                            StandardCharsets.UTF_8));
                    yield "sent " + sequence + "\n";
                }
                case "GET /chat/read" -> read(query.containsKey("peer") ? key(query, "peer") : null);
                default -> throw new IllegalArgumentException("unknown request " + route);
            };
        }

        private String read(NodeId peer) {
            StringBuilder out = new StringBuilder();
            for (ChatBook.Event event : chat.history()) {
                if (event instanceof ChatBook.Sent sent && (peer == null || peer.equals(sent.peer()))) {
                    out.append(line(sent.sentAtMillis(), "to", sent.peer(), sent.sequence(), sent.text()));
                } else if (event instanceof ChatBook.Delivered got && (peer == null || peer.equals(got.peer()))) {
                    out.append(line(got.sentAtMillis(), "from", got.peer(), got.sequence(), got.text()));
                } else if (event instanceof ChatBook.Acked acked && (peer == null || peer.equals(acked.peer()))) {
                    out.append("acked ").append(acked.peer().hex()).append(" up to ").append(acked.sequence())
                            .append('\n');
                }
            }
            return out.toString();
        }

        private static String line(long millis, String direction, NodeId peer, long sequence, String text) {
            return Instant.ofEpochMilli(millis) + " " + direction + " " + peer.hex() + " #" + sequence + " "
                    + text.replace('\n', ' ') + "\n";
        }

        private static String printable(byte[] payload) {
            try {
                String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(payload)).toString();
                return text.chars().allMatch(c -> c >= 0x20 || c == '\t') ? text : "hex:" + HexFormat.of()
                        .formatHex(payload);
            } catch (CharacterCodingException e) {
                return "hex:" + HexFormat.of().formatHex(payload);
            }
        }

        private static NodeId key(Map<String, String> query, String name) {
            String value = query.get(name);
            if (value == null) {
                throw new IllegalArgumentException("missing " + name);
            }
            return NodeId.fromHex(value);
        }

        private static byte[] body(HttpExchange exchange, int max) throws IOException {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readNBytes(max + 1);
                if (bytes.length > max) {
                    throw new IllegalArgumentException("body longer than " + max + " bytes");
                }
                return bytes;
            }
        }

        private static Map<String, String> query(String raw) {
            Map<String, String> out = new HashMap<>();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            return out;
        }
    }

}
