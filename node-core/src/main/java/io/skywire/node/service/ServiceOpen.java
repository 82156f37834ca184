package io.skywire.node.service;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The first bytes of a service route (docs/PROTOCOL.md 8.1): which channel it is for, and who opened it. A route's
 * destination learns nothing of its origin from the route itself (the onion hides it), so the origin signs, with
 * its node key, the channel, both node keys and a fresh nonce; a service peer is then a proven node key.
 *
 * @param channel     1..65535
 * @param origin      the opener's node key
 * @param nonce       16 random bytes
 * @param signature   65 bytes, r || s || recovery id, over {@link #signedHash}
 */
public record ServiceOpen(int channel, NodeId origin, byte[] nonce, byte[] signature) {

    /** The route kind byte of a service route (a group join is 0x10, PROTOCOL 6.6). */
    public static final int KIND = 0x11;
    public static final int VERSION = 1;
    public static final int BYTES = 1 + 1 + 2 + NodeId.BYTES + 16 + 65;
    private static final byte[] DOMAIN = "skywire-service-open/1".getBytes(StandardCharsets.US_ASCII);

    /** The hash the origin signs. */
    public static byte[] signedHash(int channel, NodeId origin, NodeId destination, byte[] nonce) {
        return Hashes.sha256(DOMAIN, new byte[] {(byte) (channel >>> 8), (byte) channel}, origin.key(),
                destination.key(), nonce);
    }

    /** A signed opening of {@code channel} towards {@code destination}. */
    public static ServiceOpen sign(NodeKeyPair keys, int channel, NodeId destination, byte[] nonce) {
        checkChannel(channel);
        return new ServiceOpen(channel, keys.nodeId(), nonce.clone(),
                keys.sign(signedHash(channel, keys.nodeId(), destination, nonce)));
    }

    private static void checkChannel(int channel) {
        if (channel < 1 || channel > 0xffff) {
            throw new IllegalArgumentException("channel must be 1..65535");
        }
    }

    public byte[] encode() {
        return new BodyWriter().u8(KIND).u8(VERSION).u16(channel).bytes(origin.key()).bytes(nonce).bytes(signature)
                .toByteArray();
    }

    /** Decodes exactly {@link #BYTES} bytes; the signature is checked by {@link #verifiedFor}. */
    public static ServiceOpen decode(byte[] bytes) throws MessageFormatException {
        BodyReader in = new BodyReader(bytes);
        if (in.u8("kind") != KIND) {
            throw new MessageFormatException("not a service route");
        }
        if (in.u8("version") != VERSION) {
            throw new MessageFormatException("unknown service open version");
        }
        int channel = in.u16("channel");
        if (channel == 0) {
            throw new MessageFormatException("channel 0");
        }
        NodeId origin = HostMessages.nodeId(in.bytes(NodeId.BYTES, "origin"));
        byte[] nonce = in.bytes(16, "nonce");
        byte[] signature = in.bytes(65, "signature");
        in.end();
        return new ServiceOpen(channel, origin, nonce, signature);
    }

    /** True when the origin signed this opening for {@code destination}. */
    public boolean verifiedFor(NodeId destination) {
        try {
            return Secp256k1Provider.get().verify(signature, signedHash(channel, origin, destination, nonce),
                    origin.key());
        } catch (CryptoException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceOpen o && channel == o.channel && origin.equals(o.origin)
                && Arrays.equals(nonce, o.nonce) && Arrays.equals(signature, o.signature);
    }

    @Override
    public int hashCode() {
        return 31 * origin.hashCode() + channel;
    }
}
