package io.skywire.node.sim;

import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.engine.SendResult;
import java.util.HashMap;
import java.util.Map;

/**
 * Many routes from one origin to one destination, each carrying its own patterned stream: the stream of
 * route i is i (4 bytes, big-endian) followed by {@code bytesPerRoute} bytes of route i's pattern, so the
 * destination, which cannot tell its incoming routes apart, learns which transfer each one carries and
 * checks every byte at its position, that each transfer arrives on exactly one route, and none twice.
 */
final class ManyRoutesTransfer {

    private final SimNode origin;
    private final SimNode destination;
    private final int routes;
    private final long bytesPerRoute;
    private final long seed;
    private final Map<RouteHandle, Sender> senders = new HashMap<>();
    private final Map<RouteHandle, Receiver> receivers = new HashMap<>();
    private final int[] claims;
    int established;
    int failed;
    int complete;
    long delivered;
    boolean intact = true;

    /** The sending state of route {@code index}. */
    private static final class Sender {
        final int index;
        long written;

        Sender(int index) {
            this.index = index;
        }
    }

    /** The receiving state of one incoming route. */
    private static final class Receiver {
        final IndexedStream.Header header = new IndexedStream.Header();
        long delivered;
    }

    ManyRoutesTransfer(SimNode origin, SimNode destination, int routes, long bytesPerRoute, long seed) {
        this.origin = origin;
        this.destination = destination;
        this.routes = routes;
        this.bytesPerRoute = bytesPerRoute;
        this.seed = seed;
        this.claims = new int[routes];
    }

    /** Takes over both nodes' events and opens every route along {@code spec}. */
    void open(RouteSpec spec) {
        origin.onEvent(this::onOriginEvent);
        destination.onEvent(this::onDestinationEvent);
        for (int i = 0; i < routes; i++) {
            senders.put(origin.openRoute(spec), new Sender(i));
        }
    }

    boolean complete() {
        return complete == routes;
    }

    /** The fewest bytes any transfer delivered (0 for one that never arrived). */
    long minDelivered() {
        long[] perTransfer = deliveredPerTransfer();
        long min = Long.MAX_VALUE;
        for (long bytes : perTransfer) {
            min = Math.min(min, bytes);
        }
        return min;
    }

    /** The most bytes any transfer delivered. */
    long maxDelivered() {
        long max = 0;
        for (long bytes : deliveredPerTransfer()) {
            max = Math.max(max, bytes);
        }
        return max;
    }

    private long[] deliveredPerTransfer() {
        long[] perTransfer = new long[routes];
        for (Receiver receiver : receivers.values()) {
            if (receiver.header.index >= 0) {
                perTransfer[receiver.header.index] += receiver.delivered;
            }
        }
        return perTransfer;
    }

    /** Whether every transfer arrived whole, intact and on exactly one route. */
    boolean exactlyOnce() {
        for (int claim : claims) {
            if (claim != 1) {
                return false;
            }
        }
        return intact && complete() && delivered == routes * bytesPerRoute;
    }

    private void onOriginEvent(NodeEvent event) {
        if (event instanceof NodeEvent.RouteEstablished e && senders.containsKey(e.route())) {
            established++;
            pump(e.route());
        } else if (event instanceof NodeEvent.Writable w && senders.containsKey(w.route())) {
            pump(w.route());
        } else if (event instanceof NodeEvent.RouteFailed f && senders.containsKey(f.route())) {
            failed++;
        }
    }

    private void pump(RouteHandle route) {
        Sender sender = senders.get(route);
        long total = IndexedStream.HEADER + bytesPerRoute;
        int chunk = origin.engine().maxPayload(route);
        while (sender.written < total) {
            int length = (int) Math.min(chunk, total - sender.written);
            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++) {
                payload[i] = IndexedStream.at(sender.index, sender.written + i, seed);
            }
            if (origin.send(route, payload) != SendResult.ACCEPTED) {
                return;
            }
            sender.written += length;
        }
    }

    private void onDestinationEvent(NodeEvent event) {
        if (event instanceof NodeEvent.RouteIncoming incoming) {
            receivers.put(incoming.route(), new Receiver());
        } else if (event instanceof NodeEvent.Delivered delivery) {
            Receiver receiver = receivers.get(delivery.route());
            if (receiver == null) {
                intact = false;
                return;
            }
            receive(receiver, delivery.payload());
        }
    }

    private void receive(Receiver receiver, byte[] payload) {
        int at = receiver.header.body(payload, claims);
        if (at < 0) {
            intact &= !receiver.header.invalid;
            return;
        }
        int index = receiver.header.index;
        int length = payload.length - at;
        if (receiver.delivered + length > bytesPerRoute
                || !TransferPattern.matches(payload, at, length, receiver.delivered, seed + index)) {
            intact = false;
        }
        boolean wasComplete = receiver.delivered >= bytesPerRoute;
        receiver.delivered += length;
        delivered += length;
        if (!wasComplete && receiver.delivered >= bytesPerRoute) {
            complete++;
        }
    }
}
