package io.cardlink.engine.internal;

import io.cardlink.api.retention.AlertCleanup;
import io.cardlink.api.retention.RetentionReport;
import io.cardlink.api.timeline.CardTimelineStore;
import io.cardlink.api.retention.RetentionService;
import io.cardlink.api.store.OutboxStore;
import io.cardlink.api.store.RunStore;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.ScheduledTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention clean-up: every day at {@code dailyAt} (UTC), and at start when the last one is more than a day ago
 * (kept in {@code ${karaf.data}/cardlink/retention-last-run}), it removes the runs, finished event operations, extract
 * files and ended alerts that the settings no longer keep, and the extract files of tasks that are gone. It logs what
 * it removed. Activation does no I/O: the start check runs on the clean-up's own thread.
 */
@Component(service = RetentionService.class, configurationPid = RetentionManager.PID, immediate = true)
@Designate(ocd = RetentionManager.Config.class)
public class RetentionManager implements RetentionService {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionManager.class);
    static final String PID = "io.cardlink.engine.retention";
    // after a start, so that the clean-up does not compete with the start itself
    private static final Duration START_DELAY = Duration.ofMinutes(1);

    @ObjectClassDefinition(name = "Cardlink retention",
            description = "How long runs, finished event operations, extract files and alerts are kept")
    public @interface Config {
        @AttributeDefinition(description = "Runs kept per task whatever their age (at least 1)")
        int runsKept() default 50;

        @AttributeDefinition(description = "Days a run beyond the kept ones stays (0 or more): a run goes only when"
                + " it is both beyond the newest runsKept and older than this")
        int runDays() default 30;

        @AttributeDefinition(description = "Days a finished event operation stays (at least 1)")
        int operationDays() default 30;

        @AttributeDefinition(description = "Days an extract file stays (0 or more), besides the count per task of"
                + " io.cardlink.engine.runs")
        int extractDays() default 30;

        @AttributeDefinition(description = "Days an ended alert stays (0 or more)")
        int alertDays() default 90;

        @AttributeDefinition(description = "Time of day (UTC, HH:mm) of the daily clean-up")
        String dailyAt() default "02:30";
    }

    private final RunStore runs;
    private final TaskStore tasks;
    private final OutboxStore outbox;
    private final ExtractFiles extracts;
    private final Clock clock;
    private final Path lastRunFile;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.UPDATE)
    private final List<AlertCleanup> alertCleanups = new CopyOnWriteArrayList<>();
    /** The card timelines, whose entries are kept as long as finished event operations. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CardTimelineStore timeline;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "cardlink-retention");
        thread.setDaemon(true);
        return thread;
    });
    private volatile RetentionSettings settings;
    private ScheduledFuture<?> daily;

    @Activate
    public RetentionManager(@Reference RunStore runs, @Reference TaskStore tasks, @Reference OutboxStore outbox,
            @Reference SyncEngine engine, Config config) {
        this(runs, tasks, outbox, engine.extracts(), Clock.systemUTC(),
                Paths.get(System.getProperty("karaf.data", "data"), "cardlink", "retention-last-run"));
        apply(config);
        try {
            scheduler.schedule(this::runIfOverdue, START_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Retention stopped before its start check");
        }
    }

    RetentionManager(RunStore runs, TaskStore tasks, OutboxStore outbox, ExtractFiles extracts, Clock clock,
            Path lastRunFile) {
        this.runs = runs;
        this.tasks = tasks;
        this.outbox = outbox;
        this.extracts = extracts;
        this.clock = clock;
        this.lastRunFile = lastRunFile;
    }

    @Modified
    synchronized void apply(Config config) {
        StringBuilder problem = new StringBuilder();
        settings = RetentionSettings.of(config, problem);
        if (problem.length() > 0) {
            LOG.error("Configuration {}: {}", PID, problem);
        }
        if (daily != null) {
            daily.cancel(false);
        }
        scheduleNext();
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    /** Adds an alert store's clean-up; for tests, which build the manager without Declarative Services. */
    void addAlertCleanup(AlertCleanup cleanup) {
        alertCleanups.add(cleanup);
    }

    RetentionSettings settings() {
        return settings;
    }

    private void scheduleNext() {
        Instant now = clock.instant();
        Instant next = settings.nextDailyRun(now);
        try {
            daily = scheduler.schedule(this::runScheduled, Duration.between(now, next).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Retention stopped; the clean-up is scheduled at the next start");
        }
    }

    private void runScheduled() {
        try {
            runNow();
        } catch (RuntimeException e) {
            LOG.warn("The daily clean-up failed; it is tried again tomorrow: {}", e.getMessage());
        }
        synchronized (this) {
            scheduleNext();
        }
    }

    /** Runs the clean-up when the last one is more than a day ago (or never ran): a node that was down at the time. */
    void runIfOverdue() {
        Optional<Instant> last = lastRun();
        if (last.isPresent() && last.get().isAfter(clock.instant().minus(Duration.ofDays(1)))) {
            LOG.debug("The last clean-up ran at {}; the next one is at {} UTC", last.get(), settings.dailyAt());
            return;
        }
        try {
            runNow();
        } catch (RuntimeException e) {
            LOG.warn("The clean-up at start failed; it is tried again at {} UTC: {}", settings.dailyAt(),
                    e.getMessage());
        }
    }

    /** When the clean-up last ran on this node, if it ever did. */
    Optional<Instant> lastRun() {
        try {
            return Files.isRegularFile(lastRunFile)
                    ? Optional.of(Instant.parse(Files.readString(lastRunFile, StandardCharsets.UTF_8).trim()))
                    : Optional.empty();
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized RetentionReport runNow() {
        RetentionSettings current = settings;
        Instant now = clock.instant();
        List<ScheduledTask> scheduled = tasks.listAllScheduled();
        int removedRuns = 0;
        Instant runCutoff = now.minus(current.runAge());
        for (ScheduledTask task : scheduled) {
            removedRuns += runs.removeFinished(task.id(), current.runsKept(), runCutoff);
        }
        int removedOperations = outbox.removeFinished(now.minus(current.operationAge()));
        Set<String> taskIds = scheduled.stream().map(ScheduledTask::id).collect(Collectors.toSet());
        int removedFiles = extracts.removeOtherThan(taskIds) + extracts.removeOlderThan(now.minus(current.extractAge()));
        int removedAlerts = 0;
        Instant alertCutoff = now.minus(current.alertAge());
        for (AlertCleanup cleanup : alertCleanups) {
            try {
                removedAlerts += cleanup.removeEndedBefore(alertCutoff);
            } catch (RuntimeException e) {
                LOG.warn("The alert clean-up {} failed: {}", cleanup.getClass().getName(), e.getMessage());
            }
        }
        long removedEntries = 0;
        CardTimelineStore entries = timeline;
        if (entries != null) {
            try {
                removedEntries = entries.removeOlderThan(now.minus(current.operationAge()));
            } catch (RuntimeException e) {
                LOG.warn("The card timeline clean-up failed: {}", e.getMessage());
            }
        }
        RetentionReport report = new RetentionReport(now, removedRuns, removedOperations, removedFiles, removedAlerts,
                removedEntries);
        LOG.info("Retention clean-up removed {} run(s) (beyond the newest {} per task and older than {} days), {}"
                + " finished event operation(s) (older than {} days), {} extract file(s) (older than {} days or of"
                + " removed tasks), {} alert(s) (ended more than {} days ago) and {} card timeline entr(y/ies) (older"
                + " than {} days)", removedRuns, current.runsKept(), current.runAge().toDays(), removedOperations,
                current.operationAge().toDays(), removedFiles, current.extractAge().toDays(), removedAlerts,
                current.alertAge().toDays(), removedEntries, current.operationAge().toDays());
        remember(now);
        return report;
    }

    private void remember(Instant at) {
        try {
            Files.createDirectories(lastRunFile.getParent());
            Files.writeString(lastRunFile, at.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Could not keep the time of the clean-up in {}: {}; it runs again at the next start", lastRunFile,
                    e.getMessage());
        }
    }
}
