package io.skywire.tests.bench;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.node.link.EphemeralKeySource;
import io.skywire.node.link.HandshakeResult;
import io.skywire.node.link.InitiatorHandshake;
import io.skywire.node.link.NoiseProfile;
import io.skywire.node.identity.NodeId;
import io.skywire.node.link.ResponderHandshake;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Complete Noise XK link handshakes (both sides, all three acts) per second over an in-memory pipe. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandshakeBenchmark {

    private byte[] initiatorSecret;
    private byte[] responderSecret;
    private NodeId responderKey;
    private EphemeralKeySource keys;

    @Setup(Level.Trial)
    public void setUp() {
        Secp256k1 secp = Secp256k1Provider.get();
        SecureRandom random = new SecureRandom();
        initiatorSecret = LinkSealBenchmark.secret(secp, random);
        responderSecret = LinkSealBenchmark.secret(secp, random);
        responderKey = new NodeId(secp.publicKey(responderSecret));
        keys = EphemeralKeySource.secure();
    }

    @Benchmark
    public HandshakeResult handshake() {
        InitiatorHandshake initiator = new InitiatorHandshake(NoiseProfile.SKYWIRE_LINK_V1, initiatorSecret,
                responderKey, keys);
        ResponderHandshake responder = new ResponderHandshake(NoiseProfile.SKYWIRE_LINK_V1, responderSecret, keys);
        return responder.actThree(initiator.actThree(responder.actTwo(initiator.actOne())));
    }
}
