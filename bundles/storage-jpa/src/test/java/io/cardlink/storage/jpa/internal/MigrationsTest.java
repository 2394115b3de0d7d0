package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.mapping.Direction;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardEventKind;
import io.cardlink.api.timeline.CardLookup;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
                        "CARDLINK_RUN", "CARDLINK_TASK_CACHE", "CARDLINK_TASK_WATERMARK",
                        "CARDLINK_OUTBOX", "CARDLINK_OUTBOX_CARD", "CARDLINK_WORKFLOW_REFERENCE",
                        "CARDLINK_ECHO_LEDGER", Migrations.VERSION_TABLE)) {
                    assertTrue(database.hasTable(table), table);
                }
                assertFalse(database.hasTable("CARDLINK_RUN_KEY"), "runs keep their keys in memory since version 11");
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
    void version5MovesTheWorkflowReferencesOfEventTasksIntoTheirTable() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            migrateTo(database, 4);
            database.execute("INSERT INTO CARDLINK_CONNECTOR (ID, NAME, TYPE_ID, SETTINGS, CREATED_AT, UPDATED_AT)"
                    + " VALUES ('c1', 'Prod', 'coreproiga', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            database.execute("INSERT INTO CARDLINK_TASK (ID, KIND, CONNECTOR_ID, NAME, CREATED_AT, UPDATED_AT,"
                    + " WORKFLOW_REFERENCES) VALUES ('t1', 'EVENT', 'c1', 'Push', CAST('2026-01-02 03:04:05' AS TIMESTAMP),"
                    + " CAST('2026-01-02 03:04:05' AS TIMESTAMP), '[\"wf-hiring\",\"wf-leaving\",\"wf-hiring\"]')");
            database.execute("INSERT INTO CARDLINK_TASK (ID, KIND, CONNECTOR_ID, NAME, CREATED_AT, UPDATED_AT,"
                    + " WORKFLOW_REFERENCES) VALUES ('t2', 'EVENT', 'c1', 'Unused', CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP, '[]')");

            assertEquals(ALL_VERSIONS.subList(ALL_VERSIONS.indexOf(5), ALL_VERSIONS.size()),
                    Migrations.migrate(database.dataSource()));

            try (Connection connection = database.dataSource().getConnection();
                    ResultSet rows = connection.createStatement().executeQuery("SELECT TASK_ID, WORKFLOW,"
                            + " CONNECTOR_ID, FIRST_USED_AT, USE_COUNT FROM CARDLINK_WORKFLOW_REFERENCE"
                            + " ORDER BY WORKFLOW")) {
                List<String> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " "
                            + rows.getTimestamp(4) + " " + rows.getLong(5));
                }
                assertEquals(List.of("t1 wf-hiring c1 2026-01-02 03:04:05.0 0", "t1 wf-leaving c1 2026-01-02 03:04:05.0 0"),
                        found);
                try (ResultSet left = connection.createStatement().executeQuery(
                        "SELECT COUNT(*) FROM CARDLINK_TASK WHERE WORKFLOW_REFERENCES IS NOT NULL")) {
                    left.next();
                    assertEquals(0, left.getInt(1));
                }
            }
        }
    }

    @Test
    void version16MovesTheEqlFilterOfScheduledTasksIntoTheirSettings() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            migrateTo(database, 15);
            database.execute("INSERT INTO CARDLINK_CONNECTOR (ID, NAME, TYPE_ID, SETTINGS, CREATED_AT, UPDATED_AT)"
                    + " VALUES ('c1', 'Prod', 'coreproiga', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            String filter = "$status$ = '02 - Solving' AND $subject$ LIKE '%\\\"quoted\\\"%'\nOR $a$ = 1";
            database.execute("INSERT INTO CARDLINK_TASK (ID, KIND, CONNECTOR_ID, NAME, CREATED_AT, UPDATED_AT,"
                    + " EQL_FILTER) VALUES ('t1', 'SCHEDULED', 'c1', 'Filtered', CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP, '" + filter.replace("'", "''") + "')");
            database.execute("INSERT INTO CARDLINK_TASK (ID, KIND, CONNECTOR_ID, NAME, CREATED_AT, UPDATED_AT)"
                    + " VALUES ('t2', 'SCHEDULED', 'c1', 'All', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            database.execute("INSERT INTO CARDLINK_TASK (ID, KIND, CONNECTOR_ID, NAME, CREATED_AT, UPDATED_AT)"
                    + " VALUES ('t3', 'EVENT', 'c1', 'Push', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");

            assertEquals(ALL_VERSIONS.subList(ALL_VERSIONS.indexOf(16), ALL_VERSIONS.size()),
                    Migrations.migrate(database.dataSource()));

            try (Connection connection = database.dataSource().getConnection()) {
                Map<String, String> settings = new TreeMap<>();
                try (ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT ID, SETTINGS FROM CARDLINK_TASK ORDER BY ID")) {
                    while (rows.next()) {
                        settings.put(rows.getString(1), rows.getString(2));
                    }
                }
                assertEquals(Map.of("eqlFilter", filter), Json.readStringMap(settings.get("t1")));
                assertNull(settings.get("t2"));
                assertNull(settings.get("t3"));
                try (ResultSet columns = connection.getMetaData().getColumns(null, null, "%", "%")) {
                    while (columns.next()) {
                        assertNotEquals("EQL_FILTER", columns.getString("COLUMN_NAME").toUpperCase(Locale.ROOT),
                                columns.getString("TABLE_NAME"));
                    }
                }
            }
        }
    }

    @Test
    void version17CopiesTheTimelineEntriesIntoPages() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            migrateTo(database, 16);
            for (int i = 0; i < CardEventPages.MAX_ENTRIES + 2; i++) {
                database.execute("INSERT INTO CARDLINK_CARD_EVENT (CONNECTOR_ID, TASK_ID, DIRECTION, CARD_KEY,"
                        + " LOCAL_ID, REMOTE_ID, OCCURRED_AT, KIND, RUN_ID, ATTRIBUTES) VALUES ('c1', 't1', 'READ',"
                        + " 'K-" + (i % 3) + "', 'L-" + (i % 3) + "', NULL, CAST('2026-01-02 03:04:05' AS TIMESTAMP),"
                        + " '" + (i < 3 ? "CREATED" : "UPDATED") + "', 'run-" + i + "', 'subject,status')");
            }
            database.execute("INSERT INTO CARDLINK_CARD_EVENT (CONNECTOR_ID, TASK_ID, DIRECTION, CARD_KEY, REMOTE_ID,"
                    + " OCCURRED_AT, KIND, OPERATION_ID, WORKFLOW, MESSAGE) VALUES ('c2', 't2', 'WRITE', 'K-0',"
                    + " 'R-9', CAST('2026-01-02 03:04:06' AS TIMESTAMP), 'WRITTEN', 'op-1', 'Close', 'update')");

            assertEquals(ALL_VERSIONS.subList(ALL_VERSIONS.indexOf(17), ALL_VERSIONS.size()),
                    Migrations.migrate(database.dataSource()));

            assertFalse(database.hasTable("CARDLINK_CARD_EVENT"), "the entries moved into pages");
            JpaCardTimelineStore timelines = new JpaCardTimelineStore(database.dataSource());
            List<CardEvent> first = timelines.find("c1", "K-0", 1_000);
            assertEquals((CardEventPages.MAX_ENTRIES + 2 + 2) / 3, first.size());
            assertEquals(new CardEvent("c1", "t1", Direction.READ, "K-0", "L-0", null,
                    Instant.parse("2026-01-02T03:04:05Z"), CardEventKind.CREATED, "run-0", null, null,
                    List.of("subject", "status"), null), first.get(0));
            assertEquals("run-" + (CardEventPages.MAX_ENTRIES + 1 - (CardEventPages.MAX_ENTRIES + 1) % 3),
                    first.get(first.size() - 1).runId(), "oldest first, across the two pages");
            assertEquals(Optional.of("K-2"), timelines.keyOf("c1", CardLookup.LOCAL_ID, "L-2"));
            assertEquals(List.of(new CardEvent("c2", "t2", Direction.WRITE, "K-0", null, "R-9",
                    Instant.parse("2026-01-02T03:04:06Z"), CardEventKind.WRITTEN, null, "op-1", "Close", List.of(),
                    "update")), timelines.find("c2", "K-0", 10));
        }
    }

    @Test
    void version18KeepsEachWatermarkAsTheTextOfItsTime() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            migrateTo(database, 17);
            database.execute("INSERT INTO CARDLINK_TASK_WATERMARK (TASK_ID, WATERMARK, UPDATED_AT) VALUES ('t1',"
                    + " CAST('2026-01-02 03:04:05.123' AS TIMESTAMP), CURRENT_TIMESTAMP)");
            database.execute("INSERT INTO CARDLINK_TASK_WATERMARK (TASK_ID, WATERMARK, UPDATED_AT) VALUES ('t2',"
                    + " CAST('2025-12-31 23:59:59' AS TIMESTAMP), CURRENT_TIMESTAMP)");

            assertEquals(ALL_VERSIONS.subList(ALL_VERSIONS.indexOf(18), ALL_VERSIONS.size()),
                    Migrations.migrate(database.dataSource()));

            Map<String, String> marks = new TreeMap<>();
            try (Connection connection = database.dataSource().getConnection();
                    ResultSet rows = connection.createStatement().executeQuery(
                            "SELECT TASK_ID, MARK FROM CARDLINK_TASK_WATERMARK")) {
                while (rows.next()) {
                    marks.put(rows.getString(1), rows.getString(2));
                }
            }
            assertEquals(Map.of("t1", "2026-01-02T03:04:05.123Z", "t2", "2025-12-31T23:59:59Z"), marks);
            assertThrows(Exception.class, () -> database.execute("INSERT INTO CARDLINK_TASK_WATERMARK (TASK_ID,"
                    + " UPDATED_AT) VALUES ('t3', CURRENT_TIMESTAMP)"), "a watermark has its mark");
        }
    }

    /** Applies the scripts up to a version, as an older bundle did. */
    private static void migrateTo(TestDatabase database, int version) throws Exception {
        database.execute("CREATE TABLE " + Migrations.VERSION_TABLE + " (VERSION INTEGER NOT NULL PRIMARY KEY,"
                + " DESCRIPTION VARCHAR(200) NOT NULL, APPLIED_AT TIMESTAMP NOT NULL)");
        for (Migrations.Script script : Migrations.SCRIPTS) {
            if (script.version() > version) {
                break;
            }
            for (String statement : Migrations.statements(script, TestDatabase.onPostgresql() ? "postgresql" : "derby")) {
                database.execute(statement);
            }
            database.execute("INSERT INTO " + Migrations.VERSION_TABLE + " VALUES (" + script.version() + ", '"
                    + script.description() + "', CURRENT_TIMESTAMP)");
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
