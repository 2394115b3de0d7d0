package io.cardlink.shell.internal;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.service.ConnectorRequest;
import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.ConnectorView;
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
                + "  cardlink:connector-edit \"HR sync\" --name \"HR sync EU\" --description \"moved to EU\"\n"
                + "A URL that moves to another host needs its password again; it is asked for.")
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

    @Option(name = "-s", aliases = "--setting", description = "A setting (not a secret) as key=value; repeat for each",
            multiValued = true)
    @Completion(ConnectorSettingCompleter.class)
    List<String> settings;

    @Option(name = "--secret", description = "A secret setting to ask for without echo; repeat for each",
            multiValued = true)
    @Completion(ConnectorSettingCompleter.class)
    List<String> secretsToAsk;

    @Override
    public Object execute() {
        if (connectors == null) {
            throw new CommandRefused(CommandSupport.UNAVAILABLE);
        }
        Map<String, String> changes = CommandSupport.keyValues(settings);
        if (name == null && description == null && changes.isEmpty() && (secretsToAsk == null || secretsToAsk.isEmpty())) {
            throw new CommandRefused("Nothing to change: give --name, --description, --setting or --secret.");
        }
        return CommandSupport.run(() -> {
            ConnectorView current = connectors.get(connector);
            Optional<ConnectorType> type = types == null ? Optional.empty() : types.find(current.type());
            CommandSupport.refuseSecretValues(type, changes, "give --secret KEY and type it when asked");
            askSecrets(type, current, changes);
            ConnectorView updated;
            try {
                updated = connectors.update(current.id(), request(current, changes));
            } catch (ValidationException e) {
                // a URL that moved to another host needs its password again: ask for it, then try once more
                if (!askRefusedSecrets(type, e, changes)) {
                    throw e;
                }
                updated = connectors.update(current.id(), request(current, changes));
            }
            System.out.println("Connector '" + updated.name() + "' changed: "
                    + String.join(", ", changed(changes.keySet())) + ".");
            return null;
        });
    }

    /** Plain settings are replaced as a whole by an update; secrets not given keep their stored values. */
    private ConnectorRequest request(ConnectorView current, Map<String, String> changes) {
        Map<String, String> merged = new LinkedHashMap<>(current.settings());
        merged.putAll(changes);
        return new ConnectorRequest(name == null ? current.name() : name, current.type(),
                description == null ? current.description() : description, merged);
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

    /** Reads each secret named with --secret from the terminal. */
    private void askSecrets(Optional<ConnectorType> type, ConnectorView current, Map<String, String> changes) {
        for (String key : secretsToAsk == null ? List.<String>of() : secretsToAsk) {
            Optional<SettingDescriptor> setting = type.flatMap(t -> t.setting(key));
            if (setting.isEmpty() || !setting.get().secret()) {
                throw new CommandRefused("'" + key + "' is not a secret setting of connector type '" + current.type()
                        + "'.");
            }
            changes.put(key, CommandSupport.askSecret(session, setting.get().label()));
        }
    }

    /** Asks for the secrets the refusal names, when they were not given; false when there is nothing to ask. */
    private boolean askRefusedSecrets(Optional<ConnectorType> type, ValidationException refused,
            Map<String, String> changes) {
        List<SettingDescriptor> missing = new ArrayList<>();
        for (FieldProblem problem : refused.problems()) {
            String key = problem.field().startsWith("settings.") ? problem.field().substring(9) : null;
            Optional<SettingDescriptor> setting = type.flatMap(t -> key == null ? Optional.empty() : t.setting(key));
            if (setting.isEmpty() || !setting.get().secret() || changes.containsKey(key)) {
                return false;
            }
            missing.add(setting.get());
        }
        if (session == null || session.getTerminal() == null) {
            return false;
        }
        for (SettingDescriptor setting : missing) {
            System.out.println(setting.key() + ": " + refused.problems().stream()
                    .filter(p -> p.field().equals("settings." + setting.key())).findFirst().orElseThrow().problem());
            String value = CommandSupport.askSecret(session, setting.label());
            changes.put(setting.key(), value);
        }
        return true;
    }
}
