package io.skywire.tests.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The baseline for the link's sealing speed: the JDK's ChaCha20-Poly1305 cipher alone, a fresh nonce per frame. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawCipherBenchmark {

    @Param({"1400", "16384"})
    public int frameBytes;

    private Cipher cipher;
    private SecretKeySpec key;
    private byte[] plaintext;
    private byte[] out;
    private final byte[] nonce = new byte[12];
    private long counter;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        cipher = Cipher.getInstance("ChaCha20-Poly1305");
        byte[] keyBytes = new byte[32];
        new SecureRandom().nextBytes(keyBytes);
        key = new SecretKeySpec(keyBytes, "ChaCha20");
        plaintext = new byte[frameBytes];
        out = new byte[frameBytes + 16];
    }

    @Benchmark
    public int seal() throws GeneralSecurityException {
        ByteBuffer.wrap(nonce, 4, 8).putLong(counter++);
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
        return cipher.doFinal(plaintext, 0, plaintext.length, out, 0);
    }
}
