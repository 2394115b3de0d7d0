package io.cardlink.api.store;

import io.cardlink.api.connector.Connector;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import java.util.List;

/**
 * Connectors and tasks to write together. New items carry the ids they are to get (so that new tasks can name a
 * new connector); changed tasks carry the ids of the tasks they replace.
 */
public record ImportPlan(List<Connector> newConnectors, List<ScheduledTask> newScheduledTasks,
        List<ScheduledTask> changedScheduledTasks, List<EventTask> newEventTasks, List<EventTask> changedEventTasks) {

    public ImportPlan {
        newConnectors = newConnectors == null ? List.of() : List.copyOf(newConnectors);
        newScheduledTasks = newScheduledTasks == null ? List.of() : List.copyOf(newScheduledTasks);
        changedScheduledTasks = changedScheduledTasks == null ? List.of() : List.copyOf(changedScheduledTasks);
        newEventTasks = newEventTasks == null ? List.of() : List.copyOf(newEventTasks);
        changedEventTasks = changedEventTasks == null ? List.of() : List.copyOf(changedEventTasks);
    }

    public boolean isEmpty() {
        return newConnectors.isEmpty() && newScheduledTasks.isEmpty() && changedScheduledTasks.isEmpty()
                && newEventTasks.isEmpty() && changedEventTasks.isEmpty();
    }
}
