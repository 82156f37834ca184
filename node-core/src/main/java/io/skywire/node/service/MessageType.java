package io.skywire.node.service;

import java.util.Objects;

/**
 * One kind of message a service sends and handles: its type byte and version on the wire, the Java record it
 * becomes, the largest body it may have, and its codec. A receiver knows exactly the (type, version) pairs its
 * service registered; anything else is refused with a reason ({@link Refusal}), never guessed at.
 *
 * @param type     1..0xEF (0xF0..0xFF belong to the host, docs/PROTOCOL.md 8.3)
 * @param version  0..255
 * @param javaType the record the body decodes to
 * @param maxBody  the largest body accepted, at most {@link ServiceFrames#MAX_BODY}
 * @param codec    the body's encoding
 * @param <T>      the record
 */
public record MessageType<T extends Record>(int type, int version, Class<T> javaType, int maxBody, Codec<T> codec) {

    /** The body's bytes, both ways; decode fails only with {@link MessageFormatException}. */
    public interface Codec<T> {
        void encode(T message, BodyWriter out);

        T decode(BodyReader in) throws MessageFormatException;
    }

    public MessageType {
        Objects.requireNonNull(javaType, "javaType");
        Objects.requireNonNull(codec, "codec");
        if (type < 1 || type > 0xff || version < 0 || version > 0xff) {
            throw new IllegalArgumentException("type must be 1..255 and version 0..255");
        }
        if (maxBody < 0 || maxBody > ServiceFrames.MAX_BODY) {
            throw new IllegalArgumentException("maxBody must be 0.." + ServiceFrames.MAX_BODY);
        }
    }

    /** A service's own type (1..0xEF). */
    public static <T extends Record> MessageType<T> of(int type, int version, Class<T> javaType, int maxBody,
                                                       Codec<T> codec) {
        if (type >= HostMessages.FIRST_HOST_TYPE) {
            throw new IllegalArgumentException("types 0xF0..0xFF belong to the service host");
        }
        return new MessageType<>(type, version, javaType, maxBody, codec);
    }

    /** The body of {@code message}; throws when the codec writes more than {@link #maxBody}. */
    public byte[] encodeBody(T message) {
        BodyWriter out = new BodyWriter();
        codec.encode(message, out);
        if (out.size() > maxBody) {
            throw new IllegalArgumentException(javaType.getSimpleName() + " body of " + out.size()
                    + " bytes exceeds its maximum of " + maxBody);
        }
        return out.toByteArray();
    }

    /** The message in {@code body}, which must be read to its end. */
    public T decodeBody(byte[] body) throws MessageFormatException {
        if (body.length > maxBody) {
            throw new MessageFormatException("body of " + body.length + " bytes exceeds " + maxBody);
        }
        BodyReader in = new BodyReader(body);
        T message = codec.decode(in);
        in.end();
        return message;
    }
}
