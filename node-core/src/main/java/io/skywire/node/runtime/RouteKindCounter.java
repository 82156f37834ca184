package io.skywire.node.runtime;

/** What became of an incoming route at the {@link RouteDispatcher}. */
public enum RouteKindCounter {
    /** Handed to the handler of its kind. */
    DISPATCHED,
    /** Closed: its first byte is a kind no one on this node serves. */
    UNKNOWN_KIND,
    /** Closed: the handler of its kind threw when it was handed the route. */
    HANDLER_FAILED
}
