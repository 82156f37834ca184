package io.skywire.node.runtime;

/**
 * The UDP datagram layout (docs/PROTOCOL.md, "Links over UDP and TCP"): one kind byte, then one
 * handshake act or one transport frame. Acts and frames cannot be told apart by length or first byte,
 * and a restarted neighbour's act one must not be mistaken for a frame of the link it replaces.
 */
final class UdpWire {

    static final int ACT_ONE = 0x01;
    static final int ACT_TWO = 0x02;
    static final int ACT_THREE = 0x03;
    static final int FRAME = 0x10;
    /** A DHT message (docs/PROTOCOL.md 4), unauthenticated: records inside are signed. */
    static final int DHT = 0x20;
    /** A peer-exchange message (docs/PROTOCOL.md 5.3). */
    static final int PEX = 0x21;

    static final int ACT_ONE_BYTES = 50;
    static final int ACT_TWO_BYTES = 50;
    static final int ACT_THREE_BYTES = 66;
    /** Transport frame overhead: 9-byte header, 1-byte plaintext type, 16-byte tag. */
    static final int FRAME_OVERHEAD = 26;
    /** The largest UDP payload a node reads; anything longer is truncated by the allocator and refused. */
    static final int MAX_DATAGRAM = 2048;

    private UdpWire() {
    }
}
