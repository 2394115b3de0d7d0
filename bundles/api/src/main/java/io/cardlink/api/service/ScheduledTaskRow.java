package io.cardlink.api.service;

import io.cardlink.api.run.RunStatus;
import io.cardlink.api.task.ScheduledTask;
import java.time.Instant;

/**
 * A scheduled task as a task list shows it.
 *
 * @param task              the task
 * @param lastExtractStatus the extract status of its latest run that got past waiting; null when it never ran
 * @param lastLoadStatus    the load status of that run; null when it never ran
 * @param nextRunAt         when its schedule fires next; null when it has no trigger (disabled) or the scheduler is
 *                          not running
 */
public record ScheduledTaskRow(ScheduledTask task, RunStatus lastExtractStatus, RunStatus lastLoadStatus,
        Instant nextRunAt) {
}
