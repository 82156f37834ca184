package io.skywire.node.discovery;

import io.skywire.node.crypto.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A 256-bit point in the DHT's key space: node ids (SHA-256 of the node key), record keys and service keys. Held
 * as four longs so that XOR distances compare without allocating.
 */
public final class DhtKey implements Comparable<DhtKey> {

    /** Length of a key in bytes. */
    public static final int BYTES = 32;
    /** Number of bits, and so of k-buckets. */
    public static final int BITS = 256;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    });
    private static final byte[] SERVICE_PREFIX = "skywire service".getBytes(StandardCharsets.US_ASCII);

    private final long w0;
    private final long w1;
    private final long w2;
    private final long w3;

    private DhtKey(long w0, long w1, long w2, long w3) {
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    /** A key of 32 bytes, big-endian. */
    public static DhtKey of(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("a DHT key is 32 bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        return new DhtKey(in.getLong(), in.getLong(), in.getLong(), in.getLong());
    }

    /** Reads 32 bytes at the buffer's position. */
    static DhtKey read(ByteBuffer in) {
        return new DhtKey(in.getLong(), in.getLong(), in.getLong(), in.getLong());
    }

    /** The DHT id of a node, and the key its record is stored under: SHA-256 of its compressed public key. */
    public static DhtKey ofNodeKey(byte[] compressedKey) {
        // Called for every contact of every answer: one digest per thread instead of a provider lookup each time.
        return of(SHA256.get().digest(compressedKey));
    }

    /** The key providers of a service register under: SHA-256("skywire service" || the service's public key). */
    public static DhtKey ofService(byte[] servicePublicKey) {
        return of(Hashes.sha256(SERVICE_PREFIX, servicePublicKey));
    }

    /** The 32 bytes, big-endian. */
    public byte[] bytes() {
        return ByteBuffer.allocate(BYTES).putLong(w0).putLong(w1).putLong(w2).putLong(w3).array();
    }

    void write(ByteBuffer out) {
        out.putLong(w0).putLong(w1).putLong(w2).putLong(w3);
    }

    /** The XOR distance to {@code other}, as a key. */
    public DhtKey xor(DhtKey other) {
        return new DhtKey(w0 ^ other.w0, w1 ^ other.w1, w2 ^ other.w2, w3 ^ other.w3);
    }

    /**
     * Index of the k-bucket {@code other} falls in as seen from this key: 255 minus the number of leading bits
     * the two share, so 255 is the far half of the key space; -1 when the keys are equal.
     */
    public int bucketIndex(DhtKey other) {
        long x = w0 ^ other.w0;
        if (x != 0) {
            return 255 - Long.numberOfLeadingZeros(x);
        }
        x = w1 ^ other.w1;
        if (x != 0) {
            return 191 - Long.numberOfLeadingZeros(x);
        }
        x = w2 ^ other.w2;
        if (x != 0) {
            return 127 - Long.numberOfLeadingZeros(x);
        }
        x = w3 ^ other.w3;
        return x != 0 ? 63 - Long.numberOfLeadingZeros(x) : -1;
    }

    /** Bit {@code index} (0 = least significant, 255 = most). */
    boolean bit(int index) {
        long word = switch (3 - index / 64) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            default -> w3;
        };
        return (word >>> (index % 64) & 1) != 0;
    }

    /** Negative, zero or positive as {@code a} is closer to this key than {@code b}, as close, or further. */
    public int compareDistance(DhtKey a, DhtKey b) {
        int c = Long.compareUnsigned(w0 ^ a.w0, w0 ^ b.w0);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(w1 ^ a.w1, w1 ^ b.w1);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(w2 ^ a.w2, w2 ^ b.w2);
        return c != 0 ? c : Long.compareUnsigned(w3 ^ a.w3, w3 ^ b.w3);
    }

    /**
     * A key whose distance from this one falls in bucket {@code index}: same top 255-index bits, bit {@code index}
     * flipped, the lower bits from {@code randomBits}. Used to refresh a bucket.
     */
    public DhtKey randomInBucket(int index, byte[] randomBits) {
        if (index < 0 || index >= BITS) {
            throw new IllegalArgumentException("bucket index must be 0..255");
        }
        long[] words = {w0, w1, w2, w3};
        long[] random = {0, 0, 0, 0};
        ByteBuffer in = ByteBuffer.wrap(randomBits);
        for (int i = 0; i < 4; i++) {
            random[i] = in.getLong();
        }
        for (int bit = 0; bit < index; bit++) {
            int word = 3 - bit / 64;
            long mask = 1L << (bit % 64);
            words[word] = (words[word] & ~mask) | (random[word] & mask);
        }
        words[3 - index / 64] ^= 1L << (index % 64);
        return new DhtKey(words[0], words[1], words[2], words[3]);
    }

    @Override
    public int compareTo(DhtKey other) {
        int c = Long.compareUnsigned(w0, other.w0);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(w1, other.w1);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(w2, other.w2);
        return c != 0 ? c : Long.compareUnsigned(w3, other.w3);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DhtKey that && w0 == that.w0 && w1 == that.w1 && w2 == that.w2 && w3 == that.w3;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(w0 ^ w1 * 31 ^ w2 * 961 ^ w3 * 29791);
    }

    /** The 64 hex digits. */
    public String hex() {
        return HexFormat.of().formatHex(bytes());
    }

    @Override
    public String toString() {
        return "DhtKey[" + hex().substring(0, 16) + "..]";
    }
}
