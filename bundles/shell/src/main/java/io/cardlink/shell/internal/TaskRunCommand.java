package io.cardlink.shell.internal;

import io.cardlink.api.run.Run;
import io.cardlink.api.service.RunService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "task-run", description = "Runs a scheduled task now")
public class TaskRunCommand implements Action {

    @Reference(optional = true)
    RunService runs;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Argument(index = 1, name = "task", description = "Scheduled task name or id", required = true)
    @Completion(TaskCompleter.class)
    String task;

    @Option(name = "--confirm-removals", description = "Mark removed cards even beyond the task's removal threshold")
    boolean confirmRemovals;

    @Option(name = "--dry-run", description = "Read, map and compare as a real run, write nothing, and report what a"
            + " real run would do (cardlink:run-show prints it once the run has ended)")
    boolean dryRun;

    @Override
    public Object execute() {
        if (runs == null) {
            throw new CommandRefused(RunPrinter.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            Run run = runs.runNow(connector, task, confirmRemovals, dryRun);
            System.out.println((run.dryRun() ? "Dry run " : "Run ") + run.id() + " is "
                    + RunPrinter.status(run.status()) + "; follow it with cardlink:run-show " + run.id());
            return null;
        });
    }
}
