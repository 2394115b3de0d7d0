package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.Rest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Dry runs in the assembled Karaf against the emulator's two instances, driven over REST and the shell: a new task,
 * ten remote changes, and a removal-threshold stop. Each dry run writes nothing to the local instance, and the real
 * run after it still has everything to do.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DryRunIT extends CardlinkTestSupport {

    private static final long RUN_TIMEOUT = 120_000;

    private final EmulatorAccess remote = EmulatorAccess.inKaraf(HTTP_PORT, "remote");
    private final EmulatorAccess local = EmulatorAccess.inKaraf(HTTP_PORT, "local");

    @Override
    @Configuration
    public Option[] config() throws Exception {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.cfg", "localUrl",
                "http://localhost:" + HTTP_PORT + "/emulator/local"));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.runs.cfg", "clockSkewSeconds", "0"));
        return options.toArray(new Option[0]);
    }

    @Test
    public void aDryRunReportsWhatARealRunWouldDoAndWritesNothing() throws Exception {
        waitForApi();
        // before the emulator is installed: a change of the engine's settings builds the emulator in Karaf again
        useEmulatorLocalUser();
        installFeature("cardlink-emulator");
        waitUntil("the emulator answers", 120_000, () -> remote.answers() && local.answers());
        JsonNode remotePersons = remote.cards("person", null, "efecte_id,email");
        int persons = remotePersons.size();
        String connector = created(rest.post("/connectors", "{\"name\":\"Dry\",\"type\":\"coreproiga\",\"settings\":{"
                + "\"remoteUrl\":\"" + remote.url() + "\",\"remoteApiPath\":\"/rest-api/itsm/v1\","
                + "\"remoteUser\":\"webapi\",\"remotePassword\":\"webapi\"}}")).get("id").asText();
        String tasks = "/connectors/" + connector + "/scheduled-tasks";
        created(rest.post(tasks, SyncPipelineIT.personsTask()));
        created(rest.post(tasks, incidentsTask()));
        String personsTask = tasks + "/Persons";
        String incidentsTask = tasks + "/Incidents";

        // a new task: every card a create, nothing written, no cache, no watermark; the real runs then do it all
        local.admin("DELETE", "counters", null);
        JsonNode dry = dryRunToEnd(personsTask);
        assertEquals(dry.toString(), "SUCCESS", dry.get("status").asText());
        assertTrue(dry.get("dryRun").asBoolean());
        assertEquals(persons, dry.at("/counts/created").asLong());
        JsonNode report = report(dry);
        assertEquals(Math.min(persons, 200), report.get("creates").size());
        Set<String> remoteKeys = new HashSet<>();
        remotePersons.forEach(card -> remoteKeys.add(text(card, "efecte_id")));
        Set<String> reportedKeys = new HashSet<>();
        report.get("creates").forEach(card -> reportedKeys.add(card.get("key").asText()));
        assertTrue(remoteKeys.containsAll(reportedKeys) && reportedKeys.size() == report.get("creates").size());
        JsonNode dryIncidents = dryRunToEnd(incidentsTask);
        int incidents = remote.cards("incident", null, "efecte_id").size();
        assertEquals(dryIncidents.toString(), incidents, dryIncidents.at("/counts/created").asLong());
        assertEquals(0, local.cardsWritten());
        assertEquals(0, local.cards("person", null, "source_key").size());
        JsonNode state = rest.get(personsTask + "/state").json();
        assertTrue(state.toString(), state.path("lastRun").isMissingNode() || state.path("lastRun").isNull());
        Rest.Reply file = rest.get("/runs/" + dry.get("id").asText() + "/dry-run/file");
        assertEquals(200, file.status());
        assertEquals(persons, file.json().get("cards").size());
        String shown = executeCommand("cardlink:run-show " + dry.get("id").asText());
        assertTrue(shown, shown.contains("Kind:         dry run") && shown.contains("Would create (" + persons));
        assertEquals(404, rest.get("/runs/" + dry.get("id").asText() + "/extract").status());

        assertEquals(persons, runToEnd(personsTask, "").at("/counts/created").asLong());
        assertEquals("the incremental task's watermark did not move", incidents,
                runToEnd(incidentsTask, "").at("/counts/created").asLong());

        // 10 remote changes: exactly those 10 updates with their old and new values; the real run makes them
        Map<String, String> oldEmails = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            JsonNode card = remotePersons.get(i);
            oldEmails.put(text(card, "efecte_id"), text(card, "email"));
            remote.patch("person", card.get("dataCardId").asText(), "email", "dry" + i + "@example.test");
        }
        local.admin("DELETE", "counters", null);
        String shellOutput = executeCommand("cardlink:task-run --dry-run Dry Persons");
        assertTrue(shellOutput, shellOutput.startsWith("Dry run "));
        JsonNode changes = awaitEnd(shellOutput.split(" ")[2]);
        assertTrue(changes.get("dryRun").asBoolean());
        assertEquals(changes.toString(), 10, changes.at("/counts/updated").asLong());
        assertEquals(persons - 10, changes.at("/counts/unchanged").asLong());
        assertEquals(0, changes.at("/counts/created").asLong());
        JsonNode updates = report(changes).get("updates");
        assertEquals(10, updates.size());
        for (JsonNode update : updates) {
            String key = update.get("key").asText();
            assertTrue(key, oldEmails.containsKey(key));
            assertEquals(update.toString(), 1, update.get("attributes").size());
            JsonNode email = update.get("attributes").get(0);
            assertEquals("email", email.get("attribute").asText());
            assertEquals(oldEmails.get(key), email.get("oldValue").asText());
            assertTrue(email.toString(), email.get("newValue").asText().matches("dry\\d@example\\.test"));
        }
        assertEquals(0, local.cardsWritten());
        assertEquals(10, runToEnd(personsTask, "").at("/counts/updated").asLong());

        // a threshold stop, then a dry run that lists the cards a real run would mark, and marks none
        int gone = persons * 6 / 10;
        Set<String> goneKeys = new HashSet<>();
        for (int i = 0; i < gone; i++) {
            remote.delete("person", remotePersons.get(i).get("dataCardId").asText());
            goneKeys.add(text(remotePersons.get(i), "efecte_id"));
        }
        JsonNode stopped = runToEnd(personsTask, "");
        assertEquals("ERROR", stopped.get("status").asText());
        int failureCards = local.cards("sync_failure", null, "message").size();
        local.admin("DELETE", "counters", null);
        JsonNode threshold = dryRunToEnd(personsTask);
        assertEquals(threshold.toString(), "SUCCESS", threshold.get("status").asText());
        assertEquals(gone, threshold.at("/counts/removed").asLong());
        JsonNode thresholdReport = report(threshold);
        assertTrue(thresholdReport.toString(), thresholdReport.get("thresholdStop").asText()
                .startsWith(gone + " of the task's " + persons + " cards"));
        Set<String> toMark = new HashSet<>();
        thresholdReport.get("removes").forEach(card -> toMark.add(card.get("key").asText()));
        assertEquals(goneKeys, toMark);
        assertEquals(0, local.cardsWritten());
        assertEquals(failureCards, local.cards("sync_failure", null, "message").size());
        assertEquals(0, local.cards("person", "$status$ = '99 - Removed'", "source_key").size());
        assertEquals(stopped.get("id").asText(), rest.get(personsTask + "/state").json().at("/lastRun/id").asText());
        String history = executeCommand("cardlink:task-history Dry Persons");
        assertTrue(history, history.contains("success (dry run)"));
        String marked = executeCommand("cardlink:run-show " + threshold.get("id").asText());
        assertTrue(marked, marked.contains("Would mark removed (" + gone + ")")
                && marked.contains("Removal threshold: " + gone + " of the task's"));
    }

    /** The incidents, INCREMENTAL, without the reference to persons (which are not loaded when it first runs). */
    private static String incidentsTask() {
        return "{\"name\":\"Incidents\",\"enabled\":false,\"schedule\":{\"intervalSeconds\":3600},"
                + "\"mode\":\"INCREMENTAL\",\"remoteTemplate\":\"incident\",\"remoteFolder\":\"incident_management\","
                + "\"mapping\":{\"targetTemplate\":\"incident\",\"targetFolder\":\"incident_management\",\"pairs\":["
                + "{\"source\":\"subject\",\"target\":\"subject\"},{\"source\":\"status\",\"target\":\"status\"},"
                + "{\"source\":\"efecte_id\",\"target\":\"source_key\"}],\"taskIdAttribute\":\"cardlink_task_id\","
                + "\"uniqueKeyAttribute\":\"source_key\"}}";
    }

    private JsonNode report(JsonNode run) throws Exception {
        Rest.Reply reply = rest.get("/runs/" + run.get("id").asText() + "/dry-run");
        assertEquals(reply.body(), 200, reply.status());
        return reply.json();
    }

    private JsonNode created(Rest.Reply reply) {
        assertEquals(reply.body(), 201, reply.status());
        return reply.json();
    }

    private JsonNode dryRunToEnd(String task) throws Exception {
        return runToEnd(task, "?dryRun=true");
    }

    private JsonNode runToEnd(String task, String query) throws Exception {
        Rest.Reply reply = rest.post(task + "/runs" + query, null);
        assertEquals(reply.body(), 202, reply.status());
        return awaitEnd(reply.json().get("id").asText());
    }

    private JsonNode awaitEnd(String runId) throws Exception {
        waitUntil("run " + runId + " ends", RUN_TIMEOUT, () -> {
            String status = rest.get("/runs/" + runId).json().get("status").asText();
            return !List.of("SCHEDULED", "WAITING", "RUNNING").contains(status);
        });
        return rest.get("/runs/" + runId).json();
    }

    private static String text(JsonNode card, String attribute) {
        return card.at("/data/" + attribute + "/values/0/value").asText();
    }
}
