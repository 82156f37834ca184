package io.skywire.node.service.sync;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.service.BodyReader;
import io.skywire.node.service.BodyWriter;
import io.skywire.node.service.HostMessages;
import io.skywire.node.service.MessageFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One entry of a signed log (docs/PROTOCOL.md 8.5): the log's key, its sequence number (1 for the first), the hash
 * of the entry before it (32 zero bytes for the first), a payload, and the log key's signature over all of that.
 * Keeps its exact bytes, so it is passed on unchanged and its hash is the same everywhere.
 */
public final class LogEntry {

    public static final int VERSION = 1;
    public static final int MAX_PAYLOAD = 1_024;
    public static final int HASH_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;
    /** The largest encoded entry. */
    public static final int MAX_BYTES = 1 + NodeId.BYTES + 8 + HASH_BYTES + 2 + MAX_PAYLOAD + SIGNATURE_BYTES;
    private static final byte[] DOMAIN = "skywire-log-entry/1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] NO_HASH = new byte[HASH_BYTES];

    private final NodeId key;
    private final long sequence;
    private final byte[] previous;
    private final byte[] payload;
    private final byte[] signature;
    private final byte[] bytes;
    private final byte[] hash;

    private LogEntry(NodeId key, long sequence, byte[] previous, byte[] payload, byte[] signature, byte[] bytes) {
        this.key = key;
        this.sequence = sequence;
        this.previous = previous;
        this.payload = payload;
        this.signature = signature;
        this.bytes = bytes;
        this.hash = Hashes.sha256(bytes);
    }

    private static byte[] unsigned(NodeId key, long sequence, byte[] previous, byte[] payload) {
        return new BodyWriter().u8(VERSION).bytes(key.key()).u63(sequence).bytes(previous).blob(payload)
                .toByteArray();
    }

    /** Signs the entry after {@code head} (null for the first) with the log's own key. */
    public static LogEntry append(NodeKeyPair logKey, LogEntry head, byte[] payload) {
        long sequence = head == null ? 1 : head.sequence + 1;
        byte[] previous = head == null ? NO_HASH : head.hash();
        return signed(logKey, logKey.nodeId(), sequence, previous, payload);
    }

    /**
     * An entry for log {@code key} signed by {@code signer}; with another signer than the log's key the entry is
     * forged (tests and the simulator's attacker build such entries; receivers refuse them).
     */
    public static LogEntry signed(NodeKeyPair signer, NodeId key, long sequence, byte[] previous, byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload longer than " + MAX_PAYLOAD + " bytes");
        }
        if (sequence < 1 || previous.length != HASH_BYTES) {
            throw new IllegalArgumentException("sequence must be at least 1 and previous 32 bytes");
        }
        byte[] body = unsigned(key, sequence, previous, payload);
        byte[] signature = Arrays.copyOf(signer.sign(Hashes.sha256(DOMAIN, body)), SIGNATURE_BYTES);
        byte[] all = Arrays.copyOf(body, body.length + SIGNATURE_BYTES);
        System.arraycopy(signature, 0, all, body.length, SIGNATURE_BYTES);
        return new LogEntry(key, sequence, previous.clone(), payload.clone(), signature, all);
    }

    /** Decodes an entry (layout only; {@link #signatureValid} checks the signature). */
    public static LogEntry decode(byte[] bytes) throws MessageFormatException {
        if (bytes.length > MAX_BYTES) {
            throw new MessageFormatException("entry longer than " + MAX_BYTES + " bytes");
        }
        BodyReader in = new BodyReader(bytes);
        if (in.u8("version") != VERSION) {
            throw new MessageFormatException("unknown entry version");
        }
        NodeId key = HostMessages.nodeId(in.bytes(NodeId.BYTES, "log key"));
        long sequence = in.u63("sequence");
        if (sequence < 1) {
            throw new MessageFormatException("sequence 0");
        }
        byte[] previous = in.bytes(HASH_BYTES, "previous hash");
        byte[] payload = in.blob(MAX_PAYLOAD, "payload");
        byte[] signature = in.bytes(SIGNATURE_BYTES, "signature");
        in.end();
        if (sequence == 1 && !Arrays.equals(previous, NO_HASH)) {
            throw new MessageFormatException("the first entry names a previous one");
        }
        return new LogEntry(key, sequence, previous, payload, signature, bytes.clone());
    }

    /** True when the log's key signed this entry. */
    public boolean signatureValid() {
        byte[] body = Arrays.copyOf(bytes, bytes.length - SIGNATURE_BYTES);
        try {
            return Secp256k1Provider.get().verify(signature, Hashes.sha256(DOMAIN, body), key.key());
        } catch (CryptoException e) {
            return false;
        }
    }

    public NodeId key() {
        return key;
    }

    public long sequence() {
        return sequence;
    }

    public byte[] previous() {
        return previous.clone();
    }

    public byte[] payload() {
        return payload.clone();
    }

    /** SHA-256 of the whole entry. */
    public byte[] hash() {
        return hash.clone();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    boolean sameAs(LogEntry other) {
        return Arrays.equals(hash, other.hash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogEntry entry && Arrays.equals(bytes, entry.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "LogEntry[" + key.fingerprint() + " #" + sequence + ", " + payload.length + " bytes]";
    }
}
