package io.skywire.wallet.escrow;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.address.FreshAddresses;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.payment.SignedPromise;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hop's side of settlement: it redeems the latest promise of a route at the escrow and, as soon as its balance
 * there reaches the withdrawal threshold, has all of it paid to a never-used address of its own wallet.
 */
public final class HopEarnings {

    /** Paid addresses skipped before giving up: more means the wallet's records are not this hop's. */
    static final int MAX_USED_ADDRESSES = 20;
    private static final Logger LOG = LoggerFactory.getLogger(HopEarnings.class);

    private final Escrow escrow;
    private final Secp256k1 secp256k1;
    private final byte[] hopSecret;
    private final byte[] hopKey;
    private final FreshAddresses payoutAddresses;
    private final Droplets threshold;
    private final SecureRandom random;

    /**
     * Earnings of the hop whose pseudonym's secret is {@code hopSecret}, paid out to addresses of
     * {@code payoutAddresses} whenever they reach {@code threshold} (the escrow's, 1 SKY by default).
     */
    public HopEarnings(Escrow escrow, Secp256k1 secp256k1, byte[] hopSecret, FreshAddresses payoutAddresses,
                       Droplets threshold, SecureRandom random) {
        this.escrow = escrow;
        this.secp256k1 = secp256k1;
        this.hopSecret = hopSecret.clone();
        this.hopKey = secp256k1.publicKey(hopSecret);
        this.payoutAddresses = payoutAddresses;
        this.threshold = threshold;
        this.random = random;
    }

    /**
     * Settles {@code latest}, a promise on the route whose payment salt at this hop is {@code salt}, and withdraws
     * when the balance reached the threshold.
     *
     * @return the payout, when one was made
     * @throws EscrowRefusedException when the escrow refuses the promise
     */
    public Optional<Payout> settle(SignedPromise latest, byte[] salt) {
        Settlement settlement = escrow.settle(EscrowRequests.Settle.sign(secp256k1, hopSecret, salt, latest));
        if (settlement.payeeBalance().compareTo(threshold) < 0) {
            return Optional.empty();
        }
        // The address is recorded as used before the escrow sees it. Should the wallet's record still fall behind
        // the escrow's (it was seen once after a SIGKILL, see SettlementCrashTest), the escrow refuses the paid
        // address and the next fresh one is taken: a payout never goes to an address used before.
        for (int attempt = 1; ; attempt++) {
            byte[] requestId = new byte[EscrowRequests.REQUEST_ID_BYTES];
            random.nextBytes(requestId);
            try {
                return Optional.of(escrow.withdraw(EscrowRequests.Withdraw.sign(secp256k1, hopSecret, requestId,
                        payoutAddresses.freshAddress("escrow payout").address())));
            } catch (EscrowRefusedException e) {
                if (e.reason() != EscrowRefusedException.Reason.ADDRESS_USED || attempt == MAX_USED_ADDRESSES) {
                    throw e;
                }
                LOG.warn("{}; taking the next fresh address", e.getMessage());
            }
        }
    }

    /**
     * Settles every route's latest promise that {@code policy} holds unsettled, withdrawing at the threshold; a
     * promise the escrow refuses is logged and left for the next round (a refused one is refused again, never paid
     * twice). Run it periodically.
     *
     * @return the payouts made
     */
    public List<Payout> settleDue(HopPaymentPolicy policy) {
        List<Payout> payouts = new ArrayList<>();
        for (HopPaymentPolicy.Redeemable due : policy.unsettled()) {
            try {
                settle(due.promise(), due.salt()).ifPresent(payouts::add);
                policy.settled(due.salt(), due.promise().promise().sequence());
            } catch (EscrowRefusedException e) {
                if (e.reason() == EscrowRefusedException.Reason.STALE_PROMISE) {
                    // Settled before (a restart between the escrow's commit and ours): nothing more is due on it.
                    policy.settled(due.salt(), due.promise().promise().sequence());
                }
                LOG.warn("escrow refused {}: {} ({})", due.promise().promise(), e.getMessage(), e.reason());
            }
        }
        return payouts;
    }

    /** The hop's pseudonym, to which the escrow credits its settlements. */
    public byte[] pseudonym() {
        return hopKey.clone();
    }
}
