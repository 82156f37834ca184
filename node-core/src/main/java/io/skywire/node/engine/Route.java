package io.skywire.node.engine;

/** One route's state at this node: its role, parameters, legs towards each neighbour and end-to-end keys. */
final class Route {

    enum Role { ORIGIN, TRANSIT, DESTINATION }

    final RouteHandle handle;
    final Role role;
    final QosClass qos;
    final ForwardingMode mode;
    final int bufferBytes;
    /** Leg towards the origin; null at the origin. */
    RouteLeg up;
    /** Leg towards the destination; null at the destination. */
    RouteLeg down;
    /** Ends only: key for what this end sends, key for what it receives, and the confirmation proof. */
    byte[] sendKey;
    byte[] receiveKey;
    byte[] expectedProof;
    long sendCounter;
    boolean established;
    boolean closed;
    boolean blocked;
    long lastActivity;
    long lastSent;
    long setupDeadline;
    long bytesForwarded;
    long bytesSent;
    long bytesReceived;
    long meteredTotal;
    /** Set while this end carries link datagrams (a virtual link or a return route) instead of application payloads. */
    Carrier carrier;
    /** Transit hops of a paid route: price, payment key and allowance; null otherwise. */
    RoutePayment payment;
    /** Origin of a paid route: each hop's payment key (null where unpaid) and its next seal counter. */
    byte[][] hopPaymentKeys;
    long[] hopPaymentCounters;
    /** Ends: sealed payload bytes accepted by send and delivered, what the origin pays the hops for. */
    long sealedSent;
    long sealedReceived;

    Route(RouteHandle handle, Role role, QosClass qos, ForwardingMode mode, int bufferBytes, long now) {
        this.handle = handle;
        this.role = role;
        this.qos = qos;
        this.mode = mode;
        this.bufferBytes = bufferBytes;
        this.lastActivity = now;
        this.lastSent = now;
    }

    boolean cutThrough() {
        return mode == ForwardingMode.CUT_THROUGH;
    }

    RouteLeg other(RouteLeg leg) {
        return leg == up ? down : up;
    }

    /** The leg an end sends its own payloads on. */
    RouteLeg endLeg() {
        return role == Role.ORIGIN ? down : up;
    }
}
