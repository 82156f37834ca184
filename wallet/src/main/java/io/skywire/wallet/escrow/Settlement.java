package io.skywire.wallet.escrow;

import io.skywire.wallet.ledger.Droplets;

/**
 * What settling one promise did.
 *
 * @param paid moved from the payer to the payee now (zero when the promise owed no more than was settled)
 * @param payeeBalance the payee's balance afterwards, so it knows when to withdraw
 */
public record Settlement(Droplets paid, Droplets payeeBalance) {
}
