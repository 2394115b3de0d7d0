package io.cardlink.shell.internal;

import io.cardlink.api.logs.LogService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "log-tail", description = "Prints the last lines of Cardlink's log files, or of"
        + " one run")
public class LogTailCommand implements Action {

    @Reference(optional = true)
    LogService logs;

    @Option(name = "--run", description = "Only the lines of this run (its id), from every file including rotated"
            + " ones")
    String run;

    @Option(name = "-n", aliases = "--lines", description = "How many lines")
    int lines = 50;

    @Override
    public Object execute() {
        if (logs == null) {
            throw new CommandRefused(LogListCommand.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            List<String> found = run == null ? logs.tail(lines) : logs.runLines(run, lines);
            if (found.isEmpty()) {
                System.out.println(run == null ? "Cardlink's log files are empty."
                        : "The log files hold no line of run " + run + " (any more).");
            }
            found.forEach(System.out::println);
            return null;
        });
    }
}
