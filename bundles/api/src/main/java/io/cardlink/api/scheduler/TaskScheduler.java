package io.cardlink.api.scheduler;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Fires scheduled tasks and runs them through the {@link TaskRunner}, at most {@code maxConcurrentRuns} at once
 * per node and never two runs of one task at once; requests beyond the limit wait in arrival order. A schedule
 * fire that finds its task running or waiting is skipped and reported ({@link RunQueueListener#skipped}).
 *
 * <p>Cron expressions are Quartz cron expressions (seconds first) evaluated in UTC. A fixed interval counts from
 * the moment the task was scheduled: the first run comes one interval later. After downtime a missed schedule
 * runs once, not once per missed slot.
 */
@ProviderType
public interface TaskScheduler {

    /** The shortest interval a task may run at. */
    long MIN_INTERVAL_SECONDS = 10;

    /** The longest interval: one leap year. */
    long MAX_INTERVAL_SECONDS = 366L * 24 * 60 * 60;

    /**
     * Creates or replaces the trigger of a task; the change applies at once. A disabled task keeps no trigger (it
     * can still be run now). Throws {@link io.cardlink.api.ValidationException} (fields {@code schedule},
     * {@code schedule.cron}, {@code schedule.intervalSeconds}) when the schedule is invalid, leaving the previous
     * trigger in place.
     */
    void schedule(ScheduledTask task);

    /**
     * Removes the trigger of a task; false when it had none. A run that is running or waiting is left alone:
     * {@link #stop} ends it.
     */
    boolean unschedule(String taskId);

    /**
     * Runs a task now, whether it is enabled or not. While the task runs, one manual request is queued and starts
     * when that run ends; further requests return the waiting one ({@link RunAdmission.Outcome#ALREADY_WAITING}).
     * The scheduler does not look the task up: the runner reports a task that does not exist.
     */
    RunAdmission runNow(String taskId);

    /**
     * {@link #runNow(String)}, for a dry run when {@code dryRun}: the request says so ({@link RunRequest#dryRun()}).
     * A task's waiting request is returned as it is, whichever kind it is.
     */
    RunAdmission runNow(String taskId, boolean dryRun);

    /**
     * Asks the running run of a task to stop at its next page boundary, and drops its waiting request if it has
     * one. True when there was a run to stop or a request to drop.
     */
    boolean stop(String taskId);

    boolean isRunning(String taskId);

    /** When the task's trigger fires next; empty when it has none (disabled, unknown, or never again). */
    Optional<Instant> nextFireTime(String taskId);

    /** Every problem of a schedule, empty when it is valid; the same checks as {@link #schedule}. */
    List<FieldProblem> validateSchedule(Schedule schedule);

    /** The most fire times {@link #nextRuns} returns. */
    int MAX_PREVIEW = 50;

    /**
     * When a task given this schedule now would run: its next {@code count} fire times (1 to {@link #MAX_PREVIEW}),
     * fewer when the schedule ends sooner. Throws {@link io.cardlink.api.ValidationException} with the problems of
     * {@link #validateSchedule} for an invalid schedule, and on {@code count} when it is out of range.
     */
    List<Instant> nextRuns(Schedule schedule, int count);

    SchedulerSnapshot snapshot();

    /** The scheduler's nodes: those sharing the job store in a cluster, else this one. */
    List<SchedulerNode> nodes();
}
