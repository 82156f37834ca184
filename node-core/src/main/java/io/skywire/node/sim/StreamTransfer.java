package io.skywire.node.sim;

import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.SendResult;

/**
 * A one-way transfer that relies on the route for reliability and order (store-and-forward): the origin
 * writes a patterned stream as fast as back-pressure allows; the destination checks each byte at its
 * position, so loss, duplication, corruption and reordering all show up.
 */
final class StreamTransfer {

    private final SimNode origin;
    private final SimNode destination;
    private final long total;
    private final long seed;
    private final Simulator simulator;
    private RouteHandle route;
    long written;
    long delivered;
    boolean intact = true;
    long completedAt = -1;
    long establishedAt = -1;

    StreamTransfer(Simulator simulator, SimNode origin, SimNode destination, long totalBytes, long seed) {
        this.simulator = simulator;
        this.origin = origin;
        this.destination = destination;
        this.total = totalBytes;
        this.seed = seed;
    }

    void start(RouteHandle handle) {
        this.route = handle;
        origin.onEvent(this::onOriginEvent);
        destination.onEvent(this::onDestinationEvent);
    }

    boolean complete() {
        return completedAt >= 0;
    }

    private void onOriginEvent(NodeEvent event) {
        if (event instanceof NodeEvent.RouteEstablished established && established.route().equals(route)) {
            establishedAt = simulator.now();
            pump();
        } else if (event instanceof NodeEvent.Writable writable && writable.route().equals(route)) {
            pump();
        }
    }

    private void pump() {
        int chunk = origin.engine().maxPayload(route);
        while (written < total) {
            int length = (int) Math.min(chunk, total - written);
            byte[] payload = new byte[length];
            TransferPattern.fill(payload, 0, length, written, seed);
            if (origin.send(route, payload) != SendResult.ACCEPTED) {
                return;
            }
            written += length;
        }
    }

    private void onDestinationEvent(NodeEvent event) {
        if (event instanceof NodeEvent.Delivered delivery) {
            byte[] payload = delivery.payload();
            if (!TransferPattern.matches(payload, 0, payload.length, delivered, seed)) {
                intact = false;
            }
            delivered += payload.length;
            if (delivered >= total && completedAt < 0) {
                completedAt = simulator.now();
            }
        }
    }
}
