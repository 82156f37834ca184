package io.skywire.node.runtime;

import static io.skywire.node.runtime.TestTransfer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.RouteHandle;
import io.skywire.node.group.GroupConfig;
import io.skywire.node.group.GroupCounter;
import io.skywire.node.group.RouteGroup;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route group over real UDP sockets on 127.0.0.1: three routes through three relays, one relay dies
 * mid-transfer, and the destination still reads every byte in order (same SHA-256).
 */
@Timeout(90)
class RouteGroupOverUdpTest {

    private static final int TOTAL = 3 << 20;

    @TempDir
    Path dir;

    /** Drives one end's group on its own thread: route sessions in, frames out with back-pressure. */
    private static final class GroupEnd {
        static final long MAX_UNSENT = 128 * 1024;
        final ExecutorService thread = Executors.newSingleThreadExecutor();
        final RouteGroup group = new RouteGroup(new GroupConfig(4096, 1024, 1 << 20, 4096, false));
        final Map<RouteHandle, RouteSession> sessions = new HashMap<>();
        final Map<RouteHandle, Long> unsent = new HashMap<>();
        final MessageDigest received = sha256();
        final CompletableFuture<byte[]> done = new CompletableFuture<>();
        volatile long receivedBytes;
        long expected = Long.MAX_VALUE;
        /** Tops up the group's send buffer before each flush (the sender's application). */
        Runnable source = () -> { };

        void add(RouteSession session) {
            thread.execute(() -> {
                RouteHandle handle = session.handle();
                sessions.put(handle, session);
                unsent.put(handle, 0L);
                group.addMember(handle);
                session.onReceive(bytes -> thread.execute(() -> {
                    group.receive(handle, bytes);
                    read();
                    flush();
                }));
                session.ended().whenComplete((reason, error) -> thread.execute(() -> {
                    group.memberFailed(handle);
                    flush();
                }));
                flush();
            });
        }

        void read() {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = group.read(buffer, 0, buffer.length)) > 0) {
                received.update(buffer, 0, n);
                receivedBytes += n;
            }
            if (receivedBytes >= expected && !done.isDone()) {
                done.complete(received.digest());
            }
        }

        void flush() {
            source.run();
            group.flush((handle, frame) -> {
                long queued = unsent.get(handle);
                if (queued > MAX_UNSENT) {
                    return false;
                }
                unsent.put(handle, queued + frame.length);
                sessions.get(handle).send(frame).whenComplete((v, error) -> thread.execute(() -> {
                    unsent.merge(handle, (long) -frame.length, Long::sum);
                    if (error == null) {
                        group.writable(handle);
                    }
                    flush();
                }));
                return true;
            });
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGroupOfThreeRoutesLosesNoByteWhenARelayDies() throws Exception {
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
            GroupEnd sender = new GroupEnd();
            GroupEnd receiver = new GroupEnd();
            receiver.expected = TOTAL;
            destination.onIncomingRoute(receiver::add);
            for (NodeRuntime relay : relays) {
                sender.add(await(origin.openRoute(List.of(relay.nodeId(), destination.nodeId()))));
            }
            byte[] data = new byte[TOTAL];
            new SplittableRandom(5).nextBytes(data);
            int[] written = {0};
            sender.source = () -> written[0] += sender.group.write(data, written[0], TOTAL - written[0]);
            sender.thread.execute(sender::flush);
            // The relay of the second route dies once about a third has arrived.
            while (receiver.receivedBytes < TOTAL / 3) {
                Thread.sleep(5);
            }
            relays.get(1).abort();

            byte[] digest = await(receiver.done, Duration.ofSeconds(60));
            assertThat(MessageDigest.isEqual(digest, sha256().digest(data))).isTrue();
            CompletableFuture<Long> resent = CompletableFuture.supplyAsync(
                    () -> sender.group.counters().get(GroupCounter.CHUNKS_RESENT), sender.thread);
            CompletableFuture<Integer> live = CompletableFuture.supplyAsync(sender.group::liveMembers, sender.thread);
            assertThat(await(live)).isEqualTo(2);
            assertThat(await(resent)).isPositive();
            sender.thread.shutdownNow();
            receiver.thread.shutdownNow();
        }
    }
}
