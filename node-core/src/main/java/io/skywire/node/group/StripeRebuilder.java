package io.skywire.node.group;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Rebuilds a stripe's one missing data chunk from its parity chunk and the others, so a member that dies takes
 * nothing with it and nothing is resent. It keeps, per incomplete stripe, only the running XOR of what arrived
 * (not the chunks), and only for stripes inside the receive window.
 */
final class StripeRebuilder {

    /** A chunk recovered from parity: where it goes and its bytes. */
    record Rebuilt(long seq, byte[] bytes) {
    }

    private static final class Stripe {
        final int count;
        byte[] xor = new byte[0];
        int lengthXor;
        int received;
        int receivedMask;
        boolean parity;

        Stripe(int count) {
            this.count = count;
        }

        void fold(byte[] bytes) {
            if (bytes.length > xor.length) {
                xor = java.util.Arrays.copyOf(xor, bytes.length);
            }
            for (int i = 0; i < bytes.length; i++) {
                xor[i] ^= bytes[i];
            }
            lengthXor ^= bytes.length;
        }
    }

    private final GroupCounters counters;
    private final Map<Long, Stripe> stripes = new HashMap<>();

    StripeRebuilder(GroupCounters counters) {
        this.counters = counters;
    }

    /** Stripes being tracked. */
    int size() {
        return stripes.size();
    }

    /**
     * Records a new data chunk of a stripe; returns the stripe's missing chunk if this completes what parity
     * needs, else null.
     */
    Rebuilt onData(long seq, int count, int index, byte[] bytes, ReorderBuffer order) {
        long first = seq - index;
        Stripe stripe = stripes.computeIfAbsent(first, f -> new Stripe(count));
        if (stripe.count != count || (stripe.receivedMask & 1 << index) != 0) {
            // Inconsistent with what the sender said before; the chunk itself is still good.
            counters.increment(GroupCounter.PARITY_UNUSABLE);
            return null;
        }
        stripe.fold(bytes);
        stripe.receivedMask |= 1 << index;
        stripe.received++;
        return settle(first, stripe, order);
    }

    /** Records a parity chunk; returns the missing chunk it rebuilds, or null. */
    Rebuilt onParity(GroupFrame.Parity parity, ReorderBuffer order) {
        long first = parity.firstSeq();
        if (first + parity.count() <= order.nextExpected() || !order.inWindow(first + parity.count() - 1)) {
            counters.increment(GroupCounter.PARITY_UNUSABLE);
            return null;
        }
        Stripe stripe = stripes.computeIfAbsent(first, f -> new Stripe(parity.count()));
        if (stripe.count != parity.count() || stripe.parity) {
            counters.increment(GroupCounter.PARITY_UNUSABLE);
            return null;
        }
        stripe.parity = true;
        stripe.fold(parity.bytes());
        stripe.lengthXor ^= parity.bytes().length ^ parity.lengthXor();
        return settle(first, stripe, order);
    }

    private Rebuilt settle(long first, Stripe stripe, ReorderBuffer order) {
        if (stripe.received == stripe.count) {
            stripes.remove(first);
            return null;
        }
        if (!stripe.parity || stripe.received != stripe.count - 1) {
            return null;
        }
        int missing = Integer.numberOfTrailingZeros(~stripe.receivedMask);
        long seq = first + missing;
        int length = stripe.lengthXor;
        if (order.has(seq)) {
            stripes.remove(first);
            return null;
        }
        if (length < 1 || length > stripe.xor.length) {
            // The sender's parity does not match its own data. The stripe stays, so a repeat is recognised and
            // the real chunk can still complete it.
            counters.increment(GroupCounter.PARITY_UNUSABLE);
            return null;
        }
        stripes.remove(first);
        return new Rebuilt(seq, java.util.Arrays.copyOf(stripe.xor, length));
    }

    /** Forgets stripes whose every chunk has been delivered in order. */
    void forgetBelow(long nextExpected) {
        Iterator<Map.Entry<Long, Stripe>> it = stripes.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Stripe> entry = it.next();
            if (entry.getKey() + entry.getValue().count <= nextExpected) {
                it.remove();
            }
        }
    }
}
