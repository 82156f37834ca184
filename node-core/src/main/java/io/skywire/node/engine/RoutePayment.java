package io.skywire.node.engine;

/**
 * A paid route's payment state at a transit hop: the agreed price, the key and salt of the origin's payment
 * messages to this hop, the bytes this hop has put on the wire for the route (both directions, first
 * transmissions only) and the allowance its {@link io.skywire.node.payment.PaymentPolicy} granted. Payloads wait
 * in the hop's buffer while forwarding them would exceed the allowance.
 */
final class RoutePayment {

    final long pricePerGb;
    final byte[] key;
    final byte[] salt;
    private final NodeCounters counters;
    long charged;
    long allowance;
    boolean stalled;

    RoutePayment(long pricePerGb, byte[] key, byte[] salt, long allowance, NodeCounters counters) {
        this.pricePerGb = pricePerGb;
        this.key = key;
        this.salt = salt;
        this.allowance = allowance;
        this.counters = counters;
    }

    /** Whether {@code bytes} more may be forwarded now; the first refusal of a stall is counted. */
    boolean mayForward(int bytes) {
        if (charged + bytes <= allowance) {
            return true;
        }
        if (!stalled) {
            stalled = true;
            counters.increment(Counter.PAYMENT_STALLS);
        }
        return false;
    }

    /** Raises the allowance (never lowers it); returns true when a stalled route may move again. */
    boolean raise(long newAllowance) {
        if (newAllowance <= allowance) {
            return false;
        }
        allowance = newAllowance;
        boolean resumed = stalled;
        stalled = false;
        return resumed;
    }
}
