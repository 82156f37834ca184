package io.skywire.node.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.skywire.node.stream.StreamTarget;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes the client side of a SOCKS5 handshake: greeting, the RFC 1929 credentials when they are required, then
 * one request. It reads nothing until a whole message is buffered, never reads past it (bytes after the request
 * belong to the tunnel), and turns bad input into a {@link Socks5Exception} with the RFC 1928 reply code.
 */
final class Socks5Decoder extends ByteToMessageDecoder {

    static final int VERSION = 5;
    static final int AUTH_VERSION = 1;
    static final int CMD_CONNECT = 1;
    static final int REP_GENERAL_FAILURE = 1;
    static final int REP_COMMAND_NOT_SUPPORTED = 7;
    static final int REP_ADDRESS_TYPE_NOT_SUPPORTED = 8;

    private enum State { GREETING, CREDENTIALS, REQUEST, DONE }

    private final boolean credentialsRequired;
    private State state = State.GREETING;

    Socks5Decoder(boolean credentialsRequired) {
        this.credentialsRequired = credentialsRequired;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Socks5Exception {
        Socks5Message message = switch (state) {
            case GREETING -> greeting(in);
            case CREDENTIALS -> credentials(in);
            case REQUEST -> request(in);
            case DONE -> null;
        };
        if (message != null) {
            out.add(message);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ByteToMessageDecoder wraps what decode throws; the handler wants the typed exception itself.
        Throwable unwrapped = cause instanceof DecoderException && cause.getCause() instanceof Socks5Exception
                ? cause.getCause() : cause;
        state = State.DONE;
        ctx.fireExceptionCaught(unwrapped);
    }

    private Socks5Message greeting(ByteBuf in) throws Socks5Exception {
        if (in.readableBytes() < 2) {
            return null;
        }
        int start = in.readerIndex();
        if (in.getUnsignedByte(start) != VERSION) {
            throw new Socks5Exception(-1, "not SOCKS version 5");
        }
        int count = in.getUnsignedByte(start + 1);
        if (count == 0) {
            throw new Socks5Exception(-1, "greeting offers no method");
        }
        if (in.readableBytes() < 2 + count) {
            return null;
        }
        in.skipBytes(2);
        byte[] methods = new byte[count];
        in.readBytes(methods);
        state = credentialsRequired ? State.CREDENTIALS : State.REQUEST;
        return new Socks5Message.Greeting(methods);
    }

    private Socks5Message credentials(ByteBuf in) throws Socks5Exception {
        int start = in.readerIndex();
        if (in.readableBytes() < 2) {
            return null;
        }
        if (in.getUnsignedByte(start) != AUTH_VERSION) {
            throw new Socks5Exception(-1, "not username/password version 1");
        }
        int userLength = in.getUnsignedByte(start + 1);
        if (in.readableBytes() < 3 + userLength) {
            return null;
        }
        int passwordLength = in.getUnsignedByte(start + 2 + userLength);
        if (in.readableBytes() < 3 + userLength + passwordLength) {
            return null;
        }
        String user = in.toString(start + 2, userLength, StandardCharsets.UTF_8);
        String password = in.toString(start + 3 + userLength, passwordLength, StandardCharsets.UTF_8);
        in.skipBytes(3 + userLength + passwordLength);
        state = State.REQUEST;
        return new Socks5Message.Credentials(user, password);
    }

    private Socks5Message request(ByteBuf in) throws Socks5Exception {
        if (in.readableBytes() < 5) {
            return null;
        }
        int start = in.readerIndex();
        if (in.getUnsignedByte(start) != VERSION) {
            throw new Socks5Exception(REP_GENERAL_FAILURE, "request is not SOCKS version 5");
        }
        if (in.getUnsignedByte(start + 1) != CMD_CONNECT) {
            throw new Socks5Exception(REP_COMMAND_NOT_SUPPORTED, "only CONNECT is supported");
        }
        int kindCode = in.getUnsignedByte(start + 3);
        StreamTarget.Kind kind = switch (kindCode) {
            case 1 -> StreamTarget.Kind.IPV4;
            case 3 -> StreamTarget.Kind.DOMAIN;
            case 4 -> StreamTarget.Kind.IPV6;
            default -> throw new Socks5Exception(REP_ADDRESS_TYPE_NOT_SUPPORTED, "address type " + kindCode);
        };
        int addressOffset = kind == StreamTarget.Kind.DOMAIN ? 5 : 4;
        int addressLength = switch (kind) {
            case IPV4 -> 4;
            case IPV6 -> 16;
            case DOMAIN -> in.getUnsignedByte(start + 4);
        };
        if (in.readableBytes() < addressOffset + addressLength + 2) {
            return null;
        }
        byte[] address = new byte[addressLength];
        in.getBytes(start + addressOffset, address);
        int port = in.getUnsignedShort(start + addressOffset + addressLength);
        in.skipBytes(addressOffset + addressLength + 2);
        state = State.DONE;
        try {
            return new Socks5Message.Connect(new StreamTarget(kind, address, port));
        } catch (IllegalArgumentException e) {
            throw new Socks5Exception(REP_GENERAL_FAILURE, "bad destination: " + e.getMessage());
        }
    }
}
