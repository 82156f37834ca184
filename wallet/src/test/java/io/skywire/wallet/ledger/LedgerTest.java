package io.skywire.wallet.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The double-entry ledger against a real H2 file: postings, balances, history, refusals and rollback. */
class LedgerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private WalletDatabase database;
    private Ledger ledger;

    @BeforeEach
    void open() {
        database = WalletDatabase.open(dir.resolve("wallet"));
        ledger = new Ledger(database, CLOCK);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void postsTransfersThatBalance() {
        ledger.post(Posting.transfer("deposit-1", "deposit", "chain", "origin", Droplets.parse("5 SKY")));
        ledger.post(new Posting(Optional.empty(), "route fees", List.of(
                new Posting.Entry("origin", Droplets.parse("-1.5 SKY")),
                new Posting.Entry("hop-a", Droplets.parse("1 SKY")),
                new Posting.Entry("hop-b", Droplets.parse("0.5 SKY")))));

        assertThat(ledger.balance("origin")).isEqualTo(Droplets.parse("3.5 SKY"));
        assertThat(ledger.balance("hop-a")).isEqualTo(Droplets.ofSky(1));
        assertThat(ledger.balance("nobody")).isEqualTo(Droplets.ZERO);
        assertThat(ledger.balances()).containsOnlyKeys("chain", "origin", "hop-a", "hop-b");
        assertThat(ledger.total()).isEqualTo(Droplets.ZERO);
        assertThat(ledger.unbalancedPostings()).isZero();

        List<HistoryEntry> history = ledger.history("origin", 10);
        assertThat(history).extracting(HistoryEntry::memo).containsExactly("route fees", "deposit");
        assertThat(history).extracting(HistoryEntry::amount)
                .containsExactly(Droplets.parse("-1.5 SKY"), Droplets.ofSky(5));
        assertThat(history.get(0).time()).isEqualTo(CLOCK.instant());
        assertThat(ledger.history("origin", 1)).hasSize(1);
    }

    @Test
    void refusesPostingsThatDoNotBalance() {
        assertThatThrownBy(() -> new Posting(Optional.empty(), "bad", List.of(
                new Posting.Entry("a", Droplets.of(-10)), new Posting.Entry("b", Droplets.of(9)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not balance");
        assertThatThrownBy(() -> new Posting(Optional.empty(), "one", List.of(new Posting.Entry("a", Droplets.of(1)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Posting.Entry("a", Droplets.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Posting(Optional.empty(), "overflow", List.of(
                new Posting.Entry("a", Droplets.of(Long.MAX_VALUE)), new Posting.Entry("b", Droplets.of(1)),
                new Posting.Entry("c", Droplets.of(Long.MIN_VALUE)))))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aReferenceIsPostedAtMostOnce() {
        ledger.post(Posting.transfer("settle-42", "settlement", "escrow", "hop", Droplets.of(700)));
        assertThatThrownBy(() -> ledger.post(Posting.transfer("settle-42", "again", "escrow", "hop", Droplets.of(700))))
                .isInstanceOf(DuplicatePostingException.class).hasMessageContaining("settle-42");
        assertThat(ledger.balance("hop")).isEqualTo(Droplets.of(700));
        assertThat(ledger.history("hop", 10)).hasSize(1);
    }

    @Test
    void aFailureInsideTheTransactionLeavesNothing() {
        PostingDao dao = new PostingDao();
        assertThatThrownBy(() -> database.inTransaction(connection -> {
            dao.insert(connection, Posting.transfer("half", "half done", "a", "b", Droplets.of(5)), CLOCK.instant());
            throw new IllegalStateException("crash after the rows, before the commit");
        })).hasMessageContaining("crash");
        assertThat(ledger.balances()).isEmpty();
        // The reference is free again: the rolled-back posting never existed.
        ledger.post(Posting.transfer("half", "whole", "a", "b", Droplets.of(5)));
        assertThat(ledger.balance("b")).isEqualTo(Droplets.of(5));
    }

    @Test
    void driverErrorsBecomeLedgerExceptions() {
        assertThatThrownBy(() -> database.inTransaction(connection -> connection.prepareStatement(
                "SELECT nothing FROM nowhere").executeQuery()))
                .isInstanceOf(LedgerException.class).hasCauseInstanceOf(SQLException.class)
                .hasMessageContaining("42");
    }

    @Test
    void survivesReopening() {
        ledger.post(Posting.transfer(null, "deposit", "chain", "me", Droplets.parse("0.000001 SKY")));
        database.close();
        database = WalletDatabase.open(dir.resolve("wallet"));
        Ledger reopened = new Ledger(database, CLOCK);
        assertThat(reopened.balance("me")).isEqualTo(Droplets.of(1));
        assertThat(reopened.total()).isEqualTo(Droplets.ZERO);
    }
}
