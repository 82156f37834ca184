package io.skywire.wallet.payment;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.ledger.Droplets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hop's check of the promises for one (pseudonym, route): it keeps the latest accepted promise, the one to
 * redeem at the escrow, and counts every outcome. Not thread-safe: one route's promises arrive on one thread.
 */
public final class PromiseVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(PromiseVerifier.class);

    private final Secp256k1 secp256k1;
    private final byte[] pseudonym;
    private final byte[] routeId;
    private Droplets lockedBalance;
    private final Map<PromiseOutcome, Long> counts = new EnumMap<>(PromiseOutcome.class);
    private SignedPromise latest;

    /**
     * A verifier for promises from {@code pseudonym} on {@code routeId}, bounded by the balance the escrow attests
     * is locked for the pseudonym.
     */
    public PromiseVerifier(Secp256k1 secp256k1, byte[] pseudonym, byte[] routeId, Droplets lockedBalance) {
        this.secp256k1 = secp256k1;
        this.pseudonym = secp256k1.parsePublicKey(pseudonym);
        if (routeId.length != PaymentPromise.ROUTE_ID_BYTES) {
            throw new IllegalArgumentException("route id must be 16 bytes, was " + routeId.length);
        }
        if (lockedBalance.isNegative()) {
            throw new IllegalArgumentException("locked balance must not be negative, was " + lockedBalance);
        }
        this.routeId = routeId.clone();
        this.lockedBalance = lockedBalance;
        for (PromiseOutcome outcome : PromiseOutcome.values()) {
            counts.put(outcome, 0L);
        }
    }

    /** Checks {@code signed} and, when it is accepted, makes it the latest; returns the outcome, also counted. */
    public PromiseOutcome offer(SignedPromise signed) {
        PromiseOutcome outcome = judge(signed);
        counts.merge(outcome, 1L, Long::sum);
        if (outcome == PromiseOutcome.ACCEPTED) {
            latest = signed;
        } else {
            LOG.debug("refused {}: {}", signed.promise(), outcome);
        }
        return outcome;
    }

    private PromiseOutcome judge(SignedPromise signed) {
        PaymentPromise promise = signed.promise();
        if (!Arrays.equals(promise.pseudonym(), pseudonym) || !Arrays.equals(promise.routeId(), routeId)) {
            return PromiseOutcome.WRONG_ROUTE;
        }
        // The signature comes before any comparison with state, so a forgery is counted as one whatever it claims.
        if (!secp256k1.verify(signed.signature(), promise.signingHash(), pseudonym)) {
            return PromiseOutcome.BAD_SIGNATURE;
        }
        if (latest != null) {
            long latestSequence = latest.promise().sequence();
            if (promise.sequence() == latestSequence) {
                return PromiseOutcome.REPEATED_SEQUENCE;
            }
            if (promise.sequence() < latestSequence) {
                return PromiseOutcome.STALE_SEQUENCE;
            }
            if (promise.totalOwed().compareTo(latest.promise().totalOwed()) < 0) {
                return PromiseOutcome.AMOUNT_DECREASED;
            }
        }
        if (promise.totalOwed().compareTo(lockedBalance) > 0) {
            return PromiseOutcome.EXCEEDS_LOCKED_BALANCE;
        }
        return PromiseOutcome.ACCEPTED;
    }

    /**
     * Bounds later promises by {@code newLockedBalance}, as a fresh attestation states it; the latest accepted
     * promise stays, so sequence numbers and amounts still only go up.
     */
    public void relock(Droplets newLockedBalance) {
        if (newLockedBalance.isNegative()) {
            throw new IllegalArgumentException("locked balance must not be negative, was " + newLockedBalance);
        }
        this.lockedBalance = newLockedBalance;
    }

    /** The total owed by the latest accepted promise; zero before the first. */
    public Droplets owed() {
        return latest == null ? Droplets.ZERO : latest.promise().totalOwed();
    }

    /** The latest accepted promise, to redeem at the escrow; null before the first. */
    public SignedPromise latest() {
        return latest;
    }

    /** How many promises ended with {@code outcome}. */
    public long count(PromiseOutcome outcome) {
        return counts.get(outcome);
    }

    /** Every outcome's count. */
    public Map<PromiseOutcome, Long> counts() {
        return new EnumMap<>(counts);
    }
}
