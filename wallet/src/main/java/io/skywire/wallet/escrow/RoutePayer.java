package io.skywire.wallet.escrow;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.payment.Pricing;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.payment.PaymentPromise;
import io.skywire.wallet.payment.PaymentRouteId;
import java.util.ArrayList;
import java.util.List;

/**
 * An origin's side of paying a route: from the bytes it has sent and received it works out what it owes each hop
 * at that hop's agreed price and signs a new cumulative promise for a hop whenever the debt has grown by the
 * promise interval since the last one. The caller hands each message to the engine for that hop. Not
 * thread-safe: one route is paid from one thread.
 */
public final class RoutePayer {

    /**
     * A paid hop as the origin knows it before setup, and the salt the engine derived for it.
     *
     * @param payee the hop's escrow payee key, to which its promises are committed
     * @param pricePerGb the agreed price, droplets per GB
     * @param salt the route's payment salt at that hop
     */
    public record Hop(byte[] payee, long pricePerGb, byte[] salt) {
        public Hop {
            payee = payee.clone();
            salt = salt.clone();
        }
    }

    /** A message for hop {@code hop} (0 is the first after the origin). */
    public record Outgoing(int hop, byte[] message) {
    }

    private final Secp256k1 secp256k1;
    private final byte[] pseudonymSecret;
    private final byte[] pseudonym;
    private final Attestation attestation;
    private final List<Hop> hops;
    private final long intervalDroplets;
    private final long[] promised;
    private final long[] sequences;

    /**
     * Pays {@code hops} from the pseudonym whose secret is {@code pseudonymSecret} and whose balance
     * {@code attestation} vouches for, one promise per {@code interval} of debt to a hop.
     */
    public RoutePayer(Secp256k1 secp256k1, byte[] pseudonymSecret, Attestation attestation, List<Hop> hops,
                      Droplets interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the promise interval must be positive");
        }
        this.secp256k1 = secp256k1;
        this.pseudonymSecret = pseudonymSecret.clone();
        this.pseudonym = secp256k1.publicKey(pseudonymSecret);
        this.attestation = attestation;
        this.hops = List.copyOf(hops);
        this.intervalDroplets = interval.value();
        this.promised = new long[hops.size()];
        this.sequences = new long[hops.size()];
    }

    /** The attestation for every hop, to send once the route is established. */
    public List<Outgoing> opening() {
        List<Outgoing> out = new ArrayList<>();
        byte[] open = new PaymentMessage.Open(attestation).encode();
        for (int hop = 0; hop < hops.size(); hop++) {
            out.add(new Outgoing(hop, open));
        }
        return out;
    }

    /** Promises for the hops owed at least one interval more than promised, for {@code bytes} route bytes. */
    public List<Outgoing> promisesFor(long bytes) {
        return promises(bytes, intervalDroplets);
    }

    /** Promises for every hop owed anything more than promised: at the end of a transfer, to settle up. */
    public List<Outgoing> settleUp(long bytes) {
        return promises(bytes, 1);
    }

    private List<Outgoing> promises(long bytes, long step) {
        List<Outgoing> out = new ArrayList<>();
        for (int h = 0; h < hops.size(); h++) {
            Hop hop = hops.get(h);
            long owed = Pricing.owed(bytes, hop.pricePerGb());
            if (owed - promised[h] < step) {
                continue;
            }
            promised[h] = owed;
            PaymentPromise promise = new PaymentPromise(pseudonym, PaymentRouteId.of(hop.payee(), hop.salt()),
                    Droplets.of(owed), ++sequences[h]);
            out.add(new Outgoing(h, new PaymentMessage.Promise(promise.sign(secp256k1, pseudonymSecret)).encode()));
        }
        return out;
    }

    /** What the latest promise to hop {@code hop} owes. */
    public Droplets promised(int hop) {
        return Droplets.of(promised[hop]);
    }
}
