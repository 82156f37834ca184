package io.skywire.node.engine;

import io.skywire.node.payment.PaymentPolicy;
import io.skywire.node.payment.PaymentSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payments on routes inside the engine: a hop's price check at setup, the allowance its
 * {@link PaymentPolicy} grants per route, and PAYMENT frames, which the origin seals to one hop and every hop
 * on the way tries to open, passing on what is not its own. The contents of a payment message are the
 * policy's business; the engine only carries them.
 */
final class PaymentPlane {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentPlane.class);

    private final EngineState state;
    private final PaymentSeal seal;

    PaymentPlane(EngineState state) {
        this.state = state;
        this.seal = new PaymentSeal(state.aead);
    }

    /** Checks a transit layer's price against this node's; returns the refusal, or null to admit. */
    FailureReason admit(SetupOnion.Layer layer) {
        if (layer.destination()) {
            return null;
        }
        PaymentPolicy policy = state.paymentPolicy;
        long asked = policy == null ? 0 : policy.pricePerGb();
        long offered = layer.paid() ? layer.pricePerGb() : 0;
        if (offered < asked) {
            state.counters.increment(Counter.SETUP_PRICE_REFUSED);
            LOG.debug("refused a setup at {} droplets/GB, below this node's {}", offered, asked);
            return FailureReason.REFUSED;
        }
        return null;
    }

    /** Gives a transit route set up with a price its payment state and first allowance. */
    void opened(Route route, SetupOnion.Layer layer) {
        if (!layer.paid()) {
            return;
        }
        byte[] salt = PaymentSeal.salt(layer.paymentKey());
        PaymentPolicy policy = state.paymentPolicy;
        long allowance = Long.MAX_VALUE;
        if (policy != null) {
            try {
                allowance = Math.max(0, policy.opened(salt, layer.pricePerGb()));
            } catch (RuntimeException e) {
                state.counters.increment(Counter.PAYMENT_POLICY_ERRORS);
                LOG.warn("payment policy failed on a new route", e);
                allowance = 0;
            }
        }
        route.payment = new RoutePayment(layer.pricePerGb(), layer.paymentKey(), salt, allowance, state.counters);
    }

    /** Seals {@code message} to hop {@code hop} (0 = first after the origin) of an established paid route. */
    boolean send(Route route, int hop, byte[] message) {
        byte[] key = hopKey(route, hop);
        if (key == null || route.role != Route.Role.ORIGIN || !route.established || route.closed) {
            return false;
        }
        byte[] body = seal.seal(key, route.hopPaymentCounters[hop]++, message);
        route.down.link.sendControl(new Frame.Payment(route.down.peerId(), body));
        return true;
    }

    /** The payment salt of hop {@code hop} of an origin's paid route, or null. */
    byte[] salt(Route route, int hop) {
        byte[] key = hopKey(route, hop);
        return key == null ? null : PaymentSeal.salt(key);
    }

    /** Hop {@code hop}'s payment key at the origin of a paid route, or null. */
    private static byte[] hopKey(Route route, int hop) {
        if (route.hopPaymentKeys == null || hop < 0 || hop >= route.hopPaymentKeys.length) {
            return null;
        }
        return route.hopPaymentKeys[hop];
    }

    void onPayment(long now, RouteLeg leg, Frame.Payment frame) {
        Route route = leg.route;
        if (leg != route.up) {
            // Payments travel away from the origin only.
            state.counters.increment(Counter.PAYMENT_UNOPENED);
            return;
        }
        route.lastActivity = now;
        RoutePayment payment = route.payment;
        byte[] message = payment == null ? null : seal.open(payment.key, frame.body());
        if (message == null) {
            if (route.down != null && route.down.peerKnown) {
                route.down.link.sendControl(new Frame.Payment(route.down.peerId(), frame.body()));
            } else {
                state.counters.increment(Counter.PAYMENT_UNOPENED);
            }
            return;
        }
        state.counters.increment(Counter.PAYMENTS_RECEIVED);
        PaymentPolicy policy = state.paymentPolicy;
        if (policy == null) {
            return;
        }
        long allowance;
        try {
            allowance = policy.paid(payment.salt, message);
        } catch (RuntimeException e) {
            state.counters.increment(Counter.PAYMENT_POLICY_ERRORS);
            LOG.warn("payment policy failed on a payment", e);
            return;
        }
        if (payment.raise(allowance)) {
            state.counters.increment(Counter.PAYMENT_RESUMED);
            route.up.link.schedule(route.up);
            route.down.link.schedule(route.down);
        }
    }

    /** Tells the policy a paid route ended here. */
    void closed(Route route) {
        PaymentPolicy policy = state.paymentPolicy;
        if (route.payment == null || policy == null) {
            return;
        }
        try {
            policy.closed(route.payment.salt);
        } catch (RuntimeException e) {
            state.counters.increment(Counter.PAYMENT_POLICY_ERRORS);
            LOG.warn("payment policy failed on a closed route", e);
        }
    }
}
