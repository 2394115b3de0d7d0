package io.cardlink.api.service;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Scheduled and event tasks of a connector. {@code connector} is a connector id or name, {@code task} a task id or
 * its name within the connector. In drafts, id, connector id and times are ignored. Every save validates the whole
 * draft first (a {@link io.cardlink.api.ValidationException} lists every problem) and is one transaction.
 */
@ProviderType
public interface TaskService {

    /**
     * The connector's scheduled tasks; {@code search} is matched (case-insensitive, part of a word) against names,
     * templates, mode, filter and the columns of {@link #listScheduledRows}.
     */
    List<ScheduledTask> listScheduled(String connector, String search);

    /**
     * The connector's scheduled tasks with their task-list columns: last extract and load status, next run (one store
     * query for all the tasks). Besides the texts of {@link #listScheduled}, {@code search} matches {@code enabled} or
     * {@code disabled}, {@code extract:STATUS} and {@code load:STATUS} (such as {@code load:error}, a task whose last
     * load failed), and {@code never-run}.
     */
    List<ScheduledTaskRow> listScheduledRows(String connector, String search);

    ScheduledTask getScheduled(String connector, String task);

    Saved<ScheduledTask> createScheduled(String connector, ScheduledTask draft);

    /** Replaces a task's fields; its name can't change. A changed mapping clears the task cache. */
    Saved<ScheduledTask> updateScheduled(String connector, String task, ScheduledTask draft);

    Saved<ScheduledTask> copyScheduled(String connector, String task, String newName);

    void deleteScheduled(String connector, String task);

    List<EventTask> listEvent(String connector, String search);

    EventTask getEvent(String connector, String task);

    Saved<EventTask> createEvent(String connector, EventTask draft);

    Saved<EventTask> updateEvent(String connector, String task, EventTask draft);

    Saved<EventTask> copyEvent(String connector, String task, String newName);

    /**
     * Removes an event task. One that workflows use is removed only with {@code force}; otherwise a
     * {@link io.cardlink.api.ConflictException} names the workflows.
     */
    void deleteEvent(String connector, String task, boolean force);

    /**
     * Checks a scheduled-task draft of a connector against everything the save would check, without saving.
     * Problems are returned; reasons a check could not be made (an unreachable instance) go into {@code warnings}.
     */
    List<FieldProblem> validateScheduled(String connectorId, ScheduledTask draft, List<String> warnings);

    /** As {@link #validateScheduled} for an event task. */
    List<FieldProblem> validateEvent(String connectorId, EventTask draft, List<String> warnings);

    /**
     * When a scheduled task with this schedule would run if it were saved now: its next {@code count} run times,
     * for the task editor's preview. A {@link io.cardlink.api.ValidationException} names {@code schedule},
     * {@code schedule.cron}, {@code schedule.intervalSeconds} or {@code count} as a save would;
     * {@link io.cardlink.api.UnavailableException} while the scheduler is not running.
     */
    List<Instant> nextRuns(Schedule schedule, int count);
}
