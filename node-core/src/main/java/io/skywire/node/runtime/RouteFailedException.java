package io.skywire.node.runtime;

import io.skywire.node.engine.FailureReason;

/** A route could not be set up, or ended under a pending operation, for the reason a hop reported. */
public final class RouteFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient FailureReason reason;

    public RouteFailedException(FailureReason reason) {
        super("route failed: " + reason);
        this.reason = reason;
    }

    /** Why the route failed. */
    public FailureReason reason() {
        return reason;
    }
}
