package io.cardlink.shell.internal;

import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.service.ConnectorRequest;
import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.ConnectorView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "cardlink", name = "connector-edit",
        description = "Changes a connector's name, description or settings; what is not given stays as it is",
        detailedDescription = "Examples: cardlink:connector-edit \"HR sync\" --setting remoteUser=webapi2\n"
                + "  cardlink:connector-edit \"HR sync\" --secret remotePassword   (asks for the value without echo)\n"
                + "  cardlink:connector-edit \"HR sync\" --name \"HR sync EU\" --description \"moved to EU\"")
public class ConnectorEditCommand implements Action {

    @Reference(optional = true)
    ConnectorService connectors;

    @Reference(optional = true)
    ConnectorTypeRegistry types;

    @Reference
    Session session;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Option(name = "-n", aliases = "--name", description = "New unique name")
    String name;

    @Option(name = "-d", aliases = "--description", description = "New description")
    String description;

    @Option(name = "-s", aliases = "--setting", description = "A setting as key=value (secrets too); repeat for each",
            multiValued = true)
    @Completion(ConnectorSettingCompleter.class)
    List<String> settings;

    @Option(name = "--secret", description = "A secret setting to ask for without echo; repeat for each",
            multiValued = true)
    @Completion(ConnectorSettingCompleter.class)
    List<String> secretsToAsk;

    @Override
    public Object execute() throws IOException {
        if (connectors == null) {
            System.err.println(CommandSupport.UNAVAILABLE);
            return null;
        }
        Map<String, String> changes = CommandSupport.keyValues(settings, System.err);
        if (changes == null) {
            return null;
        }
        if (name == null && description == null && changes.isEmpty() && (secretsToAsk == null || secretsToAsk.isEmpty())) {
            System.err.println("Nothing to change: give --name, --description, --setting or --secret.");
            return null;
        }
        return CommandSupport.run(System.err, () -> {
            ConnectorView current = connectors.get(connector);
            if (!askSecrets(current, changes)) {
                return null;
            }
            // plain settings are replaced as a whole by an update; secrets not given keep their stored values
            Map<String, String> merged = new LinkedHashMap<>(current.settings());
            merged.putAll(changes);
            ConnectorView updated = connectors.update(current.id(), new ConnectorRequest(
                    name == null ? current.name() : name, current.type(),
                    description == null ? current.description() : description, merged));
            System.out.println("Connector '" + updated.name() + "' changed: "
                    + String.join(", ", changed(changes.keySet())) + ".");
            return null;
        });
    }

    private List<String> changed(Set<String> settingKeys) {
        List<String> what = new ArrayList<>();
        if (name != null) {
            what.add("name");
        }
        if (description != null) {
            what.add("description");
        }
        settingKeys.forEach(what::add);
        return what;
    }

    /** Reads each secret named with --secret from the terminal; false when one can't be read. */
    private boolean askSecrets(ConnectorView current, Map<String, String> changes) {
        if (secretsToAsk == null || secretsToAsk.isEmpty()) {
            return true;
        }
        Optional<ConnectorType> type = types == null ? Optional.empty() : types.find(current.type());
        for (String key : secretsToAsk) {
            Optional<SettingDescriptor> setting = type.flatMap(t -> t.setting(key));
            if (setting.isEmpty() || !setting.get().secret()) {
                System.err.println("'" + key + "' is not a secret setting of connector type '" + current.type() + "'.");
                return false;
            }
            if (session == null || session.getTerminal() == null) {
                System.err.println("No terminal to ask for '" + key + "'; give it with --setting " + key + "=...");
                return false;
            }
            try {
                String value = session.readLine(setting.get().label() + ": ", '*');
                if (value == null || value.isEmpty()) {
                    System.err.println("No value given for '" + key + "'; nothing changed.");
                    return false;
                }
                changes.put(key, value);
            } catch (IOException e) {
                System.err.println("Could not read '" + key + "' from the terminal; nothing changed.");
                return false;
            }
        }
        return true;
    }
}
