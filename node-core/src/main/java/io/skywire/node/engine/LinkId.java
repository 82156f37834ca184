package io.skywire.node.engine;

/** A driver-chosen name for one link (a neighbour connection) of a node. */
public record LinkId(int value) {
}
