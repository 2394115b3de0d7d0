package io.cardlink.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskFieldsTest {
    private final Mapping mapping = new Mapping("incident", "incident_management",
            List.of(new AttributePair("efecte_id", "source_key")), "cardlink_task_id", "source_key");
    private final ScheduledTask task = new ScheduledTask("t1", "c1", "Incidents", true, Schedule.every(300),
            TaskMode.FULL, Map.of("eqlFilter", "status = 'new'"), "incident", "incident_management", mapping,
            new RemovalPolicy("status", "removed", 30, false), null, null, null);

    @Test
    void oneFieldChangesAndTheRestStays() {
        ScheduledTask cron = TaskFields.edit(task, "schedule.cron", "0 0/15 * * * ?");
        assertEquals(Schedule.cron("0 0/15 * * * ?"), cron.schedule());
        assertEquals(task.mapping(), cron.mapping());

        ScheduledTask off = TaskFields.edit(task, "enabled", "false");
        assertFalse(off.enabled());

        ScheduledTask pairs = TaskFields.edit(task, "mapping.pairs", "efecte_id=source_key, subject=subject");
        assertEquals(List.of(new AttributePair("efecte_id", "source_key"), new AttributePair("subject", "subject")),
                pairs.mapping().pairs());
        assertEquals("source_key", pairs.mapping().uniqueKeyAttribute());

        assertEquals(Map.of(), TaskFields.edit(task, "settings.eqlFilter", "none").settings());
        assertNull(TaskFields.edit(task, "removal", "none").removal());
        assertEquals(50, TaskFields.edit(task, "removal.thresholdPercent", "50").removal().thresholdPercent());
        RemovalPolicy reactivating = TaskFields.edit(task, "removal.reactivateReturning", "true").removal();
        assertEquals(new RemovalPolicy("status", "removed", 30, true), reactivating);
        ScheduledTask reactivatingTask = TaskFields.edit(task, "removal.reactivateReturning", "true");
        assertTrue(TaskFields.edit(reactivatingTask, "removal.thresholdPercent", "40").removal().reactivateReturning(),
                "editing another removal field keeps the option");
        assertEquals(TaskMode.INCREMENTAL, TaskFields.edit(task, "mode", "incremental").mode());
    }

    @Test
    void aTaskSettingIsSetByItsKeyWithOrWithoutThePrefix() {
        assertEquals(Map.of("eqlFilter", "$a$ = 1"), TaskFields.edit(task, "settings.eqlFilter", "$a$ = 1").settings());
        assertEquals(Map.of("eqlFilter", "$a$ = 2"), TaskFields.edit(task, "eqlFilter", "$a$ = 2").settings());
        assertEquals(Map.of("eqlFilter", "status = 'new'", "region", "north"),
                TaskFields.edit(task, "settings.region", "north").settings());
        assertEquals(Map.of(), TaskFields.edit(task, "eqlFilter", " ").settings());
        assertEquals(task.mapping(), TaskFields.edit(task, "eqlFilter", "$a$ = 2").mapping());
    }

    @Test
    void theTaskNameAttributeIsSetKeptAndCleared() {
        ScheduledTask named = TaskFields.edit(task, "mapping.taskNameAttribute", "datasourceid");
        assertEquals("datasourceid", named.mapping().taskNameAttribute());
        assertEquals(mapping.pairs(), named.mapping().pairs());
        assertEquals("cardlink_task_id", named.mapping().taskIdAttribute());
        // other mapping edits keep it
        assertEquals("datasourceid", TaskFields.edit(named, "mapping.pairs", "efecte_id=source_key").mapping()
                .taskNameAttribute());
        assertEquals("datasourceid", TaskFields.edit(named, "mapping.targetFolder", "archive").mapping()
                .taskNameAttribute());
        assertEquals("datasourceid", TaskFields.edit(named, "mapping.taskIdAttribute", "task_id").mapping()
                .taskNameAttribute());
        assertNull(TaskFields.edit(named, "mapping.taskNameAttribute", "none").mapping().taskNameAttribute());

        EventTask push = new EventTask("e1", "c1", "Push", "incident", null, "incident", "incident_management",
                named.mapping(), List.of(), null, null);
        assertEquals("datasourceid", TaskFields.edit(push, "remoteTemplate", "person").mapping().taskNameAttribute());
        assertEquals("datasourceid", TaskFields.edit(push, "remoteFolder", "people").mapping().taskNameAttribute());
    }

    @Test
    void badTextIsExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TaskFields.edit(task, "name", "x"))
                .getMessage().contains("task-copy"));
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> TaskFields.edit(task, "colour.shade", "red")).getMessage();
        assertTrue(unknown.contains("schedule.cron") && unknown.contains("settings.<key>"), unknown);
        assertThrows(IllegalArgumentException.class, () -> TaskFields.edit(task, "schedule", "daily"));
        assertThrows(IllegalArgumentException.class, () -> TaskFields.edit(task, "settings.", "x"));
        assertThrows(IllegalArgumentException.class, () -> TaskFields.edit(task, "mode", "sometimes"));
        assertThrows(IllegalArgumentException.class, () -> TaskFields.edit(task, "enabled", "maybe"));
        assertThrows(IllegalArgumentException.class, () -> TaskFields.pairs(List.of("subject")));
    }

    @Test
    void anEventTasksMappingFollowsItsRemoteTemplate() {
        EventTask push = new EventTask("e1", "c1", "Push", "incident", null, "incident", "incident_management",
                mapping, List.of("wf-1"), null, null);

        EventTask moved = TaskFields.edit(push, "remoteTemplate", "person");
        EventTask local = TaskFields.edit(TaskFields.edit(push, "localTemplate", "access_request"), "localFolder",
                "access_management");
        assertEquals("access_request", local.localTemplate());
        assertEquals("access_management", local.localFolder());
        assertNull(TaskFields.edit(local, "localFolder", "none").localFolder());

        assertEquals("person", moved.remoteTemplate());
        assertNull(moved.mapping().targetTemplate(), "the engine fills it from the remote template");
        assertEquals(List.of("wf-1", "wf-2"), TaskFields.edit(push, "workflowReferences", "wf-1, wf-2")
                .workflowReferences());
        assertEquals(List.of(), TaskFields.edit(push, "workflowReferences", "none").workflowReferences());
    }

    @Test
    void theConnectorIsTheFirstArgumentAfterTheCommand() {
        String[] words = {"cardlink:task-show", "--json", "\"HR sync\"", "Inc"};
        assertEquals("HR sync", TaskCompleter.connectorArgument(words, 3));
        assertNull(TaskCompleter.connectorArgument(words, 2));
    }

    @Test
    void aFileFromTaskShowReadsBack() throws Exception {
        EventTask push = new EventTask("e1", "c1", "Push", "access_request", "access_management", "incident",
                "incident_management", mapping, List.of("wf-1"), null, null);
        String json = TaskLookup.json().writeValueAsString(push);
        assertTrue(json.contains("\"inUse\":true"), json);
        assertEquals(push, TaskLookup.json().readValue(json, EventTask.class));
        String scheduled = TaskLookup.json().writeValueAsString(task);
        assertTrue(scheduled.contains("\"intervalSeconds\":300"), scheduled);
        assertEquals(task, TaskLookup.json().readValue(scheduled, ScheduledTask.class));
    }
}
