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

    EventTask createEvent(EventTask task);

    EventTask updateEvent(EventTask task);

    Optional<EventTask> findEvent(String id);

    List<EventTask> listEvent(String connectorId);

    boolean deleteEvent(String id);
}
