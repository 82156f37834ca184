package io.skywire.wallet.ledger;

import java.util.List;
import java.util.Optional;

/**
 * One movement of money as double-entry rows: the amounts of its entries sum to exactly zero, and it is
 * recorded in one database transaction or not at all.
 *
 * @param reference a unique key of the operation (such as a promise being settled), so it is posted at most once;
 *     empty when the operation needs none
 * @param memo what the movement is, for the history
 * @param entries at least two rows, none zero
 */
public record Posting(Optional<String> reference, String memo, List<Entry> entries) {

    /** Longest account name or reference, as the schema allows. */
    public static final int MAX_NAME = 200;
    /** Longest memo, as the schema allows. */
    public static final int MAX_MEMO = 500;

    /**
     * One row of a posting: credit (positive) or debit (negative) of an account.
     *
     * @param account the account's name
     * @param amount the change of the account's balance, never zero
     */
    public record Entry(String account, Droplets amount) {
        public Entry {
            if (account == null || account.isBlank() || account.length() > MAX_NAME) {
                throw new IllegalArgumentException("account name must be 1.." + MAX_NAME + " characters");
            }
            if (amount.isZero()) {
                throw new IllegalArgumentException("entry for " + account + " moves nothing");
            }
        }
    }

    public Posting {
        entries = List.copyOf(entries);
        if (entries.size() < 2) {
            throw new IllegalArgumentException("a posting needs at least two entries, has " + entries.size());
        }
        if (memo == null || memo.length() > MAX_MEMO) {
            throw new IllegalArgumentException("memo must be at most " + MAX_MEMO + " characters");
        }
        if (reference.isPresent() && (reference.get().isBlank() || reference.get().length() > MAX_NAME)) {
            throw new IllegalArgumentException("reference must be 1.." + MAX_NAME + " characters");
        }
        Droplets sum = Droplets.ZERO;
        for (Entry entry : entries) {
            sum = sum.plus(entry.amount());
        }
        if (!sum.isZero()) {
            throw new IllegalArgumentException("posting '" + memo + "' does not balance: its entries sum to " + sum);
        }
    }

    /** A transfer of {@code amount} from one account to another. */
    public static Posting transfer(String reference, String memo, String from, String to, Droplets amount) {
        return new Posting(Optional.ofNullable(reference), memo,
                List.of(new Entry(from, amount.negate()), new Entry(to, amount)));
    }
}
