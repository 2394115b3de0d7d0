package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.scheduler.RunRequest;
import io.cardlink.api.scheduler.RunTrigger;
import io.cardlink.api.task.TaskMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs as several nodes on one database see them: each run names its node, and a node answers only for its own. */
class RunNodesTest {

    @TempDir
    Path extractDir;

    private PipelineHarness harness;

    @BeforeEach
    void start() {
        harness = new PipelineHarness(extractDir).with(PipelineHarness.persons(TaskMode.FULL));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aRunNamesTheNodeThatRanItEvenWhenAnotherNodeQueuedIt() {
        Run queuedElsewhere = harness.stores.create(new Run("queued-on-b", "task-persons", null, "manual",
                RunStatus.WAITING, Instant.now(), Phase.pending(), Phase.pending(), RunCounts.ZERO, List.of(), null,
                null, false, "node-b", false));
        assertEquals("node-b", queuedElsewhere.node());

        harness.engine.run(new RunRequest("queued-on-b", "task-persons", RunTrigger.MANUAL, Instant.now()),
                () -> false);

        Run ran = harness.stores.find("queued-on-b").orElseThrow();
        assertEquals(RunStatus.SUCCESS, ran.status(), String.valueOf(ran.info()));
        assertEquals(PipelineHarness.NODE, ran.node());
        assertEquals(PipelineHarness.NODE, harness.run("task-persons").node());
    }

    @Test
    void aRunADeadNodeLeftInTheMiddleStartsOverOnTheNodeThatRecoversIt() {
        Run left = harness.stores.create(new Run("scheduled-task-persons-1", "task-persons", null, "scheduled",
                RunStatus.RUNNING, Instant.now(), new Phase(RunStatus.RUNNING, Instant.now(), null), Phase.pending(),
                new RunCounts(70, 70, 0, 0, 0, 0), List.of(), null, null, false, "node-b", false));

        harness.engine.run(new RunRequest(left.id(), "task-persons", RunTrigger.SCHEDULED, Instant.now()),
                () -> false);

        Run again = harness.stores.find(left.id()).orElseThrow();
        assertEquals(RunStatus.SUCCESS, again.status(), String.valueOf(again.info()));
        assertEquals(PipelineHarness.NODE, again.node());
        assertEquals(again.counts().read(), again.counts().created() + again.counts().updated()
                + again.counts().unchanged(), "the counts start over: " + again.counts());
        assertTrue(again.info().stream().anyMatch(m -> m.contains("node 'node-b' stopped in the middle")),
                String.valueOf(again.info()));
    }

    @Test
    void aRequestForARunThatHasEndedRunsNothingAndKeepsItsHistory() {
        RunRequest fire = new RunRequest("scheduled-task-persons-2", "task-persons", RunTrigger.SCHEDULED,
                Instant.now());
        harness.engine.run(fire, () -> false);
        Run first = harness.stores.find(fire.id()).orElseThrow();
        assertEquals(RunStatus.SUCCESS, first.status(), String.valueOf(first.info()));

        harness.engine.run(fire, () -> false);

        Run after = harness.stores.find(fire.id()).orElseThrow();
        assertEquals(first.status(), after.status());
        assertEquals(first.load().completedAt(), after.load().completedAt(), "the run was not made again");
        assertEquals(first.counts(), after.counts());
        assertEquals(first.info(), after.info());
    }

    @Test
    void aStopTakenByAnotherNodeReachesTheRunThroughItsRecord() {
        harness.with(PipelineHarness.incidents());
        harness.stores.create(new Run("queued-on-b", "task-incidents", null, "manual", RunStatus.WAITING,
                Instant.now(), Phase.pending(), Phase.pending(), RunCounts.ZERO, List.of(), null, null, false,
                "node-b", false));
        assertEquals(1, harness.stores.requestStop("task-incidents"));

        harness.engine.run(new RunRequest("queued-on-b", "task-incidents", RunTrigger.MANUAL, Instant.now()),
                () -> false);

        Run stopped = harness.stores.find("queued-on-b").orElseThrow();
        assertEquals(RunStatus.STOPPED, stopped.status(), String.valueOf(stopped.info()));
        assertEquals(SyncRun.PAGE_SIZE, stopped.counts().read(), "it stopped after its first page");
    }

    @Test
    void aStartingNodeInterruptsItsOwnUnfinishedRunsAndLeavesAnotherNodesRunning() {
        Run mine = harness.stores.create(unfinished("mine", PipelineHarness.NODE));
        Run othersRunning = harness.stores.create(unfinished("other", "node-b"));
        Run fromBeforeNodes = harness.stores.create(unfinished("before", null));

        harness.engine.markInterrupted();

        assertEquals(RunStatus.INTERRUPTED, harness.stores.find(mine.id()).orElseThrow().status());
        assertEquals(RunStatus.RUNNING, harness.stores.find(othersRunning.id()).orElseThrow().status());
        assertEquals(RunStatus.INTERRUPTED, harness.stores.find(fromBeforeNodes.id()).orElseThrow().status());
    }

    @Test
    void removalsConfirmedThroughTheNodeThatTookTheCallLetTheRunningNodeRemoveBeyondTheThreshold() {
        harness.run("task-persons");
        List<DataCard> remote = harness.emulator.instance("remote").all("person");
        int gone = remote.size() * 6 / 10;
        for (DataCard card : remote.subList(0, gone)) {
            harness.remoteClient.delete("person", card.id());
        }
        RunRequest request = new RunRequest(UUID.randomUUID().toString(), "task-persons", RunTrigger.MANUAL,
                Instant.now());
        // as node b records a run now with confirmRemovals=true before node a's worker starts it
        harness.stores.create(new Run(request.id(), "task-persons", null, "manual", RunStatus.WAITING,
                request.requestedAt(), Phase.pending(), Phase.pending(), RunCounts.ZERO, List.of(), null, null,
                false, "node-b", false));
        assertTrue(harness.stores.confirmRemovals(request.id()).confirmRemovals());

        harness.engine.run(request, () -> false);

        Run confirmed = harness.stores.find(request.id()).orElseThrow();
        assertEquals(RunStatus.SUCCESS, confirmed.status(), String.valueOf(confirmed.info()));
        assertEquals(gone, confirmed.counts().removed());
        assertEquals(PipelineHarness.NODE, confirmed.node());
    }

    private static Run unfinished(String id, String node) {
        return new Run(id, "task-persons", null, "schedule", RunStatus.RUNNING, Instant.now(),
                new Phase(RunStatus.RUNNING, Instant.now(), null), Phase.pending(), RunCounts.ZERO, List.of(), null,
                null, false, node, false);
    }
}
