package io.skywire.app.testnet;

import io.skywire.node.payment.Pricing;
import io.skywire.wallet.ledger.Droplets;
import java.time.Duration;
import java.util.Objects;

/**
 * How the paid test network charges and settles.
 *
 * @param relayPricePerGb what the first relay charges, droplets per GB; relay {@code r} charges this times
 *                        {@code (4 + r) / 4}, so every relay's price differs
 * @param faucet          what the local chain mints for the client, all of which it deposits and pays from
 * @param settlePeriod    how often each relay settles its latest promises at the escrow
 * @param promiseBytes    the client sends a hop a promise each time its debt there grows by what this many bytes
 *                        cost at that hop's price
 * @param creditBytes     each relay forwards this many bytes beyond the latest promise (its tolerance)
 * @param attestationLifetime how long each of the client's attestations lasts (the escrow allows a day at most);
 *                        the client asks for a fresh one every third of it and sends it to the hops of its routes
 */
public record PaymentSettings(long relayPricePerGb, Droplets faucet, Duration settlePeriod, long promiseBytes,
                              long creditBytes, Duration attestationLifetime) {

    /**
     * 1 SKY per GB at the first relay, 100 SKY from the faucet, settlement every 10 s, a promise per MB, 16 MB of
     * credit, attestations of 23 hours.
     */
    public static final PaymentSettings DEFAULT = new PaymentSettings(Droplets.PER_SKY, Droplets.ofSky(100),
            Duration.ofSeconds(10), 1_000_000, 16_000_000, Duration.ofHours(23));

    public PaymentSettings {
        Objects.requireNonNull(faucet, "faucet");
        Objects.requireNonNull(settlePeriod, "settlePeriod");
        Objects.requireNonNull(attestationLifetime, "attestationLifetime");
        if (attestationLifetime.compareTo(Duration.ofSeconds(3)) < 0
                || attestationLifetime.compareTo(Duration.ofDays(1)) >= 0) {
            throw new IllegalArgumentException("the attestation lifetime must be at least 3 s and under a day "
                    + "(renewed every third of it, at least a second apart)");
        }
        if (relayPricePerGb < 1 || relayPricePerGb > Long.MAX_VALUE / 64) {
            throw new IllegalArgumentException("the relay price must be at least 1 droplet per GB (and sane)");
        }
        if (faucet.isNegative() || faucet.isZero()) {
            throw new IllegalArgumentException("the faucet must give something");
        }
        if (settlePeriod.isNegative() || settlePeriod.isZero()) {
            throw new IllegalArgumentException("the settlement period must be positive");
        }
        if (promiseBytes < 1 || creditBytes < 2 * promiseBytes) {
            throw new IllegalArgumentException("need promiseBytes >= 1 and creditBytes >= 2 * promiseBytes, so an "
                    + "origin that pays every interval is never held up");
        }
    }

    /** A copy with another first-relay price. */
    public PaymentSettings withRelayPrice(long pricePerGb) {
        return new PaymentSettings(pricePerGb, faucet, settlePeriod, promiseBytes, creditBytes, attestationLifetime);
    }

    /** A copy with another settlement period. */
    public PaymentSettings withSettlePeriod(Duration period) {
        return new PaymentSettings(relayPricePerGb, faucet, period, promiseBytes, creditBytes, attestationLifetime);
    }

    /** A copy with another faucet amount. */
    public PaymentSettings withFaucet(Droplets amount) {
        return new PaymentSettings(relayPricePerGb, amount, settlePeriod, promiseBytes, creditBytes,
                attestationLifetime);
    }

    /** How often the client renews its attestation: a third of its lifetime. */
    public Duration renewalPeriod() {
        return attestationLifetime.dividedBy(3);
    }

    /** Relay {@code index}'s price per GB. */
    public long relayPrice(int index) {
        return Math.multiplyExact(relayPricePerGb, 4L + index) / 4;
    }

    /** The credit a relay charging {@code pricePerGb} extends beyond the latest promise. */
    public Droplets tolerance(long pricePerGb) {
        return Droplets.of(Pricing.owed(creditBytes, pricePerGb));
    }

    /**
     * The promise interval at a hop charging {@code pricePerGb}: what {@code promiseBytes} cost there, at least a
     * droplet. The client promises each hop that much at a time, so a relay waits for at most this much.
     */
    public Droplets promiseInterval(long pricePerGb) {
        return Droplets.of(Math.max(1, Pricing.owed(promiseBytes, pricePerGb)));
    }
}
