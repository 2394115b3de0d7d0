package io.cardlink.shell.internal;

import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.ConnectorView;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "connector-remove", description = "Removes a connector; one with tasks needs --confirm")
public class ConnectorRemoveCommand implements Action {

    @Reference(optional = true)
    ConnectorService connectors;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Option(name = "--confirm", description = "Also remove the connector's tasks and their history")
    boolean confirm;

    @Override
    public Object execute() {
        if (connectors == null) {
            throw new CommandRefused(CommandSupport.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            ConnectorView view = connectors.get(connector);
            connectors.delete(view.id(), confirm);
            System.out.println("Connector '" + view.name() + "' removed.");
            return null;
        });
    }
}
