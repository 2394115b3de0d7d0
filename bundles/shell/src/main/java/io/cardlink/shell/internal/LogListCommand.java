package io.cardlink.shell.internal;

import io.cardlink.api.logs.LogFile;
import io.cardlink.api.logs.LogService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "cardlink", name = "log-list", description = "Lists Cardlink's log files with size and last change")
public class LogListCommand implements Action {
    static final String UNAVAILABLE = "Cardlink's logs are not available right now: the engine bundle is not active.";

    @Reference(optional = true)
    LogService logs;

    @Override
    public Object execute() {
        if (logs == null) {
            throw new CommandRefused(UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            ShellTable table = new ShellTable();
            table.column("Name");
            table.column("Bytes").alignRight();
            table.column("Last change");
            for (LogFile file : logs.list()) {
                table.addRow().addContent(file.name(), file.size(), file.lastModified());
            }
            table.print(System.out);
            return null;
        });
    }
}
