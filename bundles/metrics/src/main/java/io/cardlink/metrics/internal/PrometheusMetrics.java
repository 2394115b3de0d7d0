package io.cardlink.metrics.internal;

import io.cardlink.api.metrics.MetricsService;
import io.cardlink.api.metrics.RemoteCallObserver;
import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.run.RunListener;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.store.OutboxStore;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Cardlink's metrics in a registry of their own (the Prometheus Java client): runs and their cards counted when each
 * run ends (a {@link RunListener}), calls to the instances as the clients report them (a {@link RemoteCallObserver}),
 * and the outbox and scheduler read when scraped ({@link StateGauges}). Labels carry connector and task ids, which
 * do not change when things are renamed.
 */
@Component(service = {MetricsService.class, RunListener.class, RemoteCallObserver.class})
public class PrometheusMetrics implements MetricsService, RunListener, RemoteCallObserver {
    /** Runs last from seconds (an empty task) to hours (the sizing table's largest full loads). */
    private static final double[] RUN_BUCKETS = {1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400};
    /** A call answers in milliseconds, a large page in seconds, a timeout after a minute. */
    private static final double[] CALL_BUCKETS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final CollectorRegistry registry = new CollectorRegistry();
    private final Counter runs = Counter.build("cardlink_runs_total", "Runs of scheduled tasks that ended, by status")
            .labelNames("connector", "task", "status").register(registry);
    private final Counter cards = Counter.build("cardlink_cards_total", "What runs did to the cards they read, by"
            + " outcome: read, created, updated, unchanged, removed, failed")
            .labelNames("connector", "task", "outcome").register(registry);
    private final Histogram runDuration = Histogram.build("cardlink_run_duration_seconds", "How long runs took, from"
            + " the start of extract to the end of load").labelNames("connector", "task").buckets(RUN_BUCKETS)
            .register(registry);
    private final Histogram phaseDuration = Histogram.build("cardlink_run_phase_duration_seconds", "How long the"
            + " phases of runs took").labelNames("connector", "task", "phase").buckets(RUN_BUCKETS)
            .register(registry);
    private final Histogram calls = Histogram.build("cardlink_remote_call_duration_seconds", "Calls to the"
            + " Matrix42 instances (each attempt), by instance (host:port), method and status (the HTTP status, or"
            + " the failure when no answer came)").labelNames("instance", "method", "status").buckets(CALL_BUCKETS)
            .register(registry);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile OutboxStore outbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TaskScheduler scheduler;

    @Activate
    public PrometheusMetrics() {
        this(Clock.systemUTC());
    }

    PrometheusMetrics(Clock clock) {
        Supplier<OutboxStore> currentOutbox = () -> outbox;
        Supplier<TaskScheduler> currentScheduler = () -> scheduler;
        new StateGauges(currentOutbox, currentScheduler, clock).register(registry);
    }

    @Override
    public void runEnded(Run run) {
        String connector = label(run.connectorId());
        String task = label(run.taskId());
        runs.labels(connector, task, run.status() == null ? "UNKNOWN" : run.status().name()).inc();
        RunCounts counts = run.counts();
        cards.labels(connector, task, "read").inc(counts.read());
        cards.labels(connector, task, "created").inc(counts.created());
        cards.labels(connector, task, "updated").inc(counts.updated());
        cards.labels(connector, task, "unchanged").inc(counts.unchanged());
        cards.labels(connector, task, "removed").inc(counts.removed());
        cards.labels(connector, task, "failed").inc(counts.failed());
        observe(phaseDuration, phaseSeconds(run.extract()), connector, task, "extract");
        observe(phaseDuration, phaseSeconds(run.load()), connector, task, "load");
        Instant start = run.extract() == null ? null : run.extract().startedAt();
        Instant end = latest(run.extract(), run.load());
        if (start != null && end != null) {
            observe(runDuration, seconds(Duration.between(start, end)), connector, task);
        }
    }

    @Override
    public void called(String instance, String method, String outcome, Duration duration) {
        calls.labels(label(instance), label(method), label(outcome)).observe(seconds(duration));
    }

    @Override
    public void scrape(Writer out) throws IOException {
        TextFormat.write004(out, registry.metricFamilySamples());
    }

    /** Records a duration; a negative one (a phase that did not run) creates no series. */
    private static void observe(Histogram histogram, double seconds, String... labels) {
        if (seconds >= 0) {
            histogram.labels(labels).observe(seconds);
        }
    }

    /** A finished phase's seconds; -1 for a phase that never started or never ended (none is recorded). */
    private static double phaseSeconds(Phase phase) {
        if (phase == null || phase.startedAt() == null || phase.completedAt() == null) {
            return -1;
        }
        return seconds(Duration.between(phase.startedAt(), phase.completedAt()));
    }

    private static Instant latest(Phase extract, Phase load) {
        if (load != null && load.completedAt() != null) {
            return load.completedAt();
        }
        return extract == null ? null : extract.completedAt();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static String label(String value) {
        return value == null ? "" : value;
    }
}
