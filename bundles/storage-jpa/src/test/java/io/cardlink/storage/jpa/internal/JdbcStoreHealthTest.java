package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JdbcStoreHealthTest {

    @Test
    void reportsTheDatabaseWhileItAnswers() {
        try (TestDatabase database = new TestDatabase()) {
            JdbcStoreHealth health = new JdbcStoreHealth(database.dataSource());
            try {
                String product = health.database();
                assertTrue(product.startsWith(database.product() + " "), product);
                assertTrue(health.reachable());

                database.dataSource().down(true);
                assertFalse(health.reachable());
                assertEquals(product, health.database());

                database.dataSource().down(false);
                assertTrue(health.reachable());
            } finally {
                health.deactivate();
            }
        }
    }

    @Test
    void saysSoWhenTheDatabaseNeverAnswered() {
        try (TestDatabase database = new TestDatabase()) {
            database.dataSource().down(true);
            JdbcStoreHealth health = new JdbcStoreHealth(database.dataSource());
            try {
                assertEquals("unknown (the database has not answered)", health.database());
            } finally {
                health.deactivate();
            }
        }
    }
}
