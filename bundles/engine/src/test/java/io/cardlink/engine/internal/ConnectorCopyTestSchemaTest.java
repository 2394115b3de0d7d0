package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.connector.EndpointCheck.Result;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.service.ConnectionTestReport;
import io.cardlink.api.service.ConnectorView;
import io.cardlink.api.service.InstanceSide;
import io.cardlink.api.store.ConnectorStore;
import io.cardlink.api.store.RunStore;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying a connector, testing its connection and reading its instances' schemas. */
class ConnectorCopyTestSchemaTest {

    @TempDir
    Path dir;

    private final MemoryConnectors connectors = new MemoryConnectors();
    private final TaskFakes.Tasks tasks = new TaskFakes.Tasks();
    private final TaskFakes.Gateway remote = new TaskFakes.Gateway(TaskFakes.incident());
    private final TaskFakes.Gateway local = new TaskFakes.Gateway(TaskFakes.incident(), TaskFakes.syncFailure());
    private final TaskFakes.Type type = new TaskFakes.Type(remote, local);
    private boolean typeInstalled = true;
    private int closedConnections;
    private ConnectorManager manager;
    private Secrets secrets;
    private Connector source;

    @BeforeEach
    void setUp() {
        FixedSettings settings = new FixedSettings();
        secrets = new Secrets(dir.resolve("key"), connectors, TaskFakes.registry(type), new HeldLocalCredentials());
        RunStore runs = (RunStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RunStore.class},
                (proxy, method, args) -> Optional.empty());
        manager = new ConnectorManager(connectors, tasks, runs, TaskFakes.registry(type), secrets, settings,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        source = connectors.create(new Connector("c1", "Source", "fake", "the original",
                Map.of("url", "https://remote.example.com"), Map.of("password",
                        secrets.seal(new SecretAddress("c1", "password", ""), "Pw-1")), Instant.EPOCH, Instant.EPOCH));
        manager.connections = id -> {
            if (!typeInstalled) {
                throw new UnavailableException("connector type 'fake' is not installed");
            }
            return connection(checking(remote, Result.OK));
        };
        InstanceGateway localSide = checking(local, Result.WRONG_CREDENTIALS);
        manager.local = () -> localSide;
    }

    private Connection connection(InstanceGateway remoteSide) {
        return new Connection() {
            @Override
            public InstanceGateway remote() {
                return remoteSide;
            }

            @Override
            public void close() {
                closedConnections++;
            }
        };
    }

    /** The fake gateway, whose check reports the given result. */
    private static InstanceGateway checking(InstanceGateway gateway, Result result) {
        return (InstanceGateway) Proxy.newProxyInstance(ConnectorCopyTestSchemaTest.class.getClassLoader(),
                new Class<?>[] {InstanceGateway.class}, (proxy, method, args) -> {
                    if (method.getName().equals("check")) {
                        return new EndpointCheck("side", result, result.name(), 3);
                    }
                    try {
                        return method.invoke(gateway, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private ScheduledTask scheduled(String name, boolean enabled) {
        return tasks.createScheduled(new ScheduledTask(null, source.id(), name, enabled, new Schedule(null, 60L),
                TaskMode.FULL, Map.of("eqlFilter", "$status$ = 'x'"), "incident", "incident_management", null, null,
                null, null, null));
    }

    @Test
    void aCopyHasTheSettingsSecretsAndTasksWithScheduledTasksDisabled() {
        scheduled("Nightly", true);
        scheduled("Paused", false);
        tasks.createEvent(new EventTask(null, source.id(), "Create incident", "incident", null, "incident",
                "incident_management", null, List.of("wf-1"), null, null));

        ConnectorView copy = manager.copy("Source", "  Copy of source ");

        assertEquals("Copy of source", copy.name());
        assertNotEquals(source.id(), copy.id());
        assertEquals("fake", copy.type());
        assertEquals("the original", copy.description());
        assertEquals(source.settings(), copy.settings());
        String sealedCopy = connectors.find(copy.id()).orElseThrow().sealedSecrets().get("password");
        assertEquals("Pw-1", secrets.unseal(copy.id(), "password", sealedCopy));
        assertThrows(IllegalStateException.class, () -> secrets.unseal(source.id(), "password", sealedCopy),
                "sealed for the copy, it does not open as the source's");
        assertEquals(2, copy.scheduledTasks());
        assertEquals(1, copy.eventTasks());
        List<ScheduledTask> copied = tasks.listScheduled(copy.id());
        assertTrue(copied.stream().noneMatch(ScheduledTask::enabled), "copied scheduled tasks are disabled");
        assertEquals(Map.of("eqlFilter", "$status$ = 'x'"), copied.get(0).settings());
        EventTask event = tasks.listEvent(copy.id()).get(0);
        assertEquals("Create incident", event.name());
        assertFalse(event.inUse(), "workflows still call the original");
        assertTrue(tasks.findScheduled(tasks.listScheduled(source.id()).get(0).id()).orElseThrow().enabled(),
                "the original is untouched");
    }

    @Test
    void aCopyNeedsAFreeValidName() {
        assertThrows(ConflictException.class, () -> manager.copy("Source", "Source"));
        ValidationException invalid = assertThrows(ValidationException.class, () -> manager.copy("Source", " "));
        assertEquals("name", invalid.problems().get(0).field());
        assertThrows(NotFoundException.class, () -> manager.copy("No such", "X"));
        assertEquals(1, connectors.byId.size());
    }

    @Test
    void aCopyThatFailsPartWayLeavesNothingBehind() {
        scheduled("Nightly", true);
        connectors.afterCreate = () -> tasks.createScheduled(new ScheduledTask(null,
                connectors.byId.values().stream().filter(c -> !c.id().equals("c1")).findFirst().orElseThrow().id(),
                "Nightly", false, null, null, null, null, null, null, null, null, null, null));
        assertThrows(ConflictException.class, () -> manager.copy("Source", "Copy"));
        assertEquals(List.of("Source"), connectors.byId.values().stream().map(Connector::name).toList());
    }

    @Test
    void aTestReportsEachSideAndClosesTheConnection() {
        ConnectionTestReport report = manager.test("Source");
        assertEquals("c1", report.connectorId());
        assertEquals("Source", report.connectorName());
        assertEquals(Result.OK, report.remote().result());
        assertEquals(Result.WRONG_CREDENTIALS, report.local().result());
        assertFalse(report.ok());
        assertEquals(1, closedConnections);
    }

    @Test
    void withoutItsTypeATestIsUnavailableAndTheConnectorStaysListed() {
        typeInstalled = false;
        assertThrows(UnavailableException.class, () -> manager.test("Source"));
        assertThrows(UnavailableException.class, () -> manager.schemaTemplates("c1", InstanceSide.REMOTE));
        assertEquals(1, manager.list(null).size());
    }

    @Test
    void schemasOfEitherSide() {
        assertEquals(List.of("incident"),
                manager.schemaTemplates("Source", InstanceSide.REMOTE).stream().map(TemplateInfo::code).toList());
        assertEquals(List.of("incident", "sync_failure"),
                manager.schemaTemplates("Source", InstanceSide.LOCAL).stream().map(TemplateInfo::code).toList());
        assertEquals("sync_failure", manager.schemaTemplate("Source", InstanceSide.LOCAL, "sync_failure").code());
        assertThrows(NotFoundException.class, () -> manager.schemaTemplate("Source", InstanceSide.REMOTE,
                "sync_failure"));
        assertEquals(2, closedConnections, "the local side is the engine's: its reads open no connection");
    }

}
