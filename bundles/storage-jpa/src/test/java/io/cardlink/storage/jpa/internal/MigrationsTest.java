package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

class MigrationsTest {
    private static final List<Integer> ALL_VERSIONS = Migrations.SCRIPTS.stream()
            .map(Migrations.Script::version).toList();

    @Test
    void aNewDatabaseGetsEveryVersionRecorded() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            assertEquals(ALL_VERSIONS, Migrations.migrate(database.dataSource()));

            try (Connection connection = database.dataSource().getConnection()) {
                assertEquals(Set.copyOf(ALL_VERSIONS), Migrations.appliedVersions(connection));
                for (String table : List.of("CARDLINK_CONNECTOR", "CARDLINK_CONNECTOR_SECRET", "CARDLINK_TASK",
                        "CARDLINK_RUN", "CARDLINK_TASK_CACHE", "CARDLINK_TASK_WATERMARK", "CARDLINK_RUN_KEY",
                        "CARDLINK_OUTBOX", Migrations.VERSION_TABLE)) {
                    assertTrue(database.hasTable(table), table);
                }
            }
        }
    }

    @Test
    void aSecondStartAppliesNothing() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            Migrations.migrate(database.dataSource());

            assertEquals(List.of(), Migrations.migrate(database.dataSource()));
        }
    }

    @Test
    void twoNodesStartingTogetherApplyEachVersionOnce() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            ExecutorService nodes = Executors.newFixedThreadPool(2);
            try {
                Callable<List<Integer>> start = () -> Migrations.migrate(database.dataSource());
                List<Future<List<Integer>>> results = nodes.invokeAll(List.of(start, start));
                List<Integer> applied = new ArrayList<>();
                for (Future<List<Integer>> result : results) {
                    applied.addAll(result.get());
                }
                // each version once, whichever node applied it
                applied.sort(Integer::compare);
                assertEquals(ALL_VERSIONS, applied);
            } finally {
                nodes.shutdownNow();
            }
        }
    }

    @Test
    void theEntitiesMatchTheMigratedSchema() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            Migrations.migrate(database.dataSource());

            TestDatabase.persistenceUnit(database.dataSource(), "validate").close();
        }
    }

    @Test
    void aColumnMissingFromTheScriptFailsValidation() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            Migrations.migrate(database.dataSource());
            database.execute("ALTER TABLE CARDLINK_RUN DROP COLUMN EXTRACT_FILE");

            PersistenceException e = assertThrows(PersistenceException.class,
                    () -> TestDatabase.persistenceUnit(database.dataSource(), "validate"));
            assertTrue(String.valueOf(e.getCause()).toUpperCase(Locale.ROOT).contains("EXTRACT_FILE"),
                    String.valueOf(e.getCause()));
        }
    }

    @Test
    void eachDatabaseHasItsScripts() throws Exception {
        assertEquals("derby", Migrations.folderFor("Apache Derby"));
        assertEquals("postgresql", Migrations.folderFor("PostgreSQL"));
        assertThrows(SQLFeatureNotSupportedException.class, () -> Migrations.folderFor("MySQL"));
        for (Migrations.Script script : Migrations.SCRIPTS) {
            List<String> derby = Migrations.statements(script, "derby");
            List<String> postgresql = Migrations.statements(script, "postgresql");
            assertTrue(derby.stream().noneMatch(statement -> statement.contains(";")), String.valueOf(derby));
            assertEquals(derby.stream().filter(s -> s.startsWith("CREATE TABLE")).count(),
                    postgresql.stream().filter(s -> s.startsWith("CREATE TABLE")).count());
        }
    }
}
