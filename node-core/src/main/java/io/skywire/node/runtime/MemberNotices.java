package io.skywire.node.runtime;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Splits one member route's incoming bytes into route group frames (passed on untouched, in order) and the
 * driver's own notices between them (docs/PROTOCOL.md 6.6): today one, MEMBER_LOST {@code 0x20}, by which an end
 * tells the other that a member route died, so the other closes its end at once instead of waiting for its own
 * hops to notice. Every frame has the group's 3-byte header (type, body length BE), so the split needs no more of
 * the group's format. Sans-I/O; one instance per member.
 */
public final class MemberNotices {

    /** The notice type: not a group frame type (0x01..0x03). */
    public static final int MEMBER_LOST = 0x20;
    static final int HEADER = 3;

    private final Consumer<byte[]> groupBytes;
    private final IntConsumer memberLost;
    private final byte[] header = new byte[HEADER];
    private int headerFill;
    private int bodyLeft;
    private boolean inNotice;
    private boolean broken;

    /**
     * @param groupBytes receives group frame bytes, in order (a frame may be split across calls)
     * @param memberLost receives the member tag of each MEMBER_LOST
     */
    public MemberNotices(Consumer<byte[]> groupBytes, IntConsumer memberLost) {
        this.groupBytes = groupBytes;
        this.memberLost = memberLost;
    }

    /** Encodes MEMBER_LOST for the member tagged {@code tag} (0..255). */
    public static byte[] memberLost(int tag) {
        if (tag < 0 || tag > 255) {
            throw new IllegalArgumentException("member tag " + tag);
        }
        return new byte[] {MEMBER_LOST, 0, 1, (byte) tag};
    }

    /**
     * Feeds bytes that arrived on the member.
     *
     * @throws IllegalArgumentException when a notice is malformed (its length is not 1); the member is unusable
     */
    public void feed(byte[] bytes) {
        if (broken) {
            return;
        }
        ByteArrayOutputStream forward = new ByteArrayOutputStream(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            if (bodyLeft > 0) {
                int n = Math.min(bodyLeft, bytes.length - i);
                if (inNotice) {
                    memberLost.accept(bytes[i] & 0xff);
                } else {
                    forward.write(bytes, i, n);
                }
                bodyLeft -= n;
                i += n;
                continue;
            }
            header[headerFill++] = bytes[i++];
            if (headerFill < HEADER) {
                continue;
            }
            headerFill = 0;
            bodyLeft = ((header[1] & 0xff) << 8) | (header[2] & 0xff);
            inNotice = (header[0] & 0xff) == MEMBER_LOST;
            if (inNotice && bodyLeft != 1) {
                broken = true;
                flush(forward);
                throw new IllegalArgumentException("a MEMBER_LOST notice has a 1-byte body, not " + bodyLeft);
            }
            if (!inNotice) {
                forward.write(header, 0, HEADER);
            }
        }
        flush(forward);
    }

    private void flush(ByteArrayOutputStream forward) {
        if (forward.size() > 0) {
            groupBytes.accept(forward.toByteArray());
        }
    }
}
