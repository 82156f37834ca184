package io.skywire.wallet.escrow;

import io.skywire.wallet.ledger.Droplets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The escrow's own tables (addresses, spent tokens, locks, route settlements, payouts); the caller owns the transaction. */
final class EscrowDao {

    /** A route's settlement so far. */
    record RouteSettlement(String payee, long settled, long lastSequence) {
    }

    /** A payout to a hop, with its chain transaction once built. */
    record Withdrawal(long id, String address, long amount, byte[] encoded) {
    }

    int nextAddressIndex(Connection connection) throws SQLException {
        return queryLong(connection, "SELECT COALESCE(MAX(address_index) + 1, 0) FROM escrow_address").intValue();
    }

    void insertAddress(Connection connection, int index, String address, String purpose) throws SQLException {
        update(connection, "INSERT INTO escrow_address (address_index, address, purpose) VALUES (?, ?, ?)",
                index, address, purpose);
    }

    void insertDeposit(Connection connection, String address, String account) throws SQLException {
        update(connection, "INSERT INTO deposit_address (address, account) VALUES (?, ?)", address, account);
    }

    Optional<String> depositAccount(Connection connection, String address) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT account FROM deposit_address WHERE address = ?")) {
            query.setString(1, address);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** Every address of the escrow's key chain, by index. */
    List<String> addresses(Connection connection) throws SQLException {
        List<String> addresses = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT address FROM escrow_address ORDER BY address_index");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                addresses.add(rows.getString(1));
            }
        }
        return addresses;
    }

    /** Records a spent token; a second spend of the same Y violates the primary key. */
    void insertSpent(Connection connection, String y) throws SQLException {
        update(connection, "INSERT INTO spent_token (y) VALUES (?)", y);
    }

    long lockedUntil(Connection connection, String account) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT locked_until FROM pseudonym_lock WHERE account = ?")) {
            query.setString(1, account);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    void lock(Connection connection, String account, long until) throws SQLException {
        update(connection, "MERGE INTO pseudonym_lock (account, locked_until) KEY (account) VALUES (?, ?)",
                account, until);
    }

    Optional<RouteSettlement> settlement(Connection connection, String payer, String route) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT payee, settled, last_sequence FROM "
                + "route_settlement WHERE payer = ? AND route_id = ? FOR UPDATE")) {
            query.setString(1, payer);
            query.setString(2, route);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new RouteSettlement(rows.getString(1), rows.getLong(2),
                        rows.getLong(3))) : Optional.empty();
            }
        }
    }

    void saveSettlement(Connection connection, String payer, String route, RouteSettlement settlement)
            throws SQLException {
        update(connection, "MERGE INTO route_settlement (payer, route_id, payee, settled, last_sequence) "
                + "KEY (payer, route_id) VALUES (?, ?, ?, ?, ?)", payer, route, settlement.payee(),
                settlement.settled(), settlement.lastSequence());
    }

    /** Total settled from a payer's promises and over how many routes. */
    long[] settledSummary(Connection connection, String payer) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COALESCE(SUM(settled), 0), COUNT(*) FROM route_settlement WHERE payer = ?")) {
            query.setString(1, payer);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return new long[] {rows.getBigDecimal(1).longValueExact(), rows.getLong(2)};
            }
        }
    }

    void insertWithdrawal(Connection connection, String requestId, String address, Droplets amount)
            throws SQLException {
        update(connection, "INSERT INTO withdrawal (request_id, address, amount) VALUES (?, ?, ?)", requestId,
                address, amount.value());
    }

    List<Withdrawal> pendingWithdrawals(Connection connection) throws SQLException {
        List<Withdrawal> pending = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, address, amount, tx_encoded FROM withdrawal WHERE NOT done ORDER BY id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                pending.add(new Withdrawal(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getBytes(4)));
            }
        }
        return pending;
    }

    /** A finished payout as the escrow recorded it: where it went and the stored transaction. */
    record FinishedPayout(long id, String address, String txId, byte[] encoded) {
    }

    /** The {@code limit} most recently finished payouts, newest first. */
    List<FinishedPayout> recentFinishedPayouts(Connection connection, int limit) throws SQLException {
        List<FinishedPayout> finished = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, address, tx_id, tx_encoded FROM withdrawal WHERE done AND tx_encoded IS NOT NULL "
                        + "ORDER BY id DESC LIMIT ?")) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    finished.add(new FinishedPayout(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getBytes(4)));
                }
            }
        }
        return finished;
    }

    void storeTransaction(Connection connection, long id, byte[] encoded, String txId) throws SQLException {
        update(connection, "UPDATE withdrawal SET tx_encoded = ?, tx_id = ? WHERE id = ? AND tx_encoded IS NULL",
                encoded, txId, id);
    }

    void markDone(Connection connection, long id) throws SQLException {
        update(connection, "UPDATE withdrawal SET done = TRUE WHERE id = ?", id);
    }

    private static Long queryLong(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql);
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
