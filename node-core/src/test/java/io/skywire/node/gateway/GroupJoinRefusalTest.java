package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.PeerConfig;
import io.skywire.node.runtime.RouteSession;
import io.skywire.node.runtime.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken joins at a real gateway (loopback UDP): garbage, impossible member indices, too many members,
 * members of groups that never start, repeated members, late members and one group too many are each refused
 * (the route closed) and counted, and the gateway goes on serving a proper route group and a single route.
 */
@Timeout(120)
class GroupJoinRefusalTest {

    private static final long WINDOW_MILLIS = 2_000;

    @TempDir
    Path dir;
    private final List<NodeRuntime> nodes = new ArrayList<>();
    private EventLoopGroup loops;
    private ExitService exit;

    @AfterEach
    void stop() {
        if (exit != null) {
            exit.close();
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).stop();
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private NodeRuntime start(String name, NodeRuntime... peers) throws Exception {
        NodeConfig config = NodeConfig.udp(new InetSocketAddress("127.0.0.1", 0), dir.resolve(name)).withPeers(
                java.util.Arrays.stream(peers).map(p -> new PeerConfig(p.nodeId(), Transport.UDP,
                        p.boundAddresses().udp())).toList());
        NodeRuntime node = NodeRuntime.start(config);
        nodes.add(node);
        for (NodeRuntime peer : peers) {
            node.linkUp(peer.nodeId()).get(10, TimeUnit.SECONDS);
        }
        return node;
    }

    private static GroupJoin.GroupId id(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new GroupJoin.GroupId(random.nextLong(), random.nextLong());
    }

    /** Opens a route, sends {@code first} on it and waits for the gateway to close it. */
    private static void refused(NodeRuntime client, List<NodeId> path, byte[] first) throws Exception {
        RouteSession route = client.openRoute(path).get(10, TimeUnit.SECONDS);
        route.send(first);
        route.ended().get(30, TimeUnit.SECONDS);
    }

    private void awaitCounter(ExitCounter counter, long value) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (exit.counters().get(counter) < value && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(exit.counters().get(counter)).as(counter.name()).isEqualTo(value);
    }

    private static int ping(GatewayTunnel tunnel, EventLoop loop) throws Exception {
        CompletableFuture<Integer> pong = new CompletableFuture<>();
        loop.execute(() -> {
            tunnel.onPong((id, length) -> pong.complete(length));
            tunnel.ping(new byte[64]);
        });
        return pong.get(30, TimeUnit.SECONDS);
    }

    @Test
    void hostileJoinsAreRefusedAndCountedWhileGroupsAndSingleRoutesAreServed() throws Exception {
        NodeRuntime gateway = start("gateway");
        NodeRuntime relayA = start("relay-a", gateway);
        NodeRuntime relayB = start("relay-b", gateway);
        NodeRuntime client = start("client", relayA, relayB);
        exit = ExitService.start(gateway, new GatewayOffer(1_000_000, 100, "test",
                ExitPolicy.publicOnly().allowingPrivateDestinations(), 3_000),
                new GroupJoins.Limits(3, 2, 1, WINDOW_MILLIS));
        loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoop loop = loops.next();
        List<NodeId> viaA = List.of(relayA.nodeId(), gateway.nodeId());

        // Garbage: the join type with an unknown version, then a join whose member index is not below its count.
        byte[] badVersion = new byte[GroupJoin.BYTES];
        badVersion[0] = GroupJoin.TYPE;
        badVersion[1] = 9;
        refused(client, viaA, badVersion);
        byte[] badIndex = new GroupJoin(id(1), 1, 2).encode();
        badIndex[18] = 2;
        refused(client, viaA, badIndex);
        awaitCounter(ExitCounter.JOINS_MALFORMED, 2);

        refused(client, viaA, new GroupJoin(id(2), 0, 4).encode());
        awaitCounter(ExitCounter.JOINS_TOO_MANY_MEMBERS, 1);

        // Member 1 of a group whose member 0 never comes waits out the window; a second finds the parking full.
        RouteSession orphan = client.openRoute(viaA).get(10, TimeUnit.SECONDS);
        orphan.send(new GroupJoin(id(3), 1, 2).encode());
        Thread.sleep(200);
        refused(client, viaA, new GroupJoin(id(4), 1, 2).encode());
        orphan.ended().get(30, TimeUnit.SECONDS);
        awaitCounter(ExitCounter.JOINS_UNKNOWN_GROUP, 2);

        // A hostile group: member 0 twice, then member 1 after the window.
        RouteSession hostile = client.openRoute(viaA).get(10, TimeUnit.SECONDS);
        hostile.send(new GroupJoin(id(5), 0, 2).encode());
        refused(client, viaA, new GroupJoin(id(5), 0, 2).encode());
        awaitCounter(ExitCounter.JOINS_DUPLICATE, 1);
        Thread.sleep(WINDOW_MILLIS + 500);
        refused(client, viaA, new GroupJoin(id(5), 1, 2).encode());
        awaitCounter(ExitCounter.JOINS_TOO_LATE, 1);

        // A proper group over two disjoint paths is served beside it.
        GatewayCandidate candidate = GatewayCandidate.overPaths(List.of(viaA,
                List.of(relayB.nodeId(), gateway.nodeId())), 1_000_000, 0, "test");
        TunnelRoutes.Opened opened = TunnelRoutes.open(client, RouteOpener.UNPAID, candidate, loop, 10)
                .get(20, TimeUnit.SECONDS);
        assertThat(opened.routes()).isEqualTo(2);
        GatewayTunnel tunnel = new GatewayTunnel(opened.pipe(), loop);
        assertThat(ping(tunnel, loop)).isEqualTo(64);
        awaitCounter(ExitCounter.GROUPS, 2);

        // Both group places are taken (the hostile one and the proper one).
        refused(client, viaA, new GroupJoin(id(6), 0, 2).encode());
        awaitCounter(ExitCounter.JOINS_TOO_MANY_GROUPS, 1);

        // A route without a join still carries streams on its own.
        RouteSession single = client.openRoute(viaA).get(10, TimeUnit.SECONDS);
        GatewayTunnel plain = new GatewayTunnel(TunnelPipe.of(single), loop);
        assertThat(ping(plain, loop)).isEqualTo(64);
        assertThat(exit.counters().get(ExitCounter.SINGLE_ROUTES)).isEqualTo(1);
        assertThat(ping(tunnel, loop)).isEqualTo(64);
        assertThat(exit.counters().get(ExitCounter.MEMBERS_JOINED)).isEqualTo(3);
        assertThat(hostile.ended()).isNotDone();
        loop.execute(tunnel::close);
        loop.execute(plain::close);
    }
}
