package io.cardlink.engine.internal;

import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.service.EngineSettings.Environment;
import io.cardlink.api.store.ConnectorStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What a change of the engine settings means for the stored connectors: which of them would send passwords in clear
 * in the Prod environment. {@link EngineConfiguration} asks before it saves a change.
 */
@Component(service = ConnectorsForSettings.class)
public class ConnectorsForSettings {
    private final ConnectorStore connectors;
    private final ConnectorTypeRegistry types;

    @Activate
    public ConnectorsForSettings(@Reference ConnectorStore connectors, @Reference ConnectorTypeRegistry types) {
        this.connectors = connectors;
        this.types = types;
    }

    /** Connectors, by name, with a URL that the given environment refuses (http:// to another host in Prod). */
    List<String> refusedUrls(Environment environment) {
        List<String> names = new ArrayList<>();
        for (Connector connector : connectors.search(null)) {
            Optional<ConnectorType> type = types.find(connector.typeId());
            boolean refused = type.isPresent() && type.get().settings().stream()
                    .filter(setting -> setting.kind() == SettingDescriptor.Kind.URL)
                    .map(setting -> connector.setting(setting.key()))
                    .anyMatch(url -> url != null && ConnectorChecks.plainRefused(url, environment) != null);
            if (refused) {
                names.add(connector.name());
            }
        }
        return names;
    }
}
