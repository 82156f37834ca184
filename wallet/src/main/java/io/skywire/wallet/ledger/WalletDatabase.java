package io.skywire.wallet.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet's H2 file database: a HikariCP pool, the schema brought up to date by Flyway on open, and
 * transactions that commit whole or roll back whole.
 */
public final class WalletDatabase implements AutoCloseable {

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(WalletDatabase.class);

    private final HikariDataSource dataSource;

    private WalletDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Where the double-entry tables' migration lives; every database that holds money shares it as version 1. */
    public static final String LEDGER_SCHEMA = "classpath:db/ledger";

    /**
     * Opens (creating if needed) the wallet database at {@code file} (H2 adds ".mv.db") and migrates its schema.
     *
     * @throws LedgerException when the database cannot be opened or migrated
     */
    public static WalletDatabase open(Path file) {
        return open(file, "wallet-db", "classpath:db/migration");
    }

    /**
     * Opens (creating if needed) an H2 file database with the ledger tables and the migrations at
     * {@code schemaLocation} (versions 2 and up), such as the local chain's or the escrow's.
     *
     * @throws LedgerException when the database cannot be opened or migrated
     */
    public static WalletDatabase open(Path file, String poolName, String schemaLocation) {
        return open(file, poolName, schemaLocation, false);
    }

    /**
     * As {@link #open(Path, String, String)}; when {@code sharedBetweenProcesses}, the first process to open the
     * file serves it to the others over loopback (H2's AUTO_SERVER), so that a wallet command and a running escrow
     * can use the same local chain.
     */
    public static WalletDatabase open(Path file, String poolName, String schemaLocation,
                                      boolean sharedBetweenProcesses) {
        HikariConfig config = new HikariConfig();
        // WRITE_DELAY=0: H2 otherwise writes commits to the file from a background thread up to 500 ms later, so a
        // killed process loses postings whose commit had returned (LedgerCrashTest catches that at once); one run with
        // the background writer also reopened to a posting with entries missing, not seen since this setting.
        config.setJdbcUrl("jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0"
                + (sharedBetweenProcesses ? ";AUTO_SERVER=TRUE" : ""));
        config.setUsername("sa");
        config.setPassword("");
        config.setPoolName(poolName);
        config.setMaximumPoolSize(4);
        config.setAutoCommit(false);
        // Money moves between rows read and written in one transaction; nothing weaker is safe for that.
        config.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new LedgerException("cannot open database " + file + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(dataSource).locations(LEDGER_SCHEMA, schemaLocation).load().migrate();
        } catch (FlywayException e) {
            dataSource.close();
            throw new LedgerException("cannot migrate database " + file + ": " + e.getMessage(), e);
        }
        LOG.info("{} {} open", poolName, file);
        return new WalletDatabase(dataSource);
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     *
     * @throws LedgerException wrapping any driver error; a {@link LedgerException} from the work passes unchanged
     */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.map(e);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
