package io.skywire.node.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.skywire.node.stream.StreamTarget;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes one HTTP/1.x {@code CONNECT host:port} request head (up to {@link #MAX_HEAD_BYTES}); headers are read
 * and ignored. Bad input becomes an {@link HttpProxyException} with the status to answer.
 */
final class HttpConnectDecoder extends ByteToMessageDecoder {

    /** Largest request head accepted. */
    static final int MAX_HEAD_BYTES = 8192;
    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private boolean done;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws HttpProxyException {
        if (done) {
            return;
        }
        int searchable = Math.min(in.readableBytes(), MAX_HEAD_BYTES);
        int end = indexOf(in, in.readerIndex(), searchable);
        if (end < 0) {
            if (in.readableBytes() >= MAX_HEAD_BYTES) {
                throw new HttpProxyException(431, "Request Header Fields Too Large", "request head too large");
            }
            return;
        }
        String head = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.ISO_8859_1);
        in.readerIndex(end + END_OF_HEAD.length);
        done = true;
        out.add(parse(head.substring(0, head.indexOf('\r') < 0 ? head.length() : head.indexOf('\r'))));
    }

    private static int indexOf(ByteBuf in, int from, int length) {
        for (int i = from; i + END_OF_HEAD.length <= from + length; i++) {
            boolean match = true;
            for (int j = 0; j < END_OF_HEAD.length && match; j++) {
                match = in.getByte(i + j) == END_OF_HEAD[j];
            }
            if (match) {
                return i;
            }
        }
        return -1;
    }

    static StreamTarget parse(String requestLine) throws HttpProxyException {
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new HttpProxyException(400, "Bad Request", "malformed request line");
        }
        if (!parts[0].equals("CONNECT")) {
            throw new HttpProxyException(405, "Method Not Allowed", "only CONNECT is supported");
        }
        String authority = parts[1];
        int colon = authority.lastIndexOf(':');
        if (colon <= 0) {
            throw new HttpProxyException(400, "Bad Request", "CONNECT needs host:port");
        }
        String host = authority.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new HttpProxyException(400, "Bad Request", "IPv6 hosts must be in brackets");
        }
        try {
            return StreamTarget.of(host, Integer.parseInt(authority.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new HttpProxyException(400, "Bad Request", "bad CONNECT target: " + e.getMessage());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable unwrapped = cause instanceof DecoderException && cause.getCause() instanceof HttpProxyException
                ? cause.getCause() : cause;
        done = true;
        ctx.fireExceptionCaught(unwrapped);
    }
}
