package io.skywire.wallet.chain;

import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.SkycoinAddress;

/**
 * A withdrawal as it would happen, shown before the user confirms it.
 *
 * @param to the destination
 * @param amount what arrives there
 * @param fee what the chain takes on top (exact, asked of the chain)
 * @param change what goes back to a fresh address of the wallet
 * @param inputs how many of the wallet's addresses the transaction spends
 */
public record WithdrawalPreview(SkycoinAddress to, Droplets amount, Droplets fee, Droplets change, int inputs) {

    /** What leaves the wallet: the amount plus the fee. */
    public Droplets total() {
        return amount.plus(fee);
    }
}
