package io.skywire.node.engine;

/**
 * How a hop keeps its upstream neighbours from overrunning its buffers (docs/PROTOCOL.md 2.2 CREDIT, 2.8 BLOCK).
 * Every node of a network must use the same policy: a credit node waits for CREDIT that a per-sender node never
 * sends, and the other way round each counts the other's frames as a mismatch.
 */
public enum BufferPolicy {
    /**
     * Each route has its own buffer at each hop, and the hop grants its upstream neighbour credit for it
     * (CREDIT frames, one route lookup at the sender per update): the sender never sends what does not fit.
     */
    PER_ROUTE_CREDIT,
    /**
     * Each hop keeps one bounded buffer per upstream neighbour (per link) and tells that neighbour to stop a
     * route (BLOCK) when the route, or the neighbour's buffer as a whole, fills, and to go on (UNBLOCK) once it
     * drained to half; the sender sends freely otherwise, with no credit to look up.
     */
    PER_SENDER_BUFFER
}
