package io.cardlink.api.store;

import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Scheduled and event tasks. Task names are unique within a connector across both kinds. Each method is one
 * transaction.
 */
@ProviderType
public interface TaskStore {

    ScheduledTask createScheduled(ScheduledTask task);

    ScheduledTask updateScheduled(ScheduledTask task);

    Optional<ScheduledTask> findScheduled(String id);

    List<ScheduledTask> listScheduled(String connectorId);

    /** Every scheduled task of every connector, for the scheduler at start. */
    List<ScheduledTask> listAllScheduled();

    /** Removes a scheduled task with its runs; false when there was none. */
    boolean deleteScheduled(String id);

    /**
     * Creates an event task. The workflow references it names are saved as references an admin declared (first and
     * last used now, never called yet); a task's workflow references are read back with it, live or stale.
     */
    EventTask createEvent(EventTask task);

    /**
     * Replaces an event task's fields. Workflow references it names that the task does not have yet are declared;
     * those it has stay, whether named or not (they go stale when unused).
     */
    EventTask updateEvent(EventTask task);

    Optional<EventTask> findEvent(String id);

    List<EventTask> listEvent(String connectorId);

    /** Every event task of every connector. */
    List<EventTask> listAllEvent();

    /** Removes an event task with its workflow references; false when there was none. */
    boolean deleteEvent(String id);
}
