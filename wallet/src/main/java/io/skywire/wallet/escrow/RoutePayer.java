package io.skywire.wallet.escrow;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.payment.Pricing;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.payment.PaymentPromise;
import io.skywire.wallet.payment.PaymentRouteId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An origin's side of paying a route: from the bytes it has sent and received it works out what it owes each hop
 * at that hop's agreed price and signs a new cumulative promise for a hop whenever the debt has grown by that
 * hop's promise interval since the last one. The interval is either the same amount for every hop or what a number
 * of route bytes cost at each hop's price ({@link #everyBytes}), which keeps every hop's unpaid bytes under the same
 * bound whatever its price. The caller hands each message to the engine for that hop. Not thread-safe: one route is
 * paid from one thread.
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
    private final long[] intervals;
    private final long[] promised;
    private final long[] sequences;

    /**
     * Pays {@code hops} from the pseudonym whose secret is {@code pseudonymSecret} and whose balance
     * {@code attestation} vouches for, one promise per {@code interval} of debt to a hop.
     */
    public RoutePayer(Secp256k1 secp256k1, byte[] pseudonymSecret, Attestation attestation, List<Hop> hops,
                      Droplets interval) {
        this(secp256k1, pseudonymSecret, attestation, hops, uniform(hops.size(), interval));
    }

    private RoutePayer(Secp256k1 secp256k1, byte[] pseudonymSecret, Attestation attestation, List<Hop> hops,
                       long[] intervals) {
        this.secp256k1 = secp256k1;
        this.pseudonymSecret = pseudonymSecret.clone();
        this.pseudonym = secp256k1.publicKey(pseudonymSecret);
        this.attestation = attestation;
        this.hops = List.copyOf(hops);
        this.intervals = intervals;
        this.promised = new long[hops.size()];
        this.sequences = new long[hops.size()];
    }

    /**
     * Pays {@code hops} with a promise to each hop whenever its debt has grown by what {@code promiseBytes} route
     * bytes cost at its price (at least one droplet): a cheap hop is not left waiting for the dearest hop's interval,
     * so a tolerance of a fixed number of bytes at every hop is enough for all of them.
     */
    public static RoutePayer everyBytes(Secp256k1 secp256k1, byte[] pseudonymSecret, Attestation attestation,
                                        List<Hop> hops, long promiseBytes) {
        if (promiseBytes < 1) {
            throw new IllegalArgumentException("the promise interval must be at least one byte");
        }
        long[] intervals = new long[hops.size()];
        for (int h = 0; h < intervals.length; h++) {
            intervals[h] = Math.max(1, Pricing.owed(promiseBytes, hops.get(h).pricePerGb()));
        }
        return new RoutePayer(secp256k1, pseudonymSecret, attestation, hops, intervals);
    }

    private static long[] uniform(int hops, Droplets interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the promise interval must be positive");
        }
        long[] intervals = new long[hops];
        Arrays.fill(intervals, interval.value());
        return intervals;
    }

    /** Hop {@code hop}'s promise interval, droplets. */
    public Droplets interval(int hop) {
        return Droplets.of(intervals[hop]);
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

    /** Promises for the hops owed at least their interval more than promised, for {@code bytes} route bytes. */
    public List<Outgoing> promisesFor(long bytes) {
        return promises(bytes, false);
    }

    /** Promises for every hop owed anything more than promised: at the end of a transfer, to settle up. */
    public List<Outgoing> settleUp(long bytes) {
        return promises(bytes, true);
    }

    private List<Outgoing> promises(long bytes, boolean everything) {
        List<Outgoing> out = new ArrayList<>();
        for (int h = 0; h < hops.size(); h++) {
            Hop hop = hops.get(h);
            long owed = Pricing.owed(bytes, hop.pricePerGb());
            if (owed - promised[h] < (everything ? 1 : intervals[h])) {
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
