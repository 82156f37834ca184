package io.skywire.node.runtime;

/** What a node's UDP driver counts, refused input included. */
public enum UdpCounter {
    /** Datagrams read from the socket (before injected receive loss). */
    DATAGRAMS_RECEIVED,
    /** Datagrams written to the socket. */
    DATAGRAMS_SENT,
    /** Discovery datagrams (DHT and peer exchange, kinds 0x20 and 0x21), handed to discovery, which counts further. */
    DISCOVERY_DATAGRAMS,
    /** Datagrams from an address without a link that were not a valid handshake act. */
    UNAUTHENTICATED_DROPPED,
    /** Datagrams from a linked address with an unknown kind or a wrong length. */
    MALFORMED_DROPPED,
    /** Handshake acts that failed to authenticate. */
    HANDSHAKES_FAILED,
    /** Act ones refused because too many handshakes were pending. */
    HANDSHAKES_BUSY,
    /** Acts sent again because the answer did not come (UDP loses them). */
    ACTS_RETRANSMITTED,
    /** Links whose handshake completed. */
    LINKS_ESTABLISHED,
    /** Transport frames refused by the link cipher (replayed, too old, forged, unknown epoch...). */
    FRAMES_REJECTED,
    /** Datagrams the fault shim dropped on send. */
    FAULT_DROPPED_SEND,
    /** Datagrams the fault shim dropped on receive. */
    FAULT_DROPPED_RECEIVE
}
