package io.cardlink.shell.internal;

import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.ConnectorView;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "cardlink", name = "connector-list", description = "Lists connectors, optionally those matching a search text")
public class ConnectorListCommand implements Action {

    @Reference(optional = true)
    ConnectorService connectors;

    @Argument(index = 0, name = "search", description = "Text searched in id, name, type and status", required = false)
    String search;

    @Override
    public Object execute() {
        if (connectors == null) {
            throw new CommandRefused(CommandSupport.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            List<ConnectorView> views = connectors.list(search);
            if (views.isEmpty()) {
                System.out.println(search == null ? "No connectors yet." : "No connector matches '" + search + "'.");
                return null;
            }
            ShellTable table = new ShellTable();
            table.column("Name");
            table.column("Type");
            table.column("Status");
            table.column("Scheduled");
            table.column("Event");
            table.column("Id");
            for (ConnectorView view : views) {
                table.addRow().addContent(view.name(), view.type(), view.status(), view.scheduledTasks(),
                        view.eventTasks(), view.id());
            }
            table.print(System.out);
            return null;
        });
    }
}
