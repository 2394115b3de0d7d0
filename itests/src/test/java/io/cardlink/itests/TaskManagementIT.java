package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.api.service.SettingsService;
import io.cardlink.testkit.Rest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Scheduled and event tasks over REST and in the shell, checked against the emulator's two instances (the demo
 * fixture: incident and person in both, sync_failure in the local one).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class TaskManagementIT extends CardlinkTestSupport {
    private static final EnumSet<FeaturesService.Option> KEEP_PROBE =
            EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);
    private static boolean ready;

    @Inject
    protected SettingsService settings;

    private final String emulator = "http://localhost:" + HTTP_PORT + "/emulator";
    private final HttpClient http = HttpClient.newHttpClient();

    @Before
    public void emulatorConnectorAndApiAreUp() throws Exception {
        waitForApi();
        if (ready) {
            return;
        }
        installFeature("cardlink-emulator", KEEP_PROBE);
        waitUntil("the emulator answers", 90_000, () -> http.send(HttpRequest.newBuilder(
                URI.create(emulator + "/remote/rest-api/itsm/v1/echo?message=hi")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        settings.update(Map.of("localUrl", emulator + "/local", "localUser", "webapi", "localPassword", "webapi"));
        assertEquals(201, rest.post("/connectors", connector("Emulated", emulator + "/remote")).status());
        // nothing listens on port 1: the remote can't be reached
        assertEquals(201, rest.post("/connectors", connector("Offline", "http://localhost:1")).status());
        ready = true;
    }

    static String connector(String name, String remoteUrl) {
        return "{\"name\":\"" + name + "\",\"type\":\"coreproiga\",\"settings\":{\"remoteUrl\":\"" + remoteUrl
                + "\",\"remoteUser\":\"webapi\",\"remotePassword\":\"webapi\"}}";
    }

    /** incident -> incident, unique key source_key fed from efecte_id, task id in cardlink_task_id. */
    static String scheduledTask(String name, String extraPairs) {
        return "{\"name\":\"" + name + "\",\"enabled\":true,\"schedule\":{\"intervalSeconds\":3600},\"mode\":\"FULL\","
                + "\"settings\":{\"eqlFilter\":\"$status$ = '02 - Solving'\"},\"remoteTemplate\":\"incident\","
                + "\"remoteFolder\":\"incident_management\",\"mapping\":{\"targetTemplate\":\"incident\","
                + "\"targetFolder\":\"incident_management\",\"pairs\":[{\"source\":\"efecte_id\",\"target\":\"source_key\"},"
                + "{\"source\":\"subject\",\"target\":\"subject\"},{\"source\":\"due_date\",\"target\":\"description\"}"
                + extraPairs + "],\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"},"
                + "\"removal\":{\"statusAttribute\":\"status\",\"removedValue\":\"removed\"},"
                + "\"failureCard\":{\"template\":\"sync_failure\",\"folder\":\"integration\",\"attribute\":\"message\"}}";
    }

    static List<String> fields(Rest.Reply reply) {
        List<String> fields = new ArrayList<>();
        reply.json().get("fields").forEach(f -> fields.add(f.get("field").asText()));
        return fields;
    }

    static String problem(Rest.Reply reply, String field) {
        for (JsonNode f : reply.json().get("fields")) {
            if (f.get("field").asText().equals(field)) {
                return f.get("problem").asText();
            }
        }
        return "";
    }

    @Test
    public void a1AValidScheduledTaskIsSavedAndFound() throws Exception {
        Rest.Reply created = rest.post("/connectors/Emulated/scheduled-tasks", scheduledTask("Incidents", ""));
        assertEquals(created.body(), 201, created.status());
        JsonNode task = created.json().get("task");
        String id = task.get("id").asText();
        assertEquals(0, created.json().get("warnings").size());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/scheduled-tasks/" + id));
        assertEquals(30, task.at("/removal/thresholdPercent").asInt());
        assertEquals(3600, task.at("/schedule/intervalSeconds").asInt());

        Rest.Reply byName = rest.get("/connectors/Emulated/scheduled-tasks/Incidents");
        assertEquals(200, byName.status());
        assertEquals(id, byName.json().get("id").asText());
        assertEquals("source_key", byName.json().at("/mapping/uniqueKeyAttribute").asText());
        assertEquals("$status$ = '02 - Solving'", byName.json().at("/settings/eqlFilter").asText());
        assertFalse(byName.json().has("eqlFilter"));
        assertEquals(1, rest.get("/connectors/Emulated/scheduled-tasks?search=solving").json().size());

        assertEquals(1, rest.get("/connectors/Emulated/scheduled-tasks?search=incid").json().size());
        assertEquals(0, rest.get("/connectors/Emulated/scheduled-tasks?search=nothing-like-it").json().size());
        assertEquals("NEVER_RUN", rest.get("/connectors/Emulated").json().get("status").asText());

        Rest.Reply renamed = rest.put("/connectors/Emulated/scheduled-tasks/" + id, scheduledTask("Renamed", ""));
        assertEquals(renamed.body(), 400, renamed.status());
        assertEquals(List.of("name"), fields(renamed));
        Rest.Reply updated = rest.put("/connectors/Emulated/scheduled-tasks/" + id,
                scheduledTask("Incidents", ",{\"source\":\"priority\",\"target\":\"priority\"}"));
        assertEquals(updated.body(), 200, updated.status());
        assertEquals(4, updated.json().at("/task/mapping/pairs").size());
    }

    @Test
    public void a1bTheTypeDescribesTheTaskSettingsAndTheOldShapeIsStillTaken() throws Exception {
        JsonNode coreproiga = null;
        for (JsonNode type : rest.get("/connector-types").json()) {
            if (type.get("id").asText().equals("coreproiga")) {
                coreproiga = type;
            }
        }
        assertNotNull(coreproiga);
        assertEquals("eqlFilter", coreproiga.at("/taskSettings/0/key").asText());
        assertEquals("FILTER", coreproiga.at("/taskSettings/0/kind").asText());
        assertFalse(coreproiga.at("/taskSettings/0/required").asBoolean());

        // as integrations wrote tasks before: the filter beside the other fields
        String old = scheduledTask("Old shape", "").replace("\"settings\":{\"eqlFilter\":\"$status$ = '02 - Solving'\"}",
                "\"eqlFilter\":\"$status$ = '01 - New'\"");
        Rest.Reply created = rest.post("/connectors/Emulated/scheduled-tasks", old);
        assertEquals(created.body(), 201, created.status());
        assertEquals("$status$ = '01 - New'", created.json().at("/task/settings/eqlFilter").asText());

        String twice = old.replace("\"name\":\"Old shape\"", "\"name\":\"Twice\",\"settings\":{\"eqlFilter\":\"x\"}");
        Rest.Reply refused = rest.post("/connectors/Emulated/scheduled-tasks", twice);
        assertEquals(refused.body(), 400, refused.status());
        assertEquals(List.of("settings.eqlFilter"), fields(refused));

        Rest.Reply unknown = rest.post("/connectors/Emulated/scheduled-tasks",
                old.replace("\"name\":\"Old shape\"", "\"name\":\"Unknown\",\"settings\":{\"colour\":\"red\"}"));
        assertEquals(unknown.body(), 400, unknown.status());
        assertEquals(List.of("settings.colour"), fields(unknown));
        assertTrue(problem(unknown, "settings.colour"), problem(unknown, "settings.colour").contains("eqlFilter"));
        assertEquals(204, rest.delete("/connectors/Emulated/scheduled-tasks/Old shape".replace(" ", "%20")).status());
    }

    @Test
    public void a2EveryProblemOfAnInvalidTaskIsReportedInOneAnswer() throws Exception {
        String invalid = "{\"name\":\"Broken\",\"enabled\":true,\"schedule\":{\"cron\":\"every monday\"},"
                + "\"eqlFilter\":\"$status$ = \",\"remoteTemplate\":\"incident\",\"remoteFolder\":\"persons\","
                + "\"mapping\":{\"targetTemplate\":\"incident\",\"targetFolder\":\"incident_management\",\"pairs\":["
                + "{\"source\":\"due_date\",\"target\":\"priority\"},{\"source\":\"subject\",\"target\":\"description\"},"
                + "{\"source\":\"description\",\"target\":\"description\"},{\"source\":\"no_such\",\"target\":\"subject\"}],"
                + "\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"efecte_id\"},"
                + "\"removal\":{\"statusAttribute\":\"status\",\"removedValue\":\"gone\",\"thresholdPercent\":150},"
                + "\"failureCard\":{\"template\":\"no_such_template\",\"folder\":\"integration\",\"attribute\":\"message\"}}";

        Rest.Reply refused = rest.post("/connectors/Emulated/scheduled-tasks", invalid);

        assertEquals(refused.body(), 400, refused.status());
        List<String> fields = fields(refused);
        assertTrue(fields.toString(), fields.containsAll(List.of("schedule.cron", "mode", "remoteFolder", "settings.eqlFilter",
                "mapping.pairs[0].target", "mapping.pairs[2].target", "mapping.pairs[3].source",
                "mapping.uniqueKeyAttribute", "removal.thresholdPercent", "removal.removedValue",
                "failureCard.template")));
        assertTrue(problem(refused, "settings.eqlFilter"),
                problem(refused, "settings.eqlFilter").contains("refused the filter"));
        assertTrue(problem(refused, "mapping.pairs[2].target").contains("written twice"));
        assertTrue(problem(refused, "mapping.pairs[0].target").contains("cannot map date to number"));
        assertEquals(0, rest.get("/connectors/Emulated/scheduled-tasks?search=Broken").json().size());

        Rest.Reply empty = rest.post("/connectors/Emulated/scheduled-tasks", "{\"name\":\"\",\"enabled\":true}");
        assertEquals(400, empty.status());
        assertTrue(fields(empty).toString(), fields(empty).containsAll(List.of("name", "schedule", "mode",
                "remoteTemplate", "remoteFolder", "mapping")));
    }

    @Test
    public void a3AnEventTaskRefusesWorklogsAndAttachments() throws Exception {
        Rest.Reply refused = rest.post("/connectors/Emulated/event-tasks", "{\"name\":\"Push\","
                + "\"remoteTemplate\":\"incident\",\"remoteFolder\":\"incident_management\",\"mapping\":{\"pairs\":["
                + "{\"source\":\"subject\",\"target\":\"subject\"},{\"source\":\"worklog\",\"target\":\"worklog\"},"
                + "{\"source\":\"attachments\",\"target\":\"attachments\"}],\"uniqueKeyAttribute\":\"source_key\"}}");
        assertEquals(refused.body(), 400, refused.status());
        assertTrue(fields(refused).toString(), fields(refused).containsAll(List.of("mapping.pairs[1].source",
                "mapping.pairs[2].source")));
        assertTrue(problem(refused, "mapping.pairs[1].source").contains("attachments and worklogs cannot be written"));

        Rest.Reply created = rest.post("/connectors/Emulated/event-tasks", "{\"name\":\"Push\","
                + "\"remoteTemplate\":\"incident\",\"remoteFolder\":\"incident_management\",\"mapping\":{\"pairs\":["
                + "{\"source\":\"efecte_id\",\"target\":\"source_key\"},{\"source\":\"assigned_at\",\"target\":\"description\"}],"
                + "\"uniqueKeyAttribute\":\"source_key\"},\"workflowReferences\":[\"wf-onboarding\"]}");
        assertEquals(created.body(), 201, created.status());
        assertTrue(created.json().at("/task/inUse").asBoolean());
        assertEquals("incident", created.json().at("/task/mapping/targetTemplate").asText());

        Rest.Reply sameName = rest.post("/connectors/Emulated/scheduled-tasks", scheduledTask("Push", ""));
        assertEquals(sameName.body(), 409, sameName.status());

        Rest.Reply fetched = rest.get("/connectors/Emulated/event-tasks/Push");
        assertEquals(200, fetched.status());
        Rest.Reply putBack = rest.put("/connectors/Emulated/event-tasks/Push", fetched.body());
        assertEquals(putBack.body(), 200, putBack.status());
    }

    @Test
    public void a4CopiesKeepEverythingButTheNameAndStartDisabled() throws Exception {
        Rest.Reply copy = rest.post("/connectors/Emulated/scheduled-tasks/Incidents/copy", "{\"name\":\"Incidents 2\"}");
        assertEquals(copy.body(), 201, copy.status());
        assertFalse(copy.json().at("/task/enabled").asBoolean());
        assertEquals(4, copy.json().at("/task/mapping/pairs").size());
        assertTrue(copy.headers().firstValue("Location").orElse("")
                .endsWith("/scheduled-tasks/" + copy.json().at("/task/id").asText()));
        assertEquals(409, rest.post("/connectors/Emulated/scheduled-tasks/Incidents/copy", "{\"name\":\"Push\"}").status());

        Rest.Reply eventCopy = rest.post("/connectors/Emulated/event-tasks/Push/copy", "{\"name\":\"Push 2\"}");
        assertEquals(eventCopy.body(), 201, eventCopy.status());
        assertFalse(eventCopy.json().at("/task/inUse").asBoolean());
        assertEquals(2, rest.get("/connectors/Emulated/scheduled-tasks?search=incidents").json().size());
    }

    @Test
    public void a5AnEventTaskInUseIsRemovedOnlyWithForce() throws Exception {
        Rest.Reply refused = rest.delete("/connectors/Emulated/event-tasks/Push");
        assertEquals(refused.body(), 409, refused.status());
        assertTrue(refused.body(), refused.json().get("message").asText().contains("wf-onboarding"));
        assertEquals(204, rest.delete("/connectors/Emulated/event-tasks/Push?force=true").status());
        assertEquals(404, rest.get("/connectors/Emulated/event-tasks/Push").status());
        assertEquals(204, rest.delete("/connectors/Emulated/event-tasks/Push%202").status());
        assertEquals(204, rest.delete("/connectors/Emulated/scheduled-tasks/Incidents%202").status());
        assertEquals(404, rest.get("/connectors/Emulated/scheduled-tasks/Incidents%202").status());
    }

    @Test
    public void a6ATaskIsSavedWithAWarningWhenTheRemoteCantBeReached() throws Exception {
        Rest.Reply saved = rest.post("/connectors/Offline/scheduled-tasks", scheduledTask("Unchecked", ""));
        assertEquals(saved.body(), 201, saved.status());
        assertTrue(saved.body(), saved.json().get("warnings").toString().contains("remote instance could not be reached"));
        assertTrue(saved.body(), saved.json().get("warnings").toString().contains("the mapping was not checked"));

        Rest.Reply stillRefused = rest.post("/connectors/Offline/scheduled-tasks", scheduledTask("Twice",
                ",{\"source\":\"description\",\"target\":\"subject\"}"));
        assertEquals(stillRefused.body(), 400, stillRefused.status());
        assertTrue(fields(stillRefused).toString(), fields(stillRefused).contains("mapping.pairs[3].target"));
    }

    @Test
    public void a7TheShellMirrorsRest() throws Exception {
        String added = executeCommand("cardlink:task-add --event --remote-template incident"
                + " --remote-folder incident_management --pair efecte_id=source_key --pair subject=subject"
                + " --unique-key source_key --workflow wf-shell Emulated \"Shell push\"");
        assertTrue(added, added.contains("Event task 'Shell push' added"));

        String list = executeCommand("cardlink:task-list Emulated");
        assertTrue(list, list.contains("Incidents") && list.contains("Shell push") && list.contains("wf-shell"));
        assertTrue(list, list.contains("every 3600s"));

        String shown = executeCommand("cardlink:task-show Emulated Incidents");
        assertTrue(shown, shown.contains("efecte_id -> source_key"));
        assertTrue(shown, shown.contains("Filtering query: $status$ = '02 - Solving'"));

        String read = executeCommand("cardlink:task-add --remote-template incident --remote-folder incident_management"
                + " --target-template incident --target-folder incident_management --interval 3600"
                + " --pair efecte_id=source_key --pair subject=subject --unique-key source_key"
                + " --task-id-attribute cardlink_task_id --setting \"eqlFilter=entity.deleted = 0\" Emulated \"Shell read\"");
        assertTrue(read, read.contains("Scheduled task 'Shell read' added"));
        assertEquals("entity.deleted = 0", rest.get("/connectors/Emulated/scheduled-tasks/Shell%20read").json()
                .at("/settings/eqlFilter").asText());
        String unknownSetting = executeCommand("cardlink:task-edit Emulated \"Shell read\" settings.colour red");
        assertTrue(unknownSetting, unknownSetting.contains("settings.colour"));
        String cleared = executeCommand("cardlink:task-edit Emulated \"Shell read\" settings.eqlFilter none");
        assertTrue(cleared, cleared.contains("changed"));
        assertEquals(0, rest.get("/connectors/Emulated/scheduled-tasks/Shell%20read").json().get("settings").size());
        assertTrue(executeCommand("cardlink:task-remove Emulated \"Shell read\"").contains("removed"));

        String edited = executeCommand("cardlink:task-edit Emulated Incidents schedule.cron \"0 0/30 * * * ?\"");
        assertTrue(edited, edited.contains("changed"));
        assertEquals("0 0/30 * * * ?", rest.get("/connectors/Emulated/scheduled-tasks/Incidents").json()
                .at("/schedule/cron").asText());
        String badEdit = executeCommand("cardlink:task-edit Emulated Incidents mapping.pairs subject=no_such");
        assertTrue(badEdit, badEdit.contains("mapping.pairs[0].target"));

        String copied = executeCommand("cardlink:task-copy Emulated Incidents \"Shell copy\"");
        assertTrue(copied, copied.contains("copied to 'Shell copy'"));

        String refused = executeCommand("cardlink:task-remove Emulated \"Shell push\"");
        assertTrue(refused, refused.contains("wf-shell"));
        String removed = executeCommand("cardlink:task-remove --force Emulated \"Shell push\"");
        assertTrue(removed, removed.contains("Event task 'Shell push' removed"));
        assertTrue(executeCommand("cardlink:task-remove Emulated \"Shell copy\"").contains("removed"));
    }

    @Test
    public void a8RemovingAConnectorNeedsConfirmationAndTakesItsTasks() throws Exception {
        Rest.Reply refused = rest.delete("/connectors/Emulated");
        assertEquals(refused.body(), 409, refused.status());
        String message = refused.json().get("message").asText();
        assertTrue(message, message.contains("Incidents"));

        assertEquals(204, rest.delete("/connectors/Emulated?confirm=true").status());
        assertEquals(404, rest.get("/connectors/Emulated/scheduled-tasks").status());
    }
}
