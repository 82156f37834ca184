package io.skywire.node.routing;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A node's public key as the routing graph names it: lower-case hex, so it can be a map key and compared by
 * value. The graph does not check that it is a curve point; whoever fills the graph (discovery) has already
 * verified the signed record it came from.
 */
public record NodeKey(String hex) implements Comparable<NodeKey> {

    private static final HexFormat HEX = HexFormat.of();

    public NodeKey {
        Objects.requireNonNull(hex, "hex");
        if (hex.isEmpty() || hex.length() % 2 != 0) {
            throw new IllegalArgumentException("node key must be a non-empty, even number of hex digits");
        }
        hex = hex.toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("node key has a non-hex character at position " + i);
            }
        }
    }

    /** The key of these bytes (a 33-byte compressed public key on the network). */
    public static NodeKey of(byte[] key) {
        return new NodeKey(HEX.formatHex(key));
    }

    /** The key's bytes. */
    public byte[] bytes() {
        return HEX.parseHex(hex);
    }

    @Override
    public int compareTo(NodeKey other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex.length() > 16 ? hex.substring(0, 16) : hex;
    }
}
