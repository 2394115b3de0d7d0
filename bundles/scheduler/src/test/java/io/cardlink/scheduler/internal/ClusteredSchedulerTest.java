package io.cardlink.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cardlink.api.scheduler.CacheMaintenance;
import io.cardlink.api.scheduler.RunAdmission;
import io.cardlink.api.scheduler.RunRequest;
import io.cardlink.api.scheduler.SchedulerNode;
import io.cardlink.api.scheduler.StopSignal;
import io.cardlink.api.scheduler.TaskRunner;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.quartz.SimpleScheduleBuilder;

/**
 * Two nodes' schedulers clustered on one PostgreSQL database (Quartz's JDBC job store on the tables of Cardlink's
 * schema 15, in a schema of their own): needs {@code CARDLINK_TEST_POSTGRES_URL}, as the store tests do.
 */
class ClusteredSchedulerTest {
    private static final Path QUARTZ_TABLES = Paths.get("..", "storage-jpa", "src", "main", "resources", "db",
            "postgresql", "V15__quartz.sql");
    private static final Duration RUN = Duration.ofMillis(1_500);

    private final List<QuartzTaskScheduler> nodes = new ArrayList<>();
    /** Each run as "node start end", in nanoseconds of this JVM. */
    private final List<long[]> runs = new CopyOnWriteArrayList<>();
    private final List<String> runNodes = new CopyOnWriteArrayList<>();
    private final Set<String> runIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger cacheClears = new AtomicInteger();
    private PGSimpleDataSource database;
    private String schema;

    @BeforeEach
    void createTables() throws Exception {
        String url = System.getenv("CARDLINK_TEST_POSTGRES_URL");
        assumeTrue(url != null && !url.isBlank(), "CARDLINK_TEST_POSTGRES_URL is not set: the clustered scheduler"
                + " needs PostgreSQL (.ci/run starts one)");
        assumeTrue(Files.isRegularFile(QUARTZ_TABLES), "no " + QUARTZ_TABLES + " beside this module");
        schema = "quartz_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        database = new PGSimpleDataSource();
        database.setURL(url);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        database.setCurrentSchema(schema);
        String script = Files.readString(QUARTZ_TABLES, StandardCharsets.UTF_8).lines()
                .filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : script.split(";\\s*(\\n|$)")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    @AfterEach
    void dropTables() throws SQLException, InterruptedException {
        nodes.forEach(QuartzTaskScheduler::deactivate);
        if (schema == null) {
            return;
        }
        database.setCurrentSchema(null);
        // Quartz's threads end shortly after the shutdown, and may still hold a lock on a table
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = database.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
                return;
            } catch (SQLException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    @Test
    void eachFireRunsOnOneNodeAndATasksRunsAndRunsNowNeverOverlapAcrossTheNodes() throws Exception {
        QuartzTaskScheduler a = node("node-a");
        QuartzTaskScheduler b = node("node-b");
        ScheduledTask task = new ScheduledTask("t1", "connector-1", "every second", true, Schedule.cron("* * * * * ?"), null,
                null, "person", null, null, null, null, null, null);
        a.schedule(task);
        b.schedule(task);

        // both check in within a few intervals of 1 s; a loaded machine may take longer than that
        waitUntil(Duration.ofSeconds(30), () -> b.nodes().size() == 2);
        List<SchedulerNode> checkedIn = b.nodes();
        assertEquals(List.of("node-a", "node-b"), checkedIn.stream().map(SchedulerNode::name).toList());
        assertEquals(List.of(false, true), checkedIn.stream().map(SchedulerNode::self).toList());
        assertTrue(checkedIn.stream().allMatch(n -> n.lastCheckIn().isAfter(Instant.now().minusSeconds(10))),
                String.valueOf(checkedIn));
        RunAdmission runNow = b.runNow("t1", false);
        assertEquals(RunAdmission.Outcome.WAITING, runNow.outcome());
        assertEquals(RunAdmission.Outcome.ALREADY_WAITING, a.runNow("t1", false).outcome(),
                "a run now that has not fired yet is the one waiting, on every node");
        // the cache clearing counted from here: the first node's start set its trigger, which fires at once in this
        // test (the hourly one waits for its hour); the second node keeps that trigger
        int clearsBefore = cacheClears.get();
        long watched = System.nanoTime();
        // at least 10 s of fires, four runs and the run now, however slow the machine
        waitUntil(Duration.ofSeconds(90), () -> runs.size() >= 4 && runIds.contains(runNow.request().id())
                && System.nanoTime() - watched >= Duration.ofSeconds(10).toNanos());
        long seconds = Duration.ofNanos(System.nanoTime() - watched).toSeconds();
        int clears = cacheClears.get() - clearsBefore;
        nodes.forEach(QuartzTaskScheduler::deactivate);
        nodes.clear();

        // a run lasts 1.5 s and the task fires every second, and the run now's trigger meets the schedule's: one run
        // at a time, cluster-wide (Quartz alone lets two nodes overlap here: see TaskClaims)
        List<long[]> byStart = runs.stream().sorted((x, y) -> Long.compare(x[0], y[0])).toList();
        for (int i = 1; i < byStart.size(); i++) {
            assertTrue(byStart.get(i)[0] >= byStart.get(i - 1)[1], "two runs of the task overlapped: " + runNodes);
        }
        assertEquals(runs.size(), runIds.size(), "every run has its own request: " + runNodes);
        assertTrue(runIds.contains(runNow.request().id()), "the run now ran, on one node: " + runIds);
        // the cache clearing, one job of the cluster, fires about once a second, not once a second on each node
        assertTrue(clears >= 1, "cache clears: " + clears);
        assertTrue(clears <= seconds + 2, "cache clears: " + clears + " in " + seconds + " s");
        assertFalse(runNodes.isEmpty());
    }

    private static void waitUntil(Duration bound, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within " + bound);
            Thread.sleep(100);
        }
    }

    private QuartzTaskScheduler node(String nodeId) {
        QuartzTaskScheduler node = new QuartzTaskScheduler(TestSettings.defaults(), Clock.systemUTC(),
                hours -> SimpleScheduleBuilder.repeatSecondlyForever(1), Duration.ofMillis(200),
                JobStore.clustered(nodeId, Duration.ofSeconds(1)));
        node.bindDataSource(database);
        node.bindRunner(new TaskRunner() {
            @Override
            public void run(RunRequest request, StopSignal stop) {
                long start = System.nanoTime();
                try {
                    Thread.sleep(RUN.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                runs.add(new long[] {start, System.nanoTime()});
                runNodes.add(nodeId.toUpperCase(Locale.ROOT) + "@" + Instant.now() + " " + request.id());
                runIds.add(request.id());
            }
        });
        node.bindCacheMaintenance(new CacheMaintenance() {
            @Override
            public void clearAllTaskCaches() {
                cacheClears.incrementAndGet();
            }
        });
        nodes.add(node);
        return node;
    }
}
