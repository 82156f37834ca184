package io.skywire.node.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into frames, each preceded by a 2-byte big-endian length; a length above the
 * maximum or of zero is a breach, and after one the rest of the stream is discarded unread.
 */
final class LinkFrameDecoder extends ByteToMessageDecoder {

    static final int LENGTH_BYTES = 2;

    private final int maxFrameLength;
    private boolean failed;

    LinkFrameDecoder(int maxFrameLength) {
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < LENGTH_BYTES) {
            return;
        }
        int length = in.getUnsignedShort(in.readerIndex());
        if (length == 0 || length > maxFrameLength) {
            failed = true;
            in.skipBytes(in.readableBytes());
            LinkBreach breach = length == 0 ? LinkBreach.TRUNCATED_FRAME : LinkBreach.OVERSIZED_FRAME;
            throw new LinkProtocolException(breach, "frame length " + length + ", maximum " + maxFrameLength);
        }
        if (in.readableBytes() < LENGTH_BYTES + length) {
            return;
        }
        in.skipBytes(LENGTH_BYTES);
        out.add(in.readRetainedSlice(length));
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        decode(ctx, in, out);
        if (!failed && in.isReadable()) {
            int leftover = in.readableBytes();
            in.skipBytes(leftover);
            throw new LinkProtocolException(LinkBreach.TRUNCATED_FRAME, "stream ended " + leftover + " bytes into a frame");
        }
    }
}
