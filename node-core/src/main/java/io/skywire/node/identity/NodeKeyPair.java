package io.skywire.node.identity;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import java.security.SecureRandom;
import java.util.Objects;

/** A node's secret key with its {@link NodeId}; toString never shows the secret. */
public final class NodeKeyPair {

    private final byte[] secret;
    private final NodeId nodeId;

    private NodeKeyPair(byte[] secret, NodeId nodeId) {
        this.secret = secret;
        this.nodeId = nodeId;
    }

    /** A fresh key pair from {@code random}. */
    public static NodeKeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        Secp256k1 secp = Secp256k1Provider.get();
        byte[] secret = new byte[Secp256k1.SECRET_KEY_BYTES];
        // Rejection sampling: a 32-byte string is out of range with probability about 2^-128, so this loops once.
        do {
            random.nextBytes(secret);
        } while (!secp.isValidSecretKey(secret));
        return fromSecret(secret);
    }

    /**
     * The key pair of an existing secret key (copied).
     *
     * @throws CryptoException when {@code secret} is not 32 bytes in [1, n-1]
     */
    public static NodeKeyPair fromSecret(byte[] secret) {
        byte[] copy = secret == null ? null : secret.clone();
        byte[] publicKey = Secp256k1Provider.get().publicKey(copy);
        return new NodeKeyPair(copy, new NodeId(publicKey));
    }

    /** This node's public identity. */
    public NodeId nodeId() {
        return nodeId;
    }

    /** A copy of the 32-byte secret key; handle with care. */
    public byte[] secret() {
        return secret.clone();
    }

    /** A deterministic low-S recoverable signature of a 32-byte hash (see {@link Secp256k1#sign}). */
    public byte[] sign(byte[] hash32) {
        return Secp256k1Provider.get().sign(secret, hash32);
    }

    /** The ECDH shared secret with a peer: SHA-256 of the compressed shared point. */
    public byte[] ecdh(NodeId peer) {
        return Secp256k1Provider.get().ecdh(secret, peer.key());
    }

    @Override
    public String toString() {
        return "NodeKeyPair[nodeId=" + nodeId.hex() + ", secret=<hidden>]";
    }
}
