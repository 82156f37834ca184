package io.skywire.node.runtime;

/** The socket kinds a link can run over. */
public enum Transport {
    UDP,
    TCP
}
