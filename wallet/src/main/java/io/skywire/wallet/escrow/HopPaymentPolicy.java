package io.skywire.wallet.escrow;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.payment.PaymentPolicy;
import io.skywire.node.payment.Pricing;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.payment.PaymentRouteId;
import io.skywire.wallet.payment.PromiseOutcome;
import io.skywire.wallet.payment.PromiseVerifier;
import io.skywire.wallet.payment.SignedPromise;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A forwarding hop's {@link PaymentPolicy} backed by the wallet: per paid route it checks the origin's escrow
 * attestation (renewed by a later one before it expires; no promise is accepted after), then verifies its promises with a {@link PromiseVerifier} (the route id a promise names must be
 * the commitment to this hop's payee key and the route's salt), and lets the engine forward what the latest
 * accepted promise plus a tolerance pays for at the agreed price. It keeps each route's latest promise until it
 * has been settled at the escrow. Methods are synchronized: the engine calls from its thread, settlement from
 * another.
 */
public final class HopPaymentPolicy implements PaymentPolicy {

    /** Payment messages refused before any promise was judged. */
    public enum Refusal {
        /** Bytes that are not a payment message. */
        MALFORMED,
        /** An attestation from another escrow, expired, or whose signature does not verify. */
        BAD_ATTESTATION,
        /** A second attestation for a route that has one, not lasting longer than it. */
        REPEATED_OPEN,
        /** A promise after the route's attestation expired (the escrow no longer locks the balance). */
        ATTESTATION_EXPIRED,
        /** A promise before any valid attestation. */
        NO_ATTESTATION,
        /** A message for a route this policy never opened. */
        UNKNOWN_ROUTE
    }

    /** A route's latest accepted promise, not settled yet, and the salt that proves at the escrow whom it pays. */
    public record Redeemable(byte[] salt, SignedPromise promise) {
        public Redeemable {
            salt = salt.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(HopPaymentPolicy.class);

    private final Secp256k1 secp256k1;
    private final byte[] payee;
    private final byte[] trustedEscrowKey;
    private final long pricePerGb;
    private final long toleranceDroplets;
    private final Clock clock;
    private final Map<ByteBuffer, PaidRoute> routes = new LinkedHashMap<>();
    private final Map<Refusal, Long> refusals = new EnumMap<>(Refusal.class);
    private final Map<PromiseOutcome, Long> outcomes = new EnumMap<>(PromiseOutcome.class);

    private static final class PaidRoute {
        final byte[] salt;
        final long pricePerGb;
        final byte[] routeId;
        PromiseVerifier verifier;
        byte[] pseudonym;
        long expiry;
        long settledSequence;
        /** What the promises settled so far paid; no longer in the payer's balance, still in the route's total. */
        long settledAmount;
        boolean closed;

        PaidRoute(byte[] salt, long pricePerGb, byte[] routeId) {
            this.salt = salt;
            this.pricePerGb = pricePerGb;
            this.routeId = routeId;
        }

        long promised() {
            return verifier == null ? 0 : verifier.owed().value();
        }
    }

    /**
     * A policy for the hop whose promises pay {@code payee} (its escrow account key), trusting attestations signed
     * by {@code trustedEscrowKey}, forwarding for at least {@code pricePerGb} droplets per GB, and extending at
     * most {@code tolerance} of credit beyond the latest promise.
     */
    public HopPaymentPolicy(Secp256k1 secp256k1, byte[] payee, byte[] trustedEscrowKey, long pricePerGb,
                            Droplets tolerance, Clock clock) {
        if (pricePerGb < 0 || tolerance.isNegative()) {
            throw new IllegalArgumentException("price and tolerance must not be negative");
        }
        this.secp256k1 = secp256k1;
        this.payee = secp256k1.parsePublicKey(payee);
        this.trustedEscrowKey = trustedEscrowKey.clone();
        this.pricePerGb = pricePerGb;
        this.toleranceDroplets = tolerance.value();
        this.clock = clock;
    }

    @Override
    public long pricePerGb() {
        return pricePerGb;
    }

    @Override
    public synchronized long opened(byte[] paymentSalt, long routePrice) {
        PaidRoute route = new PaidRoute(paymentSalt.clone(), routePrice, PaymentRouteId.of(payee, paymentSalt));
        routes.put(ByteBuffer.wrap(route.salt), route);
        return allowance(route);
    }

    @Override
    public synchronized long paid(byte[] paymentSalt, byte[] bytes) {
        PaidRoute route = routes.get(ByteBuffer.wrap(paymentSalt));
        if (route == null) {
            refuse(Refusal.UNKNOWN_ROUTE, "no such route");
            return 0;
        }
        PaymentMessage message;
        try {
            message = PaymentMessage.decode(bytes);
        } catch (IllegalArgumentException e) {
            refuse(Refusal.MALFORMED, e.getMessage());
            return allowance(route);
        }
        if (message instanceof PaymentMessage.Open open) {
            open(route, open.attestation());
        } else if (route.verifier == null) {
            refuse(Refusal.NO_ATTESTATION, "promise before an attestation");
        } else if (clock.instant().getEpochSecond() >= route.expiry) {
            refuse(Refusal.ATTESTATION_EXPIRED, "the attestation expired at " + route.expiry);
        } else {
            outcomes.merge(route.verifier.offer(((PaymentMessage.Promise) message).promise()), 1L, Long::sum);
        }
        return allowance(route);
    }

    /** Takes a route's first attestation, or a later one for the same pseudonym that lasts longer (a renewal). */
    private void open(PaidRoute route, Attestation attestation) {
        boolean renewal = route.verifier != null;
        if (renewal && (!Arrays.equals(attestation.pseudonym(), route.pseudonym)
                || attestation.expiry() <= route.expiry)) {
            refuse(Refusal.REPEATED_OPEN, "the route has an attestation");
            return;
        }
        String problem = attestation.problem(secp256k1, trustedEscrowKey, attestation.pseudonym(), clock.instant());
        if (problem != null) {
            refuse(Refusal.BAD_ATTESTATION, problem);
            return;
        }
        if (renewal) {
            route.verifier.relock(attestation.lockedBalance().plus(Droplets.of(route.settledAmount)));
        } else {
            route.verifier = new PromiseVerifier(secp256k1, attestation.pseudonym(), route.routeId,
                    attestation.lockedBalance());
            route.pseudonym = attestation.pseudonym();
        }
        route.expiry = attestation.expiry();
    }

    private void refuse(Refusal refusal, String why) {
        refusals.merge(refusal, 1L, Long::sum);
        LOG.debug("refused a payment message ({}): {}", refusal, why);
    }

    private long allowance(PaidRoute route) {
        return Pricing.covered(route.promised() + toleranceDroplets, route.pricePerGb);
    }

    @Override
    public synchronized void closed(byte[] paymentSalt) {
        PaidRoute route = routes.get(ByteBuffer.wrap(paymentSalt));
        if (route != null) {
            route.closed = true;
            forgetIfDone(route);
        }
    }

    /** Every route's latest accepted promise that is newer than what was settled, oldest route first. */
    public synchronized List<Redeemable> unsettled() {
        List<Redeemable> due = new ArrayList<>();
        for (PaidRoute route : routes.values()) {
            SignedPromise latest = route.verifier == null ? null : route.verifier.latest();
            if (latest != null && latest.promise().sequence() > route.settledSequence) {
                due.add(new Redeemable(route.salt, latest));
            }
        }
        return due;
    }

    /** Records that the promise numbered {@code sequence} of the route with {@code paymentSalt} is settled. */
    public synchronized void settled(byte[] paymentSalt, long sequence) {
        PaidRoute route = routes.get(ByteBuffer.wrap(paymentSalt));
        if (route != null) {
            SignedPromise latest = route.verifier == null ? null : route.verifier.latest();
            if (latest != null && latest.promise().sequence() == sequence) {
                route.settledAmount = latest.promise().totalOwed().value();
            }
            route.settledSequence = Math.max(route.settledSequence, sequence);
            forgetIfDone(route);
        }
    }

    private void forgetIfDone(PaidRoute route) {
        if (route.closed && (route.verifier == null || route.verifier.latest() == null
                || route.verifier.latest().promise().sequence() <= route.settledSequence)) {
            routes.remove(ByteBuffer.wrap(route.salt));
        }
    }

    /** What the latest accepted promise of a route owes this hop; zero for an unknown route. */
    public synchronized Droplets promised(byte[] paymentSalt) {
        PaidRoute route = routes.get(ByteBuffer.wrap(paymentSalt));
        return route == null ? Droplets.ZERO : Droplets.of(route.promised());
    }

    /** How many promises, over every route, had {@code outcome}. */
    public synchronized long count(PromiseOutcome outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    /** How many payment messages were refused for {@code refusal}. */
    public synchronized long count(Refusal refusal) {
        return refusals.getOrDefault(refusal, 0L);
    }
}
