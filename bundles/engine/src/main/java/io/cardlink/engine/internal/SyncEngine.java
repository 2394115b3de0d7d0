package io.cardlink.engine.internal;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.run.RunListener;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.scheduler.CacheMaintenance;
import io.cardlink.api.scheduler.RunQueueListener;
import io.cardlink.api.scheduler.RunRequest;
import io.cardlink.api.scheduler.StopSignal;
import io.cardlink.api.scheduler.TaskRunner;
import io.cardlink.api.service.ConnectionProvider;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.service.TaskCache;
import io.cardlink.api.store.RunStore;
import io.cardlink.api.store.TaskCacheStore;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.timeline.CardTimelineStore;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes scheduled-task runs for the scheduler ({@link TaskRunner}), records runs that wait, are cancelled or
 * skipped ({@link RunQueueListener}), and clears task caches ({@link CacheMaintenance}, {@link TaskCache}). Each run
 * records the node that queued or runs it; at activation, the runs this node left unfinished by a crash are marked
 * interrupted, and only those: several nodes share one database. Whether a run may mark removed cards beyond the
 * task's threshold is read from its record, so that any node can run what another node was asked for. A dry run ({@link RunRequest#dryRun()}) keeps
 * its findings in a file beside the extract files and is not announced to the {@link RunListener}s: it is not a
 * run that alerts or metrics count.
 */
@Component(service = {TaskRunner.class, RunQueueListener.class, CacheMaintenance.class, TaskCache.class,
    SyncEngine.class}, configurationPid = SyncEngine.PID)
@Designate(ocd = SyncEngine.Config.class)
public class SyncEngine implements TaskRunner, RunQueueListener, CacheMaintenance, TaskCache {
    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
    static final String PID = "io.cardlink.engine.runs";

    @ObjectClassDefinition(name = "Cardlink runs", description = "How scheduled-task runs keep their files and watermarks")
    public @interface Config {
        @AttributeDefinition(description = "Folder of the extract files; empty = ${karaf.data}/cardlink/extracts")
        String extractDirectory() default "";

        @AttributeDefinition(description = "Extract files kept per task (the newest runs' files)")
        int extractsKept() default ExtractFiles.DEFAULT_KEEP;

        @AttributeDefinition(description = "Seconds the remote instance's clock may be ahead of this node's, given to"
                + " connector types whose change marks are times (CoreProIGA): an incremental run reads again the"
                + " changes of that many seconds before the previous run started")
        int clockSkewSeconds() default 60;
    }

    private final RunStore runs;
    private final TaskStore tasks;
    private final TaskCacheStore cache;
    private final ConnectionProvider connections;
    private final SyncRun.Services services;
    private final Supplier<String> node;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.UPDATE)
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService housekeeping = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "cardlink-run-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public SyncEngine(@Reference RunStore runs, @Reference TaskStore tasks, @Reference TaskCacheStore cache,
            @Reference MappingEngine mappings, @Reference ConnectionProvider connections,
            @Reference LoopGuard loopGuard, @Reference CardTimelineStore timeline, @Reference SettingsService settings,
            @Reference LocalInstance local, Config config) {
        this(runs, tasks, cache, mappings, connections, local, new ExtractFiles(extractRoot(config),
                Math.max(1, config.extractsKept())), loopGuard, new CardEvents(timeline, Clock.systemUTC()),
                Clock.systemUTC(),
                Duration.ofSeconds(Math.max(0, config.clockSkewSeconds())), () -> settings.current().nodeId());
        // Activation never waits on the database: a run left running by a crash is marked in the background.
        housekeeping.execute(this::markInterrupted);
    }

    SyncEngine(RunStore runs, TaskStore tasks, TaskCacheStore cache, MappingEngine mappings,
            ConnectionProvider connections, LocalSide local, ExtractFiles extracts, LoopGuard loopGuard,
            CardEvents timeline, Clock clock, Duration clockSkew, Supplier<String> node) {
        this.runs = runs;
        this.node = node;
        this.tasks = tasks;
        this.cache = cache;
        this.connections = connections;
        this.services = new SyncRun.Services(runs, cache, mappings, extracts, loopGuard, timeline, clock,
                clockSkew, local);
    }

    @Deactivate
    void deactivate() {
        housekeeping.shutdownNow();
    }

    static Path extractRoot(Config config) {
        String configured = config.extractDirectory();
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured.trim());
        }
        return Paths.get(System.getProperty("karaf.data", "data"), "cardlink", "extracts");
    }

    /** Marks the runs a crash of this node left unfinished as interrupted. */
    void markInterrupted() {
        try {
            String self = node.get();
            int interrupted = runs.markUnfinishedInterrupted(self);
            if (interrupted > 0) {
                LOG.warn("{} run(s) of node '{}' were left unfinished by its last stop and are now marked interrupted",
                        interrupted, self);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not mark unfinished runs as interrupted: {}", e.getMessage());
        }
    }

    ExtractFiles extracts() {
        return services.extracts();
    }

    /** The node this engine records on the runs it queues and runs. */
    String node() {
        return node.get();
    }

    @Override
    public void run(RunRequest request, StopSignal stop) {
        Optional<ScheduledTask> found = tasks.findScheduled(request.taskId());
        if (found.isEmpty()) {
            LOG.warn("Run {} asked for scheduled task {}, which does not exist", request.id(), request.taskId());
            return;
        }
        ScheduledTask task = found.get();
        try (LogContext context = LogContext.run(task.connectorId(), task.id(), request.id())) {
            Run run = record(request, RunStatus.RUNNING, false);
            if (run == null) {
                return;
            }
            if (run.status().finished() && run.status() != RunStatus.INTERRUPTED) {
                // a fire the cluster's scheduler handed out twice: the run it names is over, its history stays
                LOG.warn("Run {} of task '{}' has ended already ({}); the request came again and is ignored",
                        run.id(), task.name(), run.status());
                return;
            }
            String self = node.get();
            if (leftInTheMiddle(run, self)) {
                // a clustered scheduler fires the run again after its node died: it starts over, as this node's
                LOG.warn("Run {} of task '{}' was left in the middle by node '{}'; node '{}' starts it again",
                        run.id(), task.name(), run.node(), self);
                run = runs.update(new Run(run.id(), run.taskId(), run.connectorId(), run.trigger(), RunStatus.RUNNING,
                        run.plannedAt(), Phase.pending(), Phase.pending(), RunCounts.ZERO,
                        List.of("Started again by node '" + self + "': node '" + run.node()
                                + "' stopped in the middle of it"), null).onNode(self));
            } else if (run.status() != RunStatus.RUNNING || !self.equals(run.node())) {
                run = runs.update(new Run(run.id(), run.taskId(), run.connectorId(), run.trigger(), RunStatus.RUNNING,
                        run.plannedAt(), run.extract(), run.load(), run.counts(), run.info(), run.extractFile())
                        .onNode(self));
            }
            List<ScheduledTask> siblings = tasks.listScheduled(task.connectorId());
            Run started = run;
            boolean real = !request.dryRun();
            if (real) {
                tell(listener -> listener.runStarted(started));
            }
            Run finished = new SyncRun(services, run, task, siblings, recorder(request, task)).execute(
                    () -> connections.open(task.connectorId()),
                    new StoredStop(stop, runs, run.id(), services.clock()),
                    () -> runs.find(request.id()).map(Run::confirmRemovals).orElse(false));
            LOG.info("{} {} of task '{}' ended {} ({}): {}", real ? "Run" : "Dry run", finished.id(), task.name(),
                    finished.status(), PhaseTimes.of(finished), finished.counts());
            if (real) {
                tell(listener -> listener.runEnded(finished));
            }
        }
    }

    /**
     * Whether a run about to start had started before, on a node that stopped in the middle of it (or on this node
     * before its restart): running on another node, or marked interrupted.
     */
    private static boolean leftInTheMiddle(Run run, String self) {
        return (run.status() == RunStatus.RUNNING && run.node() != null && !self.equals(run.node()))
                || run.status() == RunStatus.INTERRUPTED;
    }

    private DryRunRecorder recorder(RunRequest request, ScheduledTask task) {
        return request.dryRun()
                ? DryRunRecorder.to(services.extracts().dryRunFile(task.id(), request.id()), request.id(), task.id())
                : DryRunRecorder.OFF;
    }

    /** Adds a listener; for tests, which build the engine without Declarative Services. */
    void addListener(RunListener listener) {
        listeners.add(listener);
    }

    private void tell(Consumer<RunListener> call) {
        for (RunListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("Run listener {} failed: {}", listener.getClass().getName(), e.toString());
            }
        }
    }

    @Override
    public void waiting(RunRequest request) {
        record(request, RunStatus.WAITING, false);
    }

    @Override
    public void cancelled(RunRequest request) {
        Run run = record(request, RunStatus.WAITING, false);
        if (run != null && !run.status().finished()) {
            runs.update(new Run(run.id(), run.taskId(), run.connectorId(), run.trigger(), RunStatus.STOPPED,
                    run.plannedAt(), null, null, RunCounts.ZERO, List.of("Cancelled before it started"), null));
        }
    }

    @Override
    public void skipped(RunRequest request) {
        try {
            runs.create(new Run(request.id(), request.taskId(), null, trigger(request), RunStatus.STOPPED,
                    request.requestedAt(), null, null, RunCounts.ZERO,
                    List.of("Skipped: the task was still running or waiting when its schedule fired"), null)
                    .onNode(node.get()));
        } catch (NotFoundException | ConflictException e) {
            LOG.debug("Skipped run {} not recorded: {}", request.id(), e.getMessage());
        }
    }

    /**
     * The record of a request, created with {@code status} on this node if there is none yet (the REST call, the
     * queue listener and the worker may each be first); null when its task is gone. With {@code confirmRemovals},
     * the record lets the run mark removed cards beyond the task's threshold. Synchronized so that they don't race
     * into the database's unique key (which would work, but logs a constraint violation as an error).
     */
    synchronized Run record(RunRequest request, RunStatus status, boolean confirmRemovals) {
        Optional<Run> existing = runs.find(request.id());
        if (existing.isPresent()) {
            return confirmed(existing.get(), confirmRemovals);
        }
        try {
            return runs.create(new Run(request.id(), request.taskId(), null, trigger(request), status,
                    request.requestedAt(), Phase.pending(), Phase.pending(), RunCounts.ZERO, List.of(), null, null,
                    request.dryRun(), node.get(), confirmRemovals));
        } catch (ConflictException e) {
            return runs.find(request.id()).map(run -> confirmed(run, confirmRemovals)).orElse(null);
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** The run, with its removals confirmed in the store when that is asked and not yet so. */
    private Run confirmed(Run run, boolean confirmRemovals) {
        return !confirmRemovals || run.confirmRemovals() ? run : runs.confirmRemovals(run.id());
    }

    private static String trigger(RunRequest request) {
        return request.trigger().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void clearAllTaskCaches() {
        long dropped = clearAll();
        LOG.info("Cleared the task caches ({} entries)", dropped);
    }

    @Override
    public long clear(String taskId) {
        return cache.clear(taskId);
    }

    @Override
    public long clearAll() {
        return cache.clearAll();
    }
}
