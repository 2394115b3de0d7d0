package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import io.cardlink.api.service.EngineSettings;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Changing settings through the service: validated as a whole, written to Config Admin, applied at once. */
class EngineSettingsUpdateTest {
    private Dictionary<String, Object> saved;

    @SuppressWarnings("unchecked")
    private EngineConfiguration configuration() {
        Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getProperties":
                            return saved;
                        case "update":
                            saved = (Dictionary<String, Object>) args[0];
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
        ConfigurationAdmin admin = (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> configuration);
        // the annotation's defaults, as DS passes them when there is no configuration yet
        EngineConfiguration.Config defaults = (EngineConfiguration.Config) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {EngineConfiguration.Config.class},
                (proxy, method, args) -> method.getDefaultValue());
        return new EngineConfiguration(admin, defaults);
    }

    @Test
    void aChangeIsSavedAndAppliesAtOnce() {
        EngineConfiguration settings = configuration();
        EngineSettings changed = settings.update(Map.of("environment", "prod", "cacheClearHours", "12,6"));
        assertEquals(EngineSettings.Environment.PROD, changed.environment());
        assertEquals(List.of(6, 12), settings.current().cacheClearHours());
        assertEquals("PROD", saved.get("environment"));
        assertEquals("6,12", saved.get("cacheClearHours"));
        assertEquals("http://localhost:8181/emulator/local", saved.get("localUrl"), "unchanged keys keep their values");
    }

    @Test
    void unknownKeysAndBadValuesAreReportedTogetherAndNothingIsSaved() {
        EngineConfiguration settings = configuration();
        ValidationException e = assertThrows(ValidationException.class,
                () -> settings.update(Map.of("colour", "red", "maxConcurrentRuns", "0", "environment", "staging")));
        List<String> fields = e.problems().stream().map(FieldProblem::field).toList();
        assertTrue(fields.containsAll(List.of("colour", "maxConcurrentRuns", "environment")), fields.toString());
        assertNull(saved);
        assertEquals(EngineSettings.Environment.DEMO, settings.current().environment());
    }

    @TempDir
    Path dir;

    private Secrets secrets;

    /** The settings with two connectors of the CoreProIGA-like type and the node's secrets key. */
    private EngineConfiguration withConnectors(MemoryConnectors connectors) {
        EngineConfiguration settings = configuration();
        ConnectorType type = new ExportImportManagerTest.SyncType(new TaskFakes.Gateway(), new TaskFakes.Gateway());
        ConnectorTypeRegistry registry = new ConnectorTypeRegistry() {
            @Override
            public Optional<ConnectorType> find(String typeId) {
                return Optional.of(type).filter(t -> t.id().equals(typeId));
            }

            @Override
            public List<ConnectorType> installed() {
                return List.of(type);
            }
        };
        secrets = new Secrets(dir.resolve("key"), connectors, registry, settings);
        for (String name : List.of("HR", "Plain")) {
            String url = name.equals("HR") ? "https://hr.example.com" : "http://plain.example.com";
            connectors.byId.put(name, new Connector(name, name, type.id(), null, Map.of("remoteUrl", url), Map.of(),
                    Instant.EPOCH, Instant.EPOCH));
        }
        settings.connectors = new ConnectorsForSettings(connectors, registry);
        settings.secrets = secrets;
        return settings;
    }

    @Test
    void theLocalPasswordIsSealedForTheEngineBoundToTheLocalHostAndNeededAgainWhenItMoves() {
        MemoryConnectors connectors = new MemoryConnectors();
        EngineConfiguration settings = withConnectors(connectors);

        settings.update(Map.of("localUser", "webapi", "localPassword", "Local-1"));
        assertEquals("webapi", saved.get("localUser"));
        String sealed = (String) saved.get("localPassword");
        assertTrue(sealed.startsWith("v2:") && !sealed.contains("Local-1"), sealed);
        assertEquals("http://localhost:8181", EngineConfiguration.boundOrigin(sealed));
        assertEquals("Local-1", secrets.unseal(LocalCredentialStore.OWNER, "localPassword", sealed));
        assertThrows(RuntimeException.class, () -> secrets.unseal("HR", "localPassword", sealed),
                "sealed for the engine, it opens for no connector");
        assertEquals("webapi", settings.current().localUser());
        assertTrue(settings.current().localPasswordSet());

        ValidationException e = assertThrows(ValidationException.class,
                () -> settings.update(Map.of("localUrl", "https://attacker.example.net")));
        assertEquals(List.of(new FieldProblem("localPassword", "required: localUrl moves to"
                + " https://attacker.example.net:443, and the local password was given for http://localhost:8181;"
                + " give the local WebAPI password of the new instance")), e.problems());
        assertEquals("http://localhost:8181/emulator/local", saved.get("localUrl"), "nothing saved");
        assertEquals(sealed, saved.get("localPassword"));

        settings.update(Map.of("localUrl", "https://local.example.com/esm", "localPassword", "Local-2"));
        String after = (String) saved.get("localPassword");
        assertEquals("https://local.example.com:443", EngineConfiguration.boundOrigin(after));
        assertEquals("Local-2", secrets.unseal(LocalCredentialStore.OWNER, "localPassword", after));
        assertEquals(Map.of(), connectors.byId.get("HR").sealedSecrets(), "the connectors hold no local password");

        settings.update(Map.of("localUrl", "https://local.example.com/other-path"));
        assertEquals("https://local.example.com/other-path", settings.current().localUrl(), "same host: no password");
        assertEquals(after, saved.get("localPassword"));
    }

    @Test
    void aBlankLocalPasswordIsRefused() {
        EngineConfiguration settings = withConnectors(new MemoryConnectors());
        ValidationException e = assertThrows(ValidationException.class,
                () -> settings.update(Map.of("localPassword", " ")));
        assertEquals(List.of(new FieldProblem("localPassword", "must not be blank")), e.problems());
        assertNull(saved);
    }

    @Test
    void prodIsRefusedWhileAConnectorOrTheLocalUrlSendsInClearToAnotherHost() {
        MemoryConnectors connectors = new MemoryConnectors();
        EngineConfiguration settings = withConnectors(connectors);

        ValidationException e = assertThrows(ValidationException.class,
                () -> settings.update(Map.of("environment", "PROD")));
        assertEquals(List.of(new FieldProblem("environment", "Prod refuses http:// to another host, which connectors"
                + " [Plain] use: change them to https:// first")), e.problems());

        connectors.byId.remove("Plain");
        ValidationException local = assertThrows(ValidationException.class, () -> settings.update(Map.of(
                "environment", "PROD", "localUrl", "http://local.example.com", "localPassword", "Local-2")));
        assertEquals("localUrl", local.problems().get(0).field());

        settings.update(Map.of("environment", "PROD"));
        assertEquals(EngineSettings.Environment.PROD, settings.current().environment());
    }
}
