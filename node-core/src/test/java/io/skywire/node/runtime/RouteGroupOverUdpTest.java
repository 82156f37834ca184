package io.skywire.node.runtime;

import static io.skywire.node.runtime.TestTransfer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.group.GroupConfig;
import io.skywire.node.group.GroupCounter;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route group over real UDP sockets on 127.0.0.1, driven by {@link RouteGroupSession} at both ends: three
 * routes through three relays, one relay dies mid-transfer, and the destination still reads every byte in order
 * (same SHA-256).
 */
@Timeout(90)
class RouteGroupOverUdpTest {

    private static final int TOTAL = 3 << 20;
    private static final GroupConfig CONFIG = new GroupConfig(4096, 1024, 1 << 20, 4096, false);

    @TempDir
    Path dir;

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGroupOfThreeRoutesLosesNoByteWhenARelayDies() throws Exception {
        ScheduledExecutorService senderLoop = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService receiverLoop = Executors.newSingleThreadScheduledExecutor();
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            NodeRuntime destination = nodes.start(NodeConfig.udp(RuntimeNodes.LOOPBACK_ANY, nodes.newDataDir()));
            List<NodeRuntime> relays = new ArrayList<>();
            List<PeerConfig> originPeers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                NodeRuntime relay = nodes.start(NodeConfig.udp(RuntimeNodes.LOOPBACK_ANY, nodes.newDataDir())
                        .withPeers(List.of(new PeerConfig(destination.nodeId(), Transport.UDP,
                                destination.boundAddresses().udp()))));
                relays.add(relay);
                originPeers.add(new PeerConfig(relay.nodeId(), Transport.UDP, relay.boundAddresses().udp()));
            }
            NodeRuntime origin = nodes.start(NodeConfig.udp(RuntimeNodes.LOOPBACK_ANY, nodes.newDataDir())
                    .withPeers(originPeers));
            for (NodeRuntime relay : relays) {
                await(origin.linkUp(relay.nodeId()));
                await(relay.linkUp(destination.nodeId()));
            }
            RouteGroupSession sender = new RouteGroupSession(CONFIG, senderLoop, 10_000);
            RouteGroupSession receiver = new RouteGroupSession(CONFIG, receiverLoop, 10_000);
            LinkedBlockingQueue<RouteSession> arrived = new LinkedBlockingQueue<>();
            destination.onIncomingRoute(arrived::add);
            // One route at a time, so both ends tag each member with the same number.
            for (int tag = 0; tag < relays.size(); tag++) {
                RouteSession route = await(origin.openRoute(List.of(relays.get(tag).nodeId(), destination.nodeId())));
                RouteSession incoming = arrived.poll(10, TimeUnit.SECONDS);
                assertThat(incoming).isNotNull();
                int t = tag;
                await(CompletableFuture.runAsync(() -> sender.addMember(route, t), senderLoop));
                await(CompletableFuture.runAsync(() -> receiver.addMember(incoming, t), receiverLoop));
            }
            MessageDigest received = sha256();
            long[] receivedBytes = {0};
            CompletableFuture<byte[]> done = new CompletableFuture<>();
            receiver.onReceive(bytes -> {
                received.update(bytes);
                receivedBytes[0] += bytes.length;
                if (receivedBytes[0] >= TOTAL) {
                    done.complete(received.digest());
                }
            });
            byte[] data = new byte[TOTAL];
            new SplittableRandom(5).nextBytes(data);
            // Writes of 64 KiB, each after the previous one was taken: the future is the back-pressure.
            CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);
            for (int offset = 0; offset < TOTAL; offset += 65536) {
                byte[] piece = java.util.Arrays.copyOfRange(data, offset, Math.min(TOTAL, offset + 65536));
                writing = writing.thenCompose(v -> sender.send(piece));
            }
            // The relay of the second route dies once about a third has arrived.
            while (await(CompletableFuture.supplyAsync(() -> receivedBytes[0], receiverLoop)) < TOTAL / 3) {
                Thread.sleep(5);
            }
            relays.get(1).abort();

            byte[] digest = await(done, Duration.ofSeconds(60));
            assertThat(MessageDigest.isEqual(digest, sha256().digest(data))).isTrue();
            await(writing);
            CompletableFuture<Long> resent = CompletableFuture.supplyAsync(
                    () -> sender.counters().get(GroupCounter.CHUNKS_RESENT), senderLoop);
            // The chunks the dead member held are resent over the others as soon as they are missed, but the member
            // itself is lost only when its route ends (its first link declared dead), which can come after the last
            // byte on a fast run: wait for it, within the link's dead time and more.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int live = await(CompletableFuture.supplyAsync(sender::liveMembers, senderLoop));
            while (live != 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                live = await(CompletableFuture.supplyAsync(sender::liveMembers, senderLoop));
            }
            assertThat(live).as("members alive after one relay died").isEqualTo(2);
            assertThat(await(resent)).isPositive();
        } finally {
            senderLoop.shutdownNow();
            receiverLoop.shutdownNow();
        }
    }
}
