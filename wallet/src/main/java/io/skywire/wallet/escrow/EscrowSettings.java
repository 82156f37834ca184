package io.skywire.wallet.escrow;

import io.skywire.wallet.ledger.Droplets;
import java.time.Duration;

/**
 * An escrow's policy.
 *
 * @param withdrawalThreshold a payee's balance is paid out once it reaches this (1 SKY by default)
 * @param maxAttestation how far ahead an attestation, and the lock it takes, may expire
 */
public record EscrowSettings(Droplets withdrawalThreshold, Duration maxAttestation) {

    /** 1 SKY threshold, attestations up to a day. */
    public static final EscrowSettings DEFAULT = new EscrowSettings(Droplets.ofSky(1), Duration.ofDays(1));

    public EscrowSettings {
        if (withdrawalThreshold.value() < 1) {
            throw new IllegalArgumentException("withdrawal threshold must be positive, was " + withdrawalThreshold);
        }
        if (maxAttestation.isNegative() || maxAttestation.isZero()) {
            throw new IllegalArgumentException("attestation lifetime must be positive");
        }
    }
}
