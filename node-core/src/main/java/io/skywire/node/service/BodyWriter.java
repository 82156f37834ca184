package io.skywire.node.service;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a message body field by field, big-endian: the mirror of {@link BodyReader}. */
public final class BodyWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public BodyWriter u8(int value) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException("not a byte: " + value);
        }
        out.write(value);
        return this;
    }

    public BodyWriter u16(int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("not 16 bits: " + value);
        }
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    public BodyWriter u63(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    public BodyWriter bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    /** A 2-byte length then the bytes. */
    public BodyWriter blob(byte[] value) {
        u16(value.length);
        return bytes(value);
    }

    public BodyWriter utf8(String value) {
        return blob(value.getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
