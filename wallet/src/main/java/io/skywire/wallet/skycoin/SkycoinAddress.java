package io.skywire.wallet.skycoin;

import io.skywire.node.crypto.Hashes;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * A Skycoin address: RIPEMD160(SHA256(SHA256(compressed public key))) with a version byte, written as
 * Base58(key || version || checksum), where the checksum is the first four bytes of SHA256(key || version).
 */
public final class SkycoinAddress {

    /** The only address version Skycoin uses. */
    public static final byte VERSION = 0x00;
    /** Bytes of the public key hash. */
    public static final int KEY_BYTES = 20;
    private static final int CHECKSUM_BYTES = 4;
    private static final int ENCODED_BYTES = KEY_BYTES + 1 + CHECKSUM_BYTES;

    private final byte[] key;
    private final byte version;

    private SkycoinAddress(byte[] key, byte version) {
        this.key = key.clone();
        this.version = version;
    }

    /** The address of a compressed 33-byte public key. */
    public static SkycoinAddress fromPublicKey(byte[] compressedPublicKey) {
        if (compressedPublicKey.length != 33) {
            throw new IllegalArgumentException("public key must be 33 bytes (compressed), was "
                    + compressedPublicKey.length);
        }
        byte[] sha = Hashes.sha256(Hashes.sha256(compressedPublicKey));
        RIPEMD160Digest ripemd = new RIPEMD160Digest();
        ripemd.update(sha, 0, sha.length);
        byte[] key = new byte[KEY_BYTES];
        ripemd.doFinal(key, 0);
        return new SkycoinAddress(key, VERSION);
    }

    /**
     * The address with a 20-byte key hash and a version byte, as a transaction carries it.
     *
     * @throws AddressFormatException when the key is not 20 bytes or the version is not Skycoin's
     */
    public static SkycoinAddress fromKey(byte[] key, byte version) {
        if (key.length != KEY_BYTES) {
            throw new AddressFormatException("address key must be " + KEY_BYTES + " bytes, was " + key.length);
        }
        if (version != VERSION) {
            throw new AddressFormatException("unknown address version " + (version & 0xff) + ", expected " + VERSION);
        }
        return new SkycoinAddress(key, version);
    }

    /**
     * Parses Base58 address text, checking the alphabet, the length, the version and the checksum.
     *
     * @throws AddressFormatException with the reason
     */
    public static SkycoinAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new AddressFormatException("address is empty");
        }
        byte[] raw = Base58.decode(text.strip());
        if (raw.length != ENCODED_BYTES) {
            throw new AddressFormatException("address decodes to " + raw.length + " bytes, expected "
                    + ENCODED_BYTES);
        }
        byte[] key = Arrays.copyOfRange(raw, 0, KEY_BYTES);
        byte version = raw[KEY_BYTES];
        byte[] checksum = Arrays.copyOfRange(raw, KEY_BYTES + 1, ENCODED_BYTES);
        if (!Arrays.equals(checksum, checksum(key, version))) {
            throw new AddressFormatException("address checksum does not match (mistyped address?)");
        }
        if (version != VERSION) {
            throw new AddressFormatException("unknown address version " + (version & 0xff)
                    + ", expected " + VERSION);
        }
        return new SkycoinAddress(key, version);
    }

    /** The 20-byte public key hash. */
    public byte[] key() {
        return key.clone();
    }

    /** The version byte. */
    public byte version() {
        return version;
    }

    /** The key hash as hex, for logs. */
    public String keyHex() {
        return HexFormat.of().formatHex(key);
    }

    private static byte[] checksum(byte[] key, byte version) {
        return Arrays.copyOf(Hashes.sha256(key, new byte[] {version}), CHECKSUM_BYTES);
    }

    @Override
    public String toString() {
        byte[] raw = new byte[ENCODED_BYTES];
        System.arraycopy(key, 0, raw, 0, KEY_BYTES);
        raw[KEY_BYTES] = version;
        System.arraycopy(checksum(key, version), 0, raw, KEY_BYTES + 1, CHECKSUM_BYTES);
        return Base58.encode(raw);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SkycoinAddress that && version == that.version && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + version;
    }
}
