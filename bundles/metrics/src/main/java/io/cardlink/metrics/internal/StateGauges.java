package io.cardlink.metrics.internal;

import io.cardlink.api.scheduler.SchedulerSnapshot;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.store.OutboxStore;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges read from the outbox store and the scheduler at each scrape (counts, not lists). A store that is absent or
 * fails leaves its gauges out of that scrape rather than failing it or showing stale values.
 */
final class StateGauges extends Collector {
    private static final Logger LOG = LoggerFactory.getLogger(StateGauges.class);

    private final Supplier<OutboxStore> outbox;
    private final Supplier<TaskScheduler> scheduler;
    private final Clock clock;

    StateGauges(Supplier<OutboxStore> outbox, Supplier<TaskScheduler> scheduler, Clock clock) {
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> families = new ArrayList<>();
        OutboxStore store = outbox.get();
        if (store != null) {
            try {
                OutboxStore.Backlog backlog = store.backlog();
                families.add(new GaugeMetricFamily("cardlink_outbox_waiting_operations", "Event-task operations"
                        + " waiting to be written (pending or being written)", backlog.waiting()));
                double age = backlog.oldestWaitingSince() == null ? 0
                        : Math.max(0, Duration.between(backlog.oldestWaitingSince(), clock.instant()).toMillis()
                                / 1000.0);
                families.add(new GaugeMetricFamily("cardlink_outbox_oldest_waiting_age_seconds", "Age of the oldest"
                        + " operation waiting to be written; 0 when none waits", age));
                families.add(new GaugeMetricFamily("cardlink_outbox_dead_operations", "Operations that gave up and"
                        + " wait to be replayed or discarded", backlog.dead()));
                families.add(new GaugeMetricFamily("cardlink_held_cards", "Cards held (quarantined) by the loop"
                        + " guard until released", backlog.heldCards()));
            } catch (RuntimeException e) {
                LOG.warn("Metrics: the outbox could not be read, its gauges are left out: {}", e.toString());
            }
        }
        TaskScheduler current = scheduler.get();
        if (current != null) {
            SchedulerSnapshot snapshot = current.snapshot();
            families.add(new GaugeMetricFamily("cardlink_scheduler_running_runs", "Runs running on this node",
                    snapshot.running().size()));
            families.add(new GaugeMetricFamily("cardlink_scheduler_waiting_runs", "Runs waiting for a free slot",
                    snapshot.waiting().size()));
            families.add(new GaugeMetricFamily("cardlink_scheduler_max_concurrent_runs", "How many runs this node"
                    + " runs at once", snapshot.maxConcurrentRuns()));
        }
        return families;
    }
}
