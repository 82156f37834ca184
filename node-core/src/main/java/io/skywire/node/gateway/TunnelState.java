package io.skywire.node.gateway;

/**
 * What the client tells its user about the tunnel, from end-to-end probes rather than from the route's setup alone:
 * the released Skywire's most common complaint was "connected, but no traffic".
 */
public enum TunnelState {
    /** A route to a gateway is being set up, or is up and has not yet answered its first probe. */
    CONNECTING,
    /** The gateway answers probes through the route in good time. */
    CONNECTED,
    /** The gateway answers, but slowly, or some probes went unanswered. */
    DEGRADED,
    /** No working route to any gateway; the reason says why. */
    FAILED,
    /**
     * Off because the user disconnected: no tunnel, and none is sought until the user connects again. The kill
     * switch still decides whether proxied connections are refused or go direct.
     */
    DISCONNECTED
}
