package io.cardlink.api.run;

import java.time.Instant;
import java.util.List;

/**
 * One execution of a scheduled task. {@code id} is the execution id; {@code info} holds messages such as per-card
 * errors with the card's key; {@code extractFile} names the JSON file of the extracted cards, if it is kept;
 * {@code failure} says why a run ended in error (null when it did not, or when nothing more is known).
 * {@code dryRun} marks a dry run: it read, mapped and compared like a real run and wrote nothing; its counts say what a
 * real run would have done, and it is never the task's last run for anything that decides (cache, watermark, task
 * list columns, alerts). {@code node} names the Cardlink node that queued or runs it (the one that must answer for
 * it when it is left unfinished); {@code confirmRemovals} lets it mark removed cards beyond the task's threshold, as
 * run now asked. A store's update never clears either (see the run store).
 */
public record Run(String id, String taskId, String connectorId, String trigger, RunStatus status,
        Instant plannedAt, Phase extract, Phase load, RunCounts counts, List<String> info, String extractFile,
        RunFailure failure, boolean dryRun, String node, boolean confirmRemovals) {

    public Run {
        info = info == null ? List.of() : List.copyOf(info);
        counts = counts == null ? RunCounts.ZERO : counts;
    }

    /** A run that names no node and no confirmation yet. */
    public Run(String id, String taskId, String connectorId, String trigger, RunStatus status, Instant plannedAt,
            Phase extract, Phase load, RunCounts counts, List<String> info, String extractFile, RunFailure failure,
            boolean dryRun) {
        this(id, taskId, connectorId, trigger, status, plannedAt, extract, load, counts, info, extractFile, failure,
                dryRun, null, false);
    }

    /** This run as {@code node} runs it. */
    public Run onNode(String node) {
        return new Run(id, taskId, connectorId, trigger, status, plannedAt, extract, load, counts, info, extractFile,
                failure, dryRun, node, confirmRemovals);
    }

    /** A real run (not a dry run). */
    public Run(String id, String taskId, String connectorId, String trigger, RunStatus status, Instant plannedAt,
            Phase extract, Phase load, RunCounts counts, List<String> info, String extractFile, RunFailure failure) {
        this(id, taskId, connectorId, trigger, status, plannedAt, extract, load, counts, info, extractFile, failure,
                false);
    }

    /** A real run with no failure cause. */
    public Run(String id, String taskId, String connectorId, String trigger, RunStatus status, Instant plannedAt,
            Phase extract, Phase load, RunCounts counts, List<String> info, String extractFile) {
        this(id, taskId, connectorId, trigger, status, plannedAt, extract, load, counts, info, extractFile, null,
                false);
    }
}
