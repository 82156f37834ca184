package io.skywire.node.discovery.lan;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.NodeRecordCodec;
import io.skywire.node.discovery.RecordException;
import java.util.Arrays;

/**
 * The one datagram of LAN discovery (docs/PROTOCOL.md 5.2): a 4-byte magic, a version byte, then the sender's
 * signed node record. The magic keeps stray traffic on the group's port from reaching the record decoder.
 */
public final class LanAnnouncement {

    /** ASCII "SKYL". */
    static final byte[] MAGIC = {0x53, 0x4b, 0x59, 0x4c};
    static final int VERSION = 1;
    static final int HEADER_BYTES = MAGIC.length + 1;

    private LanAnnouncement() {
    }

    /** The announcement carrying {@code record}. */
    public static byte[] encode(NodeRecord record) {
        byte[] body = record.encoded();
        byte[] out = new byte[HEADER_BYTES + body.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[MAGIC.length] = VERSION;
        System.arraycopy(body, 0, out, HEADER_BYTES, body.length);
        return out;
    }

    /**
     * Reads an announcement; checks the layout and the record's fields, not its signature or expiry.
     *
     * @throws LanDecodeException with the reason when it is not an announcement of this version
     * @throws RecordException    when the record inside does not decode
     */
    public static NodeRecord decode(byte[] datagram) throws LanDecodeException, RecordException {
        if (datagram.length < HEADER_BYTES || !Arrays.equals(datagram, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new LanDecodeException(LanCounter.NOT_AN_ANNOUNCEMENT);
        }
        if ((datagram[MAGIC.length] & 0xff) != VERSION) {
            throw new LanDecodeException(LanCounter.BAD_VERSION);
        }
        return NodeRecordCodec.decode(Arrays.copyOfRange(datagram, HEADER_BYTES, datagram.length));
    }
}
