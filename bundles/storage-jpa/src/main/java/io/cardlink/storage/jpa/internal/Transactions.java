package io.cardlink.storage.jpa.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.ConflictException;
import io.cardlink.api.UnavailableException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import javax.persistence.LockTimeoutException;
import javax.persistence.PessimisticLockException;
import javax.persistence.QueryTimeoutException;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/**
 * Runs a store method as one transaction and turns database failures into Cardlink's exceptions: a unique key
 * violation into a {@link ConflictException}, a database that can't be reached or answered too late into an
 * {@link UnavailableException}. Failures are translated outside the template because a resource-local unit
 * reports some of them only at commit.
 */
final class Transactions {

    private static final int MAX_CAUSES = 20;

    private final JpaTemplate jpa;

    Transactions(JpaTemplate jpa) {
        this.jpa = jpa;
    }

    <R> R run(EmFunction<R> work) {
        return run(null, work);
    }

    /** Runs {@code work}; a unique key violation becomes a {@link ConflictException} with the given message. */
    <R> R run(Supplier<String> conflictMessage, EmFunction<R> work) {
        try {
            // Aries' resource-local template supports Required only, which is what every store method needs.
            return jpa.txExpr(TransactionType.Required, work);
        } catch (RuntimeException e) {
            throw translate(e, conflictMessage);
        }
    }

    /** Now, as precisely as both databases store a timestamp. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static RuntimeException translate(RuntimeException failure, Supplier<String> conflictMessage) {
        if (failure instanceof CardlinkException) {
            return failure;
        }
        if (failure instanceof LockTimeoutException || failure instanceof PessimisticLockException
                || failure instanceof QueryTimeoutException) {
            return new UnavailableException("the database did not answer in time: " + failure.getMessage(), failure);
        }
        SQLException sql = sqlCause(failure);
        if (sql == null) {
            return failure;
        }
        String state = sqlState(sql);
        if (state != null && state.startsWith("23")) {
            return conflictMessage == null ? failure : new ConflictException(conflictMessage.get());
        }
        if (state != null && (state.startsWith("22") || state.startsWith("42"))) {
            // Data and syntax errors are ours to fix, not the database's state: retrying won't help.
            return failure;
        }
        return new UnavailableException("the database is not available: " + sql.getMessage(), failure);
    }

    private static SQLException sqlCause(Throwable failure) {
        Throwable cause = failure;
        for (int i = 0; cause != null && i < MAX_CAUSES; i++, cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return (SQLException) cause;
            }
        }
        return null;
    }

    /** The first SQL state in the chain; drivers put the specific one on a nested exception at times. */
    static String sqlState(SQLException sql) {
        Throwable cause = sql;
        for (int i = 0; cause != null && i < MAX_CAUSES; i++) {
            if (cause instanceof SQLException) {
                SQLException current = (SQLException) cause;
                if (current.getSQLState() != null) {
                    return current.getSQLState();
                }
                cause = current.getNextException() != null ? current.getNextException() : current.getCause();
            } else {
                cause = cause.getCause();
            }
        }
        return null;
    }
}
