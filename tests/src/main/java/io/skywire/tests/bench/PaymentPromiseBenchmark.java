package io.skywire.tests.bench;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.payment.PaymentPromise;
import io.skywire.wallet.payment.PromiseOutcome;
import io.skywire.wallet.payment.PromiseVerifier;
import io.skywire.wallet.payment.SignedPromise;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Payment promises a hop verifies per second (wire bytes in, outcome out) and an origin signs per second. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PaymentPromiseBenchmark {

    /** Promises pre-signed for the verify benchmark; each is accepted once, in order, then the verifier restarts. */
    private static final int PROMISES = 4096;

    private Secp256k1 secp;
    private byte[] secret;
    private byte[] pseudonym;
    private byte[] routeId;
    private byte[][] wire;
    private PromiseVerifier verifier;
    private int next;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        secp = Secp256k1Provider.get();
        secret = Hashes.sha256("benchmark payer".getBytes());
        pseudonym = secp.publicKey(secret);
        routeId = new byte[PaymentPromise.ROUTE_ID_BYTES];
        wire = new byte[PROMISES][];
        for (int i = 0; i < PROMISES; i++) {
            wire[i] = new PaymentPromise(pseudonym, routeId, Droplets.of(1000L * (i + 1)), i + 1).sign(secp, secret)
                    .encode();
        }
        verifier = new PromiseVerifier(secp, pseudonym, routeId, Droplets.ofSky(1_000_000));
    }

    /** Decode, check the signature and the route's state: what a hop does for each promise it receives. */
    @Benchmark
    public PromiseOutcome verify() {
        if (next == PROMISES) {
            verifier = new PromiseVerifier(secp, pseudonym, routeId, Droplets.ofSky(1_000_000));
            next = 0;
        }
        PromiseOutcome outcome = verifier.offer(SignedPromise.decode(wire[next++]));
        if (outcome != PromiseOutcome.ACCEPTED) {
            throw new IllegalStateException("benchmark promise refused: " + outcome);
        }
        return outcome;
    }

    /** Encode and sign one promise: what an origin does for each promise it sends. */
    @Benchmark
    public byte[] sign() {
        sequence++;
        return new PaymentPromise(pseudonym, routeId, Droplets.of(sequence), sequence).sign(secp, secret).encode();
    }
}
