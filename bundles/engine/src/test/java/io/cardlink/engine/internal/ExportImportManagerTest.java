package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.connector.SettingDescriptor.Kind;
import io.cardlink.api.connector.TaskSettingDescriptor;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.ExportImportService;
import io.cardlink.api.service.ImportReport;
import io.cardlink.api.service.ImportReport.Action;
import io.cardlink.api.service.ImportReport.ConnectorImport;
import io.cardlink.api.service.ImportReport.Refusal;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.store.ConfigurationStore;
import io.cardlink.api.store.ImportPlan;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.FailureCardTarget;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportImportManagerTest {
    private static final String PASSWORD = "export-Pa55word-xyz";
    private static final String REMOTE_SECRET = "remote-S3cret-abc";
    private static final String LOCAL_SECRET = "local-S3cret-abc";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Installation source;
    private Installation target;

    @BeforeEach
    void setUp() {
        source = new Installation(dir.resolve("source.key"));
        target = new Installation(dir.resolve("target.key"));
    }

    /** One Cardlink: stores, its own secret key, a connector type whose instances both have incident. */
    static final class Installation {
        final MemoryConnectors connectors = new MemoryConnectors();
        final TaskFakes.Tasks tasks = new TaskFakes.Tasks();
        final TaskFakes.Gateway remote = new TaskFakes.Gateway(TaskFakes.incident());
        final TaskFakes.Gateway local = new TaskFakes.Gateway(TaskFakes.incident(), TaskFakes.syncFailure());
        final SyncType type = new SyncType(remote, local);
        final Configuration configuration = new Configuration(connectors, tasks);
        final TaskFakes.Scheduler scheduler = new TaskFakes.Scheduler();
        final FixedSettings settings = new FixedSettings();
        final Secrets secrets;
        final ExportImportManager manager;

        Installation(Path keyFile) {
            ConnectorTypeRegistry registry = TaskFakes.registry(type);
            secrets = new Secrets(keyFile, connectors, registry, new HeldLocalCredentials());
            MappingEngine mappings = TaskFakes.mappingEngine();
            TaskManager taskService = new TaskManager(connectors, tasks, id -> type.connect(new ConnectionConfig(id,
                    connectors.find(id).orElseThrow().settings(), Map.of())), registry,
                    mappings, new WorkflowReferenceManager(tasks.references, connectors, tasks, Duration.ofDays(90),
                            Clock.systemUTC()), new MemoryStores(), () -> type.local);
            taskService.scheduler = scheduler;
            manager = new ExportImportManager(connectors, tasks, configuration, registry, secrets, taskService,
                    mappings, settings, () -> type.local, Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"),
                            ZoneOffset.UTC));
            manager.scheduler = scheduler;
        }

        Connector connector(String name, String remoteUrl, String remoteUser) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("remoteUrl", remoteUrl);
            settings.put("remoteApiPath", "/rest-api/itsm/v1");
            settings.put("remoteUser", remoteUser);
            String id = UUID.randomUUID().toString();
            Connector connector = new Connector(id, name, SyncType.ID, "about " + name, settings,
                    Map.of("remotePassword", secrets.seal(new SecretAddress(id, "remotePassword",
                            Origin.of(remoteUrl).orElseThrow()), REMOTE_SECRET)), Instant.EPOCH, Instant.EPOCH);
            connectors.byId.put(connector.id(), connector);
            return connector;
        }

        /** A connector as stored before the local instance was the engine's: with its own local credentials. */
        Connector withLocalCredentials(Connector connector, String user, String password) {
            Map<String, String> settings = new LinkedHashMap<>(connector.settings());
            settings.put("localUser", user);
            Map<String, String> sealed = new LinkedHashMap<>(connector.sealedSecrets());
            sealed.put("localPassword", secrets.seal(new SecretAddress(connector.id(), "localPassword",
                    "http://local:80"), password));
            Connector old = new Connector(connector.id(), connector.name(), connector.typeId(),
                    connector.description(), settings, sealed, connector.createdAt(), connector.updatedAt());
            connectors.byId.put(old.id(), old);
            return old;
        }

        ScheduledTask scheduled(Connector owner, ScheduledTask task) {
            return tasks.createScheduled(TaskManager.normalized(task, null, owner.id(), task.name()));
        }

        EventTask event(Connector owner, EventTask task) {
            return tasks.createEvent(TaskManager.normalized(task, null, owner.id(), task.name()));
        }

        List<String> taskNames(String connectorId) {
            List<String> names = new ArrayList<>();
            tasks.listScheduled(connectorId).forEach(t -> names.add(t.name()));
            tasks.listEvent(connectorId).forEach(t -> names.add(t.name()));
            return names;
        }
    }

    static Mapping incidentMapping(AttributePair... extra) {
        List<AttributePair> pairs = new ArrayList<>(List.of(new AttributePair("efecte_id", "source_key"),
                new AttributePair("subject", "subject"), new AttributePair("status", "status")));
        pairs.addAll(List.of(extra));
        return new Mapping("incident", "incident_management", pairs, "cardlink_task_id", "source_key");
    }

    static ScheduledTask incidents(String name, Mapping mapping) {
        return new ScheduledTask(null, null, name, true, Schedule.cron("0 0/15 * * * ?"), TaskMode.FULL,
                Map.of(TaskFakes.Type.FILTER, "status = 'new'"), "incident", "incident_management", mapping,
                new RemovalPolicy("status", "removed", 30, false),
                new FailureCardTarget("sync_failure", "integration", "message"), null, null);
    }

    static EventTask writeIncidents(String name) {
        return new EventTask(null, null, name, null, null, "incident", "incident_management",
                new Mapping(null, null, List.of(new AttributePair("subject", "subject")), null, "source_key"),
                List.of("onboarding"), null, null);
    }

    /** A source connector "HR sync" with a scheduled and an event task, exported. */
    private String exportedHrSync() {
        Connector hr = source.connector("HR sync", "https://hr.example.com", "webapi");
        source.scheduled(hr, incidents("incidents", incidentMapping()));
        source.event(hr, writeIncidents("write incidents"));
        return source.manager.export(List.of("HR sync"), PASSWORD.toCharArray());
    }

    private static List<String> refusedFields(ImportReport report) {
        return report.refused().stream().map(Refusal::field).toList();
    }

    @Test
    void anExportIsReadableButItsSecretsAreNot() throws Exception {
        String document = exportedHrSync();

        assertFalse(document.contains(REMOTE_SECRET));
        assertFalse(document.contains(LOCAL_SECRET));
        assertFalse(document.contains(PASSWORD));
        JsonNode json = JSON.readTree(document);
        assertEquals("cardlink-export", json.get("format").asText());
        assertEquals(2, json.get("version").asInt());
        assertEquals("2026-03-01T10:00:00Z", json.get("exportedAt").asText());
        assertEquals("PBKDF2WithHmacSHA256", json.at("/encryption/kdf").asText());
        assertTrue(json.at("/encryption/iterations").asInt() >= 600_000);
        assertEquals(16, Base64.getDecoder().decode(json.at("/encryption/salt").asText()).length);
        assertEquals("AES-256-GCM", json.at("/encryption/cipher").asText());
        JsonNode connector = json.at("/connectors/0");
        assertEquals("HR sync", connector.get("name").asText());
        assertEquals("https://hr.example.com", connector.at("/settings/remoteUrl").asText());
        assertEquals(Set.of("remotePassword"), Set.copyOf(iterable(connector.get("secrets"))));
        JsonNode task = connector.at("/scheduledTasks/0");
        assertEquals("incidents", task.get("name").asText());
        assertEquals("0 0/15 * * * ?", task.at("/schedule/cron").asText());
        assertEquals("source_key", task.at("/mapping/pairs/0/target").asText());
        assertEquals("status = 'new'", task.at("/settings/filter").asText());
        for (String hidden : List.of("id", "connectorId", "createdAt", "updatedAt")) {
            assertFalse(task.has(hidden), hidden);
            assertFalse(connector.at("/eventTasks/0").has(hidden), hidden);
        }
        assertFalse(json.get("authentication").asText().isEmpty());
    }

    private static List<String> iterable(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anImportIntoAnotherInstallationCreatesTheConnectorWithItsTasksAndSecrets() {
        String document = exportedHrSync();

        ImportReport report = target.manager.importDocument(document, PASSWORD.toCharArray(), false);

        assertTrue(report.applied(), report.toString());
        assertEquals(List.of(new ConnectorImport("HR sync", Action.CREATE, "HR sync",
                List.of("incidents", "write incidents"), List.of(), List.of())), report.connectors());
        Connector created = target.connectors.findByName("HR sync").orElseThrow();
        assertEquals("https://hr.example.com", created.setting("remoteUrl"));
        assertEquals(REMOTE_SECRET, target.secrets.unseal(created.id(), "remotePassword",
                created.sealedSecrets().get("remotePassword")));
        assertEquals(List.of("incidents", "write incidents"), target.taskNames(created.id()));
        ScheduledTask imported = target.tasks.listScheduled(created.id()).get(0);
        ScheduledTask original = source.tasks.listAllScheduled().get(0);
        assertEquals(ExportImportManager.scheduled(original, null, null),
                ExportImportManager.scheduled(imported, null, null));
        assertEquals(Set.of(imported.id()), target.scheduler.triggers.keySet());
    }

    /**
     * A version 1 file: a scheduled task's type-specific field beside its other fields, authenticated as version 1
     * did, over the document's fields written with sorted keys.
     */
    private String version1(String exported, Consumer<ObjectNode> change) throws Exception {
        ObjectNode file = (ObjectNode) JSON.readTree(exported);
        file.put("version", 1);
        file.remove("authentication");
        ObjectNode task = (ObjectNode) file.at("/connectors/0/scheduledTasks/0");
        task.setAll((ObjectNode) task.remove("settings"));
        ExportCipher cipher = ExportCipher.derive(PASSWORD.toCharArray(),
                Base64.getDecoder().decode(file.at("/encryption/salt").asText()),
                file.at("/encryption/iterations").asInt());
        file.put("authentication", cipher.authenticate(sortedKeys(file)));
        change.accept(file);
        return JSON.writeValueAsString(file);
    }

    private static byte[] sortedKeys(JsonNode document) throws Exception {
        ObjectMapper sorted = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
        return sorted.writeValueAsBytes(sorted.treeToValue(document, Object.class));
    }

    @Test
    void theCanonicalFormIsTheDocumentWithSortedKeys() throws Exception {
        ObjectNode file = (ObjectNode) JSON.readTree(exportedHrSync());
        ExportDocument document = ExportFormat.parse(JSON.writeValueAsString(file));
        file.remove("authentication");
        // what makes a version 1 file's authentication computable without the records of then
        assertEquals(new String(sortedKeys(file), StandardCharsets.UTF_8),
                new String(ExportFormat.canonical(document), StandardCharsets.UTF_8));
    }

    @Test
    void aVersion1FileWithTheSettingBesideTheTaskFieldsStillImports() throws Exception {
        String old = version1(exportedHrSync(), file -> { });
        assertEquals("status = 'new'", JSON.readTree(old).at("/connectors/0/scheduledTasks/0/filter").asText());

        ImportReport report = target.manager.importDocument(old, PASSWORD.toCharArray(), false);

        assertTrue(report.applied(), report.toString());
        Connector created = target.connectors.findByName("HR sync").orElseThrow();
        ScheduledTask imported = target.tasks.listScheduled(created.id()).get(0);
        assertEquals(Map.of("filter", "status = 'new'"), imported.settings());
        assertEquals(ExportImportManager.scheduled(source.tasks.listAllScheduled().get(0), null, null),
                ExportImportManager.scheduled(imported, null, null));

        String changed = version1(exportedHrSync(), file -> ((ObjectNode) file.at("/connectors/0/scheduledTasks/0"))
                .put("filter", "status = 'closed'"));
        ValidationException e = assertThrows(ValidationException.class,
                () -> target.manager.importDocument(changed, PASSWORD.toCharArray(), true));
        assertEquals("document", e.problems().get(0).field());
        assertTrue(e.problems().get(0).problem().startsWith("was changed after it was exported"),
                e.problems().get(0).problem());
    }

    @Test
    void anOldExportsLocalCredentialsAreLeftOutAndBecomeTheEnginesWhenItHasNone() {
        Connector hr = source.withLocalCredentials(source.connector("HR sync", "https://hr.example.com", "webapi"),
                "hr-local", LOCAL_SECRET);
        source.withLocalCredentials(source.connector("Other", "https://other.example.com", "webapi"), "other-local",
                "other-S3cret");
        source.scheduled(hr, incidents("incidents", incidentMapping()));
        String document = source.manager.export(List.of("HR sync", "Other"), PASSWORD.toCharArray());

        ImportReport dryRun = target.manager.importDocument(document, PASSWORD.toCharArray(), true);
        assertTrue(dryRun.refused().isEmpty(), dryRun.toString());
        assertEquals(List.of(), target.settings.updates, "a dry run changes nothing");

        ImportReport report = target.manager.importDocument(document, PASSWORD.toCharArray(), false);

        assertTrue(report.applied(), report.toString());
        assertTrue(report.warnings().contains("connector 'HR sync': its local WebAPI user and password were left"
                + " out: the local instance is set in the engine settings (cardlink:settings-set localUser ...)"),
                report.warnings().toString());
        assertTrue(report.warnings().contains("the engine had no local WebAPI user: it is now 'hr-local' with the"
                + " password of connector 'HR sync' of the document"), report.warnings().toString());
        assertEquals(List.of(Map.of("localUser", "hr-local", "localPassword", LOCAL_SECRET)), target.settings.updates);
        for (String name : List.of("HR sync", "Other")) {
            Connector created = target.connectors.findByName(name).orElseThrow();
            assertEquals(Set.of("remoteUrl", "remoteApiPath", "remoteUser"), created.settings().keySet());
            assertEquals(Set.of("remotePassword"), created.sealedSecrets().keySet());
        }

        ImportReport again = target.manager.importDocument(document, PASSWORD.toCharArray(), false);
        assertTrue(again.applied(), again.toString());
        assertEquals(1, target.settings.updates.size(), "the engine has a local password now: it keeps it");
        assertFalse(again.warnings().stream().anyMatch(w -> w.contains("merges into")), again.warnings().toString());
    }

    @Test
    void aTaskOptionIsWrittenOnlyWhenSetSoThatOlderExportsStayAuthentic() throws Exception {
        assertFalse(JSON.readTree(exportedHrSync()).at("/connectors/0/scheduledTasks/0/removal")
                .has("reactivateReturning"), "as in a file exported before the option existed");
        Connector other = source.connector("Other", "https://other.example.com", "webapi");
        ScheduledTask incidents = incidents("reactivating", incidentMapping());
        source.scheduled(other, new ScheduledTask(null, null, incidents.name(), true, incidents.schedule(),
                incidents.mode(), incidents.settings(), incidents.remoteTemplate(), incidents.remoteFolder(),
                incidents.mapping(), new RemovalPolicy("status", "removed", 30, true), null, null, null));
        String document = source.manager.export(List.of("Other"), PASSWORD.toCharArray());

        ImportReport report = target.manager.importDocument(document, PASSWORD.toCharArray(), false);

        assertTrue(report.applied(), report.toString());
        String imported = target.connectors.findByName("Other").orElseThrow().id();
        assertTrue(target.tasks.listScheduled(imported).get(0).removal().reactivateReturning());
    }

    @Test
    void aDryRunTellsWhatWouldHappenAndWritesNothing() {
        String document = exportedHrSync();

        ImportReport report = target.manager.importDocument(document, PASSWORD.toCharArray(), true);

        assertTrue(report.dryRun());
        assertFalse(report.applied());
        assertEquals(Action.CREATE, report.connectors().get(0).action());
        assertEquals(List.of("incidents", "write incidents"), report.connectors().get(0).tasksCreated());
        assertEquals(0, target.configuration.applied);
        assertTrue(target.connectors.byId.isEmpty());
    }

    @Test
    void aWrongPasswordIsRefusedAndNothingChanges() {
        String document = exportedHrSync();

        ValidationException e = assertThrows(ValidationException.class,
                () -> target.manager.importDocument(document, "export-Pa55word-xyZ".toCharArray(), false));

        assertEquals(List.of(new FieldProblem("password", "wrong password: it does not open this export")),
                e.problems());
        assertTrue(target.connectors.byId.isEmpty());
        assertEquals(0, target.configuration.applied);
    }

    @Test
    void aDocumentChangedAfterExportIsRefused() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(exportedHrSync());
        ((ObjectNode) json.at("/connectors/0/settings")).put("remoteUrl", "https://attacker.example.net");

        ValidationException e = assertThrows(ValidationException.class,
                () -> target.manager.importDocument(JSON.writeValueAsString(json), PASSWORD.toCharArray(), false));

        assertEquals("document", e.problems().get(0).field());
        assertTrue(e.problems().get(0).problem().contains("changed after it was exported"));
        assertTrue(target.connectors.byId.isEmpty());
    }

    @Test
    void aDocumentWithFewerIterationsOrAnotherFormatIsRefused() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(exportedHrSync());
        ((ObjectNode) json.get("encryption")).put("iterations", 1000);
        ValidationException weak = assertThrows(ValidationException.class,
                () -> target.manager.importDocument(JSON.writeValueAsString(json), PASSWORD.toCharArray(), false));
        assertEquals("document.encryption.iterations", weak.problems().get(0).field());

        ValidationException notAnExport = assertThrows(ValidationException.class,
                () -> target.manager.importDocument("{\"connectors\":[]}", PASSWORD.toCharArray(), false));
        assertEquals("document", notAnExport.problems().get(0).field());
    }

    @Test
    void anExportNeedsALongEnoughPasswordAndExistingConnectors() {
        source.connector("HR sync", "https://hr.example.com", "webapi");

        ValidationException e = assertThrows(ValidationException.class,
                () -> source.manager.export(List.of("HR sync", "nope"), "short-pass".toCharArray()));

        assertEquals(List.of("password", "connectors[1]"), e.problems().stream().map(FieldProblem::field).toList());
    }

    @Test
    void aConnectorTheTypeSaysIsTheSameIsMergedTaskByName() {
        String document = exportedHrSync();
        Connector existing = target.connector("People", "HTTPS://HR.example.com:443/", "webapi");
        ScheduledTask enabled = incidents("incidents", incidentMapping());
        ScheduledTask old = target.scheduled(existing, new ScheduledTask(null, null, enabled.name(), false,
                enabled.schedule(), enabled.mode(), enabled.settings(), enabled.remoteTemplate(),
                enabled.remoteFolder(), enabled.mapping(), enabled.removal(), enabled.failureCard(), null, null));
        target.scheduled(existing, incidents("kept", incidentMapping()));

        ImportReport report = target.manager.importDocument(document, PASSWORD.toCharArray(), false);

        assertTrue(report.applied(), report.toString());
        assertEquals(List.of(new ConnectorImport("HR sync", Action.MERGE, "People", List.of("write incidents"),
                List.of("incidents"), List.of())), report.connectors());
        assertEquals(1, target.connectors.byId.size());
        assertEquals(List.of("incidents", "kept", "write incidents"), target.taskNames(existing.id()));
        ScheduledTask updated = target.tasks.findScheduled(old.id()).orElseThrow();
        assertTrue(updated.enabled());
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("keeps its own settings and secrets")));
        assertEquals(existing, target.connectors.find(existing.id()).orElseThrow());

        ImportReport again = target.manager.importDocument(document, PASSWORD.toCharArray(), false);
        assertEquals(List.of("incidents", "write incidents"), again.connectors().get(0).tasksUnchanged());
        assertTrue(again.connectors().get(0).tasksUpdated().isEmpty());
    }

    @Test
    void aTypeThatTellsNoIdentityNeverMerges() {
        String document = exportedHrSync();
        Connector existing = target.connector("People", "https://hr.example.com", "webapi");
        target.type.identifies = false;

        ImportReport report = target.manager.importDocument(document, PASSWORD.toCharArray(), true);

        assertEquals(Action.CREATE, report.connectors().get(0).action());
        assertEquals("HR sync", report.connectors().get(0).target());
        assertEquals(List.of(), target.taskNames(existing.id()));
    }

    @Test
    void aNameTakenByAnUnrelatedConnectorIsRefused() {
        String document = exportedHrSync();
        target.connector("HR sync", "https://other.example.com", "webapi");

        ImportReport report = target.manager.importDocument(document, PASSWORD.toCharArray(), false);

        assertFalse(report.applied());
        assertEquals(List.of("connectors[0].name"), refusedFields(report));
        assertTrue(report.refused().get(0).reason().contains("already exists"));
        assertEquals(0, target.configuration.applied);
    }

    @Test
    void everyMissingAttributeIsListedAndNothingIsWritten() {
        Connector hr = source.connector("HR sync", "https://hr.example.com", "webapi");
        source.scheduled(hr, incidents("incidents", incidentMapping(new AttributePair("subject", "cost_centre"),
                new AttributePair("description", "region"))));
        source.scheduled(hr, incidents("fine", incidentMapping()));
        String document = source.manager.export(List.of("HR sync"), PASSWORD.toCharArray());

        ImportReport report = target.manager.importDocument(document, PASSWORD.toCharArray(), false);

        assertFalse(report.applied());
        assertEquals(List.of("mapping.pairs[3].target", "mapping.pairs[4].target"), refusedFields(report));
        assertTrue(report.refused().stream().allMatch(r -> r.task().equals("incidents")));
        assertTrue(report.refused().get(0).reason().contains("cost_centre"), report.toString());
        assertEquals(List.of("fine"), report.connectors().get(0).tasksCreated());
        assertEquals(0, target.configuration.applied);
        assertTrue(target.connectors.byId.isEmpty());
    }

    @Test
    void aMissingTemplateOfAMergeTargetIsCheckedThroughTheTaskService() {
        String document = exportedHrSync();
        target.connector("People", "https://hr.example.com", "webapi");
        target.local.templates.remove("sync_failure");

        ImportReport report = target.manager.importDocument(document, PASSWORD.toCharArray(), true);

        assertEquals(List.of("failureCard.template"), refusedFields(report));
        assertEquals("incidents", report.refused().get(0).task());
    }

    @Test
    void anImportRunsExactlyTheChecksOfCreate() {
        Connector stored = source.connector("HR sync", "https://hr.example.com", "webapi");
        Map<String, String> bad = new LinkedHashMap<>(stored.settings());
        bad.put("remoteUrl", "file:///etc/passwd");
        bad.put("remoteApiPath", "no-slash");
        // stored past the checks, as a document from elsewhere can carry anything
        source.connectors.byId.put(stored.id(), new Connector(stored.id(), "HR/sync", stored.typeId(), null, bad,
                stored.sealedSecrets(), stored.createdAt(), stored.updatedAt()));
        String document = source.manager.export(List.of("HR/sync"), PASSWORD.toCharArray());

        ImportReport report = target.manager.importDocument(document, PASSWORD.toCharArray(), false);

        assertFalse(report.applied());
        assertEquals(List.of("connectors[0].name", "connectors[0].settings.remoteUrl",
                "connectors[0].settings.remoteApiPath"), refusedFields(report));
        assertEquals("must be an http or https URL with a host, such as https://tenant.efectecloud.com",
                report.refused().get(1).reason());
        assertTrue(target.connectors.byId.isEmpty());
    }

    @Test
    void anImportRefusesTasksTheTargetTypeCannotRunWithTheMessagesOfASave() {
        String document = exportedHrSync();
        target.type.capabilities.removeAll(TypeCapabilities.WRITES);
        target.type.capabilities.remove(Capability.READ_FULL);

        ImportReport report = target.manager.importDocument(document, PASSWORD.toCharArray(), false);

        assertFalse(report.applied());
        assertEquals(List.of(new Refusal("HR sync", "incidents", "mode", "connector type 'sync' does not support read"
                + " full (it supports: read incremental, find by keys, transfer files)"), new Refusal("HR sync", "write incidents", "remoteTemplate",
                "connector type 'sync' writes no cards (it supports none of write create, write update, write delete):"
                + " an event task can't write through it")), report.refused().stream()
                        .filter(r -> r.field().equals("mode") || r.field().equals("remoteTemplate")).toList());
        assertTrue(target.connectors.byId.isEmpty());
    }

    @Test
    void aConnectorTypeThatIsNotInstalledIsRefused() throws Exception {
        Connector hr = source.connector("HR sync", "https://hr.example.com", "webapi");
        source.connectors.byId.put(hr.id(), new Connector(hr.id(), hr.name(), "sap", null, hr.settings(),
                hr.sealedSecrets(), hr.createdAt(), hr.updatedAt()));
        String document = source.manager.export(List.of("HR sync"), PASSWORD.toCharArray());

        ImportReport report = target.manager.importDocument(document, PASSWORD.toCharArray(), false);

        assertEquals(List.of("connectors[0].type"), refusedFields(report));
        assertFalse(report.applied());
    }

    /** Applies a plan to the fake stores at once, as the JPA store does in one transaction. */
    static final class Configuration implements ConfigurationStore {
        private final MemoryConnectors connectors;
        private final TaskFakes.Tasks tasks;
        int applied;

        Configuration(MemoryConnectors connectors, TaskFakes.Tasks tasks) {
            this.connectors = connectors;
            this.tasks = tasks;
        }

        @Override
        public ImportPlan apply(ImportPlan plan) {
            applied++;
            plan.newConnectors().forEach(c -> connectors.byId.put(c.id(), c));
            plan.newScheduledTasks().forEach(t -> tasks.scheduled.put(t.id(), t));
            plan.changedScheduledTasks().forEach(t -> tasks.scheduled.put(t.id(), t));
            for (EventTask task : plan.newEventTasks()) {
                tasks.event.put(task.id(), task.withWorkflowReferences(List.of()));
                tasks.references.declare(task, tasks.now);
            }
            for (EventTask task : plan.changedEventTasks()) {
                tasks.event.put(task.id(), task.withWorkflowReferences(List.of()));
                tasks.references.declare(task, tasks.now);
            }
            return plan;
        }
    }

    /** A connector type with the settings of CoreProIGA over the fake instances. */
    static class SyncType implements ConnectorType {
        static final String ID = "sync";
        final Set<Capability> capabilities = EnumSet.allOf(Capability.class);
        boolean identifies = true;
        private final InstanceGateway remote;
        private final InstanceGateway local;

        SyncType(InstanceGateway remote, InstanceGateway local) {
            this.remote = remote;
            this.local = local;
        }

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String displayName() {
            return "Sync";
        }

        @Override
        public List<TaskSettingDescriptor> taskSettings() {
            return List.of(new TaskSettingDescriptor(TaskFakes.Type.FILTER, "Filter", TaskSettingDescriptor.Kind.FILTER,
                    false, null, "Which remote cards to read"));
        }

        @Override
        public List<SettingDescriptor> settings() {
            return List.of(new SettingDescriptor("remoteUrl", "Remote", Kind.URL, true, null, "remote"),
                    new SettingDescriptor("remoteApiPath", "Path", Kind.PATH, true, "/rest-api/itsm/v1", "path"),
                    new SettingDescriptor("remoteUser", "User", Kind.TEXT, true, null, "user"),
                    new SettingDescriptor("remotePassword", "Password", Kind.SECRET, true, null, "password",
                            "remoteUrl"));
        }

        @Override
        public Class<? extends FarSide> farSide() {
            return FarSideSubset.classOf(capabilities);
        }

        @Override
        public Connection connect(ConnectionConfig config) {
            return new Connection() {
                @Override
                public FarSide remote() {
                    return FarSideSubset.of(remote, capabilities);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Optional<SettingDescriptor> setting(String key) {
            return settings().stream().filter(s -> s.key().equals(key)).findFirst();
        }

        /** The remote's host and the remote user, as CoreProIGA's; none at all where the test says so. */
        @Override
        public Optional<String> identity(Map<String, String> settings) {
            String url = settings.get("remoteUrl");
            String host = url == null ? null : URI.create(url).getHost();
            String user = settings.get("remoteUser");
            return !identifies || host == null || user == null ? Optional.empty()
                    : Optional.of(host.toLowerCase(Locale.ROOT) + " as " + user);
        }
    }
}
