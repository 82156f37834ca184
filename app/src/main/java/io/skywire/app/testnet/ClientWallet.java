package io.skywire.app.testnet;

import io.skywire.wallet.chain.ChainRefusedException;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.nio.file.Path;

/**
 * Where the paying client's money comes from and goes back to. By default ({@link PaidTestnet#start} without one)
 * a throwaway key funded by the local chain's faucet, which lives as long as the network; the desktop app passes
 * the user's own wallet instead, so the client's deposit, pseudonyms and settlements are the user's and what is
 * left returns to the user's wallet when the network stops.
 */
public interface ClientWallet {

    /** The local chain file holding the wallet's coins; the network's escrow takes deposits and pays out on it. */
    Path chainFile();

    /** The secret of a never-used escrow account that makes the deposit. */
    byte[] newDepositorSecret();

    /** The secret of a never-used pseudonym the client pays from (unlinkable to the depositor at the escrow). */
    byte[] newPseudonymSecret();

    /**
     * Pays {@code amount} on the chain to the escrow's deposit address.
     *
     * @throws ChainRefusedException when the chain refuses the transaction
     */
    void payDeposit(SkycoinAddress deposit, Droplets amount) throws ChainRefusedException;

    /**
     * A never-used address of the wallet to which what is left on the pseudonym is paid when the network stops, or
     * null to leave it at the escrow.
     */
    SkycoinAddress refundAddress();
}
