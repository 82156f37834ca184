package io.skywire.tests.bench;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.node.link.EphemeralKeySource;
import io.skywire.node.link.HandshakeResult;
import io.skywire.node.link.InitiatorHandshake;
import io.skywire.node.link.LinkCipher;
import io.skywire.node.link.NoiseProfile;
import io.skywire.node.link.Opened;
import io.skywire.node.identity.NodeId;
import io.skywire.node.link.RekeyPolicy;
import io.skywire.node.link.ResponderHandshake;
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

/**
 * The link's sealed-frame throughput: {@code seal} is one direction's work per frame (header, nonce, AEAD, and the
 * key rotations it triggers, once a second as by default); {@code sealAndOpen} adds the receiver's replay check and
 * decryption. Compare with {@link RawCipherBenchmark}, the bare JDK cipher, in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LinkSealBenchmark {

    /** How often the sender checks whether a rotation is due (the Netty handler does it on a timer). */
    private static final int POLL_EVERY_FRAMES = 1024;

    @Param({"1400", "16384"})
    public int frameBytes;

    private LinkCipher sender;
    private LinkCipher receiver;
    private byte[] payload;
    private int sinceLastPoll;

    @Setup(Level.Trial)
    public void setUp() {
        Secp256k1 secp = Secp256k1Provider.get();
        SecureRandom random = new SecureRandom();
        byte[] initiatorSecret = secret(secp, random);
        byte[] responderSecret = secret(secp, random);
        EphemeralKeySource keys = EphemeralKeySource.secure();
        InitiatorHandshake initiator = new InitiatorHandshake(NoiseProfile.SKYWIRE_LINK_V1, initiatorSecret,
                new NodeId(secp.publicKey(responderSecret)), keys);
        ResponderHandshake responder = new ResponderHandshake(NoiseProfile.SKYWIRE_LINK_V1, responderSecret, keys);
        byte[] actThree = initiator.actThree(responder.actTwo(initiator.actOne()));
        HandshakeResult responderResult = responder.actThree(actThree);
        long now = System.nanoTime();
        sender = new LinkCipher(initiator.result(), RekeyPolicy.DEFAULT, keys, now);
        receiver = new LinkCipher(responderResult, RekeyPolicy.DEFAULT, keys, now);
        payload = new byte[frameBytes];
        random.nextBytes(payload);
    }

    static byte[] secret(Secp256k1 secp, SecureRandom random) {
        byte[] secret = new byte[32];
        do {
            random.nextBytes(secret);
        } while (!secp.isValidSecretKey(secret));
        return secret;
    }

    @Benchmark
    public byte[] seal() {
        rotateWhenDue();
        return sender.seal(payload);
    }

    @Benchmark
    public Opened sealAndOpen() {
        rotateWhenDue();
        return receiver.open(sender.seal(payload), System.nanoTime());
    }

    /** Runs the rekey exchange (offer, accept) in memory when the sender's policy says it is due. */
    private void rotateWhenDue() {
        if (++sinceLastPoll < POLL_EVERY_FRAMES && sender.canSend()) {
            return;
        }
        sinceLastPoll = 0;
        long now = System.nanoTime();
        for (byte[] offer : sender.poll(now)) {
            if (receiver.open(offer, now) instanceof Opened.Control control) {
                for (byte[] accept : control.replies()) {
                    sender.open(accept, now);
                }
            }
        }
    }
}
