package io.skywire.wallet.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.payment.PaymentPromise;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a process that settles promises and pays hops out, with SIGKILL at random moments, and reopens the escrow
 * after each kill: the books balance, every route's settled total was paid exactly once, a replayed promise is
 * refused, and every payout is on the chain exactly once.
 */
class SettlementCrashTest {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementCrashTest.class);
    /** Each round starts a JVM (about 2 s here): a few on a developer's machine, 50 under CI=true, or -D...=N. */
    private static final int ROUNDS = Integer.getInteger("skywire.crash.rounds",
            "true".equals(System.getenv("CI")) ? 50 : 2);
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @Test
    void aKilledSettlerNeverSettlesAPromiseTwiceAndTheBooksBalance() throws Exception {
        Random random = new Random(11);
        long settledBefore = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path log = dir.resolve("worker-" + round + ".log");
            Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SettlementCrashWorker.class.getName(),
                    dir.toString(), Long.toString(round))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitReady(worker, log);
            Thread.sleep(100 + random.nextInt(900));
            worker.destroyForcibly(); // SIGKILL: no shutdown hook, no H2 close
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).as("worker log, round %d", round).doesNotContain("Exception");

            try (EscrowFixture fixture = new EscrowFixture(dir, Clock.systemUTC())) {
                long settled = check(fixture, round);
                assertThat(settled).isGreaterThanOrEqualTo(settledBefore);
                settledBefore = settled;
            }
        }
        assertThat(settledBefore).as("the worker settled something").isPositive();
    }

    /** Every invariant after a restart; returns the number of routes' settled droplets, for progress. */
    private long check(EscrowFixture fixture, int round) throws SQLException {
        Escrow escrow = fixture.escrow;
        assertThat(escrow.ledger().total()).as("books sum to zero, round %d", round).isEqualTo(Droplets.ZERO);
        assertThat(escrow.ledger().unbalancedPostings()).isZero();
        assertThat(fixture.chain.total()).isEqualTo(Droplets.ZERO);

        // Route ids are commitments, so the worker's (payer, route) indexes are found by computing every id.
        Map<String, int[]> indexes = new HashMap<>();
        for (int p = 0; p < SettlementCrashWorker.PAYERS; p++) {
            for (int r = 0; r < SettlementCrashWorker.ROUTES; r++) {
                indexes.put(HEX.formatHex(SettlementCrashWorker.route(fixture.secp, p, r)), new int[] {p, r});
            }
        }
        List<long[]> routes = escrow.ledger().database().inTransaction(connection -> routes(connection, indexes));
        long total = 0;
        for (long[] route : routes) {
            // payer index, route index, settled, last sequence, paid by settle postings
            assertThat(route[4]).as("route %d/%d paid exactly its settled total", route[0], route[1])
                    .isEqualTo(route[2]);
            byte[] payer = SettlementCrashWorker.payer((int) route[0]);
            PaymentPromise last = new PaymentPromise(fixture.secp.publicKey(payer), SettlementCrashWorker.route(
                    fixture.secp, (int) route[0], (int) route[1]), Droplets.of(route[2]), route[3]);
            byte[] hop = SettlementCrashWorker.hop(SettlementCrashWorker.hopOf((int) route[0], (int) route[1]));
            byte[] salt = SettlementCrashWorker.salt((int) route[0], (int) route[1]);
            assertThatThrownBy(() -> escrow.settle(EscrowRequests.Settle.sign(fixture.secp, hop, salt,
                    last.sign(fixture.secp, payer))))
                    .isInstanceOf(EscrowRefusedException.class).hasMessageContaining("not newer");
            total += route[2];
        }
        for (int h = 0; h < SettlementCrashWorker.HOPS; h++) {
            String account = "pseudonym:" + HEX.formatHex(fixture.secp.publicKey(SettlementCrashWorker.hop(h)));
            long credited = escrow.ledger().database().inTransaction(connection -> sum(connection,
                    "SELECT SUM(e.amount) FROM entry e JOIN posting p ON p.id = e.posting_id "
                            + "WHERE p.reference LIKE 'settle:%' AND e.account = '" + account + "'"));
            long owed = escrow.ledger().database().inTransaction(connection -> sum(connection,
                    "SELECT SUM(settled) FROM route_settlement WHERE 'pseudonym:' || payee = '" + account + "'"));
            assertThat(credited).as("hop %d was credited what its routes settled", h).isEqualTo(owed);
        }
        // Escrow.open resumed every payout: each is booked and on the chain, once, at its own address.
        List<String[]> payouts = escrow.ledger().database().inTransaction(SettlementCrashTest::payouts);
        for (String[] payout : payouts) {
            assertThat(payout[2]).as("payout %s done after restart", payout[0]).isEqualTo("TRUE");
            assertThat(fixture.chain.balance(SkycoinAddress.parse(payout[0])).value())
                    .isEqualTo(Long.parseLong(payout[1]));
        }
        List<String> escrowAddresses = escrow.ledger().database().inTransaction(connection -> strings(connection,
                "SELECT address FROM escrow_address"));
        Droplets onChain = Droplets.ZERO;
        for (String address : escrowAddresses) {
            onChain = onChain.plus(fixture.chain.balance(SkycoinAddress.parse(address)));
        }
        assertThat(onChain).as("the escrow's coins on the chain match its books")
                .isEqualTo(escrow.ledger().balance(Escrow.CHAIN).negate());
        LOG.info("round {}: {} routes settled {} droplets, {} payouts, all consistent", round, routes.size(), total,
                payouts.size());
        return total;
    }

    private static List<long[]> routes(Connection connection, Map<String, int[]> indexes) throws SQLException {
        List<long[]> routes = new ArrayList<>();
        try (var query = connection.prepareStatement("SELECT r.route_id, r.settled, r.last_sequence, "
                + "(SELECT COALESCE(-SUM(e.amount), 0) FROM posting p JOIN entry e ON e.posting_id = p.id "
                + "WHERE p.reference LIKE 'settle:' || r.payer || ':' || r.route_id || ':%' "
                + "AND e.account = 'pseudonym:' || r.payer) FROM route_settlement r");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                int[] route = indexes.get(rows.getString(1));
                routes.add(new long[] {route[0], route[1], rows.getLong(2), rows.getLong(3),
                        rows.getBigDecimal(4).longValueExact()});
            }
        }
        return routes;
    }

    private static List<String[]> payouts(Connection connection) throws SQLException {
        List<String[]> payouts = new ArrayList<>();
        try (var query = connection.prepareStatement("SELECT address, amount, done FROM withdrawal");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                payouts.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
            }
        }
        return payouts;
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (var query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static long sum(Connection connection, String sql) throws SQLException {
        try (var query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getBigDecimal(1) == null ? 0 : rows.getBigDecimal(1).longValueExact();
        }
    }

    private static void awaitReady(Process worker, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(SettlementCrashWorker.READY)) {
                return;
            }
            assertThat(worker.isAlive()).as("worker alive; its log: %s", Files.exists(log) ? Files.readString(log)
                    : "").isTrue();
            Thread.sleep(20);
        }
        worker.destroyForcibly();
        throw new AssertionError("worker did not start settling within 60 s; see " + log + File.separator);
    }
}
