package io.cardlink.shell.internal;

import io.cardlink.api.service.RunService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "task-stop", description = "Stops a scheduled task's run at its next page and drops its waiting run")
public class TaskStopCommand implements Action {

    @Reference(optional = true)
    RunService runs;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Argument(index = 1, name = "task", description = "Scheduled task name or id", required = true)
    @Completion(TaskCompleter.class)
    String task;

    @Override
    public Object execute() {
        if (runs == null) {
            throw new CommandRefused(RunPrinter.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            System.out.println(runs.stop(connector, task) ? "Asked the run to stop" : "The task has no run to stop");
            return null;
        });
    }
}
