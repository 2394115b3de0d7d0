package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ConflictException;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.store.EchoLedger;
import io.cardlink.api.store.OutboxStore;
import io.cardlink.api.task.EventOperation;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /** The outbox's order per card, the loop guard's hold, workflow references and the echo ledger on PostgreSQL. */
    private static void writePath(EmfJpaTemplate jpa, PGSimpleDataSource dataSource, EventTask push) throws Exception {
        JpaOutboxStore outbox = new JpaOutboxStore(jpa);
        Instant later = Instant.now().plusSeconds(3600);
        List<String> ids = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            Callable<String> add = () -> outbox.add(Operation.accepted(push.id(), null, EventOperation.UPDATE, "K-1",
                    null, null, "wf-hiring", "wf-engine", OperationStatus.PENDING, null, null),
                    DataCard.draft(null, null, Map.of("efecte_id", List.of(new StringValue("K-1")))), "fp").id();
            for (Future<String> id : callers.invokeAll(List.of(add, add, add, add, add, add))) {
                ids.add(id.get());
            }
        } finally {
            callers.shutdownNow();
        }
        int delivered = 0;
        List<OutboxStore.Entry> claimed;
        while (!(claimed = outbox.claimDue("node-a", later, later.plusSeconds(60), 10)).isEmpty()) {
            assertEquals(1, claimed.size());
            String id = claimed.get(0).operation().id();
            if (++delivered == 3) {
                outbox.hold(id, "node-a", "too many writes", later).orElseThrow();
            } else {
                outbox.finish(id, "node-a", OperationStatus.SUCCEEDED, "1", null, later);
            }
        }
        assertEquals(3, delivered);
        assertEquals(4, outbox.heldCards(push.id()).get(0).heldOperations());
        assertEquals(4, outbox.releaseCard(push.id(), "K-1", later.plusSeconds(1)));
        assertEquals(0, outbox.countWrites(push.id(), "K-1", later.minusSeconds(60)));
        assertEquals(6, new HashSet<>(ids).size());
        assertEquals(6, new JpaWorkflowReferenceStore(jpa).forTask(push.id(), Instant.EPOCH).stream()
                .filter(r -> r.workflow().equals("wf-hiring")).findFirst().orElseThrow().useCount());

        JpaEchoLedger ledger = new JpaEchoLedger(dataSource);
        ledger.record(List.of(new EchoLedger.Entry(push.connectorId(), io.cardlink.api.mapping.Direction.WRITE, "source_key", "K-1",
                push.id(), Map.of("subject", "abc"), later)));
        assertEquals(Map.of("subject", "abc"), ledger.find(push.connectorId(), io.cardlink.api.mapping.Direction.WRITE,
                "source_key", List.of("K-1"), later).get("K-1").attributes());
        assertEquals(1, ledger.purge(later.plusSeconds(1)));
    }

    @Test
    void migratesOnceAndTheStoresWork() throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(System.getenv("CARDLINK_TEST_POSTGRES_URL"));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS CARDLINK_ECHO_LEDGER, CARDLINK_WORKFLOW_REFERENCE,"
                    + " CARDLINK_OUTBOX_CARD, CARDLINK_OUTBOX, CARDLINK_TASK_CACHE, CARDLINK_TASK_WATERMARK,"
                    + " CARDLINK_RUN_KEY, CARDLINK_RUN, CARDLINK_TASK, CARDLINK_CONNECTOR_SECRET, CARDLINK_CONNECTOR, "
                    + Migrations.VERSION_TABLE);
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
            assertEquals(List.of(1, 2, 3, 4, 5), applied);
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
            writePath(jpa, dataSource, tasks.createEvent(Fixtures.event(prod.id(), "push")));
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
