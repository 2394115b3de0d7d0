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
@Command(scope = "cardlink", name = "task-copy", description = "Copies a task under a new name; a copied scheduled task starts disabled")
public class TaskCopyCommand implements Action {

    @Reference(optional = true)
    TaskService tasks;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Argument(index = 1, name = "task", description = "Task name or id", required = true)
    @Completion(TaskCompleter.class)
    String task;

    @Argument(index = 2, name = "name", description = "The copy's name", required = true)
    String name;

    @Override
    public Object execute() {
        if (tasks == null) {
            throw new CommandRefused(TaskLookup.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            Object found = TaskLookup.find(tasks, connector, task);
            if (found instanceof ScheduledTask scheduled) {
                Saved<ScheduledTask> copy = tasks.copyScheduled(connector, scheduled.id(), name);
                System.out.println("Scheduled task '" + scheduled.name() + "' copied to '" + copy.value().name()
                        + "' (disabled; enable it with task-edit ... enabled true).");
                TaskAddCommand.printWarnings(copy);
            } else {
                Saved<EventTask> copy = tasks.copyEvent(connector, ((EventTask) found).id(), name);
                System.out.println("Event task '" + ((EventTask) found).name() + "' copied to '"
                        + copy.value().name() + "'.");
                TaskAddCommand.printWarnings(copy);
            }
            return null;
        });
    }
}
