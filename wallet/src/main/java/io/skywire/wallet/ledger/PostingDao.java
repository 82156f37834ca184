package io.skywire.wallet.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/** Writes postings and their entries; the caller owns the transaction. */
final class PostingDao {

    private static final String UPSERT_ACCOUNT = "MERGE INTO account (name) KEY (name) VALUES (?)";
    private static final String INSERT_POSTING =
            "INSERT INTO posting (reference, memo, created_at) VALUES (?, ?, ?)";
    private static final String INSERT_ENTRY = "INSERT INTO entry (posting_id, account, amount) VALUES (?, ?, ?)";

    /** Inserts the posting and all its entries and returns the posting's id. */
    long insert(Connection connection, Posting posting, Instant now) throws SQLException {
        try (PreparedStatement account = connection.prepareStatement(UPSERT_ACCOUNT)) {
            for (Posting.Entry entry : posting.entries()) {
                account.setString(1, entry.account());
                account.addBatch();
            }
            account.executeBatch();
        }
        long postingId;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_POSTING,
                Statement.RETURN_GENERATED_KEYS)) {
            if (posting.reference().isPresent()) {
                insert.setString(1, posting.reference().get());
            } else {
                insert.setNull(1, Types.VARCHAR);
            }
            insert.setString(2, posting.memo());
            insert.setTimestamp(3, Timestamp.from(now));
            try {
                insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e) && posting.reference().isPresent()) {
                    throw new DuplicatePostingException(posting.reference().get(), e);
                }
                throw e;
            }
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id generated for posting");
                }
                postingId = keys.getLong(1);
            }
        }
        try (PreparedStatement entry = connection.prepareStatement(INSERT_ENTRY)) {
            for (Posting.Entry row : posting.entries()) {
                entry.setLong(1, postingId);
                entry.setString(2, row.account());
                entry.setLong(3, row.amount().value());
                entry.addBatch();
            }
            entry.executeBatch();
        }
        return postingId;
    }
}
