package io.skywire.node.discovery;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.routing.NodeKey;
import io.skywire.node.routing.VirtualRing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The signed advertisement of a many-to-many virtual route, the design's SONET ring (docs/PROTOCOL.md 4.6): its id,
 * members in ring order, one transit price, latency and capacity, signed by every member over the same bytes.
 * Every member signing is how members prove membership: a node record is signed by its node alone and could name
 * anyone, but a ring without one member's signature is refused, so nobody can advertise a ring through a node that
 * did not join it, and a member leaves by not signing the next sequence. Decoding checks layout and ranges;
 * {@link #verify} checks every signature and the time window.
 */
public final class RingAdvertisement {

    /** Fewest and most members: two is a virtual link, eight keeps the largest one inside a DHT datagram. */
    public static final int MIN_MEMBERS = 2;
    public static final int MAX_MEMBERS = 8;
    public static final int ID_BYTES = 16;
    static final byte VERSION = 0x01;
    static final int SIGNATURE_BYTES = 64;
    static final byte[] DOMAIN = "skywire-ring/1".getBytes(StandardCharsets.US_ASCII);
    private static final long MAX_PRICE = 100_000_000_000_000L;
    private static final long MAX_CAPACITY = 1_000_000_000_000L;
    private static final long MAX_LIFETIME_SECONDS = 24 * 3600;
    private static final int FIXED_BYTES = 1 + ID_BYTES + 8 + 8 + 8 + 4 + 8 + 1;

    /**
     * What the members sign.
     *
     * @param id                     16 random bytes naming the ring
     * @param sequence               higher replaces lower, < 2^63
     * @param expirySeconds          seconds since the Unix epoch
     * @param pricePerGbDroplets     transit price of a crossing between any two members, per 10^9 bytes
     * @param latencyMicros          the longest one-way latency between two members, < 2^31
     * @param capacityBytesPerSecond what a crossing carries
     * @param members                distinct node keys in ring order
     */
    public record Content(byte[] id, long sequence, long expirySeconds, long pricePerGbDroplets, int latencyMicros,
                          long capacityBytesPerSecond, List<NodeId> members) {

        public Content {
            id = id.clone();
            members = List.copyOf(members);
        }
    }

    private final Content content;
    private final byte[] encoded;

    private RingAdvertisement(Content content, byte[] encoded) {
        this.content = content;
        this.encoded = encoded;
    }

    /** The signed fields. */
    public Content content() {
        return content;
    }

    /** The advertisement's exact bytes, passed on unchanged. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The hash every member signs: SHA-256 of the domain and every byte before the signatures. */
    public static byte[] signingHash(Content content) throws RecordException {
        checkFields(content);
        return Hashes.sha256(DOMAIN, unsigned(content));
    }

    /**
     * Encodes {@code content} with each member's signature of {@link #signingHash}, in member order (64 bytes r || s,
     * or the 65 of {@link NodeKeyPair#sign}, whose recovery id is dropped).
     */
    public static RingAdvertisement assemble(Content content, List<byte[]> signatures) throws RecordException {
        checkFields(content);
        if (signatures.size() != content.members().size()) {
            throw new RecordException(RecordRefusal.BAD_SIGNATURE, "one signature per member");
        }
        byte[] unsigned = unsigned(content);
        ByteBuffer out = ByteBuffer.allocate(unsigned.length + signatures.size() * SIGNATURE_BYTES).put(unsigned);
        for (byte[] signature : signatures) {
            // r || s; a recoverable signature's last byte (its recovery id) is not sent.
            if (signature.length != SIGNATURE_BYTES && signature.length != SIGNATURE_BYTES + 1) {
                throw new RecordException(RecordRefusal.BAD_SIGNATURE, "a signature is r || s, 64 bytes");
            }
            out.put(signature, 0, SIGNATURE_BYTES);
        }
        return new RingAdvertisement(content, out.array());
    }

    /** Every member signs (a test or a ring whose members share an operator); the keys in member order. */
    public static RingAdvertisement signAll(Content content, List<NodeKeyPair> keys) throws RecordException {
        byte[] hash = signingHash(content);
        List<byte[]> signatures = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (i >= content.members().size() || !keys.get(i).nodeId().equals(content.members().get(i))) {
                throw new IllegalArgumentException("the keys must be the members' keys, in member order");
            }
            signatures.add(keys.get(i).sign(hash));
        }
        return assemble(content, signatures);
    }

    /** Decodes an advertisement and checks every field's range (not the signatures, not the time). */
    public static RingAdvertisement decode(byte[] bytes) throws RecordException {
        if (bytes.length > FIXED_BYTES + MAX_MEMBERS * (NodeId.BYTES + SIGNATURE_BYTES)) {
            throw new RecordException(RecordRefusal.OVERSIZED, bytes.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.get() != VERSION) {
                throw new RecordException(RecordRefusal.BAD_VERSION, "ring advertisement version");
            }
            byte[] id = new byte[ID_BYTES];
            in.get(id);
            long sequence = in.getLong();
            long expiry = in.getLong();
            long price = in.getLong();
            int latency = in.getInt();
            long capacity = in.getLong();
            int count = in.get() & 0xFF;
            if (count < MIN_MEMBERS || count > MAX_MEMBERS) {
                throw new RecordException(RecordRefusal.MALFORMED, count + " members");
            }
            List<NodeId> members = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] key = new byte[NodeId.BYTES];
                in.get(key);
                try {
                    members.add(new NodeId(key));
                } catch (IllegalArgumentException e) {
                    throw new RecordException(RecordRefusal.BAD_KEY, e.getMessage());
                }
            }
            Content content = new Content(id, sequence, expiry, price, latency, capacity, members);
            checkFields(content);
            if (in.remaining() != count * SIGNATURE_BYTES) {
                throw new RecordException(RecordRefusal.MALFORMED, "expected " + count + " signatures, "
                        + in.remaining() + " bytes left");
            }
            return new RingAdvertisement(content, bytes.clone());
        } catch (java.nio.BufferUnderflowException e) {
            throw new RecordException(RecordRefusal.MALFORMED, "truncated ring advertisement");
        }
    }

    /**
     * Checks the time window against {@code nowSeconds} and every member's signature.
     *
     * @throws RecordException EXPIRED, EXPIRY_TOO_FAR or BAD_SIGNATURE
     */
    public void verify(long nowSeconds) throws RecordException {
        if (content.expirySeconds() <= nowSeconds) {
            throw new RecordException(RecordRefusal.EXPIRED, "ring expired");
        }
        if (content.expirySeconds() - nowSeconds > MAX_LIFETIME_SECONDS) {
            throw new RecordException(RecordRefusal.EXPIRY_TOO_FAR, "ring expires more than a day ahead");
        }
        int signedLength = encoded.length - content.members().size() * SIGNATURE_BYTES;
        byte[] hash = Hashes.sha256(DOMAIN, java.util.Arrays.copyOf(encoded, signedLength));
        for (int i = 0; i < content.members().size(); i++) {
            byte[] signature = java.util.Arrays.copyOfRange(encoded, signedLength + i * SIGNATURE_BYTES,
                    signedLength + (i + 1) * SIGNATURE_BYTES);
            boolean valid;
            try {
                valid = Secp256k1Provider.get().verify(signature, hash, content.members().get(i).key());
            } catch (CryptoException e) {
                valid = false;
            }
            if (!valid) {
                throw new RecordException(RecordRefusal.BAD_SIGNATURE, "member " + i + " did not sign");
            }
        }
    }

    /** The ring as route search sees it. */
    public VirtualRing toRing() {
        List<NodeKey> keys = content.members().stream().map(id -> NodeKey.of(id.key())).toList();
        return new VirtualRing(HexFormat.of().formatHex(content.id()), keys, content.pricePerGbDroplets(),
                content.latencyMicros(), Math.multiplyExact(content.capacityBytesPerSecond(), 8));
    }

    private static void checkFields(Content content) throws RecordException {
        if (content.id().length != ID_BYTES) {
            throw new RecordException(RecordRefusal.MALFORMED, "a ring id is 16 bytes");
        }
        if (content.sequence() < 0) {
            throw new RecordException(RecordRefusal.ABSURD_SEQUENCE, Long.toUnsignedString(content.sequence()));
        }
        if (content.expirySeconds() < 0) {
            throw new RecordException(RecordRefusal.EXPIRY_TOO_FAR, Long.toUnsignedString(content.expirySeconds()));
        }
        if (content.pricePerGbDroplets() < 0 || content.pricePerGbDroplets() > MAX_PRICE) {
            throw new RecordException(RecordRefusal.ABSURD_PRICE, Long.toUnsignedString(content.pricePerGbDroplets()));
        }
        if (content.latencyMicros() < 0) {
            throw new RecordException(RecordRefusal.MALFORMED, "negative latency");
        }
        if (content.capacityBytesPerSecond() < 1 || content.capacityBytesPerSecond() > MAX_CAPACITY) {
            throw new RecordException(RecordRefusal.ABSURD_CAPACITY,
                    Long.toUnsignedString(content.capacityBytesPerSecond()));
        }
        int count = content.members().size();
        Set<NodeId> distinct = new HashSet<>(content.members());
        if (count < MIN_MEMBERS || count > MAX_MEMBERS || distinct.size() != count) {
            throw new RecordException(RecordRefusal.MALFORMED, "a ring has 2.." + MAX_MEMBERS + " distinct members");
        }
    }

    private static byte[] unsigned(Content content) {
        ByteBuffer out = ByteBuffer.allocate(FIXED_BYTES + content.members().size() * NodeId.BYTES);
        out.put(VERSION).put(content.id()).putLong(content.sequence()).putLong(content.expirySeconds())
                .putLong(content.pricePerGbDroplets()).putInt(content.latencyMicros())
                .putLong(content.capacityBytesPerSecond()).put((byte) content.members().size());
        for (NodeId member : content.members()) {
            out.put(member.key());
        }
        return out.array();
    }
}
