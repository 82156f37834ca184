package io.skywire.wallet.chain;

import io.skywire.wallet.ledger.Droplets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The local chain's own tables; the caller owns the transaction. */
final class ChainDao {

    private static final String LOCK_TIP = "SELECT height FROM chain_tip WHERE id = 1 FOR UPDATE";
    private static final String SET_TIP = "UPDATE chain_tip SET height = ? WHERE id = 1";
    private static final String HEIGHT = "SELECT height FROM chain_tip WHERE id = 1";
    private static final String INSERT =
            "INSERT INTO chain_transaction (height, tx_id, posting_id, encoded) VALUES (?, ?, ?, ?)";
    private static final String KNOWN = "SELECT COUNT(*) FROM chain_transaction WHERE tx_id = ?";
    private static final String ACTIVITY = "SELECT t.height, t.tx_id, p.created_at, SUM(e.amount) FROM entry e "
            + "JOIN posting p ON p.id = e.posting_id JOIN chain_transaction t ON t.posting_id = p.id "
            + "WHERE e.account = ? GROUP BY t.height, t.tx_id, p.created_at ORDER BY t.height";

    /** Locks the tip row until the transaction ends, so writers take turns, and returns the height. */
    long lockTip(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(LOCK_TIP);
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    long height(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(HEIGHT);
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    boolean known(Connection connection, String transactionId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(KNOWN)) {
            query.setString(1, transactionId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    void append(Connection connection, long height, String transactionId, long postingId, byte[] encoded)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, height);
            insert.setString(2, transactionId);
            insert.setLong(3, postingId);
            insert.setBytes(4, encoded);
            insert.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement(SET_TIP)) {
            update.setLong(1, height);
            update.executeUpdate();
        }
    }

    List<ChainActivity> activity(Connection connection, String account) throws SQLException {
        List<ChainActivity> activity = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(ACTIVITY)) {
            query.setString(1, account);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    activity.add(new ChainActivity(rows.getLong(1), rows.getString(2),
                            rows.getObject(3, OffsetDateTime.class).toInstant(),
                            Droplets.of(rows.getBigDecimal(4).longValueExact())));
                }
            }
        }
        return activity;
    }
}
