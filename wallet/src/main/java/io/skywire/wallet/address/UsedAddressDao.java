package io.skywire.wallet.address;

import io.skywire.wallet.skycoin.SkycoinAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The used_address table; the caller owns the transaction. */
final class UsedAddressDao {

    private static final String NEXT_INDEX = "SELECT COALESCE(MAX(address_index) + 1, 0) FROM used_address";
    private static final String INSERT =
            "INSERT INTO used_address (address_index, address, purpose, used_at) VALUES (?, ?, ?, ?)";
    private static final String ALL =
            "SELECT address_index, address, purpose, used_at FROM used_address ORDER BY address_index";

    int nextIndex(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(NEXT_INDEX);
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    void insert(Connection connection, UsedAddress used) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setInt(1, used.index());
            insert.setString(2, used.address().toString());
            insert.setString(3, used.purpose());
            insert.setTimestamp(4, Timestamp.from(used.usedAt()));
            insert.executeUpdate();
        }
    }

    List<UsedAddress> all(Connection connection) throws SQLException {
        List<UsedAddress> used = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(ALL);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                used.add(new UsedAddress(rows.getInt(1), SkycoinAddress.parse(rows.getString(2)), rows.getString(3),
                        rows.getObject(4, OffsetDateTime.class).toInstant()));
            }
        }
        return used;
    }
}
