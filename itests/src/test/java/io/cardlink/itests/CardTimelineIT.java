package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.Rest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The timeline of one card of a two-way link between the emulator's two instances: created by a run, updated by a
 * later run, written back by an event operation and marked removed, in that order with the run and operation ids,
 * over REST and in the shell; an unchanged re-read adds no entry and moves the card's last seen.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CardTimelineIT extends CardlinkTestSupport {
    private static final String CONNECTOR = "/connectors/Timeline";
    private static final String READ = CONNECTOR + "/scheduled-tasks/Tickets%20in";
    private static final String WRITE = CONNECTOR + "/event-tasks/Tickets%20out";
    private static final String KEY = "TL-1";
    private static final String TIMELINE = "/cards/" + KEY + "/timeline?connector=Timeline";
    private static final List<String> UNFINISHED = List.of("SCHEDULED", "WAITING", "RUNNING");

    private final EmulatorAccess remote = EmulatorAccess.inKaraf(HTTP_PORT, "remote");
    private final EmulatorAccess local = EmulatorAccess.inKaraf(HTTP_PORT, "local");

    @Override
    @Configuration
    public Option[] config() throws Exception {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.cfg", "localUrl",
                "http://localhost:" + HTTP_PORT + "/emulator/local"));
        return options.toArray(new Option[0]);
    }

    @Test
    public void aCardsRunsAndOperationsShowInOrderAndAnUnchangedReadOnlyMovesLastSeen() throws Exception {
        link();

        String created = runToEnd();
        JsonNode afterCreate = timeline();
        assertEquals(afterCreate.toString(), 1, afterCreate.get("events").size());
        assertEquals(created, afterCreate.at("/lastSeen/0/runId").asText());

        String unchanged = runToEnd();
        JsonNode afterUnchanged = timeline();
        assertEquals("an unchanged read adds no entry: " + afterUnchanged, 1, afterUnchanged.get("events").size());
        assertEquals(unchanged, afterUnchanged.at("/lastSeen/0/runId").asText());
        assertTrue(afterUnchanged.toString(), Instant.parse(afterUnchanged.at("/lastSeen/0/at").asText())
                .isAfter(Instant.parse(afterCreate.at("/lastSeen/0/at").asText())));

        remote.patch("incident", remoteId(), "subject", "changed at the remote");
        String updated = runToEnd();

        String localId = localId();
        local.patch("incident", localId, "description", "changed by a local workflow");
        Rest.Reply sent = rest.asWorkflowEngine().post(WRITE + "/datacards", "{\"operation\":\"update\","
                + "\"localCardId\":\"" + localId + "\",\"workflow\":\"Send back\"}");
        assertEquals(sent.body(), 200, sent.status());
        assertEquals(sent.body(), "SUCCEEDED", sent.json().get("status").asText());
        String operation = sent.json().get("id").asText();
        waitUntil("the operation's outcome is in the timeline", 30_000,
                () -> timeline().get("events").size() == 3);

        remote.delete("incident", remoteId());
        String removal = runToEnd();

        JsonNode events = timeline().get("events");
        assertEquals(events.toString(), 4, events.size());
        assertEntry(events.get(0), "CREATED", "READ", created, null);
        assertEntry(events.get(1), "UPDATED", "READ", updated, null);
        assertEntry(events.get(2), "WRITTEN", "WRITE", null, operation);
        assertEntry(events.get(3), "REMOVED", "READ", removal, null);
        assertTrue(events.get(1).get("attributes").toString(), events.get(1).get("attributes").toString()
                .contains("subject"));
        assertEquals("Send back", events.get(2).get("workflow").asText());
        assertEquals(localId, events.get(0).get("localId").asText());
        assertEquals(localId, events.get(3).get("localId").asText());

        // the same card by its local id; the shell shows the same four entries
        Rest.Reply byId = rest.get("/cards/timeline?connector=Timeline&localId=" + localId);
        assertEquals(byId.body(), 200, byId.status());
        assertEquals(KEY, byId.json().get("cardKey").asText());
        assertEquals(events, byId.json().get("events"));
        String shown = executeCommand("cardlink:card-timeline Timeline " + KEY);
        for (String expected : List.of("created", "updated", "written", "removed", "run " + created,
                "operation " + operation, "workflow: Send back", "Tickets in", "Tickets out")) {
            assertTrue(expected + " in:\n" + shown, shown.contains(expected));
        }
        assertTrue(shown, shown.indexOf("created") < shown.indexOf("updated")
                && shown.indexOf("updated") < shown.indexOf("written") && shown.indexOf("written") < shown.indexOf("removed"));

        // bad input names the field; an unknown connector is a 404
        Rest.Reply noConnector = rest.get("/cards/" + KEY + "/timeline");
        assertEquals(noConnector.body(), 400, noConnector.status());
        assertTrue(noConnector.body(), noConnector.body().contains("connector"));
        Rest.Reply bothIds = rest.get("/cards/timeline?connector=Timeline&localId=1&remoteId=2");
        assertEquals(bothIds.body(), 400, bothIds.status());
        assertTrue(bothIds.body(), bothIds.body().contains("remoteId"));
        assertEquals(404, rest.get("/cards/" + KEY + "/timeline?connector=Nope").status());
    }

    /** A connector with a scheduled task and an event task linked both ways over the incidents TL-1 to TL-3. */
    private void link() throws Exception {
        waitForApi();
        // before the emulator is installed: a change of the engine's settings builds the emulator in Karaf again
        useEmulatorLocalUser();
        installFeature("cardlink-emulator");
        waitUntil("the emulator answers", 120_000, () -> remote.answers() && local.answers());
        assertEquals(201, rest.post("/connectors", TaskManagementIT.connector("Timeline", remote.url())).status());
        String pairs = "[{\"source\":\"source_key\",\"target\":\"source_key\"},{\"source\":\"subject\","
                + "\"target\":\"subject\"},{\"source\":\"description\",\"target\":\"description\"}]";
        Rest.Reply read = rest.post(CONNECTOR + "/scheduled-tasks", "{\"name\":\"Tickets in\",\"enabled\":false,"
                + "\"schedule\":{\"intervalSeconds\":86400},\"mode\":\"FULL\",\"eqlFilter\":\"$source_key$ IS NOT NULL\","
                + "\"remoteTemplate\":\"incident\",\"remoteFolder\":\"incident_management\",\"mapping\":{"
                + "\"targetTemplate\":\"incident\",\"targetFolder\":\"incident_management\",\"pairs\":" + pairs + ","
                + "\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"},"
                + "\"removal\":{\"statusAttribute\":\"status\",\"removedValue\":\"99 - Removed\","
                + "\"thresholdPercent\":50}}");
        assertEquals(read.body(), 201, read.status());
        Rest.Reply write = rest.post(CONNECTOR + "/event-tasks", "{\"name\":\"Tickets out\",\"localTemplate\":"
                + "\"incident\",\"remoteTemplate\":\"incident\",\"remoteFolder\":\"incident_management\",\"mapping\":{"
                + "\"pairs\":" + pairs + ",\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"}}");
        assertEquals(write.body(), 201, write.status());
        for (int i = 1; i <= 3; i++) {
            remote.create("incident", "incident_management", "{\"source_key\":{\"values\":[{\"value\":\"TL-" + i
                    + "\"}]},\"subject\":{\"values\":[{\"value\":\"Ticket " + i + "\"}]},\"description\":"
                    + "{\"values\":[{\"value\":\"first text\"}]}}");
        }
        waitUntil("the orchestration service is up", 90_000, () -> rest.get("/orchestration/operations/none")
                .status() == 404);
    }

    private String runToEnd() throws Exception {
        Rest.Reply started = rest.post(READ + "/runs", null);
        assertEquals(started.body(), 202, started.status());
        String runId = started.json().get("id").asText();
        waitUntil("run " + runId + " ends", 120_000,
                () -> !UNFINISHED.contains(rest.get("/runs/" + runId).json().get("status").asText()));
        JsonNode run = rest.get("/runs/" + runId).json();
        assertEquals(run.toString(), "SUCCESS", run.get("status").asText());
        return runId;
    }

    private JsonNode timeline() throws Exception {
        Rest.Reply reply = rest.get(TIMELINE);
        assertEquals(reply.body(), 200, reply.status());
        return reply.json();
    }

    private static void assertEntry(JsonNode entry, String kind, String direction, String runId, String operationId) {
        assertEquals(entry.toString(), kind, entry.get("kind").asText());
        assertEquals(entry.toString(), direction, entry.get("direction").asText());
        assertEquals(entry.toString(), runId, entry.hasNonNull("runId") ? entry.get("runId").asText() : null);
        assertEquals(entry.toString(), operationId,
                entry.hasNonNull("operationId") ? entry.get("operationId").asText() : null);
    }

    private String localId() throws Exception {
        return local.cards("incident", "$source_key$ = '" + KEY + "'", "source_key").get(0).get("dataCardId").asText();
    }

    private String remoteId() throws Exception {
        return remote.cards("incident", "$source_key$ = '" + KEY + "'", "source_key").get(0).get("dataCardId").asText();
    }
}
