package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ConflictException;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.task.ScheduledTask;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL script and the stores on a real server, when CARDLINK_TEST_POSTGRES_URL names an empty database
 * to use (for example {@code jdbc:postgresql://127.0.0.1:5432/cardlink_test?user=postgres}). The test drops the
 * Cardlink tables there first.
 */
@EnabledIfEnvironmentVariable(named = "CARDLINK_TEST_POSTGRES_URL", matches = ".+")
class PostgresqlTest {

    @Test
    void migratesOnceAndTheStoresWork() throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(System.getenv("CARDLINK_TEST_POSTGRES_URL"));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS CARDLINK_TASK_CACHE, CARDLINK_TASK_WATERMARK, CARDLINK_RUN_KEY, CARDLINK_RUN, CARDLINK_TASK, CARDLINK_CONNECTOR_SECRET,"
                    + " CARDLINK_CONNECTOR, " + Migrations.VERSION_TABLE);
        }

        // Two nodes start on the empty database together: one applies the scripts, the other waits and skips.
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<List<Integer>> start = () -> Migrations.migrate(dataSource);
            List<Integer> applied = new ArrayList<>();
            for (Future<List<Integer>> result : nodes.invokeAll(List.of(start, start))) {
                applied.addAll(result.get());
            }
            // each version once, whichever node applied it
            applied.sort(Integer::compare);
            assertEquals(List.of(1, 2, 3), applied);
        } finally {
            nodes.shutdownNow();
        }
        assertEquals(List.of(), Migrations.migrate(dataSource));

        EntityManagerFactory emf = TestDatabase.persistenceUnit(dataSource, "validate");
        try {
            EmfJpaTemplate jpa = new EmfJpaTemplate(emf);
            JpaConnectorStore connectors = new JpaConnectorStore(jpa);
            JpaTaskStore tasks = new JpaTaskStore(jpa);
            JpaRunStore runs = new JpaRunStore(jpa);

            Connector prod = connectors.create(Fixtures.connector("Prod"));
            assertEquals(prod, connectors.find(prod.id()).orElseThrow());
            assertThrows(ConflictException.class, () -> connectors.create(Fixtures.connector("Prod")));
            assertEquals(List.of("Prod"),
                    connectors.search("pRO").stream().map(Connector::name).collect(Collectors.toList()));

            ScheduledTask task = tasks.createScheduled(Fixtures.scheduled(prod.id(), "people"));
            assertEquals(task, tasks.findScheduled(task.id()).orElseThrow());
            assertThrows(ConflictException.class, () -> tasks.createEvent(Fixtures.event(prod.id(), "people")));
            Run first = runs.create(Fixtures.run(task.id(), RunStatus.RUNNING));
            Run second = runs.create(Fixtures.run(task.id(), RunStatus.RUNNING));
            assertEquals(first, runs.find(first.id()).orElseThrow());
            assertEquals(List.of(second.id(), first.id()),
                    runs.listForTask(task.id(), 10).stream().map(Run::id).collect(Collectors.toList()));
            assertEquals(2, runs.markUnfinishedInterrupted());

            assertTrue(connectors.delete(prod.id()));
            assertTrue(runs.find(first.id()).isEmpty());
            assertTrue(tasks.findScheduled(task.id()).isEmpty());
        } finally {
            emf.close();
        }

        JdbcStoreHealth health = new JdbcStoreHealth(dataSource);
        try {
            assertTrue(health.reachable());
            assertTrue(health.database().startsWith("PostgreSQL "), health.database());
        } finally {
            health.deactivate();
        }
    }
}
