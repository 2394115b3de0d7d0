package io.cardlink.engine.internal;

import io.cardlink.api.connector.RetryCounts;
import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.run.RunFailure;
import io.cardlink.api.run.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run has done so far, turned into its {@link Run} record after each page so that operators see progress.
 * Info messages are capped: the first ones usually explain the rest, and memory stays bounded. The last message
 * counts the retries each instance needed, so that a sick instance shows before it fails a run.
 */
final class RunProgress {

    // Below the store's own limit (200 entries), so that the note on dropped messages is kept too.
    static final int MAX_INFO = 150;

    private final Run initial;
    private RunStatus status = RunStatus.RUNNING;
    private Phase extract;
    private Phase load;
    private long read;
    private long created;
    private long updated;
    private long unchanged;
    private long removed;
    private long failed;
    private final List<String> info = new ArrayList<>();
    private long infoDropped;
    private String extractFile;
    private String retries;
    private RunFailure failure;

    /** Progress from nothing; the run's messages so far stay first (a run started again says why). */
    RunProgress(Run initial) {
        this.initial = initial;
        this.extract = Phase.pending();
        this.load = Phase.pending();
        initial.info().forEach(this::info);
    }

    void extractStarted(Instant at) {
        extract = new Phase(RunStatus.RUNNING, at, null);
    }

    void extractEnded(RunStatus outcome, Instant at) {
        if (extract.status() == RunStatus.RUNNING) {
            extract = new Phase(outcome, extract.startedAt(), at);
        }
    }

    void loadStarted(Instant at) {
        if (load.startedAt() == null) {
            load = new Phase(RunStatus.RUNNING, at, null);
        }
    }

    /** Ends the load phase; a load that never started gets the run's outcome without times. */
    void loadEnded(RunStatus outcome, Instant at) {
        load = load.startedAt() == null ? new Phase(outcome, null, null) : new Phase(outcome, load.startedAt(), at);
    }

    void status(RunStatus value) {
        status = value;
    }

    void failure(RunFailure cause) {
        failure = cause;
    }

    void extractFile(String name) {
        extractFile = name;
    }

    void read(long n) {
        read += n;
    }

    void created(long n) {
        created += n;
    }

    void updated(long n) {
        updated += n;
    }

    void unchanged(long n) {
        unchanged += n;
    }

    void removed(long n) {
        removed += n;
    }

    void failed(long n) {
        failed += n;
    }

    long failed() {
        return failed;
    }

    /** The retries each instance needed so far: one line, kept whatever the number of other messages. */
    void retries(RetryCounts remote, RetryCounts local) {
        retries = "Retries: remote instance " + remote + ", local instance " + local;
    }

    void info(String message) {
        if (info.size() < MAX_INFO) {
            info.add(message);
        } else {
            infoDropped++;
        }
    }

    Run toRun() {
        List<String> messages = new ArrayList<>(info);
        if (infoDropped > 0) {
            messages.add(infoDropped + " more message" + (infoDropped == 1 ? " was" : "s were") + " not kept");
        }
        if (retries != null) {
            messages.add(retries);
        }
        return new Run(initial.id(), initial.taskId(), initial.connectorId(), initial.trigger(), status,
                initial.plannedAt(), extract, load, new RunCounts(read, created, updated, unchanged, removed, failed),
                messages, extractFile, failure, initial.dryRun());
    }
}
