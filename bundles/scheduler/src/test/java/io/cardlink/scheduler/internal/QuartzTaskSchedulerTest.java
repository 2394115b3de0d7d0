package io.cardlink.scheduler.internal;

import static io.cardlink.scheduler.internal.TestSettings.engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.scheduler.CacheMaintenance;
import io.cardlink.api.scheduler.RunRequest;
import io.cardlink.api.scheduler.RunTrigger;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.ScheduleBuilder;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;

/** The scheduler on a real Quartz RAM store, outside OSGi. */
class QuartzTaskSchedulerTest {
    private final ControlledRunner runner = new ControlledRunner();
    private final RecordingListener listener = new RecordingListener(new CopyOnWriteArrayList<>());
    private final List<CacheClearHours> cacheClearSchedules = new CopyOnWriteArrayList<>();
    private QuartzTaskScheduler scheduler;

    private QuartzTaskScheduler start(Clock clock) {
        return start(clock, hours -> {
            cacheClearSchedules.add(hours);
            return QuartzTaskScheduler.cacheClearCron(hours);
        });
    }

    private QuartzTaskScheduler start(Clock clock,
            Function<CacheClearHours, ScheduleBuilder<? extends Trigger>> cacheClearSchedule) {
        scheduler = new QuartzTaskScheduler(TestSettings.defaults(), clock, cacheClearSchedule,
                Duration.ofMillis(20));
        scheduler.bindRunner(runner);
        scheduler.bindQueueListener(listener);
        return scheduler;
    }

    @AfterEach
    void stop() {
        scheduler.deactivate();
    }

    private static ScheduledTask task(String id, boolean enabled, Schedule schedule) {
        return new ScheduledTask(id, "connector-1", "task " + id, enabled, schedule, null, null, "person", null,
                null, null, null, null, null);
    }

    @Test
    void aCronTaskFiresTheRunner() throws Exception {
        start(Clock.systemUTC()).schedule(task("t1", true, Schedule.cron("* * * * * ?")));
        RunRequest request = runner.nextStarted();
        assertEquals("t1", request.taskId());
        assertEquals(RunTrigger.SCHEDULED, request.trigger());
        runner.release("t1");
    }

    @Test
    void anIntervalTaskFiresOneIntervalAfterItWasScheduled() throws Exception {
        // A clock 9.8 s slow makes the first of the 10 s intervals end 0.2 s from now.
        start(Clock.offset(Clock.systemUTC(), Duration.ofMillis(-9_800)))
                .schedule(task("t1", true, Schedule.every(10)));
        RunRequest request = runner.nextStarted();
        assertEquals("t1", request.taskId());
        assertEquals(RunTrigger.SCHEDULED, request.trigger());
        runner.release("t1");
    }

    @Test
    void anInvalidCronIsRefusedAndTheTriggerInForceIsKept() {
        start(Clock.systemUTC());
        scheduler.schedule(task("t1", true, Schedule.cron("0 0 3 * * ?")));
        Optional<Instant> before = scheduler.nextFireTime("t1");

        ValidationException e = assertThrows(ValidationException.class,
                () -> scheduler.schedule(task("t1", true, Schedule.cron("0 0 3 * *"))));
        assertEquals(List.of("schedule.cron"), e.problems().stream().map(FieldProblem::field).toList());
        assertEquals(before, scheduler.nextFireTime("t1"));
        assertEquals(e.problems(), scheduler.validateSchedule(Schedule.cron("0 0 3 * *")));
    }

    @Test
    void thePreviewOfAScheduleStartsWithTheFireTimeItsTaskGets() {
        start(Clock.systemUTC());
        Schedule nightly = Schedule.cron("0 0 3 * * ?");
        List<Instant> preview = scheduler.nextRuns(nightly, 3);
        scheduler.schedule(task("t1", true, nightly));
        assertEquals(Optional.of(preview.get(0)), scheduler.nextFireTime("t1"));
        assertEquals(preview.get(0).plus(Duration.ofDays(2)), preview.get(2));

        ValidationException invalid = assertThrows(ValidationException.class,
                () -> scheduler.nextRuns(Schedule.cron("0 0 3 * *"), 0));
        assertEquals(List.of("schedule.cron", "count"),
                invalid.problems().stream().map(FieldProblem::field).toList());
    }

    @Test
    void aDisabledTaskHasNoTriggerButCanRunNow() throws Exception {
        start(Clock.systemUTC());
        scheduler.schedule(task("t1", true, Schedule.cron("0 0 3 * * ?")));
        assertTrue(scheduler.nextFireTime("t1").isPresent());

        scheduler.schedule(task("t1", false, Schedule.cron("0 0 3 * * ?")));
        assertEquals(Optional.empty(), scheduler.nextFireTime("t1"));
        scheduler.schedule(task("t2", false, null));
        assertEquals(Optional.empty(), scheduler.nextFireTime("t2"));

        scheduler.runNow("t1");
        RunRequest request = runner.nextStarted();
        assertEquals("t1", request.taskId());
        assertEquals(RunTrigger.MANUAL, request.trigger());
        runner.release("t1");
    }

    @Test
    void anEnabledTaskNeedsASchedule() {
        start(Clock.systemUTC());
        ValidationException e = assertThrows(ValidationException.class,
                () -> scheduler.schedule(task("t1", true, null)));
        assertEquals(List.of(FieldProblem.required("schedule")), e.problems());
    }

    @Test
    void theSameScheduleSetAgainKeepsTheTriggersRhythm() throws Exception {
        start(Clock.systemUTC());
        scheduler.schedule(task("t1", true, Schedule.every(3600)));
        Instant first = scheduler.nextFireTime("t1").orElseThrow();
        Thread.sleep(20);

        scheduler.schedule(task("t1", true, Schedule.every(3600)));
        assertEquals(first, scheduler.nextFireTime("t1").orElseThrow(), "an edit that keeps the schedule");

        scheduler.schedule(task("t1", true, Schedule.every(3601)));
        assertTrue(scheduler.nextFireTime("t1").orElseThrow().isAfter(first), "a new schedule starts from now");
    }

    @Test
    void aNewScheduleReplacesTheTriggerAtOnce() {
        start(Clock.systemUTC());
        scheduler.schedule(task("t1", true, Schedule.cron("0 0 3 * * ?")));
        assertEquals(3, utc(scheduler.nextFireTime("t1")).getHour());

        scheduler.schedule(task("t1", true, Schedule.cron("0 30 4 * * ?")));
        ZonedDateTime next = utc(scheduler.nextFireTime("t1"));
        assertEquals(4, next.getHour());
        assertEquals(30, next.getMinute());

        Instant beforeInterval = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        scheduler.schedule(task("t1", true, Schedule.every(3600)));
        Instant interval = scheduler.nextFireTime("t1").orElseThrow();
        assertTrue(!interval.isBefore(beforeInterval.plusSeconds(3600))
                && interval.isBefore(Instant.now().plusSeconds(3601)), interval.toString());

        assertTrue(scheduler.unschedule("t1"));
        assertEquals(Optional.empty(), scheduler.nextFireTime("t1"));
    }

    @Test
    void anIntervalMissedManyTimesRunsOnceThenKeepsItsRhythm() throws Exception {
        // Scheduled "5 hours ago" every hour: four slots lie in the past.
        start(Clock.offset(Clock.systemUTC(), Duration.ofHours(-5)))
                .schedule(task("t1", true, Schedule.every(3600)));
        runner.nextStarted();
        assertTrue(scheduler.nextFireTime("t1").orElseThrow().isAfter(Instant.now().plusSeconds(3500)),
                "no missed slot is left to catch up");
        runner.release("t1");
        runner.nextFinished();
        assertEquals(List.of(), runner.startedNotTaken());
    }

    @Test
    void aCronMissedManyTimesRunsOnceThenKeepsItsRhythm() throws Exception {
        start(Clock.offset(Clock.systemUTC(), Duration.ofHours(-5)))
                .schedule(task("t1", true, Schedule.cron("0 0 * * * ?")));
        runner.nextStarted();
        assertTrue(scheduler.nextFireTime("t1").orElseThrow().isAfter(Instant.now()),
                "no missed slot is left to catch up");
        runner.release("t1");
        runner.nextFinished();
        assertEquals(List.of(), runner.startedNotTaken());
    }

    @Test
    void fireWhileTheTaskRunsIsSkippedAndReported() throws Exception {
        start(Clock.systemUTC()).schedule(task("t1", true, Schedule.cron("* * * * * ?")));
        RunRequest first = runner.nextStarted();
        Await.until("two fires were skipped", () -> listener.skipped.size() >= 2);
        assertEquals(List.of(), runner.startedNotTaken());
        assertTrue(scheduler.isRunning("t1"));
        scheduler.unschedule("t1");
        runner.release("t1");
        assertEquals(first, runner.nextFinished());
    }

    @Test
    void stopEndsARunningRun() throws Exception {
        start(Clock.systemUTC());
        RunRequest request = scheduler.runNow("t1").request();
        runner.nextStarted();
        assertEquals(List.of(request), scheduler.snapshot().running().stream().map(r -> r.request()).toList());

        assertTrue(scheduler.stop("t1"));
        assertEquals(request, runner.nextFinished());
        assertTrue(runner.sawStop.contains(request.id()));
    }

    @Test
    void aLowerLimitFromTheEngineSettingsAppliesWithoutRestart() throws Exception {
        start(Clock.systemUTC());
        scheduler.apply(engine(1, List.of(0)));
        scheduler.runNow("a");
        runner.nextStarted();
        scheduler.runNow("b");
        assertEquals(List.of("b"), scheduler.snapshot().waiting().stream().map(RunRequest::taskId).toList());

        assertEquals(1, scheduler.snapshot().maxConcurrentRuns());
        scheduler.apply(engine(2, List.of(0)));
        assertEquals("b", runner.nextStarted().taskId());
        runner.release("a");
        runner.release("b");
    }

    @Test
    void newCacheClearHoursReplaceTheClearingTrigger() {
        start(Clock.systemUTC());
        scheduler.apply(engine(6, List.of(6, 12)));
        scheduler.apply(engine(6, List.of(12, 6)));
        scheduler.apply(engine(6, List.of()));
        assertEquals(List.of(List.of(0), List.of(6, 12)),
                cacheClearSchedules.stream().map(CacheClearHours::hours).toList());
    }

    @Test
    void theCacheClearTriggerClearsTheTaskCaches() throws Exception {
        start(Clock.systemUTC(), hours -> SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(20).repeatForever());
        CountDownLatch cleared = new CountDownLatch(2);
        CacheMaintenance maintenance = cleared::countDown;
        scheduler.bindCacheMaintenance(maintenance);
        assertTrue(cleared.await(10, TimeUnit.SECONDS));
    }

    @Test
    void theSchedulerRestoresEveryTaskFromTheStore() throws Exception {
        start(Clock.systemUTC());
        scheduler.schedule(task("deleted", true, Schedule.cron("0 0 3 * * ?")));
        FakeTaskStore store = new FakeTaskStore(() -> List.of(
                task("a", true, Schedule.cron("0 0 3 * * ?")),
                task("b", false, Schedule.cron("0 0 3 * * ?")),
                task("c", true, Schedule.cron("not cron")),
                task("d", true, Schedule.every(60))));
        scheduler.bindTaskStore(store);

        Await.until("the triggers are restored", () -> scheduler.nextFireTime("d").isPresent());
        assertTrue(scheduler.nextFireTime("a").isPresent());
        assertEquals(Optional.empty(), scheduler.nextFireTime("b"));
        assertEquals(Optional.empty(), scheduler.nextFireTime("c"));
        Await.until("the trigger of a deleted task is removed",
                () -> scheduler.nextFireTime("deleted").isEmpty());
    }

    @Test
    void aStoreThatFailsIsReadAgainLater() throws Exception {
        start(Clock.systemUTC());
        AtomicInteger reads = new AtomicInteger();
        scheduler.bindTaskStore(new FakeTaskStore(() -> {
            if (reads.incrementAndGet() == 1) {
                throw new UnavailableException("database restarting");
            }
            return List.of(task("a", true, Schedule.every(60)));
        }));
        Await.until("the trigger is restored", () -> scheduler.nextFireTime("a").isPresent());
        assertEquals(2, reads.get());
    }

    @Test
    void aChangeMadeWhileRestoringIsNotUndoneByTheRestore() throws Exception {
        start(Clock.systemUTC());
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch changed = new CountDownLatch(1);
        scheduler.bindTaskStore(new FakeTaskStore(() -> {
            reading.countDown();
            try {
                changed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(task("a", true, Schedule.cron("0 0 3 * * ?")), task("b", true, Schedule.every(60)),
                    task("c", true, Schedule.every(60)));
        }));
        assertTrue(reading.await(10, TimeUnit.SECONDS));
        scheduler.schedule(task("a", true, Schedule.cron("0 30 4 * * ?")));
        scheduler.unschedule("b");
        changed.countDown();

        Await.until("c is restored", () -> scheduler.nextFireTime("c").isPresent());
        assertEquals(4, utc(scheduler.nextFireTime("a")).getHour());
        assertEquals(Optional.empty(), scheduler.nextFireTime("b"));
    }

    private static ZonedDateTime utc(Optional<Instant> instant) {
        return instant.orElseThrow().atZone(ZoneOffset.UTC);
    }

    /** A task store that only lists; the scheduler reads nothing else. */
    private record FakeTaskStore(Supplier<List<ScheduledTask>> all) implements TaskStore {
        @Override
        public List<ScheduledTask> listAllScheduled() {
            return all.get();
        }

        @Override
        public ScheduledTask createScheduled(ScheduledTask task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduledTask updateScheduled(ScheduledTask task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ScheduledTask> findScheduled(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ScheduledTask> listScheduled(String connectorId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean deleteScheduled(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EventTask createEvent(EventTask task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EventTask updateEvent(EventTask task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<EventTask> findEvent(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<EventTask> listEvent(String connectorId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<EventTask> listAllEvent() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean deleteEvent(String id) {
            throw new UnsupportedOperationException();
        }
    }
}
