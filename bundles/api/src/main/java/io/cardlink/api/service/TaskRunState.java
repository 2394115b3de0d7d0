package io.cardlink.api.service;

import io.cardlink.api.run.Run;
import java.time.Instant;

/**
 * A scheduled task's state as its row in a task list shows it.
 *
 * @param taskId    the task
 * @param running   whether a run of it is running now (a waiting run shows as the last run, status WAITING)
 * @param nextRunAt when its schedule fires next; null when it has no trigger (disabled) or the scheduler is not running
 * @param lastRun   its latest run, or null when it never ran
 */
public record TaskRunState(String taskId, boolean running, Instant nextRunAt, Run lastRun) {
}
