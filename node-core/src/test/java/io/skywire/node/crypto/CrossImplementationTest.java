package io.skywire.node.crypto;

import io.skywire.node.testing.TestVectors;
import io.skywire.node.testing.Implementations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bouncy Castle and libsecp256k1 must be interchangeable: same bytes out, same verdicts on the same inputs. */
final class CrossImplementationTest {

    private static final int ROUNDS = 200;

    private Secp256k1 bc;
    private Secp256k1 jni;

    @BeforeEach
    void implementations() {
        bc = Secp256k1Provider.bouncyCastle();
        jni = Implementations.jniOrSkip();
    }

    @Test
    void sameKeysSignaturesAndSecrets() {
        Random random = new Random(10);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] secret = Secp256k1Test.randomSecret(bc, random);
            byte[] peerSecret = Secp256k1Test.randomSecret(bc, random);
            byte[] hash = Secp256k1Test.randomBytes(random, 32);
            byte[] publicKey = bc.publicKey(secret);
            byte[] peer = jni.publicKey(peerSecret);

            assertThat(jni.publicKey(secret)).isEqualTo(publicKey);
            byte[] bcSignature = bc.sign(secret, hash);
            byte[] jniSignature = jni.sign(secret, hash);
            assertThat(jniSignature).as("identical RFC 6979 signature and recovery id").isEqualTo(bcSignature);
            assertThat(jni.verify(bcSignature, hash, publicKey)).isTrue();
            assertThat(bc.verify(jniSignature, hash, publicKey)).isTrue();
            assertThat(jni.recover(bcSignature, hash)).isEqualTo(publicKey);
            assertThat(bc.recover(jniSignature, hash)).isEqualTo(publicKey);
            assertThat(jni.ecdh(secret, peer)).isEqualTo(bc.ecdh(secret, peer));
            byte[] full = Secp256k1Test.uncompressed(peer);
            assertThat(jni.parsePublicKey(full)).isEqualTo(bc.parsePublicKey(full));
        }
    }

    @Test
    void sameVerdictOnMutatedSignatures() {
        Random random = new Random(11);
        int accepted = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] secret = Secp256k1Test.randomSecret(bc, random);
            byte[] hash = Secp256k1Test.randomBytes(random, 32);
            byte[] publicKey = bc.publicKey(secret);
            byte[] compact = bc.sign(secret, hash);
            byte[] der = Secp256k1Test.der(compact);

            byte[] mutatedDer = mutate(der, random);
            boolean bcDer = bc.verifyDer(mutatedDer, hash, publicKey);
            assertThat(jni.verifyDer(mutatedDer, hash, publicKey))
                    .as("DER %s", TestVectors.hex(mutatedDer)).isEqualTo(bcDer);
            byte[] mutatedCompact = mutate(compact, random);
            boolean bcCompact = bc.verify(mutatedCompact, hash, publicKey);
            assertThat(jni.verify(mutatedCompact, hash, publicKey))
                    .as("compact %s", TestVectors.hex(mutatedCompact)).isEqualTo(bcCompact);
            accepted += (bcDer ? 1 : 0) + (bcCompact ? 1 : 0);
        }
        // Only mutations that leave the signature intact (such as the ignored recovery id byte) may verify.
        assertThat(accepted).isLessThan(ROUNDS);
    }

    /** Flips a bit, changes a byte, truncates or extends, at random. */
    private static byte[] mutate(byte[] input, Random random) {
        byte[] out = input.clone();
        switch (random.nextInt(4)) {
            case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
            case 2 -> out = Arrays.copyOf(out, random.nextInt(out.length));
            default -> out = Arrays.copyOf(out, out.length + 1 + random.nextInt(3));
        }
        return out;
    }
}
