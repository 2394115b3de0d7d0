package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import javax.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

class TransactionsTest {

    @Test
    void aDeadlockVictimIsToldFromALockTimeoutAndOtherFailures() {
        assertTrue(Transactions.deadlock(new PersistenceException(new SQLException("deadlock", "40001"))));
        assertFalse(Transactions.deadlock(new PersistenceException(new SQLException("lock timeout", "40XL1"))));
        assertFalse(Transactions.deadlock(new PersistenceException(new SQLException("refused", "08001"))));
        assertFalse(Transactions.deadlock(new IllegalStateException("no SQL cause")));
    }
}
