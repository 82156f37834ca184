package io.skywire.wallet.ledger;

import java.time.Instant;

/**
 * One line of an account's history: what a posting did to that account.
 *
 * @param postingId the posting's id, increasing in the order postings were recorded
 * @param time when it was recorded
 * @param memo the posting's memo
 * @param amount the change to the account's balance
 */
public record HistoryEntry(long postingId, Instant time, String memo, Droplets amount) {
}
