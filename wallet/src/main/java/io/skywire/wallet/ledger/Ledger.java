package io.skywire.wallet.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The wallet's double-entry books: each posting is recorded whole in one transaction; balances are sums of rows. */
public final class Ledger {

    private final WalletDatabase database;
    private final Clock clock;
    private final PostingDao postings = new PostingDao();
    private final BalanceDao balances = new BalanceDao();

    public Ledger(WalletDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Records {@code posting} and returns its id.
     *
     * @throws DuplicatePostingException when its reference was posted before (nothing is written)
     * @throws LedgerException when the database fails (nothing is written)
     */
    public long post(Posting posting) {
        return database.inTransaction(connection -> postings.insert(connection, posting, clock.instant()));
    }

    /**
     * Records {@code posting} inside the caller's transaction, so it commits or rolls back with the caller's own
     * rows (a chain transaction, a spent token, a settled promise).
     *
     * @throws DuplicatePostingException when its reference was posted before
     */
    public long post(Connection connection, Posting posting) throws SQLException {
        return postings.insert(connection, posting, clock.instant());
    }

    /** The balance of {@code account} as the caller's transaction sees it. */
    public Droplets balance(Connection connection, String account) throws SQLException {
        return balances.balance(connection, account);
    }

    /** The database the books are in. */
    public WalletDatabase database() {
        return database;
    }

    /** The balance of {@code account}; zero for an account never posted to. */
    public Droplets balance(String account) {
        return database.inTransaction(connection -> balances.balance(connection, account));
    }

    /** Every account's balance, by name. */
    public Map<String, Droplets> balances() {
        return database.inTransaction(balances::balances);
    }

    /** The sum over all accounts: zero while the books balance. */
    public Droplets total() {
        return database.inTransaction(balances::total);
    }

    /** Postings whose entries do not sum to zero: none unless the database was edited by hand. */
    public long unbalancedPostings() {
        return database.inTransaction(balances::unbalancedPostings);
    }

    /** The latest {@code limit} changes to {@code account}, newest first. */
    public List<HistoryEntry> history(String account, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return database.inTransaction(connection -> balances.history(connection, account, limit));
    }
}
