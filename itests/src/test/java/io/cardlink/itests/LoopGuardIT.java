package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.Rest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Two instances linked both ways (the vendor's first warning): a scheduled task reads the remote incidents into the
 * local instance, an event task writes local incidents back, and a simulated workflow of the local instance calls the
 * event task for every incident the local instance receives, with no delaying activity. The loop guard stops the
 * traffic by itself, and holds the card of a workflow that keeps rewriting it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class LoopGuardIT extends CardlinkTestSupport {
    private static final String CONNECTOR = "/connectors/Both";
    private static final String READ = CONNECTOR + "/scheduled-tasks/Incidents%20in";
    private static final String WRITE = CONNECTOR + "/event-tasks/Incidents%20out";
    private static final int CARDS = 10;
    private static final List<String> UNFINISHED = List.of("SCHEDULED", "WAITING", "RUNNING");
    private static boolean ready;
    /** What the simulated workflow last saw of each local incident: its id and its updated value. */
    private static final Map<String, String> seen = new HashMap<>();

    private final EmulatorAccess remote = EmulatorAccess.inKaraf(HTTP_PORT, "remote");
    private final EmulatorAccess local = EmulatorAccess.inKaraf(HTTP_PORT, "local");
    private final Rest workflow = rest.asWorkflowEngine();

    @Override
    @Configuration
    public Option[] config() throws Exception {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.cfg", "localUrl",
                "http://localhost:" + HTTP_PORT + "/emulator/local"));
        return options.toArray(new Option[0]);
    }

    @Before
    public void linkExists() throws Exception {
        if (ready) {
            return;
        }
        waitForApi();
        // before the emulator is installed: a change of the engine's settings builds the emulator in Karaf again
        useEmulatorLocalUser();
        installFeature("cardlink-emulator");
        waitUntil("the emulator answers", 120_000, () -> remote.answers() && local.answers());
        assertEquals(201, rest.post("/connectors", TaskManagementIT.connector("Both", remote.url())).status());
        String pairs = "[{\"source\":\"source_key\",\"target\":\"source_key\"},{\"source\":\"subject\","
                + "\"target\":\"subject\"},{\"source\":\"description\",\"target\":\"description\"}]";
        Rest.Reply read = rest.post(CONNECTOR + "/scheduled-tasks", "{\"name\":\"Incidents in\",\"enabled\":false,"
                + "\"schedule\":{\"intervalSeconds\":86400},\"mode\":\"FULL\",\"eqlFilter\":\"$source_key$ IS NOT NULL\","
                + "\"remoteTemplate\":\"incident\",\"remoteFolder\":\"incident_management\",\"mapping\":{"
                + "\"targetTemplate\":\"incident\",\"targetFolder\":\"incident_management\",\"pairs\":" + pairs + ","
                + "\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"}}");
        assertEquals(read.body(), 201, read.status());
        Rest.Reply write = rest.post(CONNECTOR + "/event-tasks", "{\"name\":\"Incidents out\",\"localTemplate\":"
                + "\"incident\",\"remoteTemplate\":\"incident\",\"remoteFolder\":\"incident_management\",\"mapping\":{"
                + "\"pairs\":" + pairs + ",\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"}}");
        assertEquals(write.body(), 201, write.status());
        for (int i = 1; i <= CARDS; i++) {
            remote.create("incident", "incident_management", "{\"source_key\":{\"values\":[{\"value\":\"BI-" + i
                    + "\"}]},\"subject\":{\"values\":[{\"value\":\"Shared ticket " + i + "\"}]},\"description\":"
                    + "{\"values\":[{\"value\":\"first text\"}]}}");
        }
        waitUntil("the orchestration service is up", 90_000, () -> rest.get("/orchestration/operations/none")
                .status() == 404);
        ready = true;
    }

    @Test
    public void a1TheTrafficOfATwoWayLinkStopsByItselfAndBothInstancesEndEqual() throws Exception {
        // round 1: the remote cards arrive; the workflow sends each back, and each is an echo
        JsonNode first = round();
        assertEquals(first.toString(), CARDS, first.at("/run/counts/created").asInt());
        assertEquals(CARDS, first.get("calls").size());
        assertEquals(first.toString(), List.of("SUPPRESSED"), distinct(first.get("calls")));
        assertEquals(0, first.get("remoteWrites").asLong());
        Rest.Reply suppressed = rest.get(WRITE + "/operations?status=SUPPRESSED&limit=1");
        assertTrue(suppressed.body(), suppressed.json().get(0).get("reason").asText().contains("echo"));

        // round 2: nothing moves
        assertQuiet(round());

        // a user changes three local incidents: the workflow sends them, they are written; they come back as echoes
        for (int i = 1; i <= 3; i++) {
            local.patch("incident", localId("BI-" + i), "description", "changed locally " + i);
        }
        JsonNode sent = workflowPass();
        assertEquals(sent.toString(), List.of("SUCCEEDED"), distinct(sent.get("calls")));
        assertEquals(3, sent.get("calls").size());
        JsonNode back = round();
        assertEquals(back.toString(), 0, back.get("localWrites").asLong());
        assertEquals(0, back.get("calls").size());
        assertTrue(back.toString(), back.at("/run/info").toString().contains("echoes of what event task 'Incidents out'"));
        assertQuiet(round());

        // a user changes two remote incidents: they are loaded, and what the workflow sends back is suppressed
        for (int i = 4; i <= 5; i++) {
            remote.patch("incident", remoteId("BI-" + i), "subject", "changed remotely " + i);
        }
        JsonNode loaded = round();
        assertEquals(loaded.toString(), 2, loaded.at("/run/counts/updated").asInt());
        assertEquals(List.of("SUPPRESSED"), distinct(loaded.get("calls")));
        assertEquals(0, loaded.get("remoteWrites").asLong());
        assertQuiet(round());

        // both instances hold the same incidents
        for (int i = 1; i <= CARDS; i++) {
            JsonNode l = local.cards("incident", "$source_key$ = 'BI-" + i + "'", "subject,description").get(0);
            JsonNode r = remote.cards("incident", "$source_key$ = 'BI-" + i + "'", "subject,description").get(0);
            assertEquals("BI-" + i, r.at("/data/subject"), l.at("/data/subject"));
            assertEquals("BI-" + i, r.at("/data/description"), l.at("/data/description"));
        }
    }

    @Test
    public void a2AFlappingWorkflowGetsItsCardHeldUntilAnOperatorReleasesIt() throws Exception {
        String card = localId("BI-10");
        List<JsonNode> answers = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            // the workflow rewrites the card each time it passes, and sends it
            local.patch("incident", card, "description", "flap " + i);
            Rest.Reply reply = workflow.post(WRITE + "/datacards", "{\"operation\":\"update\",\"localCardId\":\""
                    + card + "\"}");
            answers.add(reply.json());
            assertEquals(reply.body(), i <= 5 ? 200 : 202, reply.status());
        }
        assertEquals("HELD", answers.get(5).get("status").asText());
        assertTrue(answers.get(5).toString(), answers.get(5).get("reason").asText()
                .contains("written 5 times within 10 minutes"));
        assertEquals("HELD", answers.get(6).get("status").asText());
        assertEquals("flap 5", remoteCard("BI-10").at("/data/description/values/0/value").asText());

        Rest.Reply held = rest.get(WRITE + "/held-cards");
        assertEquals(held.body(), 1, held.json().size());
        assertEquals("BI-10", held.json().get(0).get("cardKey").asText());
        assertEquals(2, held.json().get(0).get("heldOperations").asInt());
        String listed = executeCommand("cardlink:card-held Both \"Incidents out\"");
        assertTrue(listed, listed.contains("BI-10") && listed.contains("written 5 times"));
        String status = executeCommand("cardlink:status");
        assertTrue(status, status.contains("loop guard") && status.contains("BI-10"));
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        assertTrue(Files.readString(log, StandardCharsets.UTF_8).contains("Loop guard: card 'BI-10'"));

        String released = executeCommand("cardlink:card-release Both \"Incidents out\" BI-10");
        assertTrue(released, released.contains("2 held operation(s) go on"));
        String last = answers.get(6).get("id").asText();
        waitUntil("the held operations are written", 60_000, () -> "SUCCEEDED".equals(rest.get(
                "/orchestration/operations/" + last).json().get("status").asText()));
        assertEquals("flap 7", remoteCard("BI-10").at("/data/description/values/0/value").asText());
        assertEquals(0, rest.get(WRITE + "/held-cards").json().size());
    }

    /** One round trip: the scheduled task runs to its end, then the workflow looks at what the local instance got. */
    private JsonNode round() throws Exception {
        remote.admin("DELETE", "counters", null);
        local.admin("DELETE", "counters", null);
        Rest.Reply started = rest.post(READ + "/runs", null);
        assertEquals(started.body(), 202, started.status());
        String runId = started.json().get("id").asText();
        waitUntil("run " + runId + " ends", 120_000,
                () -> !UNFINISHED.contains(rest.get("/runs/" + runId).json().get("status").asText()));
        JsonNode run = rest.get("/runs/" + runId).json();
        assertEquals(run.toString(), "SUCCESS", run.get("status").asText());
        long localWrites = local.cardsWritten();
        JsonNode pass = workflowPass();
        var result = Rest.JSON.createObjectNode();
        result.set("run", run);
        result.put("localWrites", localWrites);
        result.set("calls", pass.get("calls"));
        result.put("remoteWrites", remote.cardsWritten());
        return result;
    }

    /**
     * The simulated workflow of the local instance: every incident it received since its last look (new, or with a
     * new {@code updated}) goes to the event task by id, at once.
     */
    private JsonNode workflowPass() throws Exception {
        var calls = Rest.JSON.createArrayNode();
        for (JsonNode card : local.cards("incident", "$source_key$ IS NOT NULL", "source_key,updated")) {
            String id = card.get("dataCardId").asText();
            String updated = card.at("/data/updated/values/0/value").asText();
            if (updated.equals(seen.get(id))) {
                continue;
            }
            seen.put(id, updated);
            Rest.Reply reply = workflow.post(WRITE + "/datacards", "{\"operation\":\"create\",\"localCardId\":\"" + id
                    + "\",\"workflow\":\"Send incidents on\"}");
            assertTrue(reply.body(), reply.status() == 200);
            calls.add(reply.json().get("status").asText());
        }
        var result = Rest.JSON.createObjectNode();
        result.set("calls", calls);
        return result;
    }

    private static void assertQuiet(JsonNode round) {
        assertEquals(round.toString(), 0, round.get("localWrites").asLong());
        assertEquals(round.toString(), 0, round.get("calls").size());
        assertEquals(round.toString(), 0, round.get("remoteWrites").asLong());
    }

    private static List<String> distinct(JsonNode statuses) {
        List<String> found = new ArrayList<>();
        statuses.forEach(status -> {
            if (!found.contains(status.asText())) {
                found.add(status.asText());
            }
        });
        return found;
    }

    private String localId(String key) throws Exception {
        return local.cards("incident", "$source_key$ = '" + key + "'", "source_key").get(0).get("dataCardId").asText();
    }

    private String remoteId(String key) throws Exception {
        return remoteCard(key).get("dataCardId").asText();
    }

    private JsonNode remoteCard(String key) throws Exception {
        JsonNode cards = remote.cards("incident", "$source_key$ = '" + key + "'", "source_key,subject,description");
        assertEquals(cards.toString(), 1, cards.size());
        return cards.get(0);
    }
}
