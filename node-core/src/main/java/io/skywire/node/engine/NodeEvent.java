package io.skywire.node.engine;

/** What the engine tells its driver and application; pulled with {@link NodeEngine#pollEvent}. */
public sealed interface NodeEvent {

    /** An origin's route was confirmed by its destination. */
    record RouteEstablished(RouteHandle route) implements NodeEvent {
    }

    /** A route ended before or after it was established, with the reason reported by the failing hop. */
    record RouteFailed(RouteHandle route, FailureReason reason) implements NodeEvent {
    }

    /** A route was set up to this node as its destination. */
    record RouteIncoming(RouteHandle route) implements NodeEvent {
    }

    /** A payload arrived at an end of a route, decrypted and in order (store-and-forward) or as it came. */
    record Delivered(RouteHandle route, byte[] payload) implements NodeEvent {
    }

    /** A route blocked by back-pressure can accept payloads again. */
    record Writable(RouteHandle route) implements NodeEvent {
    }

    /** A route ended normally (teardown by either end or expiry). */
    record RouteClosed(RouteHandle route, FailureReason reason) implements NodeEvent {
    }

    /** A link stopped acknowledging; its routes were failed. */
    record LinkDown(LinkId link) implements NodeEvent {
    }

    /**
     * Cumulative traffic of one route at this node: bytes forwarded (transit), bytes sent and received
     * (ends), counted when the next node acknowledged them or when they were delivered.
     */
    record Metering(RouteHandle route, long bytesForwarded, long bytesSent, long bytesReceived) implements NodeEvent {
    }
}
