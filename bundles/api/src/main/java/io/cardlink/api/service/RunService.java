package io.cardlink.api.service;

import io.cardlink.api.run.DryRunReport;
import io.cardlink.api.run.Run;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs of scheduled tasks as operators drive them: run now, stop, clear the cache, history, a run's detail and its
 * extract file. {@code connector} and {@code task} accept an id or a name; an unknown one is a
 * {@link io.cardlink.api.NotFoundException}.
 */
@ProviderType
public interface RunService {

    /** The most runs {@link #history} returns. */
    int MAX_HISTORY = 500;

    /**
     * Asks for a run now, whether the task is enabled or not, and returns its record (waiting or running). With
     * {@code confirmRemovals}, this run marks removed cards even beyond the task's removal threshold.
     */
    Run runNow(String connector, String task, boolean confirmRemovals);

    /**
     * {@link #runNow(String, String, boolean)}, as a dry run when {@code dryRun}: the run reads, maps and compares
     * like a real run and writes nothing; {@link #dryRunReport} tells what it found. A waiting run of the task is
     * returned as it is, whichever kind it is.
     */
    Run runNow(String connector, String task, boolean confirmRemovals, boolean dryRun);

    /** Asks the task's running run to stop at its next page and drops its waiting run; false when there was none. */
    boolean stop(String connector, String task);

    /** Clears the task cache: the next run loads every card again. Returns how many entries were dropped. */
    long clearCache(String connector, String task);

    /** Whether the task runs now, when it runs next and how its last run went. */
    TaskRunState state(String connector, String task);

    /** The task's runs, newest first, at most {@code limit} (1 to {@link #MAX_HISTORY}). */
    List<Run> history(String connector, String task, int limit);

    /** A run with its counts so far; {@link io.cardlink.api.NotFoundException} when there is none. */
    Run get(String runId);

    /** The run's extract file; {@link io.cardlink.api.NotFoundException} when the run kept none or it was pruned. */
    Path extractFile(String runId);

    /**
     * What a dry run found, at most {@link io.cardlink.api.run.DryRunReport#SHOWN} cards per kind;
     * {@link io.cardlink.api.NotFoundException} when the run is not a dry run, has not ended, or its file was pruned.
     */
    DryRunReport dryRunReport(String runId);

    /** The JSON file of a dry run, with every card; {@link io.cardlink.api.NotFoundException} as for the report. */
    Path dryRunFile(String runId);
}
