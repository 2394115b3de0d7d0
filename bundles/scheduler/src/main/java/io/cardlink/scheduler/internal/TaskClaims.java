package io.cardlink.scheduler.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide claims on tasks: a node runs a task only while it holds the task's claim, a PostgreSQL advisory lock
 * taken in a transaction that stays open for the run. Quartz's {@code @DisallowConcurrentExecution} alone does not
 * hold across nodes: a node that completes a fire of a task's job unblocks the job's triggers even while another
 * node still runs a fire of the same job (which it can have started when a run now and the schedule fired close
 * together), and from then on the two nodes can take turns starting runs that overlap. A claim ends with its
 * transaction: when the run ends, and when the node dies, since the database ends the session of a dead client.
 */
final class TaskClaims {
    private static final Logger LOG = LoggerFactory.getLogger(TaskClaims.class);
    private static final String NAMESPACE = "cardlink.task:";

    private final Supplier<DataSource> database;
    private final Duration retry;

    TaskClaims(Supplier<DataSource> database, Duration retry) {
        this.database = database;
        this.retry = retry;
    }

    /** The task's claim, or empty when another node holds it. */
    Optional<Claim> tryClaim(String taskId) throws SQLException {
        DataSource current = database.get();
        if (current == null) {
            throw new SQLException("the Cardlink data source (osgi.jndi.service.name=cardlink) is not available");
        }
        Connection connection = current.getConnection();
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                lock.setLong(1, key(taskId));
                try (ResultSet row = lock.executeQuery()) {
                    if (row.next() && row.getBoolean(1)) {
                        return Optional.of(new Claim(taskId, connection));
                    }
                }
            }
            end(connection);
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            end(connection);
            throw e;
        }
    }

    /**
     * The task's claim, waited for while another node holds it; empty if {@code givenUp} says so first (the
     * scheduler shuts down).
     */
    Optional<Claim> claim(String taskId, BooleanSupplier givenUp) throws SQLException, InterruptedException {
        boolean told = false;
        while (!givenUp.getAsBoolean()) {
            Optional<Claim> claim = tryClaim(taskId);
            if (claim.isPresent()) {
                return claim;
            }
            if (!told) {
                LOG.info("Task {}: runs on another node; this run waits for it to end", taskId);
                told = true;
            }
            Thread.sleep(retry.toMillis());
        }
        return Optional.empty();
    }

    /** The advisory lock's key: 64 bits of a name-based UUID, so that two tasks practically never share one. */
    static long key(String taskId) {
        return UUID.nameUUIDFromBytes((NAMESPACE + taskId).getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    private static void end(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Ending a task claim's transaction failed: {}", e.getMessage());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing a task claim's connection failed: {}", e.getMessage());
        }
    }

    /** A held claim; closing it ends the transaction, which releases the lock. */
    static final class Claim implements AutoCloseable {
        private final String taskId;
        private final Connection connection;

        private Claim(String taskId, Connection connection) {
            this.taskId = taskId;
            this.connection = connection;
        }

        String taskId() {
            return taskId;
        }

        @Override
        public void close() {
            end(connection);
        }
    }
}
