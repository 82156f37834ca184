package io.skywire.node.engine;

/** How hops treat a route's messages: buffered and resent per hop, or forwarded at once and never resent. */
public enum ForwardingMode {
    STORE_AND_FORWARD,
    CUT_THROUGH
}
