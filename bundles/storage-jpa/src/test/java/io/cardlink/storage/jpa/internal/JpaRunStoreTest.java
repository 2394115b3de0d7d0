package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.run.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JpaRunStoreTest extends StoreTestBase {

    @Test
    void aRunKeepsEveryFieldAndTakesItsConnectorFromTheTask() {
        String connector = newConnector("prod");
        String task = tasks.createScheduled(Fixtures.scheduled(connector, "people")).id();

        Run created = runs.create(Fixtures.run(task, RunStatus.RUNNING));

        assertNotNull(created.id());
        assertEquals(connector, created.connectorId());
        Run expected = new Run(created.id(), task, connector, "schedule", RunStatus.RUNNING,
                Fixtures.run(task, RunStatus.RUNNING).plannedAt(), Fixtures.run(task, RunStatus.RUNNING).extract(),
                Fixtures.run(task, RunStatus.RUNNING).load(), new RunCounts(10, 2, 3, 4, 1, 0),
                List.of("card 42: no value for email"), "/data/run.json");
        assertEquals(expected, created);
        assertEquals(expected, runs.find(created.id()).orElseThrow());
    }

    @Test
    void theLatestStartedRunOfEveryTaskOfAConnectorComesInOneQuery() {
        String connector = newConnector("prod");
        String people = tasks.createScheduled(Fixtures.scheduled(connector, "people")).id();
        String groups = tasks.createScheduled(Fixtures.scheduled(connector, "groups")).id();
        String never = tasks.createScheduled(Fixtures.scheduled(connector, "never")).id();
        String elsewhere = tasks.createScheduled(Fixtures.scheduled(newConnector("test"), "people")).id();
        runs.create(Fixtures.run(people, RunStatus.ERROR));
        String latestPeople = runs.create(Fixtures.run(people, RunStatus.SUCCESS)).id();
        runs.create(new Run(null, people, null, "manual", RunStatus.WAITING, Instant.now(), null, null, null,
                List.of(), null));
        String latestGroups = runs.create(Fixtures.run(groups, RunStatus.COMPLETED_WITH_ERRORS)).id();
        runs.create(Fixtures.run(elsewhere, RunStatus.SUCCESS));

        Map<String, Run> latest = runs.latestStartedOfConnector(connector);

        assertEquals(Map.of(people, latestPeople, groups, latestGroups), latest.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().id())));
        assertEquals(RunStatus.SUCCESS, latest.get(people).status());
        assertTrue(!latest.containsKey(never));
    }

    @Test
    void aDryRunIsKeptAsOneInHistoryButIsNeverATasksLatestRun() {
        String connector = newConnector("prod");
        String task = tasks.createScheduled(Fixtures.scheduled(connector, "people")).id();
        String real = runs.create(Fixtures.run(task, RunStatus.ERROR)).id();
        Run sample = Fixtures.run(task, RunStatus.RUNNING);
        Run dry = runs.create(new Run(null, task, null, "manual", RunStatus.RUNNING, sample.plannedAt(),
                sample.extract(), sample.load(), sample.counts(), List.of(), null, null, true));

        assertTrue(dry.dryRun());
        Run updated = runs.update(new Run(dry.id(), task, connector, "manual", RunStatus.SUCCESS, dry.plannedAt(),
                dry.extract(), dry.load(), new RunCounts(5, 5, 0, 0, 0, 0), List.of(), null));
        assertTrue(updated.dryRun(), "an update keeps the kind of a run");
        assertTrue(runs.find(dry.id()).orElseThrow().dryRun());
        assertEquals(List.of(dry.id(), real), runs.listForTask(task, 10).stream().map(Run::id).toList());
        assertEquals(real, runs.latest(task).orElseThrow().id());
        assertEquals(real, runs.latestStarted(task).orElseThrow().id());
        assertEquals(real, runs.latestStartedOfConnector(connector).get(task).id());
        assertTrue(runs.latestSucceeded(task).isEmpty(), "a dry run's success is not the task's");
    }

    @Test
    void theLatestSuccessIsFoundBehindAnyNumberOfFailures() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("prod"), "people")).id();
        assertTrue(runs.latestSucceeded(task).isEmpty());
        String success = runs.create(Fixtures.run(task, RunStatus.SUCCESS)).id();
        for (int i = 0; i < 60; i++) {
            runs.create(Fixtures.run(task, i % 2 == 0 ? RunStatus.ERROR : RunStatus.COMPLETED_WITH_ERRORS));
        }
        assertEquals(success, runs.latestSucceeded(task).orElseThrow().id());
    }

    @Test
    void updateRecordsProgress() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("prod"), "people")).id();
        Run created = runs.create(Fixtures.run(task, RunStatus.RUNNING));
        Instant done = Instant.parse("2026-03-01T10:20:00Z");
        Run finished = new Run(created.id(), task, null, created.trigger(), RunStatus.COMPLETED_WITH_ERRORS,
                created.plannedAt(), created.extract(),
                new Phase(RunStatus.COMPLETED_WITH_ERRORS, created.load().startedAt(), done),
                new RunCounts(10, 5, 3, 1, 0, 1), List.of("card 7: rejected"), null);

        runs.update(finished);

        Run found = runs.find(created.id()).orElseThrow();
        assertEquals(RunStatus.COMPLETED_WITH_ERRORS, found.status());
        assertEquals(done, found.load().completedAt());
        assertEquals(new RunCounts(10, 5, 3, 1, 0, 1), found.counts());
        assertEquals(List.of("card 7: rejected"), found.info());
        assertEquals(created.connectorId(), found.connectorId());
    }

    @Test
    void aRunOfAnUnknownTaskOrAnUnknownRunIsNotFound() {
        assertThrows(NotFoundException.class, () -> runs.create(Fixtures.run("nope", RunStatus.RUNNING)));
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("prod"), "people")).id();
        Run ghost = Fixtures.run(task, RunStatus.SUCCESS);
        Run withId = new Run("ghost", task, null, ghost.trigger(), ghost.status(), ghost.plannedAt(),
                ghost.extract(), ghost.load(), ghost.counts(), ghost.info(), ghost.extractFile());

        assertThrows(NotFoundException.class, () -> runs.update(withId));
    }

    @Test
    void anEventTaskHasNoRuns() {
        String connector = newConnector("prod");
        String event = tasks.createEvent(Fixtures.event(connector, "write")).id();

        assertThrows(NotFoundException.class, () -> runs.create(Fixtures.run(event, RunStatus.RUNNING)));
    }

    @Test
    void aRunIdIsUsedOnce() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("prod"), "people")).id();
        Run first = runs.create(Fixtures.run(task, RunStatus.RUNNING));
        Run again = new Run(first.id(), task, null, "manual", RunStatus.RUNNING, null, null, null, null, null,
                null);

        assertThrows(ConflictException.class, () -> runs.create(again));
    }

    @Test
    void runsAreListedNewestFirstUpToTheLimit() {
        String connector = newConnector("prod");
        String task = tasks.createScheduled(Fixtures.scheduled(connector, "people")).id();
        String other = tasks.createScheduled(Fixtures.scheduled(connector, "other")).id();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(runs.create(Fixtures.run(task, RunStatus.SUCCESS)).id());
            runs.create(Fixtures.run(other, RunStatus.SUCCESS));
        }

        List<String> listed = runs.listForTask(task, 3).stream().map(Run::id).collect(Collectors.toList());

        assertEquals(List.of(created.get(4), created.get(3), created.get(2)), listed);
        assertEquals(5, runs.listForTask(task, 100).size());
        assertEquals(created.get(4), runs.latest(task).orElseThrow().id());
        assertTrue(runs.latest("nope").isEmpty());
        assertThrows(ValidationException.class, () -> runs.listForTask(task, 0));
    }

    @Test
    void aNodeMarksOnlyItsOwnUnfinishedRunsAndThoseOfNoNodeInterrupted() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("prod"), "people")).id();
        String running = runs.create(Fixtures.run(task, RunStatus.RUNNING).onNode("node-a")).id();
        String waiting = runs.create(Fixtures.run(task, RunStatus.WAITING).onNode("node-a")).id();
        String fromBefore = runs.create(Fixtures.run(task, RunStatus.RUNNING)).id();
        String otherNode = runs.create(Fixtures.run(task, RunStatus.RUNNING).onNode("node-b")).id();
        String succeeded = runs.create(Fixtures.run(task, RunStatus.SUCCESS).onNode("node-a")).id();
        String failed = runs.create(Fixtures.run(task, RunStatus.ERROR).onNode("node-a")).id();

        assertEquals(3, runs.markUnfinishedInterrupted("node-a"));

        Run interrupted = runs.find(running).orElseThrow();
        assertEquals(RunStatus.INTERRUPTED, interrupted.status());
        assertEquals(RunStatus.INTERRUPTED, interrupted.load().status());
        assertEquals(RunStatus.SUCCESS, interrupted.extract().status());
        assertEquals(RunStatus.INTERRUPTED, runs.find(waiting).orElseThrow().status());
        assertEquals(RunStatus.INTERRUPTED, runs.find(fromBefore).orElseThrow().status());
        assertEquals(RunStatus.RUNNING, runs.find(otherNode).orElseThrow().status());
        assertEquals(RunStatus.SUCCESS, runs.find(succeeded).orElseThrow().status());
        assertEquals(RunStatus.ERROR, runs.find(failed).orElseThrow().status());
        assertEquals(0, runs.markUnfinishedInterrupted("node-a"));
        assertEquals(1, runs.markUnfinishedInterrupted("node-b"));
        assertThrows(ValidationException.class, () -> runs.markUnfinishedInterrupted(null));
    }

    @Test
    void aStopIsAskedOfTheUnfinishedRunsOfTheTaskOnly() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("prod"), "people")).id();
        String other = tasks.createScheduled(Fixtures.scheduled(newConnector("test"), "people")).id();
        String running = runs.create(Fixtures.run(task, RunStatus.RUNNING).onNode("node-b")).id();
        String done = runs.create(Fixtures.run(task, RunStatus.SUCCESS).onNode("node-b")).id();
        String elsewhere = runs.create(Fixtures.run(other, RunStatus.RUNNING).onNode("node-b")).id();
        assertFalse(runs.stopRequested(running));

        assertEquals(1, runs.requestStop(task));
        assertEquals(List.of(running, elsewhere), runs.running().stream().map(Run::id).toList());
        assertEquals("node-b", runs.running().get(0).node());

        assertTrue(runs.stopRequested(running));
        assertFalse(runs.stopRequested(done));
        assertFalse(runs.stopRequested(elsewhere));
        assertFalse(runs.stopRequested("nope"));
        // an update of the running node's progress keeps the request
        Run progressed = runs.find(running).orElseThrow();
        runs.update(new Run(running, task, null, progressed.trigger(), RunStatus.RUNNING, progressed.plannedAt(),
                null, null, new RunCounts(5, 5, 0, 0, 0, 0), List.of(), null));
        assertTrue(runs.stopRequested(running));
    }

    @Test
    void anUpdateMovesTheNodeOnlyWhenItNamesOneAndKeepsTheConfirmationOfRemovals() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("prod"), "people")).id();
        Run queued = Fixtures.run(task, RunStatus.WAITING);
        Run created = runs.create(new Run(null, task, null, queued.trigger(), queued.status(), queued.plannedAt(),
                null, null, null, List.of(), null, null, false, "node-a", true));
        assertEquals("node-a", created.node());
        assertTrue(created.confirmRemovals());

        Run startedElsewhere = runs.update(new Run(created.id(), task, null, created.trigger(), RunStatus.RUNNING,
                created.plannedAt(), null, null, null, List.of(), null).onNode("node-b"));
        assertEquals("node-b", startedElsewhere.node());
        assertTrue(startedElsewhere.confirmRemovals());

        Run progressed = runs.update(new Run(created.id(), task, null, created.trigger(), RunStatus.SUCCESS,
                created.plannedAt(), null, null, null, List.of(), null));
        assertEquals("node-b", progressed.node());
        assertTrue(progressed.confirmRemovals());
        assertEquals(progressed, runs.find(created.id()).orElseThrow());

        Run unconfirmed = runs.create(Fixtures.run(task, RunStatus.RUNNING).onNode("node-a"));
        assertFalse(unconfirmed.confirmRemovals());
        Run confirmed = runs.confirmRemovals(unconfirmed.id());
        assertTrue(confirmed.confirmRemovals());
        assertEquals(unconfirmed.status(), confirmed.status());
        assertEquals(unconfirmed.counts(), confirmed.counts());
        assertThrows(NotFoundException.class, () -> runs.confirmRemovals("nope"));
        assertThrows(ValidationException.class, () -> runs.create(Fixtures.run(task, RunStatus.WAITING)
                .onNode("n".repeat(Columns.NODE + 1))));
    }

    @Test
    void manyInfoMessagesAreBoundedWithACount() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("prod"), "people")).id();
        List<String> messages = IntStream.range(0, 1_000).mapToObj(i -> "card " + i + ": " + "e".repeat(100))
                .collect(Collectors.toList());
        Run noisy = Fixtures.run(task, RunStatus.COMPLETED_WITH_ERRORS);
        Run withMessages = new Run(null, task, null, noisy.trigger(), noisy.status(), noisy.plannedAt(),
                noisy.extract(), noisy.load(), noisy.counts(), messages, null);

        List<String> stored = runs.find(runs.create(withMessages).id()).orElseThrow().info();

        assertEquals(RunInfo.MAX_ENTRIES + 1, stored.size());
        assertEquals(messages.get(0), stored.get(0));
        assertEquals("800 more messages were not kept", stored.get(stored.size() - 1));
    }

    @Test
    void removingFinishedRunsKeepsTheNewestAndTheUnfinished() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("prod"), "people")).id();
        Run running = runs.create(Fixtures.run(task, RunStatus.RUNNING));
        List<String> finished = IntStream.range(0, 4)
                .mapToObj(i -> runs.create(Fixtures.run(task, RunStatus.SUCCESS)).id())
                .collect(Collectors.toList());
        Instant later = Instant.now().plusSeconds(3600);

        assertEquals(0, runs.removeFinished(task, 2, Instant.EPOCH), "none was recorded before the cut-off");
        assertEquals(2, runs.removeFinished(task, 2, later));

        List<String> left = runs.listForTask(task, 10).stream().map(Run::id).collect(Collectors.toList());
        assertEquals(List.of(finished.get(3), finished.get(2), running.id()), left);
        assertEquals(0, runs.removeFinished(task, 0, Instant.EPOCH));
        assertEquals(2, runs.removeFinished(task, 0, later), "with no count kept, only the running one stays");
        assertThrows(ValidationException.class, () -> runs.removeFinished(task, -1, later));
    }
}
