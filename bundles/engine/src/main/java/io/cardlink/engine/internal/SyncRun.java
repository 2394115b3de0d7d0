package io.cardlink.engine.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.ChangedRead;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.FullRead;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.connector.RetryCounts;
import io.cardlink.api.mapping.CompiledMapping;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunFailure;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.scheduler.StopSignal;
import io.cardlink.api.store.RunStore;
import io.cardlink.api.store.TaskCacheStore;
import io.cardlink.api.task.FailureCardTarget;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a scheduled task, streaming from end to end and pipelined: a reader thread ({@link PageReader}) reads the
 * remote cards, writes them to the extract file and queues them in pages (at most {@link #PAGES_AHEAD} ahead), while
 * the run's thread loads one page after the other ({@link PageLoader}), sending the page's bulk writes to the local
 * instance up to the connector's {@link Connection#localWritesInFlight()} at once ({@link ConcurrentWrites}), and its
 * look-ups of cards by key the same way: a page holds {@link #PAGE_SIZE} cards per write in flight. After a complete
 * full extract the cards gone from the remote are marked removed ({@link Removals}); an incremental task's watermark
 * moves after the load. The run's record is saved after every page, so that its counts show progress. The stop signal
 * is checked between pages. A dry run ({@link DryRunRecorder#active()}) reads, maps and compares the same way and
 * writes nothing: no extract file, no local card, no removal mark, no cache entry, no watermark, no failure card; the
 * recorder gets what a real run would write.
 */
final class SyncRun {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRun.class);
    static final int PAGE_SIZE = ConcurrentWrites.BATCH;
    /** Pages the reader may have read ahead of the loader: enough to ride out a slow page on either side. */
    static final int PAGES_AHEAD = 2;

    /** What every run needs from the engine. */
    record Services(RunStore runs, TaskCacheStore cache, MappingEngine mappings,
            ExtractFiles extracts, LoopGuard loopGuard, CardEvents timeline, Clock clock, Duration clockSkew,
            LocalSide local) {
    }

    private final Services services;
    private final ScheduledTask task;
    private final List<ScheduledTask> connectorTasks;
    private final RunProgress progress;
    private final String runId;
    private final DryRunRecorder dryRun;
    private Connection connection;
    private InstanceGateway local;
    private RetryCounts localRetriesBefore;

    SyncRun(Services services, Run run, ScheduledTask task, List<ScheduledTask> connectorTasks,
            DryRunRecorder dryRun) {
        this.services = services;
        this.task = task;
        this.connectorTasks = connectorTasks;
        this.progress = new RunProgress(run);
        this.runId = run.id();
        this.dryRun = dryRun;
    }

    /**
     * Executes the run and returns its final record. {@code confirmedRemovals} is asked when the removal threshold
     * is exceeded.
     */
    Run execute(Supplier<Connection> connect, StopSignal stop, BooleanSupplier confirmedRemovals) {
        progress.extractStarted(now());
        save();
        ExtractFiles.Writer extract = null;
        ConcurrentWrites writes = null;
        CacheWrites cacheWrites = null;
        try {
            dryRun.start();
            connection = connect.get();
            local = services.local().gateway();
            localRetriesBefore = local.retries();
            FarSide remote = connection.remote();
            Mapping mapping = task.mapping();
            TemplateSchema source = remote.template(task.remoteTemplate());
            TemplateSchema target = local.template(mapping.targetTemplate());
            CompiledMapping compiled = services.mappings().compile(mapping, source, target, Direction.READ);
            boolean incremental = task.mode() == TaskMode.INCREMENTAL;
            String since = incremental ? services.cache().watermark(task.id()).orElse(null) : null;
            Watermark watermark = remote instanceof ChangedRead changes
                    ? new Watermark(since, changes.markCeiling(progress.toRun().extract().startedAt(),
                            services.clockSkew()), changes.markOrder())
                    : Watermark.unmarked(since);
            ReturningCards returning = new ReturningCards(task.removal(), target);
            SeenKeys seen = new SeenKeys();
            CardEvents.RunEvents events = services.timeline().forRun(task, runId, !dryRun.active());
            int writesInFlight = Math.max(1, connection.localWritesInFlight());
            writes = new ConcurrentWrites(local, writesInFlight, "cardlink-write-" + runId);
            cacheWrites = new CacheWrites(services.cache(), "cardlink-cache-" + runId);
            PageLoader loader = new PageLoader(task.id(), task.name(), mapping, compiled, services.mappings(),
                    new ReferenceLookup(remote, writes, task, connectorTasks), remote, writes, cacheWrites,
                    seen, progress, watermark, services.loopGuard().forRun(task),
                    new Attachments(services.mappings(), remote, task.remoteTemplate(), local, target),
                    new Worklogs(mapping, target), returning, dryRun, events);

            if (dryRun.active()) {
                extract = ExtractFiles.discarding();
                progress.info("Dry run: nothing is written; the counts say what a real run would do");
            } else {
                extract = services.extracts().open(task.id(), runId, task.remoteTemplate(), now());
                progress.extractFile(extract.name());
            }
            if (since != null) {
                progress.info("Incremental read of the cards changed since " + since);
            }
            LOG.info("Reading {} cards of template '{}' from the remote instance into {}",
                    since == null ? "all" : "the changed", task.remoteTemplate(), extract.name());
            ReadRequest request = new ReadRequest(task.remoteTemplate(), task.remoteFolder(), task.settings(),
                    List.of());
            boolean complete = readAndLoad(reader(remote, request, since), extract, loader, stop,
                    PAGE_SIZE * writesInFlight);
            cacheWrites.flush();
            returning.report(progress::info);
            extract.finish(complete);
            if (!complete) {
                progress.extractEnded(RunStatus.STOPPED, now());
                progress.loadEnded(RunStatus.STOPPED, now());
                progress.info("Stopped on request after " + progress.toRun().counts().read() + " cards");
                return finish(RunStatus.STOPPED);
            }
            progress.extractEnded(RunStatus.SUCCESS, now());
            LOG.info("Extract complete: {} card(s) read", progress.toRun().counts().read());
            progress.loadStarted(now());
            if (!incremental && Removals.wanted(task.removal())) {
                if (loader.unmappedKeys() > 0) {
                    progress.info("No card was marked removed: " + loader.unmappedKeys()
                            + " remote card(s) could not be mapped, so their local cards can't be told from removed ones");
                } else {
                    Removals removals = new Removals(task.id(), mapping, task.removal(), target, local, seen,
                            services.cache(), dryRun, events);
                    progress.removed(removals.apply(confirmedRemovals.getAsBoolean(), progress::info));
                    events.completeRead();
                }
            }
            if (incremental && !dryRun.active()) {
                String next = watermark.next();
                if (next != null) {
                    services.cache().saveWatermark(task.id(), next);
                }
            }
            RunStatus outcome = progress.failed() > 0 || loader.hadProblems() ? RunStatus.COMPLETED_WITH_ERRORS
                    : RunStatus.SUCCESS;
            progress.loadEnded(outcome, now());
            if (outcome == RunStatus.COMPLETED_WITH_ERRORS) {
                writeFailureCard(local, "completed with errors (" + progress.failed() + " card(s) failed)");
            }
            return finish(outcome);
        } catch (Removals.ThresholdExceeded e) {
            progress.info(e.getMessage());
            progress.loadEnded(RunStatus.ERROR, now());
            progress.failure(RunFailure.REMOVAL_THRESHOLD);
            writeFailureCard(local, e.getMessage());
            return finish(RunStatus.ERROR);
        } catch (RuntimeException e) {
            LOG.warn("Run {} of task {} ('{}') failed: {}", runId, task.id(), task.name(), e.getMessage());
            progress.info("Failed: " + message(e));
            progress.extractEnded(RunStatus.ERROR, now());
            progress.loadEnded(RunStatus.ERROR, now());
            progress.failure(RunFailures.of(e));
            if (local != null) {
                writeFailureCard(local, message(e));
            }
            return finish(RunStatus.ERROR);
        } finally {
            if (cacheWrites != null) {
                cacheWrites.close();
            }
            if (writes != null) {
                writes.close();
            }
            if (extract != null) {
                extract.close();
            }
            if (connection != null) {
                connection.close();
            }
            dryRun.close();
            services.extracts().prune(task.id());
        }
    }

    /**
     * Reads every card on the reader's thread while this one loads the pages it hands on; false when stopped before
     * the end. Whatever ends the loop (the end, a stop, a failure on either side), the reader's thread has ended
     * when this returns.
     */
    /**
     * How the run reads the remote cards: those changed since the watermark, or all of them when there is none (a full
     * run, or the first incremental one: in full where the type can, else by a changed read from no mark).
     */
    private static Supplier<CardCursor> reader(FarSide remote, ReadRequest request, String since) {
        if (since == null && remote instanceof FullRead full) {
            return () -> full.read(request);
        }
        ChangedRead changed = TypeCapabilities.require(remote, Capability.READ_INCREMENTAL, ChangedRead.class);
        return () -> changed.readChanged(request, since);
    }

    private boolean readAndLoad(Supplier<CardCursor> read, ExtractFiles.Writer extract,
            PageLoader loader, StopSignal stop, int pageSize) {
        try (PageReader reader = new PageReader("cardlink-read-" + runId, read, extract,
                pageSize, PAGES_AHEAD).start()) {
            for (List<DataCard> page = reader.next(); page != null; page = reader.next()) {
                progress.loadStarted(now());
                loader.load(page);
                save();
                if (stop.stopRequested() && !reader.finished()) {
                    return false;
                }
            }
            return true;
        }
    }

    private void writeFailureCard(InstanceGateway local, String error) {
        FailureCardTarget target = task.failureCard();
        if (dryRun.active() || target == null || blank(target.template()) || blank(target.attribute())) {
            return;
        }
        String text = "Cardlink task '" + task.name() + "' run " + runId + " at " + now() + ": " + error;
        try {
            local.create(target.template(), DataCard.draft(target.template(), target.folder(),
                    Map.of(target.attribute(), List.of(new StringValue(text)))));
            progress.info("A failure card was written to template " + target.template());
        } catch (RuntimeException e) {
            progress.info("The failure card could not be written: " + message(e));
        }
    }

    private Run finish(RunStatus status) {
        progress.status(status);
        dryRun.finish(progress.toRun().counts(),
                status == RunStatus.SUCCESS || status == RunStatus.COMPLETED_WITH_ERRORS);
        return save();
    }

    private Run save() {
        if (connection != null) {
            // the local gateway is the engine's, shared by every run: count what came since this run began
            progress.retries(connection.remote().retries(),
                    local == null ? RetryCounts.NONE : local.retries().since(localRetriesBefore));
        }
        Run run = progress.toRun();
        try {
            return services.runs().update(run);
        } catch (RuntimeException e) {
            // Progress is best effort: a database hiccup must not fail a run that is loading fine.
            LOG.warn("Could not save the progress of run {}: {}", runId, e.getMessage());
            return run;
        }
    }

    private Instant now() {
        return services.clock().instant();
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
