package io.skywire.node.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.skywire.node.stream.StreamTarget;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Decodes one HTTP/1.x {@code CONNECT host:port} request head (up to {@link #MAX_HEAD_BYTES}). When the proxy
 * requires credentials, the head must carry {@code Proxy-Authorization: Basic base64(user:password)} (RFC 9110
 * 11.7.1, RFC 7617); other headers are ignored. Bad input becomes an {@link HttpProxyException} with the status to
 * answer (407 with a {@code Proxy-Authenticate} challenge when credentials are missing or wrong).
 */
final class HttpConnectDecoder extends ByteToMessageDecoder {

    /** Largest request head accepted. */
    static final int MAX_HEAD_BYTES = 8192;
    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private static final String AUTHORIZATION = "proxy-authorization:";
    private static final String CHALLENGE = "Proxy-Authenticate: Basic realm=\"skywire\", charset=\"UTF-8\"";

    private final ProxyCredentials required;
    private boolean done;

    /** @param required the credentials every request must carry, or null for none */
    HttpConnectDecoder(ProxyCredentials required) {
        this.required = required;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws HttpProxyException {
        if (done) {
            return;
        }
        int searchable = Math.min(in.readableBytes(), MAX_HEAD_BYTES);
        int end = indexOf(in, in.readerIndex(), searchable);
        if (end < 0) {
            if (in.readableBytes() >= MAX_HEAD_BYTES) {
                throw new HttpProxyException(431, "Request Header Fields Too Large", "request head too large", null);
            }
            return;
        }
        String head = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.ISO_8859_1);
        in.readerIndex(end + END_OF_HEAD.length);
        done = true;
        String[] lines = head.split("\r\n");
        StreamTarget target = parse(lines[0]);
        if (required != null) {
            authorize(required, lines);
        }
        out.add(target);
    }

    /** Checks the request's Basic credentials; the comparison is constant-time ({@link ProxyCredentials#matches}). */
    static void authorize(ProxyCredentials required, String[] lines) throws HttpProxyException {
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (!line.regionMatches(true, 0, AUTHORIZATION, 0, AUTHORIZATION.length())) {
                continue;
            }
            String value = line.substring(AUTHORIZATION.length()).trim();
            int space = value.indexOf(' ');
            if (space > 0 && value.substring(0, space).equalsIgnoreCase("Basic")) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(value.substring(space + 1).trim()),
                            StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new HttpProxyException(400, "Bad Request", "Proxy-Authorization is not base64", null);
                }
                int colon = decoded.indexOf(':');
                if (colon >= 0 && required.matches(decoded.substring(0, colon), decoded.substring(colon + 1))) {
                    return;
                }
            }
            throw new HttpProxyException(407, "Proxy Authentication Required", "wrong proxy credentials", CHALLENGE);
        }
        throw new HttpProxyException(407, "Proxy Authentication Required", "no proxy credentials", CHALLENGE);
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
            throw new HttpProxyException(400, "Bad Request", "malformed request line", null);
        }
        if (!parts[0].equals("CONNECT")) {
            throw new HttpProxyException(405, "Method Not Allowed", "only CONNECT is supported", null);
        }
        String authority = parts[1];
        int colon = authority.lastIndexOf(':');
        if (colon <= 0) {
            throw new HttpProxyException(400, "Bad Request", "CONNECT needs host:port", null);
        }
        String host = authority.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new HttpProxyException(400, "Bad Request", "IPv6 hosts must be in brackets", null);
        }
        try {
            return StreamTarget.of(host, Integer.parseInt(authority.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new HttpProxyException(400, "Bad Request", "bad CONNECT target: " + e.getMessage(), null);
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
