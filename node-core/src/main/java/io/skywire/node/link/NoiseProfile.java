package io.skywire.node.link;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The protocol name and prologue that seed a handshake's transcript hash; peers with different profiles
 * can never complete a handshake with each other.
 *
 * @param protocolName the Noise protocol name, hashed into the initial chaining key
 * @param prologue     bytes both sides agree on out of band, mixed into the transcript hash
 */
public record NoiseProfile(String protocolName, String prologue) {

    /** The Noise pattern and primitives every Skywire link uses. */
    public static final String NOISE_PROTOCOL_NAME = "Noise_XK_secp256k1_ChaChaPoly_SHA256";

    /** Skywire link protocol, version 1; the prologue keeps it apart from Lightning's BOLT 8 ("lightning"). */
    public static final NoiseProfile SKYWIRE_LINK_V1 = new NoiseProfile(NOISE_PROTOCOL_NAME, "skywire-link/1");

    public NoiseProfile {
        Objects.requireNonNull(protocolName, "protocolName");
        Objects.requireNonNull(prologue, "prologue");
    }

    byte[] protocolNameBytes() {
        return protocolName.getBytes(StandardCharsets.US_ASCII);
    }

    byte[] prologueBytes() {
        return prologue.getBytes(StandardCharsets.US_ASCII);
    }
}
