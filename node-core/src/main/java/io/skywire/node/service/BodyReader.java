package io.skywire.node.service;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a message body field by field, big-endian, checking every length before it reads, so a codec written with
 * it fails only with {@link MessageFormatException}. {@link #end()} refuses trailing bytes: one encoding per value.
 */
public final class BodyReader {

    private final byte[] bytes;
    private int position;

    public BodyReader(byte[] bytes) {
        this.bytes = bytes;
    }

    private void need(int count, String field) throws MessageFormatException {
        if (count < 0 || bytes.length - position < count) {
            throw new MessageFormatException("truncated " + field);
        }
    }

    public int u8(String field) throws MessageFormatException {
        need(1, field);
        return bytes[position++] & 0xff;
    }

    public int u16(String field) throws MessageFormatException {
        need(2, field);
        int value = ((bytes[position] & 0xff) << 8) | (bytes[position + 1] & 0xff);
        position += 2;
        return value;
    }

    /** A signed 64-bit value that must not be negative (every count and sequence here is below 2^63). */
    public long u63(String field) throws MessageFormatException {
        need(8, field);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[position++] & 0xff);
        }
        if (value < 0) {
            throw new MessageFormatException(field + " is 2^63 or more");
        }
        return value;
    }

    public byte[] bytes(int count, String field) throws MessageFormatException {
        need(count, field);
        byte[] out = Arrays.copyOfRange(bytes, position, position + count);
        position += count;
        return out;
    }

    /** A 2-byte length, at most {@code max}, then that many bytes. */
    public byte[] blob(int max, String field) throws MessageFormatException {
        int length = u16(field + " length");
        if (length > max) {
            throw new MessageFormatException(field + " longer than " + max + " bytes");
        }
        return bytes(length, field);
    }

    /** A {@link #blob} that must be UTF-8 (malformed sequences refused). */
    public String utf8(int maxBytes, String field) throws MessageFormatException {
        byte[] raw = blob(maxBytes, field);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MessageFormatException(field + " is not UTF-8");
        }
    }

    public int remaining() {
        return bytes.length - position;
    }

    /** Refuses bytes after the last field. */
    public void end() throws MessageFormatException {
        if (position != bytes.length) {
            throw new MessageFormatException((bytes.length - position) + " trailing bytes");
        }
    }
}
