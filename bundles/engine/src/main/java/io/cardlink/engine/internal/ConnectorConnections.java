package io.cardlink.engine.internal;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.service.ConnectionProvider;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.store.ConnectorStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Opens connections: the connector's settings, its unsealed secrets and the local instance's address. */
@Component(service = ConnectionProvider.class)
public class ConnectorConnections implements ConnectionProvider {
    private final ConnectorStore connectors;
    private final ConnectorTypeRegistry types;
    private final Secrets secrets;
    private final SettingsService settings;

    @Activate
    public ConnectorConnections(@Reference ConnectorStore connectors, @Reference ConnectorTypeRegistry types,
            @Reference Secrets secrets, @Reference SettingsService settings) {
        this.connectors = connectors;
        this.types = types;
        this.secrets = secrets;
        this.settings = settings;
    }

    @Override
    public Connection open(String connectorId) {
        Connector connector = connectors.find(connectorId)
                .orElseThrow(() -> new NotFoundException("connector '" + connectorId + "' does not exist"));
        ConnectorType type = types.find(connector.typeId())
                .orElseThrow(() -> new UnavailableException("connector type '" + connector.typeId()
                        + "' of connector '" + connector.name() + "' is not installed"));
        Map<String, String> plain = new LinkedHashMap<>();
        connector.sealedSecrets().forEach((key, sealed) -> plain.put(key, secrets.unseal(sealed)));
        EngineSettings engine = settings.current();
        return type.connect(new ConnectionConfig(connector.id(), connector.settings(), plain, engine.localUrl(),
                engine.localApiPath()));
    }
}
