package io.cardlink.shell.internal;

import io.cardlink.api.service.Saved;
import io.cardlink.api.service.TaskService;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "task-edit", description = "Changes one field of a task; the whole task is validated again",
        detailedDescription = "Fields are named as in the REST JSON, such as enabled, schedule.cron, "
                + "schedule.intervalSeconds, mode, settings.<key> (a task setting of the connector's type, such as "
                + "settings.eqlFilter; the bare key works too), mapping.pairs (source=target,source=target), "
                + "mapping.uniqueKeyAttribute, mapping.taskNameAttribute, removal.removedValue, "
                + "removal.reactivateReturning, localTemplate, localFolder or workflowReferences"
                + " (comma separated; names new references, the task keeps those it has). "
                + "'none' clears an optional field (a task setting, removal, failureCard, localFolder, mapping.taskNameAttribute). Example: "
                + "cardlink:task-edit \"HR sync\" Incidents schedule.cron \"0 0/15 * * * ?\"")
public class TaskEditCommand implements Action {

    @Reference(optional = true)
    TaskService tasks;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Argument(index = 1, name = "task", description = "Task name or id", required = true)
    @Completion(TaskCompleter.class)
    String task;

    @Argument(index = 2, name = "field", description = "The field to change", required = true)
    @Completion(TaskFieldCompleter.class)
    String field;

    @Argument(index = 3, name = "value", description = "Its new value", required = true)
    String value;

    @Override
    public Object execute() {
        if (tasks == null) {
            throw new CommandRefused(TaskLookup.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            Object found = TaskLookup.find(tasks, connector, task);
            try {
                if (found instanceof ScheduledTask scheduled) {
                    Saved<ScheduledTask> saved = tasks.updateScheduled(connector, scheduled.id(),
                            TaskFields.edit(scheduled, field, value));
                    System.out.println("Scheduled task '" + saved.value().name() + "' changed.");
                    TaskAddCommand.printWarnings(saved);
                } else {
                    EventTask event = (EventTask) found;
                    Saved<EventTask> saved = tasks.updateEvent(connector, event.id(),
                            TaskFields.edit(event, field, value));
                    System.out.println("Event task '" + saved.value().name() + "' changed.");
                    TaskAddCommand.printWarnings(saved);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandRefused(e.getMessage());
            }
            return null;
        });
    }
}
