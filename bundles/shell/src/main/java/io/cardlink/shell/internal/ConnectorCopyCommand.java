package io.cardlink.shell.internal;

import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.ConnectorView;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "connector-copy",
        description = "Copies a connector with its settings, secrets and tasks; the copy's scheduled tasks are disabled")
public class ConnectorCopyCommand implements Action {

    @Reference(optional = true)
    ConnectorService connectors;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Argument(index = 1, name = "new-name", description = "Name of the copy", required = true)
    String newName;

    @Override
    public Object execute() {
        if (connectors == null) {
            throw new CommandRefused(CommandSupport.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            ConnectorView copy = connectors.copy(connector, newName);
            System.out.println("Connector '" + copy.name() + "' created with id " + copy.id() + " ("
                    + copy.scheduledTasks() + " scheduled task(s), disabled; " + copy.eventTasks()
                    + " event task(s)).");
            return null;
        });
    }
}
