package io.cardlink.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.UnavailableException;
import io.cardlink.api.scheduler.RunAdmission;
import io.cardlink.api.scheduler.RunAdmission.Outcome;
import io.cardlink.api.scheduler.RunRequest;
import io.cardlink.api.scheduler.RunTrigger;
import io.cardlink.api.scheduler.SchedulerSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunDispatcherTest {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ControlledRunner runner = new ControlledRunner(events);
    private final RecordingListener listener = new RecordingListener(events);
    private RunDispatcher dispatcher;

    private RunDispatcher dispatcher(int limit) {
        dispatcher = new RunDispatcher(limit, Clock.systemUTC());
        dispatcher.addListener(listener);
        dispatcher.setRunner(runner);
        return dispatcher;
    }

    @AfterEach
    void close() {
        dispatcher.close(Duration.ofSeconds(2));
    }

    @Test
    void runsBeyondTheLimitWaitAndStartInArrivalOrder() throws Exception {
        dispatcher(2);
        assertEquals(Outcome.STARTED, dispatcher.runNow("a", false).outcome());
        assertEquals(Outcome.STARTED, dispatcher.runNow("b", false).outcome());
        RunAdmission c = dispatcher.runNow("c", false);
        dispatcher.fire("d");
        RunAdmission e = dispatcher.runNow("e", false);
        assertEquals(Outcome.WAITING, c.outcome());
        assertEquals(Outcome.WAITING, e.outcome());

        SchedulerSnapshot snapshot = dispatcher.snapshot();
        assertEquals(2, snapshot.maxConcurrentRuns());
        assertEquals(List.of("a", "b"), snapshot.running().stream().map(r -> r.request().taskId()).sorted().toList());
        assertEquals(List.of("c", "d", "e"), snapshot.waiting().stream().map(RunRequest::taskId).toList());
        assertEquals(RunTrigger.SCHEDULED, snapshot.waiting().get(1).trigger());

        List<String> first = List.of(runner.nextStarted().taskId(), runner.nextStarted().taskId());
        assertTrue(first.containsAll(List.of("a", "b")));
        runner.release("a");
        assertEquals("c", runner.nextStarted().taskId());
        runner.release("b");
        assertEquals("d", runner.nextStarted().taskId());
        runner.release("c");
        assertEquals("e", runner.nextStarted().taskId());
        runner.release("d");
        runner.release("e");
        for (int i = 0; i < 5; i++) {
            runner.nextFinished();
        }
        assertEquals(2, runner.maxConcurrent());
        Await.until("the listener heard of the three waiting requests", () -> listener.waiting.size() == 3);
        assertEquals(List.of("c", "d", "e"), listener.waiting.stream().map(RunRequest::taskId).toList());
    }

    @Test
    void aDryRunRequestReachesTheRunnerAsOneAndAWaitingRequestKeepsItsKind() throws Exception {
        dispatcher(4);
        RunRequest dry = dispatcher.runNow("a", true).request();
        assertTrue(dry.dryRun());
        assertTrue(runner.nextStarted().dryRun());

        RunAdmission waiting = dispatcher.runNow("a", false);
        assertFalse(waiting.request().dryRun());
        RunAdmission again = dispatcher.runNow("a", true);
        assertEquals(Outcome.ALREADY_WAITING, again.outcome());
        assertFalse(again.request().dryRun());
        runner.release("a");
        runner.nextFinished();
        assertFalse(runner.nextStarted().dryRun());
        runner.release("a");
        runner.nextFinished();
    }

    @Test
    void aTaskNeverRunsTwiceAtOnce() throws Exception {
        dispatcher(4);
        RunRequest first = dispatcher.runNow("a", false).request();
        runner.nextStarted();

        RunAdmission second = dispatcher.runNow("a", false);
        assertEquals(Outcome.WAITING, second.outcome());
        RunAdmission third = dispatcher.runNow("a", false);
        assertEquals(Outcome.ALREADY_WAITING, third.outcome());
        assertEquals(second.request().id(), third.request().id());
        dispatcher.fire("a");
        Await.until("the schedule fire was reported skipped", () -> listener.skipped.size() == 1);
        assertEquals(List.of(second.request()), dispatcher.snapshot().waiting());

        runner.release("a");
        assertEquals(first, runner.nextFinished());
        RunRequest next = runner.nextStarted();
        assertEquals(second.request(), next);
        assertEquals(RunTrigger.MANUAL, next.trigger());
        runner.release("a");
        runner.nextFinished();
        assertFalse(runner.anyTaskOverlapped());
    }

    @Test
    void aRequestBlockedByItsOwnTaskIsPassedOverNotBlockingOthers() throws Exception {
        dispatcher(2);
        dispatcher.runNow("a", false);
        dispatcher.runNow("x", false);
        runner.nextStarted();
        runner.nextStarted();
        RunRequest againA = dispatcher.runNow("a", false).request();
        dispatcher.runNow("c", false);

        runner.release("x");
        assertEquals("c", runner.nextStarted().taskId(), "c starts while the second a still waits for the first");
        assertEquals(List.of(againA), dispatcher.snapshot().waiting());
        runner.release("a");
        assertEquals(againA, runner.nextStarted());
        runner.release("a");
        runner.release("c");
    }

    @Test
    void stopReachesTheRunningRun() throws Exception {
        dispatcher(2);
        RunRequest request = dispatcher.runNow("a", false).request();
        runner.nextStarted();
        assertTrue(dispatcher.isRunning("a"));

        assertTrue(dispatcher.stop("a"));
        assertEquals(request, runner.nextFinished());
        assertTrue(runner.sawStop.contains(request.id()));
        Await.until("the run is no longer running", () -> !dispatcher.isRunning("a"));
        assertFalse(dispatcher.stop("a"), "nothing is left to stop");
    }

    @Test
    void stoppingAWaitingRunDropsItFromTheQueue() throws Exception {
        dispatcher(1);
        dispatcher.runNow("a", false);
        runner.nextStarted();
        RunRequest b = dispatcher.runNow("b", false).request();

        assertTrue(dispatcher.stop("b"));
        assertEquals(List.of(), dispatcher.snapshot().waiting());
        Await.until("the listener heard b cancelled", () -> listener.cancelled.contains(b));
        assertTrue(events.indexOf("waiting:" + b.id()) < events.indexOf("cancelled:" + b.id()));

        runner.release("a");
        runner.nextFinished();
        RunRequest c = dispatcher.runNow("c", false).request();
        assertEquals(c, runner.nextStarted(), "b never starts; c is next");
        runner.release("c");
    }

    @Test
    void requestsWaitWhileThereIsNoRunner() throws Exception {
        dispatcher = new RunDispatcher(2, Clock.systemUTC());
        RunAdmission admission = dispatcher.runNow("a", false);
        assertEquals(Outcome.WAITING, admission.outcome());

        dispatcher.setRunner(runner);
        assertEquals(admission.request(), runner.nextStarted());
        runner.release("a");
    }

    @Test
    void aRunnerThatLeavesIsAskedToStopItsRuns() throws Exception {
        dispatcher(2);
        RunRequest request = dispatcher.runNow("a", false).request();
        runner.nextStarted();

        dispatcher.removeRunner(runner);
        runner.nextFinished();
        assertTrue(runner.sawStop.contains(request.id()));
        assertEquals(Outcome.WAITING, dispatcher.runNow("b", false).outcome());
    }

    @Test
    void raisingTheLimitStartsWaitingRuns() throws Exception {
        dispatcher(1);
        dispatcher.runNow("a", false);
        dispatcher.runNow("b", false);
        runner.nextStarted();

        dispatcher.setLimit(2);
        assertEquals("b", runner.nextStarted().taskId());
        assertEquals(2, dispatcher.snapshot().maxConcurrentRuns());
        runner.release("a");
        runner.release("b");
    }

    @Test
    void theListenerHearsOfAWaitingRunBeforeTheRunnerRunsIt() throws Exception {
        CountDownLatch listenerMayReturn = new CountDownLatch(1);
        dispatcher(1);
        dispatcher.addListener(new RecordingListener(new CopyOnWriteArrayList<>()) {
            @Override
            public void waiting(RunRequest request) {
                try {
                    listenerMayReturn.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        dispatcher.runNow("a", false);
        runner.nextStarted();
        RunRequest b = dispatcher.runNow("b", false).request();
        runner.release("a");
        runner.nextFinished();

        listenerMayReturn.countDown();
        assertEquals(b, runner.nextStarted());
        assertTrue(events.indexOf("waiting:" + b.id()) < events.indexOf("run:" + b.id()));
        runner.release("b");
    }

    @Test
    void closingStopsRunsAndCancelsWaitingOnes() throws Exception {
        dispatcher(1);
        RunRequest a = dispatcher.runNow("a", false).request();
        runner.nextStarted();
        RunRequest b = dispatcher.runNow("b", false).request();

        dispatcher.close(Duration.ofSeconds(5));
        assertTrue(runner.sawStop.contains(a.id()));
        assertEquals(List.of(b), listener.cancelled);
        assertThrows(UnavailableException.class, () -> dispatcher.runNow("c", false));
    }
}
