package io.skywire.node.engine;

import java.util.ArrayDeque;

/**
 * One end of a route that carries link datagrams instead of application payloads: either a virtual link
 * (both ends send and receive) or the return path of a one-way link (its far end sends, its near end
 * receives). Datagrams travel as records in the route's ordered byte stream, so a record may span payloads
 * and a link keeps its own MTU whatever the route's payload size; the route is store-and-forward, so the
 * stream arrives complete and in order, and a record that does not parse means the far end is broken.
 */
final class Carrier {

    /** Record kind of a virtual-link datagram. */
    static final int VIRTUAL = 0x09;
    /** Record kind of a datagram sent back for a one-way link, led by that link's return tag. */
    static final int RETURN = 0x0A;
    /** Length of a one-way link's return tag. */
    static final int TAG_BYTES = 16;
    private static final int LENGTH_BYTES = 2;

    /** What this end does with the route. */
    enum Role {
        /** Sends and accepts {@link #VIRTUAL} records: the route is a link. */
        VIRTUAL_LINK(VIRTUAL, VIRTUAL),
        /** Sends {@link #RETURN} records for a link that cannot send itself; accepts nothing. */
        RETURN_SENDER(RETURN, -1),
        /** Accepts {@link #RETURN} records for one-way links of this node; sends nothing. */
        RETURN_RECEIVER(-1, RETURN);

        final int sends;
        final int accepts;

        Role(int sends, int accepts) {
            this.sends = sends;
            this.accepts = accepts;
        }
    }

    /** Receives each complete record: its header (kind, the tag if any, length) and its datagram. */
    interface RecordSink {
        void record(int kind, byte[] header, byte[] datagram);
    }

    final Route route;
    final Role role;
    /** The link whose datagrams this end sends over the route, or null when it sends none. */
    final LinkState link;
    private final byte[] tag;
    /** Decrypted route payloads waiting to be parsed; the data plane fills it, the engine drains it. */
    final ArrayDeque<byte[]> inbound = new ArrayDeque<>();

    // Sending: the record being written, when it did not fit the last payload.
    private byte[] pending;
    private int pendingAt;

    // Receiving: the header being read, then the datagram being filled.
    private final byte[] header = new byte[1 + TAG_BYTES + LENGTH_BYTES];
    private int headerHave;
    private int headerNeed;
    private byte[] record;
    private int recordHave;

    Carrier(Route route, Role role, LinkState link, byte[] tag) {
        this.route = route;
        this.role = role;
        this.link = link;
        this.tag = tag == null ? null : tag.clone();
    }

    /** Bytes a record adds to a datagram of this end's kind. */
    int recordOverhead() {
        return 1 + (role.sends == RETURN ? TAG_BYTES : 0) + LENGTH_BYTES;
    }

    /** Starts the record for a datagram of {@code length} bytes of {@code datagram}. */
    void startRecord(byte[] datagram, int length) {
        int overhead = recordOverhead();
        byte[] out = new byte[overhead + length];
        out[0] = (byte) role.sends;
        if (tag != null) {
            System.arraycopy(tag, 0, out, 1, TAG_BYTES);
        }
        DatagramCodec.putShort(out, overhead - LENGTH_BYTES, length);
        System.arraycopy(datagram, 0, out, overhead, length);
        pending = out;
        pendingAt = 0;
    }

    boolean hasPending() {
        return pending != null;
    }

    /** Copies as much of the pending record as fits into {@code out} from {@code pos}; returns the new position. */
    int drainPending(byte[] out, int pos) {
        int n = Math.min(pending.length - pendingAt, out.length - pos);
        System.arraycopy(pending, pendingAt, out, pos, n);
        pendingAt += n;
        if (pendingAt == pending.length) {
            pending = null;
        }
        return pos + n;
    }

    /**
     * Parses the next route payload of the stream, handing complete records to {@code sink}; returns false
     * when the stream is malformed (a kind this end does not accept, or an empty record), after which
     * nothing more of it can be trusted.
     */
    boolean read(byte[] bytes, RecordSink sink) {
        int at = 0;
        while (at < bytes.length) {
            if (record == null) {
                if (headerHave == 0) {
                    int kind = bytes[at] & 0xFF;
                    if (kind != role.accepts) {
                        return false;
                    }
                    headerNeed = 1 + (kind == RETURN ? TAG_BYTES : 0) + LENGTH_BYTES;
                }
                int n = Math.min(headerNeed - headerHave, bytes.length - at);
                System.arraycopy(bytes, at, header, headerHave, n);
                headerHave += n;
                at += n;
                if (headerHave == headerNeed) {
                    int length = ((header[headerNeed - 2] & 0xFF) << 8) | (header[headerNeed - 1] & 0xFF);
                    if (length == 0) {
                        return false;
                    }
                    record = new byte[length];
                    recordHave = 0;
                }
            } else {
                int n = Math.min(record.length - recordHave, bytes.length - at);
                System.arraycopy(bytes, at, record, recordHave, n);
                recordHave += n;
                at += n;
                if (recordHave == record.length) {
                    byte[] done = record;
                    record = null;
                    headerHave = 0;
                    sink.record(header[0] & 0xFF, header, done);
                }
            }
        }
        return true;
    }
}
