package io.skywire.wallet.seed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The parsed bytes of a seed file, version 1 (docs/WALLET-FORMAT.md): a fixed 46-byte header, which is also the
 * AEAD's associated data, then the sealed seed.
 *
 * @param parameters scrypt cost from the header
 * @param salt the 16-byte scrypt salt
 * @param nonce the 12-byte ChaCha20-Poly1305 nonce
 * @param sealed ciphertext followed by the 16-byte tag
 */
record SeedFile(ScryptParameters parameters, byte[] salt, byte[] nonce, byte[] sealed) {

    static final byte[] MAGIC = "SKYWSEED".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int KDF_SCRYPT = 1;
    static final int AEAD_CHACHA20_POLY1305 = 1;
    static final int SALT_BYTES = 16;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int HEADER_BYTES = 46;
    /** A seed is a mnemonic of a few dozen bytes; the bound keeps a damaged length field from mattering. */
    static final int MAX_SEALED_BYTES = 4096;

    SeedFile {
        if (salt.length != SALT_BYTES || nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("salt must be 16 bytes and nonce 12");
        }
        if (sealed.length <= TAG_BYTES || sealed.length > MAX_SEALED_BYTES) {
            throw new IllegalArgumentException("sealed seed must be 17.." + MAX_SEALED_BYTES + " bytes, was "
                    + sealed.length);
        }
        salt = salt.clone();
        nonce = nonce.clone();
        sealed = sealed.clone();
    }

    /** The header bytes for these parameters, salt, nonce and sealed length; the AEAD authenticates them. */
    static byte[] header(ScryptParameters parameters, byte[] salt, byte[] nonce, int sealedLength) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.put(MAGIC)
                .put((byte) VERSION)
                .put((byte) KDF_SCRYPT)
                .put((byte) parameters.log2N())
                .put((byte) parameters.r())
                .put((byte) parameters.p())
                .put((byte) AEAD_CHACHA20_POLY1305)
                .put(salt)
                .put(nonce)
                .putInt(sealedLength);
        return header.array();
    }

    byte[] header() {
        return header(parameters, salt, nonce, sealed.length);
    }

    byte[] encode() {
        byte[] header = header();
        byte[] out = Arrays.copyOf(header, HEADER_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, HEADER_BYTES, sealed.length);
        return out;
    }

    /** Parses file bytes, checking every header field before any of them is used. */
    static SeedFile decode(byte[] file) throws SeedFileCorruptException {
        if (file.length < HEADER_BYTES) {
            throw new SeedFileCorruptException("seed file is " + file.length + " bytes, shorter than its header");
        }
        ByteBuffer in = ByteBuffer.wrap(file);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new SeedFileCorruptException("not a Skywire seed file (bad magic)");
        }
        int version = in.get() & 0xff;
        if (version != VERSION) {
            throw new SeedFileCorruptException("seed file version " + version + " is not supported (expected "
                    + VERSION + ")");
        }
        int kdf = in.get() & 0xff;
        if (kdf != KDF_SCRYPT) {
            throw new SeedFileCorruptException("unknown key derivation " + kdf);
        }
        ScryptParameters parameters;
        try {
            parameters = new ScryptParameters(in.get() & 0xff, in.get() & 0xff, in.get() & 0xff);
        } catch (IllegalArgumentException e) {
            throw new SeedFileCorruptException("scrypt parameters out of range: " + e.getMessage());
        }
        int aead = in.get() & 0xff;
        if (aead != AEAD_CHACHA20_POLY1305) {
            throw new SeedFileCorruptException("unknown cipher " + aead);
        }
        byte[] salt = new byte[SALT_BYTES];
        in.get(salt);
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        int sealedLength = in.getInt();
        if (sealedLength <= TAG_BYTES || sealedLength > MAX_SEALED_BYTES) {
            throw new SeedFileCorruptException("sealed seed length " + Integer.toUnsignedString(sealedLength)
                    + " is out of range");
        }
        if (in.remaining() != sealedLength) {
            throw new SeedFileCorruptException("seed file holds " + in.remaining() + " sealed bytes, header says "
                    + sealedLength);
        }
        byte[] sealed = new byte[sealedLength];
        in.get(sealed);
        return new SeedFile(parameters, salt, nonce, sealed);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }
}
