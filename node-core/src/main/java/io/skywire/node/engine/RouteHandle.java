package io.skywire.node.engine;

/** A node-local name for one route, stable for the route's life; never sent on the wire. */
public record RouteHandle(long value) {
}
