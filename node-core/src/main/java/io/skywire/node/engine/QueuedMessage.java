package io.skywire.node.engine;

/** One route payload waiting for, or in flight on, a link; it holds buffer bytes until the next hop has it. */
final class QueuedMessage {

    final RouteLeg leg;
    /** The leg it arrived on at a transit hop, whose credit it consumes; null at the route's end. */
    final RouteLeg source;
    final byte[] payload;
    final long offset;

    QueuedMessage(RouteLeg leg, RouteLeg source, byte[] payload, long offset) {
        this.leg = leg;
        this.source = source;
        this.payload = payload;
        this.offset = offset;
    }
}
