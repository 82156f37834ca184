package io.skywire.node.group;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reassembles group frames from one member route's bytes, however the route split them. It holds at most one
 * frame's worth of bytes; after a malformed frame it refuses everything, since the stream's framing is lost.
 */
final class GroupFrameReader {

    private final ByteBuffer buffer = ByteBuffer.allocate(GroupCodec.maxFrameBytes());
    private boolean broken;

    /** The whole frames completed by {@code bytes}. */
    List<GroupFrame> feed(byte[] bytes) throws GroupProtocolException {
        if (broken) {
            throw new GroupProtocolException("member stream already broken");
        }
        List<GroupFrame> frames = new ArrayList<>();
        int offset = 0;
        try {
            while (offset < bytes.length) {
                int take = Math.min(buffer.remaining(), bytes.length - offset);
                buffer.put(bytes, offset, take);
                offset += take;
                buffer.flip();
                GroupFrame frame;
                while ((frame = GroupCodec.decode(buffer)) != null) {
                    frames.add(frame);
                }
                buffer.compact();
            }
        } catch (GroupProtocolException e) {
            broken = true;
            throw e;
        }
        return frames;
    }
}
