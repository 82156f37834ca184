package io.skywire.wallet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a process that is posting to the ledger with SIGKILL at random moments and reopens the database after
 * each kill: every posting is there whole or not at all, every commit that returned is there, and the books still
 * sum to zero.
 */
class LedgerCrashTest {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerCrashTest.class);
    /**
     * Each round starts a JVM (about 2 s here), so developer runs do a few, CI (CI=true) does more, and
     * -Dskywire.crash.rounds=N does N.
     */
    private static final int ROUNDS = Integer.getInteger("skywire.crash.rounds",
            "true".equals(System.getenv("CI")) ? 10 : 2);

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesEachPostingWholeOrAbsent() throws Exception {
        Path file = dir.resolve("crash");
        Random random = new Random(7);
        long previous = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path log = dir.resolve("worker-" + round + ".log");
            Process worker = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    LedgerCrashWorker.class.getName(), file.toString(), Long.toString(round))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            awaitReady(worker, log);
            Thread.sleep(200 + random.nextInt(800));
            worker.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no H2 close
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();

            try (WalletDatabase database = WalletDatabase.open(file)) {
                Ledger ledger = new Ledger(database, Clock.systemUTC());
                long postings = database.inTransaction(connection -> {
                    try (var query = connection.prepareStatement("SELECT COUNT(*), "
                            + "COALESCE(MAX(CAST(SUBSTRING(reference, 4) AS BIGINT)), 0) FROM posting");
                         var rows = query.executeQuery()) {
                        rows.next();
                        // The worker commits op-1, op-2, ... in order: the last one present implies all before it.
                        assertThat(rows.getLong(2)).as("operations done without gaps").isEqualTo(rows.getLong(1));
                        return rows.getLong(1);
                    }
                });
                List<String> partial = database.inTransaction(connection -> {
                    List<String> found = new java.util.ArrayList<>();
                    try (var query = connection.prepareStatement("SELECT p.id, p.reference, "
                            + "(SELECT COUNT(*) FROM entry e WHERE e.posting_id = p.id) FROM posting p WHERE "
                            + "(SELECT COUNT(*) FROM entry e WHERE e.posting_id = p.id) <> 3");
                         var rows = query.executeQuery()) {
                        while (rows.next()) {
                            found.add("posting " + rows.getLong(1) + " " + rows.getString(2) + " has "
                                    + rows.getLong(3) + " entries");
                        }
                    }
                    return found;
                });
                assertThat(partial).as("postings without all three entries, round %d", round).isEmpty();
                assertThat(ledger.unbalancedPostings()).isZero();
                assertThat(ledger.total()).isEqualTo(Droplets.ZERO);
                assertThat(postings).isGreaterThanOrEqualTo(previous);
                assertThat(postings).as("commits that returned before the kill are all there")
                        .isGreaterThanOrEqualTo(lastReportedCommit(file));
                List<HistoryEntry> latest = ledger.history("source", 1);
                LOG.info("round {}: {} postings after SIGKILL, latest {}", round, postings,
                        latest.isEmpty() ? "none" : latest.get(0).memo());
                previous = postings;
            }
        }
        assertThat(previous).as("the worker got some postings done").isPositive();
    }

    private static long lastReportedCommit(Path file) throws IOException {
        Path committed = Path.of(file + ".committed");
        if (!Files.exists(committed) || Files.size(committed) < Long.BYTES) {
            return 0;
        }
        return ByteBuffer.wrap(Files.readAllBytes(committed)).getLong();
    }

    private static void awaitReady(Process worker, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(LedgerCrashWorker.READY)) {
                return;
            }
            assertThat(worker.isAlive()).as("worker alive; its log: %s", log).isTrue();
            Thread.sleep(20);
        }
        worker.destroyForcibly();
        throw new AssertionError("worker did not open the database within 60 s; see " + log);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }
}
