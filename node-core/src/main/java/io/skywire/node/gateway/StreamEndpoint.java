package io.skywire.node.gateway;

import io.skywire.node.stream.ResetReason;

/** Whoever owns one stream of a {@link RouteStreams}; called on the route's event loop. */
interface StreamEndpoint {

    /** A stream this end opened was accepted. */
    void onOpened();

    /** Bytes arrived; report them consumed once they left the node. */
    void onData(byte[] bytes);

    /** The far end half-closed. */
    void onFin();

    /** The stream ended at once (refused, reset, or the route was lost). */
    void onReset(ResetReason reason);

    /** The stream's window or the route's send queue has room again. */
    void onWritable();
}
