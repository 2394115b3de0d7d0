package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.retention.RetentionReport;
import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.task.EventOperation;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardEventKind;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionManagerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final ScheduledTask TASK = PipelineHarness.persons(TaskMode.FULL);

    @TempDir
    Path dir;

    private final MemoryStores runs = new MemoryStores();
    private final TaskFakes.Tasks tasks = new TaskFakes.Tasks();
    private final MemoryOutbox outbox = new MemoryOutbox();

    @BeforeEach
    void task() {
        tasks.scheduled.put(TASK.id(), TASK);
        runs.knownTasks.add(TASK.id());
    }

    private RetentionManager manager(Map<String, Object> settings) {
        RetentionManager manager = new RetentionManager(runs, tasks, outbox, new ExtractFiles(dir.resolve("extracts"),
                20), Clock.fixed(NOW, ZoneOffset.UTC), dir.resolve("retention-last-run"));
        manager.apply(config(settings));
        return manager;
    }

    static RetentionManager.Config config(Map<String, Object> values) {
        return (RetentionManager.Config) Proxy.newProxyInstance(RetentionManagerTest.class.getClassLoader(),
                new Class<?>[] {RetentionManager.Config.class}, (proxy, method, args) -> values.containsKey(
                        method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }

    private String run(int daysAgo, RunStatus status) {
        Instant at = NOW.minus(Duration.ofDays(daysAgo));
        return runs.create(new Run(null, TASK.id(), null, "schedule", status, at, Phase.pending(), Phase.pending(),
                RunCounts.ZERO, List.of(), null)).id();
    }

    @Test
    void aRunGoesOnlyWhenBeyondTheNewestKeptAndOlderThanItsDays() {
        String oldest = run(60, RunStatus.SUCCESS);
        String old = run(50, RunStatus.ERROR);
        String oldButRunning = run(40, RunStatus.RUNNING);
        String recent = run(5, RunStatus.SUCCESS);
        String newest = run(1, RunStatus.SUCCESS);

        RetentionReport report = manager(Map.of("runsKept", 1, "runDays", 30)).runNow();

        assertEquals(2, report.runs());
        assertEquals(List.of(new MemoryStores.Removal(TASK.id(), 1, NOW.minus(Duration.ofDays(30)))), runs.removals);
        assertEquals(List.of(newest, recent, oldButRunning), ids());
        assertFalse(ids().contains(oldest) || ids().contains(old));

        assertEquals(1, manager(Map.of("runsKept", 1, "runDays", 0)).runNow().runs(), "no days: only the count");
        assertEquals(List.of(newest, oldButRunning), ids());
    }

    private List<String> ids() {
        return runs.listForTask(TASK.id(), 100).stream().map(Run::id).collect(Collectors.toList());
    }

    @Test
    void finishedOperationsGoAfterTheirDaysAndTheDaysAreAtLeastOne() {
        String old = finished("old", NOW.minus(Duration.ofDays(40)));
        String recent = finished("recent", NOW.minus(Duration.ofHours(2)));
        String pending = outbox.add(operation("pending"), DataCard.draft(null, null, Map.of()), "fp").id();

        assertEquals(1, manager(Map.of("operationDays", 30)).runNow().operations());
        assertTrue(outbox.find(old).isEmpty());
        assertTrue(outbox.find(recent).isPresent());

        assertEquals(0, manager(Map.of("operationDays", 0)).runNow().operations(), "a day at least, for the loop"
                + " guard's count of recent writes");
        assertTrue(outbox.find(recent).isPresent());
        assertTrue(outbox.find(pending).isPresent());
    }

    private String finished(String key, Instant at) {
        Operation added = outbox.add(operation(key), DataCard.draft(null, null, Map.of()), "fp");
        Instant due = Instant.now().plusSeconds(1);
        outbox.claim(added.id(), "node", due, due.plusSeconds(60)).orElseThrow();
        outbox.finish(added.id(), "node", OperationStatus.SUCCEEDED, "remote", null, at);
        return added.id();
    }

    private static Operation operation(String key) {
        return Operation.accepted("event-task", "connector", EventOperation.CREATE, null, null, key, null, "wf",
                OperationStatus.PENDING, null, null);
    }

    @Test
    void extractFilesGoByAgeAndWithTheirTaskAndAlertsByTheirDays() throws Exception {
        Path extracts = dir.resolve("extracts");
        Path old = extractFile(extracts.resolve(TASK.id()).resolve("old.json"), 40);
        Path recent = extractFile(extracts.resolve(TASK.id()).resolve("recent.json"), 1);
        Path orphan = extractFile(extracts.resolve("removed-task").resolve("run.json"), 1);
        List<Instant> alertCutoffs = new ArrayList<>();
        RetentionManager manager = manager(Map.of("extractDays", 30, "alertDays", 7));
        manager.addAlertCleanup(cutoff -> {
            alertCutoffs.add(cutoff);
            return 3;
        });

        RetentionReport report = manager.runNow();

        assertEquals(new RetentionReport(NOW, 0, 0, 2, 3, 0), report);
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(recent));
        assertFalse(Files.exists(orphan.getParent()), "the folder of a task that is gone goes too");
        assertEquals(List.of(NOW.minus(Duration.ofDays(7))), alertCutoffs);
    }

    private static Path extractFile(Path file, int daysOld) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{}");
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(Duration.ofDays(daysOld))));
        return file;
    }

    @Test
    void cardTimelineEntriesGoWithTheFinishedOperationsRetention() {
        MemoryTimeline timeline = new MemoryTimeline();
        timeline.record(List.of(entry(NOW.minus(Duration.ofDays(31))), entry(NOW.minus(Duration.ofDays(29)))));
        RetentionManager manager = manager(Map.of("operationDays", 30));
        manager.timeline = timeline;

        assertEquals(1, manager.runNow().timelineEntries());
        assertEquals(1, timeline.events.size());
    }

    private static CardEvent entry(Instant at) {
        return new CardEvent("c", TASK.id(), Direction.READ, "K-1", "1", "2", at, CardEventKind.UPDATED, "r", null,
                null, List.of("email"), null);
    }

    @Test
    void theDailyTimeIsTheNextOneAfterNowAndABadOneFallsBackToTheDefault() {
        RetentionSettings settings = RetentionSettings.of(config(Map.of("dailyAt", "02:30")), new StringBuilder());
        assertEquals(Instant.parse("2026-03-02T02:30:00Z"), settings.nextDailyRun(NOW));
        assertEquals(Instant.parse("2026-03-01T02:30:00Z"), settings.nextDailyRun(Instant.parse(
                "2026-03-01T01:00:00Z")));

        StringBuilder problem = new StringBuilder();
        RetentionSettings bad = RetentionSettings.of(config(Map.of("dailyAt", "25:99", "runsKept", 0)), problem);
        assertEquals(LocalTime.of(2, 30), bad.dailyAt());
        assertEquals(1, bad.runsKept(), "the newest run is always kept: the task list shows it");
        assertTrue(problem.toString().contains("dailyAt"), problem.toString());
    }

    @Test
    void atStartTheCleanUpRunsOnlyWhenTheLastOneIsMoreThanADayAgo() throws Exception {
        RetentionManager manager = manager(new HashMap<>());

        manager.runIfOverdue();
        assertEquals(1, runs.removals.size(), "never ran: it runs");
        assertEquals(NOW, manager.lastRun().orElseThrow());

        manager.runIfOverdue();
        assertEquals(1, runs.removals.size(), "ran within the day: it waits for its time");

        Files.writeString(dir.resolve("retention-last-run"), NOW.minus(Duration.ofHours(25)).toString());
        manager.runIfOverdue();
        assertEquals(2, runs.removals.size());
    }

    @Test
    void extractFilesAreReadableByTheOwnerOnly() throws Exception {
        Path extracts = dir.resolve("owner-only");
        ExtractFiles files = new ExtractFiles(extracts, 5);
        String name;
        try (ExtractFiles.Writer writer = files.open("task-1", "run-1", "person", NOW)) {
            name = writer.name();
        }
        if (!extracts.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                extracts.resolve(name))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                extracts.resolve("task-1"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(extracts)));
        assertEquals(1, files.removeTask("task-1"));
        assertFalse(Files.exists(extracts.resolve("task-1")));
    }
}
