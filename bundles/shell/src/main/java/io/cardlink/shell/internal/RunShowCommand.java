package io.cardlink.shell.internal;

import io.cardlink.api.run.Run;
import io.cardlink.api.service.RunService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "run-show",
        description = "Shows a run: status, phases, counts so far and messages; for a dry run that ended, what it found")
public class RunShowCommand implements Action {

    @Reference(optional = true)
    RunService runs;

    @Argument(index = 0, name = "run", description = "Run (execution) id", required = true)
    String run;

    @Override
    public Object execute() {
        if (runs == null) {
            throw new CommandRefused(RunPrinter.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            Run found = runs.get(run);
            RunPrinter.detail(System.out, found);
            if (found.dryRun() && found.status().finished()) {
                RunPrinter.dryRun(System.out, runs.dryRunReport(run));
            }
            return null;
        });
    }
}
