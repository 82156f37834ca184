package io.skywire.wallet.ledger;

import java.sql.SQLException;

/** Maps driver exceptions to the ledger's typed ones, so no caller sees a {@link SQLException}. */
final class SqlErrors {

    /** SQLSTATE class 23: integrity constraint violation (unique key, foreign key, check). */
    private static final String INTEGRITY_CLASS = "23";

    private SqlErrors() {
    }

    static LedgerException map(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith(INTEGRITY_CLASS)) {
            return new LedgerException("wallet database refused a write (constraint " + state + "): "
                    + e.getMessage(), e);
        }
        return new LedgerException("wallet database error " + state + ": " + e.getMessage(), e);
    }

    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
