package io.cardlink.shell.internal;

import io.cardlink.api.service.TaskService;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "task-remove", description = "Removes a task; an event task that workflows use needs --force")
public class TaskRemoveCommand implements Action {

    @Reference(optional = true)
    TaskService tasks;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Argument(index = 1, name = "task", description = "Task name or id", required = true)
    @Completion(TaskCompleter.class)
    String task;

    @Option(name = "--force", description = "Remove an event task even though workflows use it")
    boolean force;

    @Override
    public Object execute() {
        if (tasks == null) {
            throw new CommandRefused(TaskLookup.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            Object found = TaskLookup.find(tasks, connector, task);
            if (found instanceof ScheduledTask scheduled) {
                tasks.deleteScheduled(connector, scheduled.id());
                System.out.println("Scheduled task '" + scheduled.name() + "' removed with its run history.");
            } else {
                EventTask event = (EventTask) found;
                tasks.deleteEvent(connector, event.id(), force);
                System.out.println("Event task '" + event.name() + "' removed.");
            }
            return null;
        });
    }
}
