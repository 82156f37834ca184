package io.skywire.node.engine;

import io.skywire.node.crypto.Aead;
import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The layered route setup: each hop's layer is sealed to that hop's static key with a fresh ephemeral
 * key (ECDH, HKDF-SHA256, ChaCha20-Poly1305), so a hop that opens its layer learns only the route's
 * parameters and the next hop's key, and the destination's layer also yields the end-to-end keys.
 *
 * <p>Layer: ephemeral public key (33) || AEAD(layer key, zero nonce, aad = ephemeral key, plaintext),
 * plaintext: flags (1; bit 0 = destination, bit 1 = paid), qos (1), mode (1), buffer bytes (4, big-endian), on a
 * paid layer the agreed price per GB in droplets (8), and for a transit hop the next hop's key (33) followed by
 * the next layer. A fourth key from the layer secret seals the origin's payment messages to this hop.
 */
public final class SetupOnion {

    /** Bytes a layer adds around its plaintext. */
    static final int LAYER_OVERHEAD = Secp256k1.PUBLIC_KEY_BYTES + Aead.TAG_BYTES;
    /** Bytes of the plaintext fields before the next hop key. */
    static final int PARAMS_BYTES = 7;
    /** Bytes of the price a paid layer adds after the parameters. */
    static final int PRICE_BYTES = 8;
    private static final int FLAG_DESTINATION = 1;
    private static final int FLAG_PAID = 2;
    private static final byte[] SALT = "skywire route setup v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONFIRM_LABEL = "skywire route confirm".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO_NONCE = new byte[Aead.NONCE_BYTES];

    private SetupOnion() {
    }

    /**
     * An onion built by the origin, the end-to-end secrets it shares with the destination, and each hop's
     * payment key in path order (null for a hop without a price).
     */
    public record Built(byte[] onion, byte[] sendKey, byte[] receiveKey, byte[] proof, byte[][] paymentKeys) {
    }

    /**
     * One opened layer; {@code nextHop} and {@code inner} are null at the destination; {@code pricePerGb} is -1
     * on an unpaid layer; {@code paymentKey} opens the origin's payment messages to this hop.
     */
    public record Layer(byte[] ephemeralKey, boolean destination, QosClass qos, ForwardingMode mode, int bufferBytes,
                        long pricePerGb, byte[] nextHop, byte[] inner, byte[] originToDestination,
                        byte[] destinationToOrigin, byte[] paymentKey) {

        /** Whether the origin offered this hop a price. */
        public boolean paid() {
            return pricePerGb >= 0;
        }

        /** The MAC a destination returns in its confirmation, proving it opened the last layer. */
        public byte[] proof() {
            return SetupOnion.proof(destinationToOrigin);
        }
    }

    /** The size of the onion for a path of {@code hops} hops without prices. */
    public static int size(int hops) {
        return size(hops, 0);
    }

    /** The size of the onion for a path of {@code hops} hops of which {@code paidHops} carry a price. */
    public static int size(int hops, int paidHops) {
        return hops * (LAYER_OVERHEAD + PARAMS_BYTES) + paidHops * PRICE_BYTES
                + (hops - 1) * Secp256k1.PUBLIC_KEY_BYTES;
    }

    /** Builds the onion for {@code path} without prices, innermost (destination) layer first. */
    public static Built build(Secp256k1 curve, Aead aead, EntropySource random, List<byte[]> path, QosClass qos,
                              ForwardingMode mode, int bufferBytes) {
        return build(curve, aead, random, path, qos, mode, bufferBytes, List.of());
    }

    /**
     * Builds the onion for {@code path}, innermost (destination) layer first; {@code prices} is empty or holds
     * the agreed price per GB of each transit hop (every hop but the destination), in path order.
     */
    public static Built build(Secp256k1 curve, Aead aead, EntropySource random, List<byte[]> path, QosClass qos,
                              ForwardingMode mode, int bufferBytes, List<Long> prices) {
        if (!prices.isEmpty() && prices.size() != path.size() - 1) {
            throw new IllegalArgumentException("prices are for the " + (path.size() - 1) + " transit hops");
        }
        byte[] inner = null;
        byte[][] endKeys = null;
        byte[][] paymentKeys = new byte[path.size()][];
        for (int i = path.size() - 1; i >= 0; i--) {
            byte[] ephemeralSecret = freshSecret(curve, random);
            byte[] ephemeralKey = curve.publicKey(ephemeralSecret);
            byte[][] keys = Hashes.hkdf(SALT, curve.ecdh(ephemeralSecret, path.get(i)), 4);
            boolean destination = i == path.size() - 1;
            boolean paid = !destination && !prices.isEmpty();
            if (destination) {
                endKeys = keys;
            }
            if (paid) {
                paymentKeys[i] = keys[3];
            }
            int params = PARAMS_BYTES + (paid ? PRICE_BYTES : 0);
            int plainLength = params + (destination ? 0 : Secp256k1.PUBLIC_KEY_BYTES + inner.length);
            byte[] plain = new byte[plainLength];
            plain[0] = (byte) ((destination ? FLAG_DESTINATION : 0) | (paid ? FLAG_PAID : 0));
            plain[1] = (byte) qos.ordinal();
            plain[2] = (byte) mode.ordinal();
            DatagramCodec.putInt(plain, 3, bufferBytes);
            if (paid) {
                long price = prices.get(i);
                if (price < 0) {
                    throw new IllegalArgumentException("a price is never negative");
                }
                DatagramCodec.putLong(plain, PARAMS_BYTES, price);
            }
            if (!destination) {
                System.arraycopy(path.get(i + 1), 0, plain, params, Secp256k1.PUBLIC_KEY_BYTES);
                System.arraycopy(inner, 0, plain, params + Secp256k1.PUBLIC_KEY_BYTES, inner.length);
            }
            byte[] layer = new byte[LAYER_OVERHEAD + plainLength];
            System.arraycopy(ephemeralKey, 0, layer, 0, Secp256k1.PUBLIC_KEY_BYTES);
            aead.seal(keys[0], ZERO_NONCE, ephemeralKey, plain, 0, plainLength, layer, Secp256k1.PUBLIC_KEY_BYTES);
            inner = layer;
        }
        return new Built(inner, endKeys[1], endKeys[2], proof(endKeys[2]), paymentKeys);
    }

    /** Opens the outer layer with this hop's static secret; any failure is a {@link DecodeException}. */
    public static Layer peel(Secp256k1 curve, Aead aead, byte[] staticSecret, byte[] onion) throws DecodeException {
        if (onion.length < LAYER_OVERHEAD + PARAMS_BYTES) {
            throw new DecodeException("setup layer too short");
        }
        byte[] ephemeralKey = Arrays.copyOf(onion, Secp256k1.PUBLIC_KEY_BYTES);
        byte[][] keys;
        byte[] plain;
        try {
            keys = Hashes.hkdf(SALT, curve.ecdh(staticSecret, curve.parsePublicKey(ephemeralKey)), 4);
            plain = new byte[onion.length - LAYER_OVERHEAD];
            aead.open(keys[0], ZERO_NONCE, ephemeralKey, onion, Secp256k1.PUBLIC_KEY_BYTES,
                    onion.length - Secp256k1.PUBLIC_KEY_BYTES, plain, 0);
        } catch (CryptoException | IllegalArgumentException e) {
            throw new DecodeException("setup layer does not open: " + e.getMessage());
        }
        return parsePlaintext(ephemeralKey, plain, keys[1], keys[2], keys[3]);
    }

    /** Parses an opened layer's plaintext (public so the parser can be fuzzed without the seal). */
    public static Layer parsePlaintext(byte[] ephemeralKey, byte[] plain, byte[] originToDestination,
                                       byte[] destinationToOrigin) throws DecodeException {
        return parsePlaintext(ephemeralKey, plain, originToDestination, destinationToOrigin, new byte[32]);
    }

    private static Layer parsePlaintext(byte[] ephemeralKey, byte[] plain, byte[] originToDestination,
                                        byte[] destinationToOrigin, byte[] paymentKey) throws DecodeException {
        if (plain.length < PARAMS_BYTES) {
            throw new DecodeException("setup parameters truncated");
        }
        int flags = plain[0] & 0xFF;
        int qos = plain[1] & 0xFF;
        int mode = plain[2] & 0xFF;
        if ((flags & ~(FLAG_DESTINATION | FLAG_PAID)) != 0 || qos >= QosClass.values().length
                || mode >= ForwardingMode.values().length) {
            throw new DecodeException("setup parameters out of range");
        }
        int bufferBytes = (int) DatagramCodec.getLong(new byte[] {0, 0, 0, 0, plain[3], plain[4], plain[5], plain[6]}, 0);
        if (bufferBytes < EngineConfig.MIN_ROUTE_BUFFER_BYTES) {
            throw new DecodeException("setup buffer size out of range");
        }
        boolean destination = (flags & FLAG_DESTINATION) != 0;
        boolean paid = (flags & FLAG_PAID) != 0;
        if (destination && paid) {
            throw new DecodeException("a destination layer carries no price");
        }
        if (destination) {
            if (plain.length != PARAMS_BYTES) {
                throw new DecodeException("destination layer has trailing bytes");
            }
            return new Layer(ephemeralKey, true, QosClass.values()[qos], ForwardingMode.values()[mode], bufferBytes,
                    -1, null, null, originToDestination, destinationToOrigin, null);
        }
        int params = PARAMS_BYTES + (paid ? PRICE_BYTES : 0);
        if (plain.length < params + Secp256k1.PUBLIC_KEY_BYTES + LAYER_OVERHEAD + PARAMS_BYTES) {
            throw new DecodeException("transit layer without a next layer");
        }
        long price = -1;
        if (paid) {
            price = DatagramCodec.getLong(plain, PARAMS_BYTES);
            if (price < 0) {
                throw new DecodeException("setup price out of range");
            }
        }
        byte[] nextHop = Arrays.copyOfRange(plain, params, params + Secp256k1.PUBLIC_KEY_BYTES);
        byte[] inner = Arrays.copyOfRange(plain, params + Secp256k1.PUBLIC_KEY_BYTES, plain.length);
        return new Layer(ephemeralKey, false, QosClass.values()[qos], ForwardingMode.values()[mode], bufferBytes,
                price, nextHop, inner, null, null, paid ? paymentKey : null);
    }

    static byte[] proof(byte[] destinationToOrigin) {
        return Arrays.copyOf(Hashes.hmacSha256(destinationToOrigin, CONFIRM_LABEL), Frame.Confirm.PROOF_BYTES);
    }

    private static byte[] freshSecret(Secp256k1 curve, EntropySource random) {
        byte[] secret = new byte[Secp256k1.SECRET_KEY_BYTES];
        do {
            random.nextBytes(secret);
        } while (!curve.isValidSecretKey(secret));
        return secret;
    }
}
