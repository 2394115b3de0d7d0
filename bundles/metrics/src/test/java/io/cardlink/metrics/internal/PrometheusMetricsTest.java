package io.cardlink.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.scheduler.ActiveRun;
import io.cardlink.api.scheduler.RunRequest;
import io.cardlink.api.scheduler.RunTrigger;
import io.cardlink.api.scheduler.SchedulerSnapshot;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.store.OutboxStore;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final PrometheusMetrics metrics = new PrometheusMetrics(Clock.fixed(T0, ZoneOffset.UTC));

    static Run run(RunStatus status, RunCounts counts) {
        return new Run("run-1", "task-1", "conn-1", "SCHEDULE", status, T0,
                new Phase(RunStatus.SUCCESS, T0, T0.plusSeconds(3)),
                new Phase(status, T0.plusSeconds(3), T0.plusSeconds(10)), counts, List.of(), null);
    }

    private String scrape() throws IOException {
        StringWriter out = new StringWriter();
        metrics.scrape(out);
        return out.toString();
    }

    @Test
    void aRunThatEndedIsCountedWithItsCardsAndDurations() throws IOException {
        metrics.runEnded(run(RunStatus.COMPLETED_WITH_ERRORS, new RunCounts(120, 7, 5, 100, 3, 5)));
        metrics.runEnded(run(RunStatus.SUCCESS, new RunCounts(10, 0, 0, 10, 0, 0)));
        String text = scrape();

        String labels = "connector=\"conn-1\",task=\"task-1\",";
        assertTrue(text.contains("cardlink_runs_total{" + labels + "status=\"COMPLETED_WITH_ERRORS\",} 1.0\n"), text);
        assertTrue(text.contains("cardlink_runs_total{" + labels + "status=\"SUCCESS\",} 1.0\n"), text);
        assertTrue(text.contains("cardlink_cards_total{" + labels + "outcome=\"read\",} 130.0\n"), text);
        assertTrue(text.contains("cardlink_cards_total{" + labels + "outcome=\"created\",} 7.0\n"), text);
        assertTrue(text.contains("cardlink_cards_total{" + labels + "outcome=\"unchanged\",} 110.0\n"), text);
        assertTrue(text.contains("cardlink_cards_total{" + labels + "outcome=\"removed\",} 3.0\n"), text);
        assertTrue(text.contains("cardlink_cards_total{" + labels + "outcome=\"failed\",} 5.0\n"), text);
        // 10 s from the start of extract to the end of load, twice; extract 3 s and load 7 s each time
        assertTrue(text.contains("cardlink_run_duration_seconds_count{" + labels + "} 2.0\n"), text);
        assertTrue(text.contains("cardlink_run_duration_seconds_sum{" + labels + "} 20.0\n"), text);
        assertTrue(text.contains("cardlink_run_duration_seconds_bucket{" + labels + "le=\"5.0\",} 0.0\n"), text);
        assertTrue(text.contains("cardlink_run_duration_seconds_bucket{" + labels + "le=\"15.0\",} 2.0\n"), text);
        assertTrue(text.contains("cardlink_run_phase_duration_seconds_sum{" + labels + "phase=\"extract\",} 6.0\n"),
                text);
        assertTrue(text.contains("cardlink_run_phase_duration_seconds_sum{" + labels + "phase=\"load\",} 14.0\n"),
                text);
        assertTrue(text.contains("# TYPE cardlink_runs_total counter\n"), text);
        assertTrue(text.contains("# TYPE cardlink_run_duration_seconds histogram\n"), text);
    }

    @Test
    void aRunThatFailedInExtractRecordsNoLoadDuration() throws IOException {
        metrics.runEnded(new Run("run-2", "task-1", "conn-1", "MANUAL", RunStatus.ERROR, T0,
                new Phase(RunStatus.ERROR, T0, T0.plusSeconds(2)), Phase.pending(), RunCounts.ZERO, List.of(), null));
        String text = scrape();
        assertTrue(text.contains("cardlink_run_phase_duration_seconds_count{connector=\"conn-1\",task=\"task-1\","
                + "phase=\"extract\",} 1.0\n"), text);
        assertFalse(text.contains("phase=\"load\""), text);
        assertTrue(text.contains("cardlink_run_duration_seconds_sum{connector=\"conn-1\",task=\"task-1\",} 2.0\n"),
                text);
    }

    @Test
    void callsAreCountedByInstanceMethodAndStatusWithTheirLatency() throws IOException {
        metrics.called("remote.example:443", "GET", "200", Duration.ofMillis(30));
        metrics.called("remote.example:443", "GET", "200", Duration.ofMillis(70));
        metrics.called("remote.example:443", "POST", "ConnectException", Duration.ofSeconds(2));
        String text = scrape();
        String get = "instance=\"remote.example:443\",method=\"GET\",status=\"200\",";
        assertTrue(text.contains("cardlink_remote_call_duration_seconds_count{" + get + "} 2.0\n"), text);
        assertTrue(text.contains("cardlink_remote_call_duration_seconds_bucket{" + get + "le=\"0.05\",} 1.0\n"), text);
        assertTrue(text.contains("cardlink_remote_call_duration_seconds_count{instance=\"remote.example:443\","
                + "method=\"POST\",status=\"ConnectException\",} 1.0\n"), text);
    }

    @Test
    void theOutboxAndTheSchedulerAreReadWhenScraped() throws IOException {
        assertFalse(scrape().contains("cardlink_outbox_waiting_operations"), "no store, no gauge");
        metrics.outbox = proxy(OutboxStore.class, "backlog",
                new OutboxStore.Backlog(4, T0.minusSeconds(90), 2, 1));
        RunRequest request = new RunRequest("r", "t", RunTrigger.SCHEDULED, T0);
        metrics.scheduler = proxy(TaskScheduler.class, "snapshot", new SchedulerSnapshot(3,
                List.of(new ActiveRun(request, T0, false)), List.of(request, request)));
        String text = scrape();
        assertTrue(text.contains("cardlink_outbox_waiting_operations 4.0\n"), text);
        assertTrue(text.contains("cardlink_outbox_oldest_waiting_age_seconds 90.0\n"), text);
        assertTrue(text.contains("cardlink_outbox_dead_operations 2.0\n"), text);
        assertTrue(text.contains("cardlink_held_cards 1.0\n"), text);
        assertTrue(text.contains("cardlink_scheduler_running_runs 1.0\n"), text);
        assertTrue(text.contains("cardlink_scheduler_waiting_runs 2.0\n"), text);
        assertTrue(text.contains("cardlink_scheduler_max_concurrent_runs 3.0\n"), text);
    }

    @Test
    void anOutboxThatFailsLeavesItsGaugesOutAndTheScrapeGoesOn() throws IOException {
        metrics.outbox = (OutboxStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {OutboxStore.class}, (p, m, a) -> {
                    throw new IllegalStateException("database down");
                });
        metrics.called("h:1", "GET", "200", Duration.ofMillis(1));
        String text = scrape();
        assertFalse(text.contains("cardlink_outbox"), text);
        assertTrue(text.contains("cardlink_remote_call_duration_seconds_count"), text);
    }

    /** An interface whose one method answers {@code value}; any other method fails the test. */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, String method, Object value) {
        return (T) Proxy.newProxyInstance(PrometheusMetricsTest.class.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> {
                    assertEquals(method, m.getName());
                    return value;
                });
    }
}
