package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.service.EngineSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connection gets each secret only at the origin it was given for, and nothing in clear in Prod. */
class ConnectorConnectionsTest {

    @TempDir
    Path dir;

    private final MemoryConnectors connectors = new MemoryConnectors();
    private final FixedSettings settings = new FixedSettings();
    private final AtomicReference<ConnectionConfig> opened = new AtomicReference<>();
    private ConnectorConnections connections;

    @BeforeEach
    void setUp() {
        ConnectorType type = new ExportImportManagerTest.SyncType(new TaskFakes.Gateway(), new TaskFakes.Gateway()) {
            @Override
            public Connection connect(ConnectionConfig config) {
                opened.set(config);
                return super.connect(config);
            }
        };
        ConnectorTypeRegistry registry = new ConnectorTypeRegistry() {
            @Override
            public Optional<ConnectorType> find(String typeId) {
                return Optional.of(type);
            }

            @Override
            public List<ConnectorType> installed() {
                return List.of(type);
            }
        };
        Secrets secrets = new Secrets(dir.resolve("key"), connectors, registry, new HeldLocalCredentials());
        connectors.byId.put("c1", new Connector("c1", "HR", ExportImportManagerTest.SyncType.ID, null,
                Map.of("remoteUrl", "http://hr.example.com"), Map.of(
                        "remotePassword", secrets.seal(new SecretAddress("c1", "remotePassword", "http://hr.example.com:80"),
                                "Remote-1")), Instant.EPOCH, Instant.EPOCH));
        connections = new ConnectorConnections(connectors, registry, secrets, settings);
    }

    @Test
    void eachSecretGoesToTheOriginItWasGivenFor() {
        connections.open("c1");
        assertEquals(Map.of("remotePassword", "Remote-1"), opened.get().secrets());

        // the remote URL moved past the connector's checks (the database edited): the password stays home
        Connector moved = connectors.byId.get("c1");
        connectors.byId.put("c1", new Connector("c1", "HR", moved.typeId(), null,
                Map.of("remoteUrl", "https://elsewhere.example.net"), moved.sealedSecrets(), Instant.EPOCH,
                Instant.EPOCH));
        connections.open("c1");
        assertEquals(Map.of(), opened.get().secrets());
    }

    @Test
    void prodSendsNoPasswordInClearToAnotherHostHoweverTheUrlGotThere() {
        settings.settings = new EngineSettings("http://local", "/api", EngineSettings.Environment.PROD, List.of(), 2,
                false);
        ValidationException e = assertThrows(ValidationException.class, () -> connections.open("c1"));
        assertEquals(List.of(
                new FieldProblem("settings.remoteUrl", "http:// to another host is refused in the Prod environment: use https://")),
                e.problems());
    }
}
