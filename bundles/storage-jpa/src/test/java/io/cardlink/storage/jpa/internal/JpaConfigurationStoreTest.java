package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.store.ImportPlan;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaConfigurationStoreTest extends StoreTestBase {

    private JpaConfigurationStore store;

    @BeforeEach
    void createStore() {
        store = new JpaConfigurationStore(database.jpa());
    }

    private static Connector unsaved(String name) {
        Connector fixture = Fixtures.connector(name);
        return new Connector(UUID.randomUUID().toString(), fixture.name(), fixture.typeId(), fixture.description(),
                fixture.settings(), fixture.sealedSecrets(), null, null);
    }

    private static ScheduledTask withId(ScheduledTask task) {
        return new ScheduledTask(UUID.randomUUID().toString(), task.connectorId(), task.name(), task.enabled(),
                task.schedule(), task.mode(), task.settings(), task.remoteTemplate(), task.remoteFolder(),
                task.mapping(), task.removal(), task.failureCard(), null, null);
    }

    private static EventTask withId(EventTask task) {
        return new EventTask(UUID.randomUUID().toString(), task.connectorId(), task.name(), task.localTemplate(),
                task.localFolder(), task.remoteTemplate(), task.remoteFolder(), task.mapping(),
                task.workflowReferences(), null, null);
    }

    @Test
    void aPlanWritesNewConnectorsWithTheirTasksAndChangesExistingTasks() {
        String existing = StoreTestBase.newConnector("existing");
        ScheduledTask old = tasks.createScheduled(Fixtures.scheduled(existing, "people"));
        Connector fresh = unsaved("fresh");
        ScheduledTask changed = new ScheduledTask(old.id(), existing, "people", false, old.schedule(),
                TaskMode.INCREMENTAL, null, "person", "/remote/people", old.mapping(), null, null, null, null);

        ImportPlan stored = store.apply(new ImportPlan(List.of(fresh),
                List.of(withId(Fixtures.scheduled(fresh.id(), "read"))), List.of(changed),
                List.of(withId(Fixtures.event(fresh.id(), "write"))), List.of()));

        assertEquals("fresh", connectors.find(fresh.id()).orElseThrow().name());
        assertEquals(Fixtures.connector("fresh").sealedSecrets(), connectors.find(fresh.id()).orElseThrow()
                .sealedSecrets());
        assertEquals(List.of("read"), tasks.listScheduled(fresh.id()).stream().map(ScheduledTask::name).toList());
        assertEquals(List.of("write"), tasks.listEvent(fresh.id()).stream().map(EventTask::name).toList());
        ScheduledTask updated = tasks.findScheduled(old.id()).orElseThrow();
        assertEquals(TaskMode.INCREMENTAL, updated.mode());
        assertEquals(old.createdAt(), updated.createdAt());
        assertEquals(1, stored.newScheduledTasks().size());
        assertEquals(updated, stored.changedScheduledTasks().get(0));
    }

    @Test
    void aFailureHalfwayLeavesNothingBehind() {
        String existing = StoreTestBase.newConnector("existing");
        ScheduledTask old = tasks.createScheduled(Fixtures.scheduled(existing, "people"));
        tasks.createEvent(Fixtures.event(existing, "taken"));
        Connector fresh = unsaved("fresh");
        ScheduledTask changed = new ScheduledTask(old.id(), existing, "people", false, old.schedule(),
                TaskMode.INCREMENTAL, null, "person", "/remote/people", old.mapping(), null, null, null, null);
        // the last item clashes with a task name the database already has
        ImportPlan plan = new ImportPlan(List.of(fresh), List.of(withId(Fixtures.scheduled(fresh.id(), "read"))),
                List.of(changed), List.of(withId(Fixtures.event(fresh.id(), "write")),
                        withId(Fixtures.event(existing, "taken"))), List.of());

        assertThrows(ConflictException.class, () -> store.apply(plan));

        assertTrue(connectors.find(fresh.id()).isEmpty());
        assertTrue(connectors.findByName("fresh").isEmpty());
        assertTrue(tasks.listScheduled(fresh.id()).isEmpty());
        assertTrue(tasks.listEvent(fresh.id()).isEmpty());
        assertEquals(old, tasks.findScheduled(old.id()).orElseThrow());
    }

    @Test
    void aChangeOfATaskThatIsGoneLeavesNothingBehind() {
        Connector fresh = unsaved("fresh");
        ScheduledTask gone = withId(Fixtures.scheduled(fresh.id(), "gone"));

        assertThrows(NotFoundException.class, () -> store.apply(new ImportPlan(List.of(fresh), List.of(),
                List.of(gone), List.of(), List.of())));

        assertTrue(connectors.find(fresh.id()).isEmpty());
    }

    @Test
    void twoNewConnectorsWithOneNameAreRefusedTogether() {
        Connector first = unsaved("twin");
        Connector second = unsaved("twin");

        assertThrows(ConflictException.class, () -> store.apply(new ImportPlan(List.of(first, second), List.of(),
                List.of(), List.of(), List.of())));

        assertTrue(connectors.findByName("twin").isEmpty());
    }
}
