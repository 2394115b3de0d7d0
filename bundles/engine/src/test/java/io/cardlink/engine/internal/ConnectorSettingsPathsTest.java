package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.connector.SettingDescriptor.Kind;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.service.ConnectorRequest;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.EngineSettings.Environment;
import io.cardlink.api.service.ImportReport;
import io.cardlink.api.store.RunStore;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Create, update and import check a connector's settings with the one validator ({@link ConnectorChecks#settings}):
 * for each rule of the type's descriptors, the three paths refuse the same settings under the same field with the
 * same message.
 */
class ConnectorSettingsPathsTest {
    private static final char[] EXPORT_PASSWORD = "export-Pa55word-xyz".toCharArray();

    @TempDir
    Path dir;

    private final MemoryConnectors connectors = new MemoryConnectors();
    private final TaskFakes.Tasks tasks = new TaskFakes.Tasks();
    private final FixedSettings engineSettings = new FixedSettings();
    private final EveryKindType type = new EveryKindType();
    private Secrets secrets;
    private ConnectorManager manager;
    private ExportImportManager exportImport;

    @BeforeEach
    void setUp() {
        ConnectorTypeRegistry registry = TaskFakes.registry(type);
        secrets = new Secrets(dir.resolve("key"), connectors, registry, new HeldLocalCredentials());
        manager = new ConnectorManager(connectors, tasks, noRuns(), registry, secrets, engineSettings,
                Clock.systemUTC());
        MappingEngine mappings = TaskFakes.mappingEngine();
        TaskManager taskService = new TaskManager(connectors, tasks, id -> {
            throw new AssertionError("a document without tasks opens no connection");
        }, registry, mappings, new WorkflowReferenceManager(tasks.references, connectors, tasks, Duration.ofDays(90),
                Clock.systemUTC()), new MemoryStores(), () -> {
                    throw new AssertionError("a document without tasks reads no local instance");
                });
        exportImport = new ExportImportManager(connectors, tasks, new ExportImportManagerTest.Configuration(
                connectors, tasks), registry, secrets, taskService, mappings, engineSettings, () -> {
                    throw new AssertionError("a document without tasks reads no local instance");
                }, Clock.systemUTC());
    }

    private static RunStore noRuns() {
        return (RunStore) Proxy.newProxyInstance(ConnectorSettingsPathsTest.class.getClassLoader(),
                new Class<?>[] {RunStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("latest")) {
                        return Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Map<String, String> good() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("url", "https://remote.example.com");
        settings.put("user", "webapi");
        settings.put("password", "Secret-1");
        return settings;
    }

    private static Map<String, String> good(Consumer<Map<String, String>> change) {
        Map<String, String> settings = good();
        change.accept(settings);
        return settings;
    }

    /** The problems creating a connector with these settings reports. */
    private List<FieldProblem> created(Map<String, String> settings) {
        ValidationException refused = assertThrows(ValidationException.class,
                () -> manager.create(new ConnectorRequest("Created", EveryKindType.ID, null, settings)));
        return refused.problems();
    }

    /** The problems updating a valid connector to these settings reports; nothing is written. */
    private List<FieldProblem> updated(Map<String, String> settings) {
        String id = manager.create(new ConnectorRequest("Updated", EveryKindType.ID, null, good())).id();
        ValidationException refused = assertThrows(ValidationException.class,
                () -> manager.update(id, new ConnectorRequest("Updated", null, null, settings)));
        assertEquals(good().get("url"), connectors.byId.get(id).settings().get("url"));
        connectors.delete(id);
        return refused.problems();
    }

    /**
     * The refusals of importing a document that carries a connector with these settings (stored past the checks, as
     * a document from elsewhere can carry anything), with the document's field prefix taken off.
     */
    private List<FieldProblem> imported(Map<String, String> settings) {
        String id = UUID.randomUUID().toString();
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> sealed = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (type.setting(key).map(SettingDescriptor::secret).orElse(false)) {
                sealed.put(key, secrets.seal(new SecretAddress(id, key, ""), value));
            } else {
                plain.put(key, value);
            }
        });
        connectors.byId.put(id, new Connector(id, "Imported", EveryKindType.ID, null, plain, sealed, Instant.EPOCH,
                Instant.EPOCH));
        String document = exportImport.export(List.of("Imported"), EXPORT_PASSWORD);
        connectors.byId.remove(id);

        ImportReport report = exportImport.importDocument(document, EXPORT_PASSWORD, false);

        assertFalse(report.applied());
        assertEquals(List.of(), List.copyOf(connectors.byId.values()), "nothing was written");
        return report.refused().stream().map(r -> new FieldProblem(r.field().replace("connectors[0].", ""),
                r.reason())).toList();
    }

    /** The three paths refuse these settings alike, with exactly the expected problems. */
    private void allPathsRefuse(Map<String, String> settings, FieldProblem... expected) {
        List<FieldProblem> problems = List.of(expected);
        assertEquals(problems, created(settings), "create");
        assertEquals(problems, updated(settings), "update");
        assertEquals(problems, imported(settings), "import");
    }

    @Test
    void aRequiredSettingIsRequiredOnEveryPath() {
        allPathsRefuse(good(s -> s.remove("user")), new FieldProblem("settings.user", "required"));
    }

    @Test
    void aUrlIsAnHttpOrHttpsUrlWithAHostOnEveryPath() {
        allPathsRefuse(good(s -> s.put("url", "file:///etc/passwd")), new FieldProblem("settings.url",
                "must be an http or https URL with a host, such as https://tenant.efectecloud.com"));
    }

    @Test
    void aPathStartsWithASlashOnEveryPath() {
        allPathsRefuse(good(s -> s.put("path", "api")), new FieldProblem("settings.path",
                "must be a path starting with '/', such as /rest-api/itsm/v1"));
    }

    @Test
    void aNumberIsAtLeastOneAndAtMostItsMaximumOnEveryPath() {
        allPathsRefuse(good(s -> s.put("tries", "0")), new FieldProblem("settings.tries",
                "must be a whole number of 1 or more"));
        allPathsRefuse(good(s -> s.put("writes", "17")), new FieldProblem("settings.writes",
                "must be a whole number from 1 to 16"));
    }

    @Test
    void certificatesArePemOnEveryPath() {
        allPathsRefuse(good(s -> s.put("ca", "not a certificate")), new FieldProblem("settings.ca",
                "must be one or more PEM certificates (-----BEGIN CERTIFICATE----- ...)"));
    }

    @Test
    void anUnknownSettingIsRefusedOnEveryPath() {
        allPathsRefuse(good(s -> s.put("colour", "blue")), new FieldProblem("settings.colour",
                "unknown setting for connector type 'every'"));
    }

    @Test
    void theProdEnvironmentRefusesPlainHttpToAnotherHostOnEveryPath() {
        engineSettings.settings = new EngineSettings("https://local.example.com", "/api", Environment.PROD,
                List.of(0), 2, false);
        allPathsRefuse(good(s -> s.put("url", "http://remote.example.com")), new FieldProblem("settings.url",
                "http:// to another host is refused in the Prod environment: use https://"));
    }

    @Test
    void theTypesOwnCheckOfTheSettingsAsAWholeRunsOnEveryPath() {
        allPathsRefuse(good(s -> s.put("url", "https://remote.example.com/api")), new FieldProblem("settings.path",
                "'/api' is already the end of url"));
    }

    @Test
    void theTypeChecksOnlySettingsThatPassedTheirDescriptors() {
        allPathsRefuse(good(s -> {
            s.put("url", "https://remote.example.com/api");
            s.put("tries", "0");
        }), new FieldProblem("settings.tries", "must be a whole number of 1 or more"));
    }

    @Test
    void aRequiredSecretIsRequiredWhereNoValueIsStored() {
        Map<String, String> withoutPassword = good(s -> s.remove("password"));
        List<FieldProblem> required = List.of(new FieldProblem("settings.password", "required"));
        assertEquals(required, created(withoutPassword), "create");
        assertEquals(required, imported(withoutPassword), "import: a new connector has no stored secret");
    }

    /**
     * An update keeps a stored password unless its host changed: then it is required again. A new connector (created
     * or imported) has none to keep, so the same settings are refused there as a missing secret.
     */
    @Test
    void aPasswordFollowsItsHost() {
        Map<String, String> moved = good(s -> {
            s.remove("password");
            s.put("url", "https://elsewhere.example.net");
        });
        assertEquals(List.of(new FieldProblem("settings.password", "required again: url now points at"
                + " https://elsewhere.example.net:443, and the stored value was given for"
                + " https://remote.example.com:443")), updated(moved));
        List<FieldProblem> required = List.of(new FieldProblem("settings.password", "required"));
        assertEquals(required, created(moved), "create");
        assertEquals(required, imported(moved), "import");
    }

    @Test
    void settingsEveryPathAcceptsAreStoredAlike() {
        Map<String, String> settings = good(s -> s.put("path", " /other "));
        Map<String, String> createdSettings = manager.create(new ConnectorRequest("Created", EveryKindType.ID, null,
                settings)).settings();
        String id = connectors.byId.values().iterator().next().id();
        Map<String, String> stored = connectors.byId.get(id).settings();
        String document = exportImport.export(List.of("Created"), EXPORT_PASSWORD);
        connectors.delete(id);

        ImportReport report = exportImport.importDocument(document, EXPORT_PASSWORD, false);

        assertEquals(List.of(), report.refused());
        assertEquals(stored, connectors.byId.values().iterator().next().settings());
        assertEquals("/other", createdSettings.get("path"));
        assertEquals(Set.of("password"), connectors.byId.values().iterator().next().sealedSecrets().keySet());
    }

    /** A type with a setting of every kind and rule. */
    static final class EveryKindType implements ConnectorType {
        static final String ID = "every";

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String displayName() {
            return "Every kind";
        }

        @Override
        public List<SettingDescriptor> settings() {
            return List.of(new SettingDescriptor("url", "URL", Kind.URL, true, null, ""),
                    new SettingDescriptor("path", "Path", Kind.PATH, true, "/api", ""),
                    new SettingDescriptor("user", "User", Kind.TEXT, true, null, ""),
                    new SettingDescriptor("password", "Password", Kind.SECRET, true, null, "", "url"),
                    new SettingDescriptor("ca", "Trusted certificates", Kind.CERTIFICATES, false, null, ""),
                    new SettingDescriptor("tries", "Tries", Kind.NUMBER, false, null, ""),
                    SettingDescriptor.number("writes", "Writes", true, 4, 16, ""));
        }

        @Override
        public Class<InstanceGateway> farSide() {
            return InstanceGateway.class;
        }

        /** A rule only the type knows: the URL does not already end with the API path. */
        @Override
        public List<FieldProblem> validateSettings(Map<String, String> settings) {
            String path = settings.get("path");
            return settings.get("url").endsWith(path)
                    ? List.of(new FieldProblem("path", "'" + path + "' is already the end of url")) : List.of();
        }

        @Override
        public Connection connect(ConnectionConfig config) {
            throw new AssertionError("settings are checked without connecting");
        }
    }
}
