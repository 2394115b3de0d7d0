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
@Command(scope = "cardlink", name = "connector-show", description = "Shows one connector; secrets show only whether they are set")
public class ConnectorShowCommand implements Action {

    @Reference(optional = true)
    ConnectorService connectors;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Override
    public Object execute() {
        if (connectors == null) {
            throw new CommandRefused(CommandSupport.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            ConnectorView view = connectors.get(connector);
            System.out.println("Name:        " + view.name());
            System.out.println("Id:          " + view.id());
            System.out.println("Type:        " + view.type());
            System.out.println("Status:      " + view.status());
            System.out.println("Description: " + (view.description() == null ? "" : view.description()));
            System.out.println("Tasks:       " + view.scheduledTasks() + " scheduled, " + view.eventTasks() + " event");
            System.out.println("Settings:");
            view.settings().forEach((key, value) -> System.out.println("  " + key + " = " + value));
            view.secretsSet().forEach(key -> System.out.println("  " + key + " = (set)"));
            return null;
        });
    }
}
