package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JpaTaskStoreTest extends StoreTestBase {

    @Test
    void aScheduledTaskKeepsEveryField() {
        String connector = newConnector("prod");

        ScheduledTask created = tasks.createScheduled(Fixtures.scheduled(connector, "people"));

        assertNotNull(created.id());
        assertNotNull(created.createdAt());
        ScheduledTask expected = withIdAndTimes(Fixtures.scheduled(connector, "people"), created);
        assertEquals(expected, created);
        assertEquals(expected, tasks.findScheduled(created.id()).orElseThrow());
    }

    @Test
    void aTaskThatReactivatesReturningCardsKeepsTheOption() {
        String connector = newConnector("prod");
        ScheduledTask people = Fixtures.scheduled(connector, "people");
        RemovalPolicy reactivating = new RemovalPolicy("status", "removed", 40, true);
        ScheduledTask draft = new ScheduledTask(null, connector, "people", true, people.schedule(), people.mode(),
                people.settings(), people.remoteTemplate(), people.remoteFolder(), people.mapping(), reactivating,
                null, null, null);

        ScheduledTask created = tasks.createScheduled(draft);

        assertEquals(reactivating, tasks.findScheduled(created.id()).orElseThrow().removal());
    }

    @Test
    void aScheduledTaskWithoutOptionalPartsReadsBackWithout() {
        String connector = newConnector("prod");
        ScheduledTask bare = new ScheduledTask(null, connector, "bare", false, Schedule.every(300),
                TaskMode.INCREMENTAL, null, "person", null, null, null, null, null, null);

        ScheduledTask found = tasks.findScheduled(tasks.createScheduled(bare).id()).orElseThrow();

        assertFalse(found.enabled());
        assertEquals(Schedule.every(300), found.schedule());
        assertNull(found.mapping());
        assertNull(found.removal());
        assertNull(found.failureCard());
    }

    @Test
    void anEventTaskKeepsEveryField() {
        String connector = newConnector("prod");

        EventTask created = tasks.createEvent(Fixtures.event(connector, "write people"));

        EventTask found = tasks.findEvent(created.id()).orElseThrow();
        assertEquals(created, found);
        assertEquals(Fixtures.MAPPING, found.mapping());
        assertEquals("employee", found.localTemplate());
        assertEquals("/local/people", found.localFolder());
        // declared together: alphabetically
        assertEquals(List.of("offboarding", "onboarding"), found.workflowReferences());
        assertTrue(found.inUse());
    }

    @Test
    void findingATaskAsTheOtherKindFindsNothing() {
        String connector = newConnector("prod");
        String scheduled = tasks.createScheduled(Fixtures.scheduled(connector, "read")).id();
        String event = tasks.createEvent(Fixtures.event(connector, "write")).id();

        assertTrue(tasks.findEvent(scheduled).isEmpty());
        assertTrue(tasks.findScheduled(event).isEmpty());
        assertFalse(tasks.deleteEvent(scheduled));
        assertFalse(tasks.deleteScheduled(event));
        assertTrue(tasks.findScheduled(scheduled).isPresent());
    }

    @Test
    void taskNamesAreUniqueWithinAConnectorAcrossBothKinds() {
        String prod = newConnector("prod");
        String test = newConnector("test");
        tasks.createScheduled(Fixtures.scheduled(prod, "people"));

        ConflictException scheduled = assertThrows(ConflictException.class,
                () -> tasks.createScheduled(Fixtures.scheduled(prod, "people")));
        assertEquals("a task named 'people' already exists in this connector", scheduled.getMessage());
        assertThrows(ConflictException.class, () -> tasks.createEvent(Fixtures.event(prod, "people")));
        assertEquals("people", tasks.createEvent(Fixtures.event(test, "people")).name());
    }

    @Test
    void renamingATaskToANameTheOtherKindHasIsAConflict() {
        String prod = newConnector("prod");
        tasks.createEvent(Fixtures.event(prod, "write"));
        ScheduledTask read = tasks.createScheduled(Fixtures.scheduled(prod, "read"));

        assertThrows(ConflictException.class, () -> tasks.updateScheduled(renamed(read, "write")));
        assertEquals("read", tasks.findScheduled(read.id()).orElseThrow().name());
    }

    @Test
    void aTaskOfAnUnknownConnectorIsNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> tasks.createScheduled(Fixtures.scheduled("nope", "people")));
        assertEquals("no connector with id 'nope'", e.getMessage());
        assertThrows(NotFoundException.class, () -> tasks.createEvent(Fixtures.event("nope", "people")));
    }

    @Test
    void updateReplacesFieldsAndKeepsCreationTime() {
        String prod = newConnector("prod");
        ScheduledTask created = tasks.createScheduled(Fixtures.scheduled(prod, "people"));
        ScheduledTask changed = new ScheduledTask(created.id(), prod, "people v2", false, Schedule.every(60),
                TaskMode.INCREMENTAL, Map.of("eqlFilter", "$changed$ = true"), "user", "/remote/users", null, null,
                null, null, null);

        ScheduledTask updated = tasks.updateScheduled(changed);

        assertEquals(created.createdAt(), updated.createdAt());
        assertEquals(withIdAndTimes(changed, updated), tasks.findScheduled(created.id()).orElseThrow());
    }

    @Test
    void updatingAnEventTaskDeclaresNewWorkflowReferencesAndKeepsTheOthers() {
        String prod = newConnector("prod");
        EventTask created = tasks.createEvent(Fixtures.event(prod, "write"));
        EventTask named = new EventTask(created.id(), prod, "write", "person", null, "person", "/remote",
                Fixtures.MAPPING, List.of("hiring"), null, null);

        EventTask updated = tasks.updateEvent(named);

        assertEquals(List.of("hiring", "offboarding", "onboarding").stream().sorted().toList(),
                updated.workflowReferences().stream().sorted().toList());
        assertEquals(updated, tasks.findEvent(created.id()).orElseThrow());
        assertEquals(3, references.forTask(created.id(), Instant.EPOCH).size());
        assertTrue(tasks.deleteEvent(created.id()));
        assertEquals(List.of(), references.forTask(created.id(), Instant.EPOCH));
    }

    @Test
    void updateOfAMissingTaskIsNotFound() {
        String prod = newConnector("prod");
        ScheduledTask ghost = renamed(Fixtures.scheduled(prod, "ghost"), "ghost");
        EventTask ghostEvent = new EventTask("nope", prod, "ghost", null, null, null, null, null, null, null, null);

        assertThrows(NotFoundException.class, () -> tasks.updateScheduled(ghost));
        assertThrows(NotFoundException.class, () -> tasks.updateEvent(ghostEvent));
    }

    @Test
    void aTaskCannotMoveToAnotherConnector() {
        String prod = newConnector("prod");
        String test = newConnector("test");
        EventTask created = tasks.createEvent(Fixtures.event(prod, "write"));
        EventTask moved = new EventTask(created.id(), test, "write", null, null, null, null, null, null, null, null);

        ValidationException e = assertThrows(ValidationException.class, () -> tasks.updateEvent(moved));
        assertEquals("connectorId", e.problems().get(0).field());
    }

    @Test
    void listsAreByNameAndPerConnector() {
        String prod = newConnector("prod");
        String test = newConnector("test");
        tasks.createScheduled(Fixtures.scheduled(prod, "b"));
        tasks.createScheduled(Fixtures.scheduled(prod, "a"));
        tasks.createScheduled(Fixtures.scheduled(test, "c"));
        tasks.createEvent(Fixtures.event(prod, "e2"));
        tasks.createEvent(Fixtures.event(prod, "e1"));

        assertEquals(List.of("a", "b"), scheduledNames(tasks.listScheduled(prod)));
        assertEquals(List.of("c"), scheduledNames(tasks.listScheduled(test)));
        assertEquals(3, tasks.listAllScheduled().size());
        assertEquals(List.of("e1", "e2"),
                tasks.listEvent(prod).stream().map(EventTask::name).collect(Collectors.toList()));
        assertTrue(tasks.listEvent(test).isEmpty());
    }

    @Test
    void deletingAScheduledTaskRemovesItsRuns() {
        String prod = newConnector("prod");
        ScheduledTask kept = tasks.createScheduled(Fixtures.scheduled(prod, "kept"));
        ScheduledTask gone = tasks.createScheduled(Fixtures.scheduled(prod, "gone"));
        String keptRun = runs.create(Fixtures.run(kept.id(), RunStatus.SUCCESS)).id();
        String goneRun = runs.create(Fixtures.run(gone.id(), RunStatus.SUCCESS)).id();

        assertTrue(tasks.deleteScheduled(gone.id()));

        assertTrue(tasks.findScheduled(gone.id()).isEmpty());
        assertTrue(runs.find(goneRun).isEmpty());
        assertTrue(runs.find(keptRun).isPresent());
        assertFalse(tasks.deleteScheduled(gone.id()));
    }

    @Test
    void deletingAnEventTaskFreesItsName() {
        String prod = newConnector("prod");
        EventTask created = tasks.createEvent(Fixtures.event(prod, "write"));

        assertTrue(tasks.deleteEvent(created.id()));

        assertTrue(tasks.findEvent(created.id()).isEmpty());
        assertEquals("write", tasks.createScheduled(Fixtures.scheduled(prod, "write")).name());
    }

    @Test
    void overlongFieldsAreRefusedBeforeTheDatabase() {
        String prod = newConnector("prod");
        ScheduledTask task = Fixtures.scheduled(prod, "x".repeat(201));

        ValidationException e = assertThrows(ValidationException.class, () -> tasks.createScheduled(task));
        assertEquals("name", e.problems().get(0).field());
    }

    private static ScheduledTask renamed(ScheduledTask task, String name) {
        String id = task.id() == null ? "nope" : task.id();
        return new ScheduledTask(id, task.connectorId(), name, task.enabled(), task.schedule(), task.mode(),
                task.settings(), task.remoteTemplate(), task.remoteFolder(), task.mapping(), task.removal(),
                task.failureCard(), task.createdAt(), task.updatedAt());
    }

    private static ScheduledTask withIdAndTimes(ScheduledTask task, ScheduledTask stored) {
        return new ScheduledTask(stored.id(), task.connectorId(), task.name(), task.enabled(), task.schedule(),
                task.mode(), task.settings(), task.remoteTemplate(), task.remoteFolder(), task.mapping(),
                task.removal(), task.failureCard(), stored.createdAt(), stored.updatedAt());
    }

    private static List<String> scheduledNames(List<ScheduledTask> found) {
        return found.stream().map(ScheduledTask::name).collect(Collectors.toList());
    }
}
