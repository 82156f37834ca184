package io.skywire.node.sim;

import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.engine.SendResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Saturating traffic on many routes from several origins to several destinations: each route sends an endless
 * patterned stream, led by its index (4 bytes), as fast as its origin's engine takes it, and each destination
 * checks every byte at its position and counts what every route delivered. {@link #snapshot} marks the start of
 * a measuring window, {@link #deliveredSinceSnapshot} what each route delivered within it.
 */
final class HubTraffic {

    /** One route of the experiment, from {@code origin} to {@code destination}. */
    record Flow(int index, SimNode origin, SimNode destination) {
    }

    private final long seed;
    private final List<Flow> flows = new ArrayList<>();
    /** Route handles are numbered per engine, so both maps are per node. */
    private final Map<SimNode, Map<RouteHandle, Sender>> senders = new HashMap<>();
    private final Map<SimNode, Map<RouteHandle, Receiver>> receivers = new HashMap<>();
    private final long[] delivered;
    private final long[] atSnapshot;
    private long messages;
    private long messagesAtSnapshot;
    private final int[] claims;
    private int established;
    private int failed;
    private boolean intact = true;

    private static final class Sender {
        final int index;
        final SimNode origin;
        long written;

        Sender(int index, SimNode origin) {
            this.index = index;
            this.origin = origin;
        }
    }

    private static final class Receiver {
        final IndexedStream.Header header = new IndexedStream.Header();
        long body;
    }

    HubTraffic(List<Flow> flows, long seed) {
        this.seed = seed;
        this.flows.addAll(flows);
        this.delivered = new long[flows.size()];
        this.atSnapshot = new long[flows.size()];
        this.claims = new int[flows.size()];
    }

    /** Takes over every origin's and destination's events and opens each flow's route as {@code spec} says. */
    void open(Function<Flow, RouteSpec> spec) {
        for (Flow flow : flows) {
            SimNode origin = flow.origin();
            senders.computeIfAbsent(origin, o -> new HashMap<>());
            origin.onEvent(event -> onOriginEvent(senders.get(origin), event));
            SimNode destination = flow.destination();
            receivers.computeIfAbsent(destination, d -> new HashMap<>());
            destination.onEvent(event -> onDestinationEvent(destination, event));
        }
        for (Flow flow : flows) {
            RouteHandle route = flow.origin().openRoute(spec.apply(flow));
            senders.get(flow.origin()).put(route, new Sender(flow.index(), flow.origin()));
        }
    }

    int established() {
        return established;
    }

    int failed() {
        return failed;
    }

    /** Whether every byte arrived at its position, and every route's stream on exactly one route so far. */
    boolean intact() {
        for (int claim : claims) {
            if (claim > 1) {
                return false;
            }
        }
        return intact;
    }

    void snapshot() {
        System.arraycopy(delivered, 0, atSnapshot, 0, delivered.length);
        messagesAtSnapshot = messages;
    }

    /** Payloads delivered to the destinations since the snapshot. */
    long messagesSinceSnapshot() {
        return messages - messagesAtSnapshot;
    }

    long[] deliveredSinceSnapshot() {
        long[] since = new long[delivered.length];
        for (int i = 0; i < since.length; i++) {
            since[i] = delivered[i] - atSnapshot[i];
        }
        return since;
    }

    private void onOriginEvent(Map<RouteHandle, Sender> mine, NodeEvent event) {
        if (event instanceof NodeEvent.RouteEstablished e && mine.containsKey(e.route())) {
            established++;
            pump(e.route(), mine.get(e.route()));
        } else if (event instanceof NodeEvent.Writable w && mine.containsKey(w.route())) {
            pump(w.route(), mine.get(w.route()));
        } else if (event instanceof NodeEvent.RouteFailed f && mine.containsKey(f.route())) {
            failed++;
        }
    }

    private void pump(RouteHandle route, Sender sender) {
        int chunk = sender.origin.engine().maxPayload(route);
        while (true) {
            byte[] payload = new byte[chunk];
            for (int i = 0; i < chunk; i++) {
                payload[i] = IndexedStream.at(sender.index, sender.written + i, seed);
            }
            if (sender.origin.send(route, payload) != SendResult.ACCEPTED) {
                return;
            }
            sender.written += chunk;
        }
    }

    private void onDestinationEvent(SimNode destination, NodeEvent event) {
        Map<RouteHandle, Receiver> mine = receivers.get(destination);
        if (event instanceof NodeEvent.RouteIncoming incoming) {
            mine.put(incoming.route(), new Receiver());
        } else if (event instanceof NodeEvent.Delivered delivery) {
            Receiver receiver = mine.get(delivery.route());
            if (receiver == null) {
                intact = false;
                return;
            }
            messages++;
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
        if (!TransferPattern.matches(payload, at, length, receiver.body, seed + index)) {
            intact = false;
        }
        receiver.body += length;
        delivered[index] += length;
    }
}
