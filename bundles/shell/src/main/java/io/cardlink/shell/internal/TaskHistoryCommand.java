package io.cardlink.shell.internal;

import io.cardlink.api.service.RunService;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "task-history", description = "Lists a scheduled task's runs, newest first, after the planned time of its next run")
public class TaskHistoryCommand implements Action {

    @Reference(optional = true)
    RunService runs;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Argument(index = 1, name = "task", description = "Scheduled task name or id", required = true)
    @Completion(TaskCompleter.class)
    String task;

    @Option(name = "--limit", description = "How many runs to show")
    int limit = 20;

    @Override
    public Object execute() {
        if (runs == null) {
            throw new CommandRefused(RunPrinter.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            Instant next = runs.state(connector, task).nextRunAt();
            System.out.println("Next run: " + (next == null ? "not scheduled" : next));
            RunPrinter.table(System.out, runs.history(connector, task, limit));
            return null;
        });
    }
}
