package io.skywire.wallet.escrow;

import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.SkycoinAddress;

/**
 * A payout to a payee's address on the chain.
 *
 * @param amount what was paid
 * @param address where to
 * @param transactionId the chain transaction, or null while it waits to be submitted again
 */
public record Payout(Droplets amount, SkycoinAddress address, String transactionId) {
}
