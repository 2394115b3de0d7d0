package io.cardlink.storage.jpa.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.TimeZone;
import javax.persistence.PersistenceException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain JDBC transactions for the per-page hot paths of a sync run (task cache, run keys): a page writes a few
 * hundred rows, and JDBC batches do that at a fraction of the cost of managed entities. Failures are translated
 * like those of {@link Transactions}.
 */
final class JdbcTransactions {

    /** The work of one transaction on one connection. */
    @FunctionalInterface
    interface Work<R> {
        R apply(Connection connection) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTransactions.class);
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final DataSource dataSource;

    JdbcTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <R> R run(Work<R> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                R result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw Transactions.translate(new PersistenceException(e.getMessage(), e), null);
        }
    }

    /**
     * After many rows of a table went (a run's keys, a task's cache): Derby keeps deleted rows and emptied pages in
     * the indexes until it purges them, and every insert below them (a run reads the newest cards first) walks past
     * all of them; runs slow down run after run. An in-place compress purges them in milliseconds. PostgreSQL's
     * autovacuum needs no help. Best effort: a failure only costs speed. Returns whether the table was compressed.
     */
    boolean purgeDeletedRows(String table) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getMetaData().getDatabaseProductName().startsWith("Apache Derby")) {
                return false;
            }
            try (CallableStatement compress = connection.prepareCall(
                    "CALL SYSCS_UTIL.SYSCS_INPLACE_COMPRESS_TABLE(CURRENT SCHEMA, ?, 1, 1, 1)")) {
                compress.setString(1, table);
                compress.execute();
                return true;
            }
        } catch (SQLException e) {
            LOG.debug("Could not purge the deleted rows of {}: {}", table, e.getMessage());
            return false;
        }
    }

    /** {@code ?, ?, ?} for an IN list of {@code count} values. */
    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** Binds the values from {@code first} on. */
    static void bind(PreparedStatement statement, int first, Collection<String> values) throws SQLException {
        int index = first;
        for (String value : values) {
            statement.setString(index++, value);
        }
    }

    /** Sets a timestamp as UTC, as the entities store them (hibernate.jdbc.time_zone). */
    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setTimestamp(index, Timestamp.from(instant), Calendar.getInstance(UTC));
    }
}
