package io.skywire.wallet.ledger;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads balances and histories from the entries. */
final class BalanceDao {

    private static final String BALANCE = "SELECT SUM(amount) FROM entry WHERE account = ?";
    private static final String BALANCES = "SELECT account, SUM(amount) FROM entry GROUP BY account ORDER BY account";
    private static final String TOTAL = "SELECT SUM(amount) FROM entry";
    private static final String UNBALANCED =
            "SELECT COUNT(*) FROM (SELECT posting_id FROM entry GROUP BY posting_id HAVING SUM(amount) <> 0)";
    private static final String HISTORY = "SELECT p.id, p.created_at, p.memo, e.amount FROM entry e "
            + "JOIN posting p ON p.id = e.posting_id WHERE e.account = ? ORDER BY p.id DESC, e.id DESC LIMIT ?";

    Droplets balance(Connection connection, String account) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(BALANCE)) {
            query.setString(1, account);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return droplets(rows.getBigDecimal(1));
            }
        }
    }

    Map<String, Droplets> balances(Connection connection) throws SQLException {
        Map<String, Droplets> balances = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(BALANCES);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                balances.put(rows.getString(1), droplets(rows.getBigDecimal(2)));
            }
        }
        return balances;
    }

    Droplets total(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(TOTAL);
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return droplets(rows.getBigDecimal(1));
        }
    }

    long unbalancedPostings(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(UNBALANCED);
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    List<HistoryEntry> history(Connection connection, String account, int limit) throws SQLException {
        List<HistoryEntry> history = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(HISTORY)) {
            query.setString(1, account);
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    history.add(new HistoryEntry(rows.getLong(1),
                            rows.getObject(2, OffsetDateTime.class).toInstant(), rows.getString(3),
                            Droplets.of(rows.getLong(4))));
                }
            }
        }
        return history;
    }

    /** SUM over BIGINT is a NUMERIC in H2; a sum that no longer fits a long is an error, not a wrap. */
    private static Droplets droplets(BigDecimal sum) {
        if (sum == null) {
            return Droplets.ZERO;
        }
        try {
            return Droplets.of(sum.longValueExact());
        } catch (ArithmeticException e) {
            throw new LedgerException("balance " + sum + " droplets does not fit in 64 bits", e);
        }
    }
}
