package io.skywire.app.cli;

import io.skywire.app.control.ControlServer;
import io.skywire.node.runtime.NodeConfigException;
import io.skywire.node.runtime.NodeConfigParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import picocli.CommandLine.Option;

/**
 * Talks to a running {@code skywire node} over its control channel: the port and token files in the node's data
 * directory (docs/CONFIG.md, "Control channel"). A mixin: every command that needs the node takes {@code --config}.
 */
final class ControlClient {

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "The running node's config file (its data.dir holds the control channel's port and token).")
    private Path configFile;

    private Path dataDir() throws IOException {
        try {
            return NodeConfigParser.parse(configFile).dataDirectory();
        } catch (NodeConfigException e) {
            throw new IOException(configFile + ": " + e.getMessage(), e);
        }
    }

    /** Sends one request; returns the answer's text, or throws with the node's reason. */
    String call(String method, String path, String query, byte[] body) throws IOException, InterruptedException {
        Path dir = dataDir();
        Path portFile = dir.resolve(ControlServer.PORT_FILE);
        if (!Files.exists(portFile)) {
            throw new CommandFailedException("no running node with services: " + portFile + " is missing "
                    + "(start it with 'skywire node --config " + configFile + "')");
        }
        int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).strip());
        String token = HexFormat.of().formatHex(ControlServer.token(dir));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path
                        + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new CommandFailedException("the node's control channel on 127.0.0.1:" + port
                    + " does not answer; is 'skywire node' running?");
        }
        if (response.statusCode() != 200) {
            throw new CommandFailedException("the node refused: " + response.body().strip());
        }
        return response.body();
    }

    /** {@link #call}, with the answer printed to the command's stdout; returns the exit code, 0. */
    int print(picocli.CommandLine.Model.CommandSpec spec, String method, String path, String query, byte[] body)
            throws IOException, InterruptedException {
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.print(call(method, path, query, body));
        out.flush();
        return 0;
    }

    static String param(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
