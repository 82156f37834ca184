package io.skywire.node.runtime;

import io.skywire.node.identity.NodeId;
import java.net.InetSocketAddress;

/** One authenticated link as the engine driver sees it: a place to put sealed datagrams when it has room. */
interface LinkPort {

    /** Whether one more datagram may be handed over now; when false, the port calls the driver's pump later. */
    boolean ready(long now);

    /** Seals and queues one engine datagram; {@link #flush} sends what was queued. */
    void transmit(byte[] datagram);

    /** Sends what {@link #transmit} queued. */
    void flush();

    /** The engine no longer knows this link (dead, replaced or node stopping): release it and redial if static. */
    void detached();

    /** The neighbour's authenticated key. */
    NodeId peer();

    /** The node that sent act one of this link's handshake. */
    NodeId initiator();

    /** For logs: transport and remote address. */
    String describe();

    /** The neighbour's UDP address when the link runs over UDP (where peer exchange travels), else null. */
    default InetSocketAddress udpAddress() {
        return null;
    }
}
