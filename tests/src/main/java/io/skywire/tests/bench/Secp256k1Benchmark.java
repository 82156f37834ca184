package io.skywire.tests.bench;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** ECDH, signing and verification per second, libsecp256k1 (JNI) against Bouncy Castle. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Secp256k1Benchmark {

    @Param({"jni", "bc"})
    public String implementation;

    private Secp256k1 secp;
    private byte[] secret;
    private byte[] peerPublicKey;
    private byte[] hash;
    private byte[] signature;
    private byte[] publicKey;

    @Setup(Level.Trial)
    public void setUp() {
        secp = "jni".equals(implementation)
                ? Secp256k1Provider.jni().orElseThrow(() -> new IllegalStateException("libsecp256k1 did not load"))
                : Secp256k1Provider.bouncyCastle();
        SecureRandom random = new SecureRandom();
        secret = randomSecret(random);
        publicKey = secp.publicKey(secret);
        peerPublicKey = secp.publicKey(randomSecret(random));
        hash = Hashes.sha256(new byte[] {1, 2, 3});
        signature = secp.sign(secret, hash);
    }

    private byte[] randomSecret(SecureRandom random) {
        byte[] candidate = new byte[32];
        do {
            random.nextBytes(candidate);
        } while (!secp.isValidSecretKey(candidate));
        return candidate;
    }

    @Benchmark
    public byte[] ecdh() {
        return secp.ecdh(secret, peerPublicKey);
    }

    @Benchmark
    public byte[] sign() {
        return secp.sign(secret, hash);
    }

    @Benchmark
    public boolean verify() {
        return secp.verify(signature, hash, publicKey);
    }
}
