package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeKeyFile;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.RouteKindCounter;
import io.skywire.node.service.PathFinder;
import io.skywire.node.service.ServiceCounter;
import io.skywire.node.service.ServiceHost;
import io.skywire.node.service.chat.ChatBook;
import io.skywire.node.service.chat.ChatService;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway that also runs services (client, relay, gateway on loopback UDP): while a proxy stream through the
 * gateway is half way through a download, the client and the gateway chat both ways, then the download finishes
 * intact. The node's one route dispatcher hands stream routes to the exit and service routes to the host.
 */
@Timeout(120)
class GatewayWithServicesTest {

    /** A liveness bound for a loaded machine, not a timing claim. */
    private static final long LIVENESS_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void aGatewayServesAProxyStreamAndChatAtTheSameTime() throws Exception {
        byte[] file = new byte[1 << 20];
        new Random(7).nextBytes(file);
        CountDownLatch halfSent = new CountDownLatch(1);
        CountDownLatch chatted = new CountDownLatch(1);
        HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/file", exchange -> {
            exchange.sendResponseHeaders(200, file.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(file, 0, file.length / 2);
                body.flush();
                halfSent.countDown();
                chatted.await(LIVENESS_SECONDS, TimeUnit.SECONDS); // the stream stays open while the chat runs
                body.write(file, file.length / 2, file.length - file.length / 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        origin.start();
        try (GatewayChain chain = new GatewayChain(dir, 3, ExitPolicy.publicOnly().allowingPrivateDestinations(),
                ProxySettings.loopback(0, 0))) {
            NodeRuntime client = chain.nodes.get(0);
            NodeRuntime relay = chain.nodes.get(1);
            NodeRuntime gateway = chain.nodes.get(2);
            ServiceHost clientHost = ServiceHost.start(client, NodeKeyFile.loadOrCreate(dir.resolve("node-0")),
                    peer -> CompletableFuture.completedFuture(List.of(relay.nodeId(), peer)),
                    ServiceHost.Settings.defaults());
            ServiceHost gatewayHost = ServiceHost.start(gateway, NodeKeyFile.loadOrCreate(dir.resolve("node-2")),
                    peer -> CompletableFuture.completedFuture(List.of(relay.nodeId(), peer)),
                    ServiceHost.Settings.defaults());
            try (clientHost; gatewayHost) {
                ChatService clientChat = chat(clientHost, dir.resolve("chat-client"));
                ChatService gatewayChat = chat(gatewayHost, dir.resolve("chat-gateway"));

                CompletableFuture<byte[]> download = CompletableFuture.supplyAsync(() -> fetch(
                        chain.proxy.socksAddress(), origin.getAddress().getPort()));
                assertThat(halfSent.await(LIVENESS_SECONDS, TimeUnit.SECONDS)).as("half the file sent").isTrue();

                // The client speaks first and the gateway answers once it has accepted the client's service route:
                // a host answers over a route its peer opened, so had the gateway's route reached the client first
                // (a slow fsync of the client's chat is enough), no service route would ever arrive at the gateway.
                clientChat.send(gateway.nodeId(), "hello from the client");
                eventually("the gateway accepted the client's service route", () ->
                        gatewayHost.counters().get(ServiceCounter.ROUTES_ACCEPTED) > 0);
                gatewayChat.send(client.nodeId(), "hello from the gateway");
                eventually("both messages delivered and acknowledged", () ->
                        delivered(clientChat, gateway.nodeId()).equals(List.of("hello from the gateway"))
                        && delivered(gatewayChat, client.nodeId()).equals(List.of("hello from the client"))
                        && clientChat.unacknowledged(gateway.nodeId()) == 0
                        && gatewayChat.unacknowledged(client.nodeId()) == 0);
                assertThat(download).as("the download waits for the chat").isNotDone();
                chatted.countDown();

                assertThat(download.get(LIVENESS_SECONDS, TimeUnit.SECONDS)).isEqualTo(file);
                assertThat(chain.exit.counters().get(ExitCounter.SINGLE_ROUTES)).isPositive();
                assertThat(gatewayHost.counters().get(ServiceCounter.ROUTES_ACCEPTED)).isPositive();
                assertThat(gatewayHost.counters().get(ServiceCounter.OPENS_REFUSED)).isZero();
                assertThat(gateway.routeKinds().counters().get(RouteKindCounter.DISPATCHED)).isGreaterThanOrEqualTo(2);
                assertThat(gateway.routeKinds().counters().get(RouteKindCounter.UNKNOWN_KIND)).isZero();
            }
        } finally {
            chatted.countDown();
            origin.stop(0);
        }
    }

    private static ChatService chat(ServiceHost host, Path history) {
        ChatService chat = new ChatService(List.of(), history, ChatService.DEFAULT_HISTORY_BYTES);
        host.register(chat);
        return chat;
    }

    private static List<String> delivered(ChatService chat, NodeId from) {
        return chat.history().stream().filter(e -> e instanceof ChatBook.Delivered d && d.peer().equals(from))
                .map(e -> ((ChatBook.Delivered) e).text()).toList();
    }

    private static byte[] fetch(InetSocketAddress proxy, int originPort) {
        try (Socket socket = ProxyEndToEndTest.socks(proxy,
                ProxyEndToEndTest.connectRequest("localhost", originPort))) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(LIVENESS_SECONDS));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            in.readFully(new byte[2]);
            byte[] reply = new byte[10];
            in.readFully(reply);
            if (reply[1] != 0) {
                throw new IllegalStateException("SOCKS reply " + reply[1]);
            }
            return ProxyEndToEndTest.httpGet(socket, in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVENESS_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + LIVENESS_SECONDS + " s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
