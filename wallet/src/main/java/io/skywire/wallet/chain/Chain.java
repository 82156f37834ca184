package io.skywire.wallet.chain;

import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.util.List;

/** A ledger of Skycoin-format addresses that accepts signed transactions: the local chain, or later a Skycoin node. */
public interface Chain {

    /** What the user interface calls this chain, such as "local chain". */
    String name();

    /** The coins held by {@code address}; zero for an address the chain has never seen. */
    Droplets balance(SkycoinAddress address);

    /**
     * Checks and records a signed transaction and returns its id (hex of its hash).
     *
     * @throws ChainRefusedException when a signature, a balance or the transaction itself is wrong, or it is on the
     *     chain already; nothing is recorded then
     */
    String submit(SignedTransaction transaction) throws ChainRefusedException;

    /** Every transaction that moved coins of {@code address}, oldest first. */
    List<ChainActivity> transactions(SkycoinAddress address);

    /**
     * The fee the chain takes for {@code transaction}, known before it is signed, so a wallet can show the exact
     * amount before the user confirms.
     */
    Droplets fee(Transaction transaction);

    /** The number of transactions recorded so far; each one is a block of the local chain. */
    long height();
}
