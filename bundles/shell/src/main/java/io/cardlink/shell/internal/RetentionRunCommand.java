package io.cardlink.shell.internal;

import io.cardlink.api.retention.RetentionReport;
import io.cardlink.api.retention.RetentionService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "retention-run", description = "Removes now the runs, finished event operations,"
        + " extract files and alerts that the retention settings no longer keep (as the daily clean-up does)")
public class RetentionRunCommand implements Action {

    @Reference(optional = true)
    RetentionService retention;

    @Override
    public Object execute() {
        if (retention == null) {
            throw new CommandRefused("Retention is not available right now: the storage or the engine bundle is not"
                    + " active.");
        }
        return CommandSupport.run(() -> {
            RetentionReport report = retention.runNow();
            System.out.println("Removed " + report.runs() + " run(s), " + report.operations()
                    + " finished event operation(s), " + report.extractFiles() + " extract file(s), "
                    + report.alerts() + " alert(s) and " + report.timelineEntries() + " card timeline entr(y/ies).");
            return null;
        });
    }
}
