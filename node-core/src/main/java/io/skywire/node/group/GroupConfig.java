package io.skywire.node.group;

/**
 * Tunables of one end of a route group.
 *
 * @param chunkBytes          stream bytes per DATA frame; a frame ({@link GroupCodec#DATA_OVERHEAD} more) must fit
 *                            in one payload of every member route
 * @param receiveWindowChunks chunks this end holds at most, out of order or unread, and advertises to the sender
 *                            (at least {@link #INITIAL_WINDOW_CHUNKS})
 * @param sendBufferBytes     bytes {@link RouteGroup#write} accepts ahead of the chunks in flight
 * @param maxInFlightChunks   unacknowledged chunks this end keeps for resending, whatever the peer's window
 * @param erasure             send one XOR parity chunk per stripe of (live members - 1) data chunks, each on its
 *                            own member, so the loss of any one member loses nothing
 */
public record GroupConfig(int chunkBytes, int receiveWindowChunks, int sendBufferBytes, int maxInFlightChunks,
                          boolean erasure) {

    /** The window every sender may use before the first ACK, so neither end waits a round trip to start. */
    public static final int INITIAL_WINDOW_CHUNKS = 64;
    /** Stripes being handed out at once; one member may run this far ahead of the slowest. */
    static final int MAX_OPEN_STRIPES = 64;

    public GroupConfig {
        if (chunkBytes < 1 || chunkBytes > GroupCodec.MAX_CHUNK) {
            throw new IllegalArgumentException("chunkBytes must be 1.." + GroupCodec.MAX_CHUNK);
        }
        if (receiveWindowChunks < INITIAL_WINDOW_CHUNKS || receiveWindowChunks > 1 << 20) {
            throw new IllegalArgumentException("receiveWindowChunks must be " + INITIAL_WINDOW_CHUNKS + "..2^20");
        }
        if (sendBufferBytes < chunkBytes || maxInFlightChunks < INITIAL_WINDOW_CHUNKS) {
            throw new IllegalArgumentException("send buffer below one chunk or in-flight limit below the initial window");
        }
    }

    /** Chunks that fill a member payload of {@code maxPayload} bytes, a 1,024-chunk window, a 1 MiB send buffer. */
    public static GroupConfig forPayload(int maxPayload, boolean erasure) {
        int chunk = Math.min(GroupCodec.MAX_CHUNK, maxPayload - GroupCodec.CHUNK_FRAME_OVERHEAD);
        return new GroupConfig(chunk, 1024, 1 << 20, 4096, erasure);
    }
}
