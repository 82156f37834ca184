package io.skywire.node.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1Provider;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Generation, signing, ECDH and the secret never showing in toString. */
final class NodeKeyPairTest {

    @Test
    void generatedPairsWorkAndDiffer() {
        SecureRandom random = new SecureRandom();
        NodeKeyPair alice = NodeKeyPair.generate(random);
        NodeKeyPair bob = NodeKeyPair.generate(random);
        assertThat(alice.nodeId()).isNotEqualTo(bob.nodeId());
        assertThat(alice.ecdh(bob.nodeId())).isEqualTo(bob.ecdh(alice.nodeId()));

        byte[] hash = Hashes.sha256(new byte[] {1, 2, 3});
        byte[] signature = alice.sign(hash);
        assertThat(Secp256k1Provider.get().recover(signature, hash)).isEqualTo(alice.nodeId().key());
        assertThat(NodeKeyPair.fromSecret(alice.secret()).nodeId()).isEqualTo(alice.nodeId());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        NodeKeyPair pair = NodeKeyPair.generate(new SecureRandom());
        String secretHex = HexFormat.of().formatHex(pair.secret());
        assertThat(pair.toString()).doesNotContainIgnoringCase(secretHex).contains(pair.nodeId().hex());
    }

    @Test
    void secretIsCopied() {
        byte[] secret = new byte[32];
        secret[31] = 1;
        NodeKeyPair pair = NodeKeyPair.fromSecret(secret);
        secret[31] = 2;
        pair.secret()[31] = 3;
        assertThat(pair.secret()[31]).isEqualTo((byte) 1);
    }

    @Test
    void invalidSecretsAreRefused() {
        assertThatThrownBy(() -> NodeKeyPair.fromSecret(new byte[32])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> NodeKeyPair.fromSecret(new byte[31])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> NodeKeyPair.fromSecret(null)).isInstanceOf(CryptoException.class);
    }
}
