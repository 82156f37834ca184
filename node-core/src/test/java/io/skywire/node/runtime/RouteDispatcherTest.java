package io.skywire.node.runtime;

import static io.skywire.node.runtime.TestTransfer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One dispatcher per node over loopback UDP: routes of two kinds reach their own handlers with every byte from the
 * first, a route of a kind no one serves is closed and counted, a kind cannot be taken twice, and a closed
 * registration stops serving its kind.
 */
@Timeout(60)
class RouteDispatcherTest {

    @TempDir
    Path dir;

    /** Collects a route's bytes, in order, until {@code expected} arrived. */
    private static CompletableFuture<byte[]> collect(RouteSession session, int expected) {
        CompletableFuture<byte[]> all = new CompletableFuture<>();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        session.onReceive(bytes -> {
            got.writeBytes(bytes);
            if (got.size() >= expected) {
                all.complete(got.toByteArray());
            }
        });
        return all;
    }

    private static byte[] bytesOfKind(int kind, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        bytes[0] = (byte) kind;
        return bytes;
    }

    @Test
    void routesGoToTheHandlerOfTheirKindAndUnknownKindsAreRefusedAndCounted() throws Exception {
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            List<NodeRuntime> chain = nodes.udpChain(2, UdpFaults.NONE, NodeConfig.DEFAULT_UDP_RATE);
            NodeRuntime a = chain.get(0);
            NodeRuntime b = chain.get(1);
            byte[] service = bytesOfKind(0x11, 200_000);
            byte[] tunnel = bytesOfKind(0x12, 3);
            CompletableFuture<byte[]> services = new CompletableFuture<>();
            CompletableFuture<byte[]> tunnels = new CompletableFuture<>();
            b.serveRouteKind(0x11, session -> collect(session, service.length).thenAccept(services::complete));
            RouteDispatcher.Registration tunnelKind = b.serveRouteKind(0x12,
                    session -> collect(session, tunnel.length).thenAccept(tunnels::complete));

            RouteSession toService = await(a.openRoute(List.of(b.nodeId())));
            RouteSession toTunnel = await(a.openRoute(List.of(b.nodeId())));
            toService.send(service); // many payloads: the first is read for the kind, then handed over with the rest
            toTunnel.send(tunnel);
            assertThat(await(services)).isEqualTo(service);
            assertThat(await(tunnels)).isEqualTo(tunnel);

            RouteSession unknown = await(a.openRoute(List.of(b.nodeId())));
            unknown.send(bytesOfKind(0x42, 10));
            await(unknown.ended());

            tunnelKind.close();
            assertThat(b.routeKinds().serves(0x12)).isFalse();
            RouteSession noLonger = await(a.openRoute(List.of(b.nodeId())));
            noLonger.send(bytesOfKind(0x12, 10));
            await(noLonger.ended());

            assertThat(b.routeKinds().counters()).containsEntry(RouteKindCounter.DISPATCHED, 2L)
                    .containsEntry(RouteKindCounter.UNKNOWN_KIND, 2L)
                    .containsEntry(RouteKindCounter.HANDLER_FAILED, 0L);
        }
    }

    @Test
    void aKindHasOneOwnerAndAListenerForAllRoutesDoesNotMixWithKinds() throws Exception {
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            NodeRuntime node = nodes.udpChain(1, UdpFaults.NONE, NodeConfig.DEFAULT_UDP_RATE).get(0);
            RouteDispatcher.Registration first = node.serveRouteKind(0x11, session -> { });
            assertThatThrownBy(() -> node.serveRouteKind(0x11, session -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("0x11");
            assertThatThrownBy(() -> node.onIncomingRoute(session -> { }))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> node.serveRouteKind(256, session -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
            first.close();
            node.serveRouteKind(0x11, session -> { }).close(); // free again
            node.onIncomingRoute(session -> { });
            assertThatThrownBy(() -> node.serveRouteKind(0x12, session -> { }))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aHandlerThatThrowsCostsItsRouteOnlyAndIsCounted() throws Exception {
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            List<NodeRuntime> chain = nodes.udpChain(2, UdpFaults.NONE, NodeConfig.DEFAULT_UDP_RATE);
            NodeRuntime a = chain.get(0);
            NodeRuntime b = chain.get(1);
            b.serveRouteKind(0x13, session -> {
                throw new IllegalStateException("broken handler");
            });
            RouteSession route = await(a.openRoute(List.of(b.nodeId())));
            route.send(bytesOfKind(0x13, 5));
            await(route.ended());
            assertThat(b.routeKinds().counters()).containsEntry(RouteKindCounter.HANDLER_FAILED, 1L);
            assertThat(b.counters()).as("the node's loop still answers").isNotNull();
        }
    }
}
