package io.cardlink.engine.internal;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.Validation;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.service.ConnectionProvider;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.store.ConnectorStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections to the connectors' remote instances: the connector's settings and its unsealed secrets. A secret
 * goes only to the origin it was given for. The local instance is the engine's ({@link LocalInstance}).
 */
@Component(service = ConnectionProvider.class)
public class ConnectorConnections implements ConnectionProvider {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorConnections.class);

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
        EngineSettings engine = settings.current();
        refusePlainHttp(connector, type, engine);
        Map<String, String> plain = new LinkedHashMap<>();
        connector.sealedSecrets().forEach((key, sealed) -> {
            Optional<SettingDescriptor> setting = type.setting(key);
            Optional<String> bound = secrets.boundOrigin(sealed);
            String origin = setting.map(s -> SecretOrigins.of(s, connector.settings())).orElse("");
            if (bound.isPresent() && !bound.get().equals(origin)) {
                // the URL moved past the connector's checks (a cfg file, config:property-set): the secret stays home
                LOG.warn("Connector '{}': {} was given for {}, and {} now points at {}; it is not sent there until it"
                        + " is given again", connector.name(), key, bound.get(),
                        setting.map(SettingDescriptor::sentTo).orElse(key), origin);
                return;
            }
            plain.put(key, secrets.unseal(connector.id(), key, sealed));
        });
        return checked(type, type.connect(new ConnectionConfig(connector.id(), connector.settings(), plain)));
    }

    /**
     * The connection, when its far side is of the class its type names: the type's capabilities are derived from
     * that class, so a far side of another class could lack what the engine then offers.
     */
    static Connection checked(ConnectorType type, Connection connection) {
        Object remote = connection.remote();
        if (!type.farSide().isInstance(remote)) {
            connection.close();
            throw new IllegalStateException("connector type '" + type.id() + "' opened a far side "
                    + (remote == null ? "null" : remote.getClass().getName()) + " that is not the "
                    + type.farSide().getName() + " it names");
        }
        return connection;
    }

    /** The Prod environment sends no password in clear to another machine, however the URL got there. */
    private static void refusePlainHttp(Connector connector, ConnectorType type, EngineSettings engine) {
        Validation validation = new Validation();
        for (SettingDescriptor setting : type.settings()) {
            String url = connector.setting(setting.key());
            if (setting.kind() == SettingDescriptor.Kind.URL && url != null) {
                String problem = ConnectorChecks.plainRefused(url, engine.environment());
                if (problem != null) {
                    validation.add("settings." + setting.key(), problem);
                }
            }
        }
        validation.throwIfInvalid();
    }
}
