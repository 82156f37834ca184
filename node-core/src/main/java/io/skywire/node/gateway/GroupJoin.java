package io.skywire.node.gateway;

import io.skywire.node.group.GroupConfig;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The first bytes of every member route of a tunnel's route group (docs/PROTOCOL.md 6.6): which group the route
 * belongs to and its place in it. The gateway cannot tell which incoming routes come from the same client (it sees
 * only the previous hop), so the client names the group with 16 random bytes; they travel inside the route's
 * end-to-end sealing, so no transit hop learns that two routes belong together.
 *
 * @param groupId the group's id: 16 random bytes chosen by the client, as two longs (big-endian halves)
 * @param index   this member's place, 0..count-1
 * @param count   members the client opened, 1..255
 */
record GroupJoin(GroupId groupId, int index, int count) {

    /** A group's id; value semantics for map keys. */
    record GroupId(long high, long low) {
        static GroupId random(RandomGenerator random) {
            return new GroupId(random.nextLong(), random.nextLong());
        }

        @Override
        public String toString() {
            return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
        }
    }

    /** The join's type byte: not a stream frame type (section 3.2), so a route without a join is told apart. */
    static final int TYPE = 0x10;
    static final int VERSION = 1;
    static final int BYTES = 20;
    /** How both ends run a tunnel's group: 4 KiB chunks, a 1,024-chunk (4 MiB) window, no parity. */
    static final GroupConfig TUNNEL_GROUP = new GroupConfig(4096, 1024, 1 << 20, 4096, false);
    /** A member that takes no byte this long while frames wait for it is closed as failed (either end). */
    static final long MEMBER_STALL_MILLIS = 5_000;

    GroupJoin {
        if (count < 1 || count > 255 || index < 0 || index >= count) {
            throw new IllegalArgumentException("member index " + index + " of " + count);
        }
    }

    byte[] encode() {
        return ByteBuffer.allocate(BYTES).put((byte) TYPE).put((byte) VERSION).putLong(groupId.high())
                .putLong(groupId.low()).put((byte) index).put((byte) count).array();
    }

    /**
     * Reads a join from the first {@link #BYTES} of {@code bytes}.
     *
     * @throws IllegalArgumentException with the reason when the bytes are not a valid join
     */
    static GroupJoin decode(byte[] bytes) {
        if (bytes.length < BYTES) {
            throw new IllegalArgumentException("a join is " + BYTES + " bytes, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, BYTES);
        int type = in.get() & 0xff;
        int version = in.get() & 0xff;
        if (type != TYPE || version != VERSION) {
            throw new IllegalArgumentException("not a version " + VERSION + " join: type " + type + ", version "
                    + version);
        }
        GroupId id = new GroupId(in.getLong(), in.getLong());
        int index = in.get() & 0xff;
        int count = in.get() & 0xff;
        return new GroupJoin(id, index, count);
    }
}
