package io.skywire.tests.bench;

import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.PeerConfig;
import io.skywire.node.runtime.RouteSession;
import io.skywire.node.runtime.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One Skywire transit hop on loopback: origin, transit and destination nodes, each with its own event loop, UDP
 * links with the link encryption, and a route origin → transit → destination carrying messages as fast as the
 * route's back-pressure allows. The transit node decrypts, looks up the route, buffers (store-and-forward),
 * acknowledges and re-encrypts every datagram.
 */
final class SkywireTransitHop implements AutoCloseable {

    private static final InetSocketAddress LOOPBACK_ANY = new InetSocketAddress("127.0.0.1", 0);
    /** Pacing off in effect: loopback is the only limit. */
    private static final long UNPACED_BYTES_PER_SECOND = 10_000_000_000L;
    /** Messages the origin keeps queued at once; enough to keep the route's credit window full. */
    private static final int OUTSTANDING_MESSAGES = 4096;

    private final Path dataRoot;
    private final List<NodeRuntime> nodes = new ArrayList<>();
    private volatile boolean sending;

    SkywireTransitHop() throws IOException {
        dataRoot = Files.createTempDirectory("skywire-transit-bench");
    }

    TransitResult run(int messageBytes, long warmupMillis, long measureMillis) throws Exception {
        NodeRuntime destination = start(null, "destination");
        NodeRuntime transit = start(destination, "transit");
        NodeRuntime origin = start(transit, "origin");
        origin.linkUp(transit.nodeId()).get(30, TimeUnit.SECONDS);
        transit.linkUp(destination.nodeId()).get(30, TimeUnit.SECONDS);

        AtomicLong received = new AtomicLong();
        CompletableFuture<RouteSession> incoming = new CompletableFuture<>();
        destination.onIncomingRoute(incoming::complete);
        RouteSession route = origin.openRoute(List.of(transit.nodeId(), destination.nodeId()))
                .get(30, TimeUnit.SECONDS);
        incoming.get(30, TimeUnit.SECONDS).onReceive(bytes -> received.addAndGet(bytes.length));

        Semaphore window = new Semaphore(OUTSTANDING_MESSAGES);
        byte[] message = new byte[messageBytes];
        sending = true;
        Thread sender = new Thread(() -> {
            while (sending) {
                try {
                    window.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                route.send(message).whenComplete((ok, failure) -> window.release());
            }
        }, "transit-bench-sender");
        sender.start();
        Thread.sleep(warmupMillis);
        long before = received.get();
        long start = System.nanoTime();
        Thread.sleep(measureMillis);
        long bytes = received.get() - before;
        long elapsed = System.nanoTime() - start;
        sending = false;
        sender.interrupt();
        sender.join(5_000);
        return TransitResult.of("Skywire transit hop (UDP, link encryption, store-and-forward)", messageBytes,
                bytes, elapsed);
    }

    private NodeRuntime start(NodeRuntime next, String name) throws Exception {
        NodeConfig config = NodeConfig.udp(LOOPBACK_ANY, dataRoot.resolve(name)).withUdpRate(UNPACED_BYTES_PER_SECOND);
        if (next != null) {
            config = config.withPeers(List.of(new PeerConfig(next.nodeId(), Transport.UDP, next.boundAddresses().udp())));
        }
        NodeRuntime runtime = NodeRuntime.start(config);
        nodes.add(runtime);
        return runtime;
    }

    @Override
    public void close() throws IOException {
        sending = false;
        for (NodeRuntime node : nodes) {
            node.stop();
        }
        try (Stream<Path> files = Files.walk(dataRoot)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
