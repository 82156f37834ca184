package io.skywire.app.wallet;

import io.skywire.wallet.ledger.Droplets;
import java.time.Instant;
import java.util.List;

/**
 * One consistent look at the user's wallet, read off the FX thread and handed whole to the wallet screen.
 *
 * @param chainName        the chain the coins are on ("local chain")
 * @param onChain          what the wallet's addresses hold on the chain
 * @param inEscrow         what the wallet's pseudonyms hold at the running network's escrow (zero when none runs)
 * @param escrowRunning    whether an escrow was attached, so balances and history there could be read
 * @param earned           what the escrow has paid out to the wallet for forwarding (chain credits to its payout
 *                         addresses)
 * @param pseudonyms       the wallet's escrow pseudonyms, oldest first
 * @param escrowHistory    changes to the pseudonyms' accounts at the escrow (deposits redeemed, settlements, refunds),
 *                         newest first
 * @param transactions     the chain transactions that moved the wallet's coins, newest first
 */
public record WalletReading(String chainName, Droplets onChain, Droplets inEscrow, boolean escrowRunning,
                            Droplets earned, List<Pseudonym> pseudonyms, List<EscrowEntry> escrowHistory,
                            List<Activity> transactions) {

    public WalletReading {
        pseudonyms = List.copyOf(pseudonyms);
        escrowHistory = List.copyOf(escrowHistory);
        transactions = List.copyOf(transactions);
    }

    /**
     * A pseudonym: an escrow account the client pays from, keyed by one of the wallet's own never-used keys.
     *
     * @param publicKeyHex its public key
     * @param balance      its balance at the escrow (zero when no escrow runs)
     * @param createdAt    when it was handed out
     */
    public record Pseudonym(String publicKeyHex, Droplets balance, Instant createdAt) {
    }

    /**
     * One change to a pseudonym's account at the escrow.
     *
     * @param time      when (the escrow stamps to the hour)
     * @param pseudonym the pseudonym's public key (hex)
     * @param memo      the escrow's memo: "redemption", "settlement", "withdrawal"
     * @param amount    the change: negative when it left the pseudonym
     */
    public record EscrowEntry(Instant time, String pseudonym, String memo, Droplets amount) {
    }

    /**
     * A chain transaction as the wallet sees it.
     *
     * @param time          when the chain recorded it
     * @param transactionId its id
     * @param change        the net change to the wallet (negative when coins left)
     * @param label         what it was, from the purposes of the wallet's addresses it touched
     */
    public record Activity(Instant time, String transactionId, Droplets change, String label) {
    }
}
