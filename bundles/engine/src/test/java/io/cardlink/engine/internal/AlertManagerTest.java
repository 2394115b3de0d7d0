package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.alert.Alert;
import io.cardlink.api.alert.AlertKind;
import io.cardlink.api.alert.AlertSeverity;
import io.cardlink.api.alert.AlertState;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.connector.EndpointCheck.Result;
import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.run.RunFailure;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.service.ConnectionTestReport;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.EngineSettings.Environment;
import io.cardlink.api.service.InstanceSide;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.task.EventOperation;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertManagerTest {
    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    private final MemoryAlerts alerts = new MemoryAlerts();
    private final MemoryConnectors connectors = new MemoryConnectors();
    private final TaskFakes.Tasks tasks = new TaskFakes.Tasks();
    private final MemoryStores runs = new MemoryStores();
    private final FixedSettings settings = new FixedSettings();
    private final MovableClock clock = new MovableClock();
    private final List<String> told = new ArrayList<>();
    private AlertManager manager;
    private Connector connector;
    private ScheduledTask task;

    @BeforeEach
    void setUp() {
        connector = connectors.add("acme");
        task = new ScheduledTask("t1", connector.id(), "persons", true, Schedule.every(60), null, null, "person",
                null, null, null, null, T0, T0);
        tasks.scheduled.put(task.id(), task);
        runs.knownTasks.add(task.id());
        manager = new AlertManager(alerts, settings, connectors, tasks, runs, new MemoryOutbox(), id -> {
            throw new IllegalStateException("no connection in this test");
        }, TaskFakes.Gateway::new, TaskFakes.registry(new TaskFakes.Type(new TaskFakes.Gateway(), new TaskFakes.Gateway())),
                clock, config());
        manager.addSink((event, alert) -> told.add(event + " " + alert.subject().kind()));
    }

    @Test
    void aFailedRunRaisesOnceUpdatesWhileItLastsAndASuccessResolves() {
        manager.runEnded(run("r1", RunStatus.ERROR, null, "Failed: the remote answered 500"));
        clock.advance(Duration.ofMinutes(5));
        manager.runEnded(run("r2", RunStatus.ERROR, null, "Failed: the remote answered 502"));

        List<Alert> open = manager.list(AlertState.OPEN);
        assertEquals(1, open.size());
        Alert alert = open.get(0);
        assertEquals(AlertKind.RUN_FAILED, alert.subject().kind());
        assertEquals(task.id(), alert.subject().taskId());
        assertEquals(2, alert.count());
        assertEquals(T0, alert.firstSeenAt());
        assertEquals(T0.plus(Duration.ofMinutes(5)), alert.lastSeenAt());
        assertTrue(alert.message().contains("task 'persons' of connector 'acme' failed: the remote answered 502"),
                alert.message());

        clock.advance(Duration.ofMinutes(5));
        manager.runEnded(run("r3", RunStatus.SUCCESS, null));

        assertEquals(List.of(), manager.list(AlertState.OPEN));
        Alert resolved = manager.list(AlertState.RESOLVED).get(0);
        assertEquals(T0.plus(Duration.ofMinutes(10)), resolved.resolvedAt());
        assertEquals(List.of("RAISED RUN_FAILED", "UPDATED RUN_FAILED", "RESOLVED RUN_FAILED"), told);
    }

    @Test
    void anAcknowledgedAlertStaysOpenUntilItClears() {
        manager.runEnded(run("r1", RunStatus.ERROR, null, "Failed: boom"));
        String id = manager.list(AlertState.OPEN).get(0).id();

        Alert acknowledged = manager.acknowledge(id, "alice");

        assertEquals("alice", acknowledged.acknowledgedBy());
        assertEquals(T0, acknowledged.acknowledgedAt());
        assertEquals(AlertState.OPEN, manager.list(AlertState.OPEN).get(0).state());
        assertEquals("ACKNOWLEDGED RUN_FAILED", told.get(told.size() - 1));
        assertThrows(NotFoundException.class, () -> manager.acknowledge("no-such-alert", "alice"));
    }

    @Test
    void severityFollowsTheEnvironment() {
        assertEquals(AlertSeverity.CRITICAL, raisedIn(Environment.PROD));
        assertEquals(AlertSeverity.WARNING, raisedIn(Environment.TEST));
        assertEquals(AlertSeverity.WARNING, raisedIn(Environment.DEV));
        assertEquals(AlertSeverity.INFO, raisedIn(Environment.DEMO));
    }

    private AlertSeverity raisedIn(Environment environment) {
        settings.settings = new EngineSettings("http://local", "/api", environment, List.of(), 2, false);
        manager.runEnded(run("r-" + environment, RunStatus.ERROR, null, "Failed: boom"));
        return manager.list(AlertState.OPEN).get(0).severity();
    }

    @Test
    void completedWithErrorsHasItsOwnAlertThatASuccessResolves() {
        manager.runEnded(new Run("r1", task.id(), connector.id(), "manual", RunStatus.COMPLETED_WITH_ERRORS, T0,
                null, null, new RunCounts(10, 7, 0, 0, 0, 3), List.of("card P-1: refused"), null));

        Alert alert = manager.list(AlertState.OPEN).get(0);
        assertEquals(AlertKind.RUN_COMPLETED_WITH_ERRORS, alert.subject().kind());
        assertTrue(alert.message().contains("3 card(s) failed (first: card P-1: refused)"), alert.message());

        manager.runEnded(run("r2", RunStatus.SUCCESS, null));
        assertEquals(List.of(), manager.list(AlertState.OPEN));
    }

    @Test
    void aRefusedFilterAndAThresholdStopAreNamed() {
        manager.runEnded(run("r1", RunStatus.ERROR, RunFailure.REFUSED, "Failed: GET /dc/person/data: HTTP 400"));
        manager.runEnded(run("r2", RunStatus.ERROR, RunFailure.REMOVAL_THRESHOLD,
                "120 cards would be marked removed, more than the threshold of 100"));

        List<AlertKind> kinds = manager.list(AlertState.OPEN).stream().map(a -> a.subject().kind()).sorted().toList();
        assertEquals(List.of(AlertKind.RUN_FAILED, AlertKind.FILTER_OR_MAPPING_REFUSED, AlertKind.REMOVAL_THRESHOLD),
                kinds);

        manager.runEnded(run("r3", RunStatus.SUCCESS, null));
        assertEquals(List.of(), manager.list(AlertState.OPEN));
    }

    @Test
    void theConnectionTestRaisesPerSideAndResolvesWhenTheLoginPasses() {
        manager.connectionTested(report(Result.WRONG_CREDENTIALS, Result.UNREACHABLE));

        List<Alert> open = manager.list(AlertState.OPEN);
        assertEquals(2, open.size());
        Alert credentials = open.stream().filter(a -> a.subject().kind() == AlertKind.WRONG_CREDENTIALS).findFirst()
                .orElseThrow();
        assertEquals(InstanceSide.REMOTE, credentials.subject().side());
        Alert unreachable = open.stream().filter(a -> a.subject().kind() == AlertKind.INSTANCE_UNREACHABLE)
                .findFirst().orElseThrow();
        assertEquals(InstanceSide.LOCAL, unreachable.subject().side());

        manager.connectionTested(report(Result.OK, Result.OK));
        assertEquals(List.of(), manager.list(AlertState.OPEN));
    }

    @Test
    void aSuccessfulRunClearsTheConnectorsLoginAlerts() {
        manager.connectionTested(report(Result.WRONG_CREDENTIALS, Result.OK));

        manager.runEnded(run("r1", RunStatus.SUCCESS, null));

        assertEquals(List.of(), manager.list(AlertState.OPEN));
    }

    @Test
    void aTaskThatHasNotSucceededForTwiceItsIntervalAndTheMarginIsOverdue() {
        clock.advance(Duration.ofMinutes(11));
        manager.periodicCheck();
        assertEquals(List.of(), manager.list(AlertState.OPEN), "60 s interval: overdue after 2 min + 10 min margin");

        clock.advance(Duration.ofMinutes(2));
        manager.periodicCheck();
        assertEquals(AlertKind.TASK_OVERDUE, manager.list(AlertState.OPEN).get(0).subject().kind());

        runs.create(new Run("r1", task.id(), connector.id(), "scheduled", RunStatus.SUCCESS, clock.instant(),
                new Phase(RunStatus.SUCCESS, clock.instant(), clock.instant()),
                new Phase(RunStatus.SUCCESS, clock.instant(), clock.instant()), RunCounts.ZERO, List.of(), null));
        manager.periodicCheck();
        assertEquals(List.of(), manager.list(AlertState.OPEN));
    }

    @Test
    void theOverdueTimeComesFromTheLastSuccessOrTheSave() {
        Duration interval = Duration.ofHours(1);
        assertEquals(Optional.of(T0.plus(Duration.ofMinutes(125))),
                AlertManager.overdueSince(interval, T0, T0.minusSeconds(999), Duration.ofMinutes(5)));
        assertEquals(Optional.of(T0.plus(Duration.ofHours(2))),
                AlertManager.overdueSince(interval, null, T0, Duration.ZERO));
        ScheduledTask disabled = new ScheduledTask("t", "c", "n", false, Schedule.every(60), null, null, null, null,
                null, null, null, null, null);
        assertFalse(AlertManager.expectedInterval(disabled, List.of()).isPresent());
    }

    @Test
    void aCronTaskMayWaitTheLongestGapBetweenItsFireTimes() {
        ScheduledTask weekdays = new ScheduledTask("t", "c", "n", true, Schedule.cron("0 0 9 ? * MON-FRI"), null,
                null, null, null, null, null, null, null, null);
        Instant friday = Instant.parse("2026-05-01T09:00:00Z");
        List<Instant> fires = List.of(friday, friday.plus(Duration.ofDays(3)), friday.plus(Duration.ofDays(4)));

        assertEquals(Optional.of(Duration.ofDays(3)), AlertManager.expectedInterval(weekdays, fires));
        assertEquals(Optional.empty(), AlertManager.expectedInterval(weekdays, List.of()), "fire times unknown");
    }

    @Test
    void refusedEventOperationsRaiseAnAlertForAnHourAfterTheLatest() {
        MemoryOutbox outbox = new MemoryOutbox();
        manager = new AlertManager(alerts, settings, connectors, tasks, runs, outbox, id -> {
            throw new IllegalStateException("no connection in this test");
        }, TaskFakes.Gateway::new, TaskFakes.registry(new TaskFakes.Type(new TaskFakes.Gateway(), new TaskFakes.Gateway())),
                clock, config());
        EventTask event = new EventTask("e1", connector.id(), "write persons", "person", null, "person", null, null,
                List.of(), T0, T0);
        tasks.event.put(event.id(), event);
        Operation accepted = outbox.add(Operation.accepted(event.id(), connector.id(), EventOperation.CREATE, "k1",
                null, "idem-1", "wf", "wf-engine", OperationStatus.PENDING, null, null), null, "f1");
        // the memory outbox makes an operation due at the wall clock's now
        Instant due = Instant.now();
        assertTrue(outbox.claim(accepted.id(), "writer", due, due.plusSeconds(60)).isPresent());
        outbox.finish(accepted.id(), "writer", OperationStatus.FAILED, null, "first_name: required", clock.instant());

        manager.periodicCheck();

        Alert alert = manager.list(AlertState.OPEN).get(0);
        assertEquals(AlertKind.EVENT_OPERATIONS_FAILING, alert.subject().kind());
        assertTrue(alert.message().contains("1 operation(s) refused") && alert.message().contains("first_name"),
                alert.message());

        clock.advance(AlertManager.FAILING_WINDOW.plusMinutes(1));
        manager.periodicCheck();
        assertTrue(manager.list(AlertState.OPEN).stream()
                .noneMatch(open -> open.subject().kind() == AlertKind.EVENT_OPERATIONS_FAILING));
    }

    @Test
    void alertsOfARemovedTaskAreResolved() {
        manager.runEnded(run("r1", RunStatus.ERROR, null, "Failed: boom"));
        tasks.deleteScheduled(task.id());

        manager.periodicCheck();

        assertEquals(List.of(), manager.list(AlertState.OPEN));
    }

    private Run run(String id, RunStatus status, RunFailure failure, String... info) {
        return new Run(id, task.id(), connector.id(), "manual", status, clock.instant(), null, null, RunCounts.ZERO,
                List.of(info), null, failure);
    }

    private ConnectionTestReport report(Result remote, Result local) {
        return new ConnectionTestReport(connector.id(), connector.name(), new EndpointCheck("remote", remote, "x", 1),
                new EndpointCheck("local", local, "y", 1));
    }

    static AlertManager.Config config() {
        return new AlertManager.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AlertManager.Config.class;
            }

            @Override
            public int checkIntervalSeconds() {
                return 60;
            }

            @Override
            public int certificateWarningDays() {
                return 30;
            }

            @Override
            public int overdueMarginMinutes() {
                return 10;
            }

            @Override
            public String webhookUrl() {
                return "";
            }

            @Override
            public int webhookAttempts() {
                return 4;
            }

            @Override
            public long webhookFirstRetryMillis() {
                return 10;
            }
        };
    }

    /** A clock a test moves forward. */
    static final class MovableClock extends Clock {
        private Instant now = T0;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
