package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.service.Saved;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.FailureCardTarget;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Task JSON as clients send and read it: the api records, round-tripping through GET and PUT unchanged. */
class TaskJsonTest {
    private final ObjectMapper json = RestServer.objectMapper();
    private final Mapping mapping = new Mapping("incident", "incident_management",
            List.of(new AttributePair("efecte_id", "source_key")), "cardlink_task_id", "source_key");

    @Test
    void aScheduledTaskReadsAsTheBriefDescribesAndComesBackUnchanged() throws Exception {
        ScheduledTask task = new ScheduledTask("t1", "c1", "Incidents", true, Schedule.cron("0 0/5 * * * ?"),
                TaskMode.FULL, Map.of("eqlFilter", "status = 'new'"), "incident", "incident_management", mapping,
                new RemovalPolicy("status", "removed", 30, false), new FailureCardTarget("sync_failure", "integration",
                        "message"), Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-02T00:00:00Z"));

        JsonNode tree = json.readTree(json.writeValueAsString(task));

        assertEquals("0 0/5 * * * ?", tree.at("/schedule/cron").asText());
        assertFalse(tree.at("/schedule").has("intervalSeconds"));
        assertEquals("FULL", tree.get("mode").asText());
        assertEquals("status = 'new'", tree.at("/settings/eqlFilter").asText());
        assertFalse(tree.has("eqlFilter"), "the settings are in settings only");
        assertEquals("source_key", tree.at("/mapping/pairs/0/target").asText());
        assertEquals(30, tree.at("/removal/thresholdPercent").asInt());
        assertEquals("2025-01-01T00:00:00Z", tree.get("createdAt").asText());
        assertEquals(task, json.readValue(json.writeValueAsString(task), ScheduledTask.class));
    }

    @Test
    void aSettingBesideTheTaskFieldsIsTakenAsTheSettingOfThatName() throws Exception {
        ScheduledTask old = json.readValue("{\"name\":\"x\",\"enabled\":true,\"eqlFilter\":\"$a$ = 1\","
                + "\"remoteTemplate\":\"incident\"}", ScheduledTask.class);
        ScheduledTask both = json.readValue("{\"name\":\"x\",\"enabled\":true,\"eqlFilter\":\"$a$ = 1\","
                + "\"settings\":{\"eqlFilter\":\"$a$ = 1\",\"other\":\"y\"}}", ScheduledTask.class);
        ScheduledTask cleared = json.readValue("{\"name\":\"x\",\"enabled\":true,\"eqlFilter\":null}",
                ScheduledTask.class);

        assertEquals(Map.of("eqlFilter", "$a$ = 1"), old.settings());
        assertEquals("incident", old.remoteTemplate());
        assertEquals(Map.of("eqlFilter", "$a$ = 1", "other", "y"), both.settings());
        assertEquals(Map.of(), cleared.settings());
    }

    @Test
    void aSettingGivenTwiceDifferentlyIsRefusedByName() throws Exception {
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> json.readValue("{\"name\":\"x\","
                + "\"enabled\":true,\"eqlFilter\":\"$a$ = 1\",\"settings\":{\"eqlFilter\":\"$a$ = 2\"}}",
                ScheduledTask.class));

        Response response = JsonErrorMapper.badJson(e);
        ErrorBody body = (ErrorBody) response.getEntity();
        assertEquals(400, response.getStatus());
        assertEquals(List.of(new FieldProblem("settings.eqlFilter", "given twice with different values: as the"
                + " field 'eqlFilter' and in settings; give it in settings only")), body.fields());
    }

    @Test
    void aFieldOfAnotherKindBesideTheTaskFieldsIsStillUnknown() {
        UnrecognizedPropertyException e = assertThrows(UnrecognizedPropertyException.class,
                () -> json.readValue("{\"name\":\"x\",\"enabled\":true,\"priority\":3}", ScheduledTask.class));
        assertEquals("priority", e.getPropertyName());
    }

    @Test
    void anIntervalScheduleIsReadFromItsOwnField() throws Exception {
        ScheduledTask task = json.readValue("{\"name\":\"x\",\"enabled\":false,\"schedule\":{\"intervalSeconds\":300},"
                + "\"mode\":\"INCREMENTAL\"}", ScheduledTask.class);

        assertEquals(Schedule.every(300), task.schedule());
        assertEquals(TaskMode.INCREMENTAL, task.mode());
    }

    @Test
    void theRemovalThresholdMayBeLeftOutForTheDefault() throws Exception {
        ScheduledTask task = json.readValue("{\"name\":\"x\",\"enabled\":true,\"removal\":{\"statusAttribute\":"
                + "\"status\",\"removedValue\":\"removed\"}}", ScheduledTask.class);

        assertEquals(new RemovalPolicy("status", "removed", 0, false), task.removal());
    }

    @Test
    void returningCardsAreReactivatedOnlyWhenTheTaskSaysSo() throws Exception {
        ScheduledTask reactivating = json.readValue("{\"name\":\"x\",\"enabled\":true,\"removal\":{"
                + "\"statusAttribute\":\"status\",\"removedValue\":\"removed\",\"reactivateReturning\":true}}",
                ScheduledTask.class);
        ScheduledTask leftOut = json.readValue("{\"name\":\"x\",\"enabled\":true,\"removal\":{"
                + "\"statusAttribute\":\"status\",\"removedValue\":\"removed\"}}", ScheduledTask.class);

        assertTrue(reactivating.removal().reactivateReturning());
        assertTrue(json.readTree(json.writeValueAsString(reactivating)).at("/removal/reactivateReturning").asBoolean());
        assertFalse(leftOut.removal().reactivateReturning());
    }

    @Test
    void anEventTaskShowsWhetherItIsInUseAndAcceptsItBack() throws Exception {
        EventTask task = new EventTask("e1", "c1", "Push", "access_request", "access_management", "incident",
                "incident_management", mapping, List.of("wf-onboarding"), null, null);

        String written = json.writeValueAsString(task);

        assertTrue(json.readTree(written).get("inUse").asBoolean(), written);
        assertEquals("access_request", json.readTree(written).get("localTemplate").asText(), written);
        assertEquals(task, json.readValue(written, EventTask.class));
    }

    @Test
    void aSaveAnswersTheTaskWithItsWarnings() throws Exception {
        EventTask task = new EventTask("e1", "c1", "Push", null, null, "incident", "incident_management", mapping,
                null, null, null);

        JsonNode tree = json.readTree(json.writeValueAsString(SavedTask.of(new Saved<>(task,
                List.of("the remote instance could not be reached; the mapping was not checked")))));

        assertEquals("Push", tree.at("/task/name").asText());
        assertFalse(tree.at("/task/inUse").asBoolean());
        assertEquals(1, tree.get("warnings").size());
    }
}
