package io.skywire.node.group;

import io.skywire.node.engine.RouteHandle;

/** Where a route group's frames go: the driver's send on one member route, answering whether it took them. */
@FunctionalInterface
public interface MemberSink {

    /** Sends {@code frame} on {@code member}; false is back-pressure (the route's buffer is full). */
    boolean offer(RouteHandle member, byte[] frame);
}
