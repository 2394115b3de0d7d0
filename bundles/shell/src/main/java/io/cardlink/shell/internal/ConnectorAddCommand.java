package io.cardlink.shell.internal;

import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.service.ConnectorRequest;
import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.ConnectorView;
import java.io.IOException;
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
@Command(scope = "cardlink", name = "connector-add", description = "Adds a connector. Secrets not given with -s are asked for without echo.",
        detailedDescription = "Example: cardlink:connector-add -t coreproiga -s remoteUrl=https://other.example.com "
                + "-s remoteUser=webapi -s localUser=webapi \"HR sync\"")
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

    @Option(name = "-s", aliases = "--setting", description = "A setting as key=value; repeat for each", multiValued = true)
    List<String> settings;

    @Override
    public Object execute() throws IOException {
        if (connectors == null) {
            System.err.println(CommandSupport.UNAVAILABLE);
            return null;
        }
        Map<String, String> values = CommandSupport.keyValues(settings, System.err);
        if (values == null) {
            return null;
        }
        promptForMissingSecrets(values);
        return CommandSupport.run(System.err, () -> {
            ConnectorView created = connectors.create(new ConnectorRequest(name, type, description, values));
            System.out.println("Connector '" + created.name() + "' added with id " + created.id()
                    + " (status " + created.status() + ").");
            return null;
        });
    }

    /** Asks for required secrets without echo when a terminal is attached; in a script they must come with -s. */
    private void promptForMissingSecrets(Map<String, String> values) throws IOException {
        Optional<ConnectorType> connectorType = types == null ? Optional.empty() : types.find(type);
        if (connectorType.isEmpty() || session == null || session.getTerminal() == null) {
            return;
        }
        for (SettingDescriptor setting : connectorType.get().settings()) {
            if (setting.secret() && setting.required() && !values.containsKey(setting.key())) {
                String value = session.readLine(setting.label() + ": ", '*');
                if (value != null && !value.isEmpty()) {
                    values.put(setting.key(), value);
                }
            }
        }
    }
}
