package io.skywire.node.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** NodeId validation, hex round trips, fingerprints and value semantics. */
final class NodeIdTest {

    private static final String G = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

    @Test
    void hexRoundTripAndValueSemantics() {
        NodeId id = NodeId.fromHex(G);
        assertThat(id.hex()).isEqualTo(G);
        assertThat(NodeId.fromHex(G.toUpperCase())).isEqualTo(id).hasSameHashCodeAs(id);
        assertThat(new NodeId(HexFormat.of().parseHex(G))).isEqualTo(id);
        assertThat(id.toString()).contains(G);
    }

    @Test
    void keyIsCopiedInAndOut() {
        byte[] bytes = HexFormat.of().parseHex(G);
        NodeId id = new NodeId(bytes);
        bytes[5] ^= 1;
        id.key()[6] ^= 1;
        assertThat(id.hex()).isEqualTo(G);
    }

    @Test
    void fingerprintIsFourGroupsOfTheKeyHash() {
        String fingerprint = NodeId.fromHex(G).fingerprint();
        assertThat(fingerprint).matches("[0-9a-f]{4}(-[0-9a-f]{4}){3}");
        // First 8 bytes of SHA-256 of the compressed generator.
        String expected = HexFormat.of().formatHex(
                io.skywire.node.crypto.Hashes.sha256(HexFormat.of().parseHex(G)), 0, 8);
        assertThat(fingerprint.replace("-", "")).isEqualTo(expected);
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> NodeId.fromHex(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> NodeId.fromHex(G.substring(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("66 hex digits, was 64");
        assertThatThrownBy(() -> NodeId.fromHex(G.substring(0, 65) + "g")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'g' at position 65");
        assertThatThrownBy(() -> NodeId.fromHex("04" + G.substring(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("02 or 03");
        // x = 5 has no point on the curve.
        assertThatThrownBy(() -> NodeId.fromHex("02" + "00".repeat(31) + "05"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a point on secp256k1");
        assertThatThrownBy(() -> new NodeId(new byte[32])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("33 bytes");
    }
}
