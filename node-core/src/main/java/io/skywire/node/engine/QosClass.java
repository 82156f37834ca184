package io.skywire.node.engine;

/** The two service classes of a route: real-time is always sent before bulk. */
public enum QosClass {
    REAL_TIME,
    BULK
}
