package io.skywire.wallet.chain;

import io.skywire.wallet.ledger.Droplets;
import java.time.Instant;

/**
 * What one chain transaction did to one address (or, summed, to a wallet).
 *
 * @param height the transaction's block height
 * @param transactionId hex of the transaction's hash
 * @param time when the chain recorded it
 * @param change the net change of the balance: negative when coins left
 */
public record ChainActivity(long height, String transactionId, Instant time, Droplets change) {
}
