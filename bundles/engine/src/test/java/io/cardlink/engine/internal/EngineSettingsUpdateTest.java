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

    /** The settings with two connectors of the CoreProIGA-like type, HR holding a local password given for the emulator. */
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
        Secrets secrets = new Secrets(dir.resolve("key"), connectors, registry, settings);
        for (String name : List.of("HR", "Plain")) {
            String url = name.equals("HR") ? "https://hr.example.com" : "http://plain.example.com";
            connectors.byId.put(name, new Connector(name, name, type.id(), null, Map.of("remoteUrl", url),
                    name.equals("HR") ? Map.of("localPassword", secrets.seal(new SecretAddress(name, "localPassword",
                            "http://localhost:8181"), "Local-1")) : Map.of(), Instant.EPOCH, Instant.EPOCH));
        }
        settings.connectors = new ConnectorsForSettings(connectors, registry, secrets);
        return settings;
    }

    @Test
    void anotherLocalHostNeedsTheLocalPasswordAgainAndSetsItOnEveryConnectorThatHasOne() {
        MemoryConnectors connectors = new MemoryConnectors();
        EngineConfiguration settings = withConnectors(connectors);
        String before = connectors.byId.get("HR").sealedSecrets().get("localPassword");

        ValidationException e = assertThrows(ValidationException.class,
                () -> settings.update(Map.of("localUrl", "https://attacker.example.net")));
        assertEquals("localPassword", e.problems().get(0).field());
        assertTrue(e.problems().get(0).problem().startsWith("required: localUrl moves to https://attacker.example.net:443,"
                + " and the local passwords of [HR] were given for another host"), e.problems().get(0).problem());
        assertNull(saved, "nothing saved");
        assertEquals(before, connectors.byId.get("HR").sealedSecrets().get("localPassword"));

        settings.update(Map.of("localUrl", "https://local.example.com/esm", "localPassword", "Local-2"));
        assertEquals("https://local.example.com/esm", saved.get("localUrl"));
        assertNull(saved.get("localPassword"), "not a setting: never written to the cfg file");
        String after = connectors.byId.get("HR").sealedSecrets().get("localPassword");
        assertTrue(after.startsWith("v2:"));
        assertTrue(new String(java.util.Base64.getUrlDecoder().decode(after.split(":")[2]))
                .equals("https://local.example.com:443"), after);
        assertEquals(Map.of(), connectors.byId.get("Plain").sealedSecrets(), "only connectors that have one");

        settings.update(Map.of("localUrl", "https://local.example.com/other-path"));
        assertEquals("https://local.example.com/other-path", settings.current().localUrl(), "same host: no password");
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
