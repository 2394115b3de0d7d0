package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JpaRunKeyStoreTest extends StoreTestBase {

    @Test
    void reportsTheKeysARunHadSeenAlready() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("acme"), "persons")).id();
        String run = runs.create(Fixtures.run(task, RunStatus.RUNNING)).id();

        assertEquals(Set.of(), runKeys.markSeen(run, List.of("A", "B", "B")));
        assertEquals(Set.of("B"), runKeys.markSeen(run, List.of("B", "C")));

        assertEquals(Set.of("A", "C"), runKeys.seen(run, List.of("A", "C", "D")));
    }

    @Test
    void eachRunHasItsOwnKeys() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("acme"), "persons")).id();
        String first = runs.create(Fixtures.run(task, RunStatus.RUNNING)).id();
        String second = runs.create(Fixtures.run(task, RunStatus.RUNNING)).id();
        runKeys.markSeen(first, List.of("A"));

        assertEquals(Set.of(), runKeys.seen(second, List.of("A")));
        assertEquals(1, runKeys.forget(first));
        assertEquals(Set.of(), runKeys.seen(first, List.of("A")));
    }

    @Test
    void derbyPurgesTheDeletedRowsOfTheHotTablesAndKeepsTheOthers() {
        assumeFalse(TestDatabase.onPostgresql(), "PostgreSQL's vacuum needs no purge");
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("acme"), "persons")).id();
        String kept = runs.create(Fixtures.run(task, RunStatus.RUNNING)).id();
        String gone = runs.create(Fixtures.run(task, RunStatus.RUNNING)).id();
        runKeys.markSeen(kept, List.of("A"));
        runKeys.markSeen(gone, List.of("A", "B"));
        runKeys.forget(gone);

        JdbcTransactions jdbc = new JdbcTransactions(database.dataSource());
        assertTrue(jdbc.purgeDeletedRows("CARDLINK_RUN_KEY"));
        assertTrue(jdbc.purgeDeletedRows("CARDLINK_TASK_CACHE"));
        assertEquals(Set.of("A"), runKeys.seen(kept, List.of("A", "B")));
        assertEquals(Set.of(), runKeys.markSeen(gone, List.of("B")));
    }

    @Test
    void forgetsTheKeysOfFinishedRunsOnly() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("acme"), "persons")).id();
        String running = runs.create(Fixtures.run(task, RunStatus.RUNNING)).id();
        String crashed = runs.create(Fixtures.run(task, RunStatus.RUNNING)).id();
        runKeys.markSeen(running, List.of("A"));
        runKeys.markSeen(crashed, List.of("A", "B"));
        runs.markUnfinishedInterrupted();
        Run template = Fixtures.run(task, RunStatus.RUNNING);
        runs.update(new Run(running, task, null, template.trigger(), RunStatus.RUNNING, template.plannedAt(),
                template.extract(), template.load(), template.counts(), template.info(), template.extractFile()));

        assertEquals(2, runKeys.forgetFinished());

        assertEquals(Set.of("A"), runKeys.seen(running, List.of("A")));
    }
}
