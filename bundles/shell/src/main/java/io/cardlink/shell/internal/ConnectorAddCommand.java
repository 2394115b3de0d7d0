package io.cardlink.shell.internal;

import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.service.ConnectorRequest;
import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.ConnectorView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "cardlink", name = "connector-add", description = "Adds a connector; its secrets are asked for without echo.",
        detailedDescription = "Example: cardlink:connector-add -t coreproiga -s remoteUrl=https://other.example.com "
                + "-s remoteUser=webapi \"HR sync\"\n"
                + "Secrets (passwords) are never taken with -s: they would stay in the shell history. The local"
                + " instance's user and password are engine settings (cardlink:settings-set localUser ...).")
public class ConnectorAddCommand implements Action {

    @Reference(optional = true)
    ConnectorService connectors;

    @Reference(optional = true)
    ConnectorTypeRegistry types;

    @Reference
    Session session;

    @Argument(index = 0, name = "name", description = "Unique connector name", required = true)
    String name;

    @Option(name = "-t", aliases = "--type", description = "Connector type id", required = true)
    @Completion(ConnectorTypeCompleter.class)
    String type;

    @Option(name = "-d", aliases = "--description", description = "Free text description")
    String description;

    @Option(name = "-s", aliases = "--setting", description = "A setting (not a secret) as key=value; repeat for each",
            multiValued = true)
    List<String> settings;

    @Override
    public Object execute() {
        if (connectors == null) {
            throw new CommandRefused(CommandSupport.UNAVAILABLE);
        }
        Map<String, String> values = CommandSupport.keyValues(settings);
        Optional<ConnectorType> connectorType = types == null ? Optional.empty() : types.find(type);
        CommandSupport.refuseSecretValues(connectorType, values, "leave it out and type it when asked");
        askSecrets(connectorType, values);
        return CommandSupport.run(() -> {
            ConnectorView created = connectors.create(new ConnectorRequest(name, type, description, values));
            System.out.println("Connector '" + created.name() + "' added with id " + created.id()
                    + " (status " + created.status() + ").");
            return null;
        });
    }

    /** Asks for every required secret of the type. */
    private void askSecrets(Optional<ConnectorType> connectorType, Map<String, String> values) {
        for (SettingDescriptor setting : connectorType.map(ConnectorType::settings).orElse(List.of())) {
            if (setting.secret() && setting.required()) {
                values.put(setting.key(), CommandSupport.askSecret(session, setting.label()));
            }
        }
    }
}
