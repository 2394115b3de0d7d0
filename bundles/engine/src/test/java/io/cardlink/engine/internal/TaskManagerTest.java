package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ConflictException;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.service.Saved;
import io.cardlink.api.service.ScheduledTaskRow;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.FailureCardTarget;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskManagerTest {
    private static final Duration STALE_AFTER = Duration.ofDays(90);
    private final TaskFakes.Gateway remote = new TaskFakes.Gateway(TaskFakes.incident());
    private final TaskFakes.Gateway local = new TaskFakes.Gateway(TaskFakes.incident(), TaskFakes.syncFailure());
    private final TaskFakes.Type type = new TaskFakes.Type(remote, local);
    private final MemoryConnectors connectors = new MemoryConnectors();
    private final TaskFakes.Tasks tasks = new TaskFakes.Tasks();
    private final TaskFakes.Scheduler scheduler = new TaskFakes.Scheduler();
    private final TaskFakes.Cache cache = new TaskFakes.Cache();
    private final MemoryStores runs = new MemoryStores();
    private TaskManager manager;
    private Connector connector;

    @BeforeEach
    void setUp() {
        connector = connectors.add("HR sync");
        manager = new TaskManager(connectors, tasks,
                id -> type.connect(new ConnectionConfig(id, Map.of(), Map.of())),
                TaskFakes.registry(type), TaskFakes.mappingEngine(), new WorkflowReferenceManager(tasks.references,
                        connectors, tasks, STALE_AFTER, Clock.systemUTC()), runs, () -> type.local);
        manager.scheduler = scheduler;
        manager.cache = cache;
    }

    static Mapping incidentMapping(AttributePair... extra) {
        List<AttributePair> pairs = new ArrayList<>(List.of(new AttributePair("efecte_id", "source_key"),
                new AttributePair("subject", "subject"), new AttributePair("status", "status")));
        pairs.addAll(List.of(extra));
        return new Mapping("incident", "incident_management", pairs, "cardlink_task_id", "source_key");
    }

    static ScheduledTask scheduled(String name, Mapping mapping) {
        return new ScheduledTask(null, null, name, true, Schedule.every(300), TaskMode.FULL,
                Map.of(TaskFakes.Type.FILTER, "status = 'new'"),
                "incident", "incident_management", mapping, new RemovalPolicy("status", "removed", 0, false),
                new FailureCardTarget("sync_failure", "integration", "message"), null, null);
    }

    static EventTask event(String name, Mapping mapping, String... workflows) {
        return new EventTask(null, null, name, null, null, "incident", "incident_management", mapping,
                List.of(workflows), null, null);
    }

    private static List<String> fields(ValidationException e) {
        return e.problems().stream().map(FieldProblem::field).toList();
    }

    private static String problem(ValidationException e, String field) {
        return e.problems().stream().filter(p -> p.field().equals(field)).map(FieldProblem::problem)
                .collect(Collectors.joining(" | "));
    }

    @Test
    void theSchedulePreviewAsksTheSchedulerForTheScheduleASaveWouldKeep() {
        List<Instant> runs = manager.nextRuns(new Schedule(" ", 300L), 3);
        assertEquals(3, runs.size());
        assertEquals(List.of(Schedule.every(300)), scheduler.previewed);

        ValidationException invalid = assertThrows(ValidationException.class,
                () -> manager.nextRuns(Schedule.cron("bad"), 3));
        assertEquals(List.of("schedule.cron"), fields(invalid));

        manager.scheduler = null;
        assertThrows(UnavailableException.class, () -> manager.nextRuns(Schedule.every(300), 3));
    }

    @Test
    void aSaveWarnsWhenTheScheduleIsTighterThanTheSizingTableForTheCardsTheLastRunRead() {
        ScheduledTask task = manager.createScheduled("HR sync", scheduled("Incidents", incidentMapping())).value();
        Instant at = Instant.parse("2026-12-04T10:00:00Z");
        runs.runs.put("run-1", new Run("run-1", task.id(), connector.id(), "SCHEDULED", RunStatus.SUCCESS, at,
                new Phase(RunStatus.SUCCESS, at, at.plusSeconds(60)), new Phase(RunStatus.SUCCESS, at.plusSeconds(60),
                        at.plusSeconds(90)), new RunCounts(3200, 0, 0, 3200, 0, 0), List.of(), null));

        Saved<ScheduledTask> saved = manager.updateScheduled("HR sync", "Incidents", scheduled("Incidents",
                incidentMapping()));

        assertEquals(List.of("task 'Incidents' runs every 5 min but its last run read 3200 cards: the vendor's sizing"
                + " table advises a full task with fewer than 5000 cards to run at most every 4 h; schedule it less"
                + " often, or add an incremental task for the changes in between"), saved.warnings());
        assertEquals(task.id(), saved.value().id(), "a warning, not a refusal: the task is saved");
    }

    @Test
    void aSaveWarnsWhenMoreTasksThanTheSchedulerRunsAtOnceStartInTheSameMinute() {
        scheduler.maxConcurrentRuns = 1;
        ScheduledTask first = manager.createScheduled("HR sync", scheduled("Incidents", incidentMapping())).value();
        scheduler.nextFire.put(first.id(), Instant.now().plusSeconds(300));

        Saved<ScheduledTask> second = manager.createScheduled("HR sync", scheduled("Problems", incidentMapping()));

        assertEquals(1, second.warnings().size(), second.warnings().toString());
        assertTrue(second.warnings().get(0).startsWith("task 'Problems' starts at "), second.warnings().get(0));
        assertTrue(second.warnings().get(0).contains("together with 1 other task(s) (Incidents): 2 tasks in one"
                + " minute, more than the 1 the scheduler runs at once"), second.warnings().get(0));
    }

    @Test
    void theTaskListShowsTheLastStatusesAndNextRunAndSearchFindsThem() {
        ScheduledTask failing = manager.createScheduled("HR sync", scheduled("Incidents", incidentMapping())).value();
        ScheduledTask off = manager.createScheduled("HR sync", new ScheduledTask(null, null, "Problems", false,
                Schedule.every(3600), TaskMode.FULL, null, "incident", "incident_management", incidentMapping(), null,
                null, null, null)).value();
        Instant at = Instant.parse("2026-12-04T10:00:00Z");
        runs.runs.put("run-1", new Run("run-1", failing.id(), connector.id(), "SCHEDULED", RunStatus.ERROR, at,
                new Phase(RunStatus.SUCCESS, at, at.plusSeconds(60)), new Phase(RunStatus.ERROR, at.plusSeconds(60),
                        at.plusSeconds(90)), RunCounts.ZERO, List.of(), null));
        Instant next = at.plusSeconds(300);
        scheduler.nextFire.put(failing.id(), next);

        List<ScheduledTaskRow> rows = manager.listScheduledRows("HR sync", null);
        assertEquals(List.of(new ScheduledTaskRow(failing, RunStatus.SUCCESS, RunStatus.ERROR, next),
                new ScheduledTaskRow(off, null, null, null)), rows);
        assertEquals(List.of(failing), manager.listScheduled("HR sync", "load:error"));
        assertEquals(List.of(off), manager.listScheduled("HR sync", "disabled"));
        assertEquals(List.of(off), manager.listScheduled("HR sync", "never-run"));
        assertEquals(List.of(), manager.listScheduled("HR sync", "extract:error"));
    }

    @Test
    void aValidScheduledTaskIsSavedScheduledAndFoundByName() {
        Saved<ScheduledTask> saved = manager.createScheduled("HR sync", scheduled("Incidents", incidentMapping()));

        assertEquals(List.of(), saved.warnings());
        ScheduledTask task = saved.value();
        assertEquals(connector.id(), task.connectorId());
        assertEquals(RemovalPolicy.DEFAULT_THRESHOLD_PERCENT, task.removal().thresholdPercent());
        assertTrue(scheduler.triggers.containsKey(task.id()));
        assertEquals(task, manager.getScheduled(connector.id(), "Incidents"));
        assertEquals(task, manager.getScheduled("HR sync", task.id()));
        assertEquals(Map.of("filter", "status = 'new'"), remote.reads.get(0).taskSettings(),
                "the filter was tried on the remote");
        assertEquals(0, type.openConnections, "the connection is closed after the checks");
    }

    @Test
    void everyProblemOfAScheduledTaskIsReportedAtOnce() {
        Mapping mapping = new Mapping("incident", "persons", List.of(
                new AttributePair("efecte_id", "source_key"),
                new AttributePair("due_date", "priority"),
                new AttributePair("subject", "description"),
                new AttributePair("description", "description"),
                new AttributePair("no_such_source", "subject")), "cardlink_task_id", "source_key");
        ScheduledTask draft = new ScheduledTask(null, null, " ", true, Schedule.cron("bad"), TaskMode.FULL,
                Map.of("filter", "status = (("), "incident", "persons", mapping,
                new RemovalPolicy("status", "gone", 150, false),
                new FailureCardTarget("sync_failure", "integration", "nope"), null, null);

        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.createScheduled("HR sync", draft));

        assertTrue(fields(e).containsAll(List.of("name", "schedule.cron", "remoteFolder", "settings.filter",
                "mapping.targetFolder", "mapping.pairs[1].target", "mapping.pairs[3].target",
                "mapping.pairs[4].source", "removal.thresholdPercent", "removal.removedValue",
                "failureCard.attribute")), fields(e).toString());
        assertTrue(problem(e, "settings.filter").contains("EQL syntax error"), problem(e, "settings.filter"));
        assertTrue(problem(e, "mapping.pairs[3].target").contains("written twice"));
        assertTrue(problem(e, "removal.removedValue").contains("removed (99 - Removed)"));
        assertTrue(tasks.scheduled.isEmpty());
    }

    @Test
    void taskSettingsAreThoseTheTypeDescribes() {
        type.regionRequired = true;
        ScheduledTask draft = scheduled("Regional", incidentMapping());
        ScheduledTask stray = new ScheduledTask(null, null, "Regional", true, draft.schedule(), draft.mode(),
                Map.of("filter", "status = 'new'", "eqlFilter", "status = 'new'"), draft.remoteTemplate(),
                draft.remoteFolder(), draft.mapping(), draft.removal(), draft.failureCard(), null, null);

        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.createScheduled("HR sync", stray));

        assertEquals(List.of("settings.eqlFilter", "settings.region"), fields(e));
        assertEquals("not a task setting of connector type 'fake'; it takes: filter, region",
                problem(e, "settings.eqlFilter"));
        assertEquals("required", problem(e, "settings.region"));
        assertTrue(remote.reads.isEmpty(), "settings the type does not know are not sent to it");

        ScheduledTask given = new ScheduledTask(null, null, "Regional", true, draft.schedule(), draft.mode(),
                Map.of("filter", " ", "region", "north"), draft.remoteTemplate(), draft.remoteFolder(),
                draft.mapping(), draft.removal(), draft.failureCard(), null, null);
        assertEquals(Map.of("region", "north"), manager.createScheduled("HR sync", given).value().settings(),
                "a blank setting is one left out");
    }

    @Test
    void reactivatingReturningCardsNeedsTheStatusInTheMapping() {
        ScheduledTask mapped = scheduled("Reactivating", incidentMapping());
        ScheduledTask reactivating = new ScheduledTask(null, null, "Reactivating", true, mapped.schedule(),
                TaskMode.FULL, null, "incident", "incident_management", mapped.mapping(),
                new RemovalPolicy("status", "removed", 0, true), null, null, null);
        Mapping withoutStatus = new Mapping("incident", "incident_management", List.of(
                new AttributePair("efecte_id", "source_key"), new AttributePair("subject", "subject")),
                "cardlink_task_id", "source_key");
        ScheduledTask unmapped = new ScheduledTask(null, null, "Unmapped", true, mapped.schedule(), TaskMode.FULL,
                null, "incident", "incident_management", withoutStatus, reactivating.removal(), null, null, null);

        RemovalPolicy saved = manager.createScheduled("HR sync", reactivating).value().removal();
        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.createScheduled("HR sync", unmapped));

        assertEquals(new RemovalPolicy("status", "removed", RemovalPolicy.DEFAULT_THRESHOLD_PERCENT, true), saved);
        assertEquals(List.of("removal.reactivateReturning"), fields(e));
        assertTrue(problem(e, "removal.reactivateReturning").contains("'status'"));
    }

    @Test
    void requiredFieldsAndUnknownTemplatesAreNamed() {
        ScheduledTask draft = new ScheduledTask(null, null, "Empty", true, null, null, null, "no_such", null,
                new Mapping("nowhere", null, List.of(), null, null), null, null, null, null);

        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.createScheduled("HR sync", draft));

        assertTrue(fields(e).containsAll(List.of("schedule", "mode", "remoteFolder", "remoteTemplate",
                "mapping.targetTemplate", "mapping.targetFolder", "mapping.uniqueKeyAttribute",
                "mapping.taskIdAttribute")), fields(e).toString());
        assertTrue(problem(e, "remoteTemplate").contains("not found in the remote instance"));
    }

    @Test
    void removalIsForFullTasksAndIncrementalNeedsTheCapability() {
        type.capabilities.remove(Capability.READ_INCREMENTAL);
        ScheduledTask full = scheduled("Inc", incidentMapping());
        ScheduledTask incremental = new ScheduledTask(null, null, "Inc", true, full.schedule(), TaskMode.INCREMENTAL,
                null, "incident", "incident_management", full.mapping(), full.removal(), null, null, null);

        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.createScheduled("HR sync", incremental));

        assertEquals(List.of("removal", "mode"), fields(e));
        assertTrue(problem(e, "mode").contains("read incremental"));
    }

    @Test
    void anUnreachableRemoteStillSavesWithAWarning() {
        remote.down = true;

        Saved<ScheduledTask> saved = manager.createScheduled("HR sync", scheduled("Offline", incidentMapping()));

        assertEquals(1, saved.warnings().size(), saved.warnings().toString());
        assertTrue(saved.warnings().get(0).startsWith("the remote instance could not be reached"));
        assertTrue(saved.warnings().get(0).endsWith("the mapping was not checked"));
        assertTrue(remote.reads.isEmpty(), "no filter check against a remote that is down");
    }

    @Test
    void anUnreachableLocalStillRefusesWhatNeedsNoSchema() {
        local.down = true;
        Mapping twice = incidentMapping(new AttributePair("description", "subject"));

        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.createScheduled("HR sync", scheduled("Twice", twice)));

        assertEquals(List.of("mapping.pairs[3].target"), fields(e));
    }

    @Test
    void withoutTheSchedulerATaskIsSavedAndTheScheduleCheckedForShapeOnly() {
        manager.scheduler = null;

        Saved<ScheduledTask> saved = manager.createScheduled("HR sync", scheduled("Later", incidentMapping()));

        assertTrue(saved.warnings().contains("the scheduler is not running; the schedule was not checked"));
        assertTrue(saved.warnings().stream().anyMatch(w -> w.contains("scheduled when it starts")));
        ScheduledTask twoSchedules = new ScheduledTask(null, null, "Both", true, new Schedule("0 0 * * * ?", 60L),
                TaskMode.FULL, null, "incident", "incident_management", incidentMapping(), null, null, null, null);
        ValidationException both = assertThrows(ValidationException.class,
                () -> manager.createScheduled("HR sync", twoSchedules));
        assertEquals(List.of("schedule"), fields(both));
    }

    @Test
    void theNameCantChangeAndAChangedMappingClearsTheCache() {
        ScheduledTask task = manager.createScheduled("HR sync", scheduled("Stable", incidentMapping())).value();

        ScheduledTask renamed = new ScheduledTask(null, null, "Other", task.enabled(), task.schedule(), task.mode(),
                task.settings(), task.remoteTemplate(), task.remoteFolder(), task.mapping(), task.removal(),
                task.failureCard(), null, null);
        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.updateScheduled("HR sync", "Stable", renamed));
        assertEquals(List.of("name"), fields(e));

        ScheduledTask disabled = new ScheduledTask(null, null, null, false, task.schedule(), task.mode(),
                task.settings(), task.remoteTemplate(), task.remoteFolder(), task.mapping(), task.removal(),
                task.failureCard(), null, null);
        manager.updateScheduled("HR sync", "Stable", disabled);
        assertTrue(cache.cleared.isEmpty(), "switching a task off keeps what it loaded");
        assertFalse(scheduler.triggers.containsKey(task.id()));

        ScheduledTask remapped = new ScheduledTask(null, null, "Stable", true, task.schedule(), task.mode(),
                task.settings(), task.remoteTemplate(), task.remoteFolder(),
                incidentMapping(new AttributePair("priority", "priority")), task.removal(), task.failureCard(), null,
                null);
        ScheduledTask saved = manager.updateScheduled("HR sync", "Stable", remapped).value();
        assertEquals(List.of(task.id()), cache.cleared);
        assertEquals(4, saved.mapping().pairs().size());
        assertTrue(scheduler.triggers.containsKey(task.id()));
    }

    @Test
    void aCopyHasItsOwnNameStartsDisabledAndNamesStayUniqueAcrossKinds() {
        ScheduledTask original = manager.createScheduled("HR sync", scheduled("Original", incidentMapping())).value();
        manager.createEvent("HR sync", event("Push", new Mapping(null, null,
                List.of(new AttributePair("subject", "subject")), null, "subject")));

        ScheduledTask copy = manager.copyScheduled("HR sync", "Original", "Copy").value();

        assertEquals("Copy", copy.name());
        assertFalse(copy.enabled());
        assertEquals(original.mapping(), copy.mapping());
        assertEquals(original.removal(), copy.removal());
        assertFalse(scheduler.triggers.containsKey(copy.id()));
        assertThrows(ConflictException.class, () -> manager.copyScheduled("HR sync", "Original", "Push"));
        assertThrows(ValidationException.class, () -> manager.copyScheduled("HR sync", "Original", ""));
        assertEquals(List.of("Copy"), manager.listScheduled("HR sync", "cop").stream().map(ScheduledTask::name)
                .toList());
        assertEquals(2, manager.listScheduled("HR sync", "INCIDENT").size(), "search covers templates");
    }

    @Test
    void deletingAScheduledTaskRemovesItsTriggerAndCache() {
        ScheduledTask task = manager.createScheduled("HR sync", scheduled("Gone", incidentMapping())).value();

        manager.deleteScheduled("HR sync", "Gone");

        assertTrue(tasks.scheduled.isEmpty());
        assertFalse(scheduler.triggers.containsKey(task.id()));
        assertEquals(List.of(task.id()), cache.cleared);
        assertThrows(NotFoundException.class, () -> manager.deleteScheduled("HR sync", "Gone"));
    }

    @Test
    void anEventTaskWritesToItsRemoteTemplateAndRefusesAttachmentsAndWorklogs() {
        Mapping mapping = new Mapping(null, null, List.of(new AttributePair("subject", "subject"),
                new AttributePair("worklog", "worklog"), new AttributePair("attachments", "attachments"),
                new AttributePair("due_date", "description")), null, "source_key");

        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.createEvent("HR sync", event("Push", mapping)));

        assertEquals(List.of("mapping.pairs[1].source", "mapping.pairs[1].target", "mapping.pairs[2].source",
                "mapping.pairs[2].target"), fields(e));
        assertTrue(problem(e, "mapping.pairs[1].source").contains("worklog"), problem(e, "mapping.pairs[1].source"));
        assertTrue(problem(e, "mapping.pairs[2].source").contains("attachments"));

        Mapping valid = new Mapping(null, null, List.of(new AttributePair("efecte_id", "source_key"),
                new AttributePair("due_date", "description")), null, "source_key");
        EventTask saved = manager.createEvent("HR sync", event("Push", valid, "wf-onboarding")).value();
        assertEquals("incident", saved.mapping().targetTemplate());
        assertEquals("incident_management", saved.mapping().targetFolder());
        assertTrue(saved.inUse());
    }

    private static Mapping eventMapping() {
        return new Mapping(null, null, List.of(new AttributePair("efecte_id", "source_key"),
                new AttributePair("subject", "subject")), null, "source_key");
    }

    @Test
    void anEventTaskNeedsATypeThatWrites() {
        type.capabilities.removeAll(TypeCapabilities.WRITES);

        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.createEvent("HR sync", event("Push", eventMapping())));

        assertEquals(List.of("remoteTemplate"), fields(e));
        assertEquals("connector type 'fake' writes no cards (it supports none of write create, write update, write"
                + " delete): an event task can't write through it", problem(e, "remoteTemplate"));
    }

    @Test
    void anEventTaskOfATypeThatOnlyCreatesIsSavedSayingWhatIsRefused() {
        type.capabilities.removeAll(List.of(Capability.WRITE_UPDATE, Capability.WRITE_DELETE));

        Saved<EventTask> saved = manager.createEvent("HR sync", event("Push", eventMapping()));

        assertEquals(List.of("connector type 'fake' does not support write update, write delete: requests of those"
                + " operations to this task are refused"), saved.warnings());
    }

    @Test
    void anEventTaskNeedsATypeThatFindsCardsByKey() {
        type.capabilities.remove(Capability.FIND_BY_KEYS);

        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.createEvent("HR sync", event("Push", eventMapping())));

        assertEquals(List.of("remoteTemplate"), fields(e));
        assertEquals("connector type 'fake' does not support find by keys (it supports: read full, read incremental,"
                + " write create, write update, write delete, transfer files): an event task finds the remote card by"
                + " its unique key before it writes", problem(e, "remoteTemplate"));
    }

    @Test
    void aFullTaskNeedsTheFullReadCapability() {
        type.capabilities.remove(Capability.READ_FULL);

        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.createScheduled("HR sync", scheduled("Full", incidentMapping())));

        assertEquals(List.of("mode"), fields(e));
        assertEquals("connector type 'fake' does not support read full (it supports: read incremental, find by keys,"
                + " write create, write update, write delete, transfer files)", problem(e, "mode"));
    }

    @Test
    void anEventTaskMappingElsewhereThanItsRemoteTemplateIsRefused() {
        local.templates.remove("incident");
        Mapping elsewhere = new Mapping("person", "persons", List.of(new AttributePair("subject", "subject")), null,
                "subject");

        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.createEvent("HR sync", event("Push", elsewhere)));

        assertEquals(List.of("mapping.targetTemplate", "mapping.targetFolder", "localTemplate"), fields(e));
        assertTrue(problem(e, "localTemplate").contains("template 'incident' not found in the local instance"),
                problem(e, "localTemplate"));
    }

    @Test
    void anEventTaskInUseIsRemovedOnlyWithForce() {
        Mapping mapping = new Mapping(null, null, List.of(new AttributePair("subject", "subject")), null, "subject");
        manager.createEvent("HR sync", event("Used", mapping, "wf-onboarding", "wf-offboarding"));

        ConflictException e = assertThrows(ConflictException.class,
                () -> manager.deleteEvent("HR sync", "Used", false));
        assertTrue(e.getMessage().contains("wf-onboarding, wf-offboarding"), e.getMessage());
        assertEquals(1, tasks.event.size());

        manager.deleteEvent("HR sync", "Used", true);
        assertTrue(tasks.event.isEmpty());
    }

    @Test
    void anEventTaskTakesCardsOfItsOwnLocalTemplateAndEachSideIsCheckedInItsInstance() {
        Mapping fromFailures = new Mapping(null, null, List.of(new AttributePair("task", "source_key"),
                new AttributePair("message", "subject")), "cardlink_task_id", "source_key");
        EventTask draft = new EventTask(null, null, "Report", " sync_failure ", "integration", "incident",
                "incident_management", fromFailures, List.of(), null, null);

        EventTask saved = manager.createEvent("HR sync", draft).value();

        assertEquals("sync_failure", saved.localTemplate());
        assertEquals("integration", saved.localFolder());
        assertEquals("incident", saved.mapping().targetTemplate());

        Mapping unknownSource = new Mapping(null, null, List.of(new AttributePair("task", "source_key"),
                new AttributePair("subject", "subject")), null, "source_key");
        ValidationException e = assertThrows(ValidationException.class, () -> manager.createEvent("HR sync",
                new EventTask(null, null, "Wrong", "sync_failure", "incident_management", "incident",
                        "incident_management", unknownSource, List.of(), null, null)));
        assertEquals(List.of("localFolder", "mapping.pairs[1].source"), fields(e));
        assertTrue(problem(e, "mapping.pairs[1].source").contains("not found in source template 'sync_failure'"),
                problem(e, "mapping.pairs[1].source"));
        assertTrue(problem(e, "localFolder").contains("allowed: integration"), problem(e, "localFolder"));
    }

    @Test
    void aWorkflowReferenceUnusedForTheConfiguredTimeIsStaleAndNoLongerKeepsTheTask() {
        Mapping mapping = new Mapping(null, null, List.of(new AttributePair("subject", "subject")), null, "subject");
        tasks.now = Instant.now().minus(STALE_AFTER).minusSeconds(60);
        EventTask old = manager.createEvent("HR sync", event("Old", mapping, "wf-retired")).value();
        tasks.now = Instant.now();
        tasks.references.use(connector.id(), old.id(), "wf-active", Instant.now());

        assertEquals(List.of("wf-active"), manager.getEvent("HR sync", "Old").workflowReferences());
        assertEquals(List.of("wf-active"), manager.listEvent("HR sync", null).get(0).workflowReferences());
        ConflictException e = assertThrows(ConflictException.class, () -> manager.deleteEvent("HR sync", "Old",
                false));
        assertTrue(e.getMessage().contains("wf-active") && !e.getMessage().contains("wf-retired"), e.getMessage());

        tasks.references.rows.clear();
        tasks.now = Instant.now().minus(STALE_AFTER).minusSeconds(60);
        tasks.references.declare(old.withWorkflowReferences(List.of("wf-retired")), tasks.now);
        assertFalse(manager.getEvent("HR sync", "Old").inUse());
        manager.deleteEvent("HR sync", "Old", false);
        assertTrue(tasks.event.isEmpty());
    }

    @Test
    void aCopiedEventTaskIsUsedByNoWorkflowYet() {
        Mapping mapping = new Mapping(null, null, List.of(new AttributePair("subject", "subject")), null, "subject");
        manager.createEvent("HR sync", event("Used", mapping, "wf-onboarding"));

        EventTask copy = manager.copyEvent("HR sync", "Used", "Used 2").value();

        assertFalse(copy.inUse());
        assertEquals(mapping.pairs(), copy.mapping().pairs());
        assertEquals(List.of("Used 2"), manager.listEvent("HR sync", "2").stream().map(EventTask::name).toList());
        assertEquals(1, manager.listEvent("HR sync", "wf-onb").size(), "search covers workflow references");
    }

    @Test
    void tasksOfAnUnknownConnectorOrOfAnotherConnectorAreNotFound() {
        ScheduledTask task = manager.createScheduled("HR sync", scheduled("Mine", incidentMapping())).value();
        connectors.add("Other");

        assertThrows(NotFoundException.class, () -> manager.listScheduled("nobody", null));
        assertThrows(NotFoundException.class, () -> manager.getScheduled("Other", task.id()));
        assertThrows(NotFoundException.class, () -> manager.getEvent("HR sync", "Mine"));
    }
}
