package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.Rest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The sync pipeline end to end in the assembled Karaf: the emulator's two instances, a CoreProIGA connector between
 * them and scheduled tasks driven over the REST API. One boot, one story, because each step builds on the last.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SyncPipelineIT extends CardlinkTestSupport {

    private static final int PERSONS = 5_000;
    private static final long RUN_TIMEOUT = 600_000;

    private final EmulatorAccess remote = EmulatorAccess.inKaraf(HTTP_PORT, "remote");
    private final EmulatorAccess local = EmulatorAccess.inKaraf(HTTP_PORT, "local");

    @Override
    @Configuration
    public Option[] config() throws Exception {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.cfg", "localUrl",
                "http://localhost:" + HTTP_PORT + "/emulator/local"));
        // The emulator runs on this node's clock: an incremental run need not read older changes again.
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.runs.cfg", "clockSkewSeconds", "0"));
        return options.toArray(new Option[0]);
    }

    @Test
    public void remoteCardsAreSyncedIntoTheLocalInstance() throws Exception {
        waitForApi();
        // before the emulator is installed: a change of the engine's settings builds the emulator in Karaf again
        useEmulatorLocalUser();
        installFeature("cardlink-emulator");
        waitUntil("the emulator answers", 120_000, () -> remote.answers() && local.answers());
        int fixturePersons = remote.cards("person", null, "efecte_id").size();
        remote.admin("POST", "generate?template=person&count=" + (PERSONS - fixturePersons) + "&seed=5", null);

        String connector = created(rest.post("/connectors", "{\"name\":\"Sync\",\"type\":\"coreproiga\",\"settings\":{"
                + "\"remoteUrl\":\"" + remote.url() + "\",\"remoteApiPath\":\"/rest-api/itsm/v1\","
                + "\"remoteUser\":\"webapi\",\"remotePassword\":\"webapi\"}}")).get("id").asText();
        String tasks = "/connectors/" + connector + "/scheduled-tasks";
        created(rest.post(tasks, personsTask()));
        String persons = tasks + "/Persons";

        // 5,000 remote cards land in the local instance with the right mapping
        JsonNode first = runToEnd(persons, false);
        assertEquals(first.toString(), "SUCCESS", first.get("status").asText());
        assertEquals(PERSONS, first.at("/counts/created").asLong());
        Duration took = Duration.between(Instant.parse(first.at("/extract/startedAt").asText()),
                Instant.parse(first.at("/load/completedAt").asText()));
        System.out.printf("SyncPipelineIT: %d cards in %d ms (%.0f cards/s)%n", PERSONS, took.toMillis(),
                PERSONS * 1000.0 / Math.max(1, took.toMillis()));
        JsonNode sample = remote.cards("person", "$first_name$ IS NOT NULL", "efecte_id,first_name,email").get(17);
        JsonNode loaded = local.cards("person", "$source_key$ = '" + text(sample, "efecte_id") + "'",
                "first_name,email,cardlink_task_id").get(0);
        assertEquals(text(sample, "first_name"), text(loaded, "first_name"));
        assertEquals(text(sample, "email"), text(loaded, "email"));
        assertEquals(first.get("taskId").asText(), text(loaded, "cardlink_task_id"));
        assertEquals(PERSONS, local.cards("person", null, "source_key").size());
        Rest.Reply extract = rest.get("/runs/" + first.get("id").asText() + "/extract");
        assertEquals(200, extract.status());
        assertEquals(PERSONS, extract.json().get("cards").size());

        // a second run writes nothing
        local.admin("DELETE", "counters", null);
        JsonNode second = runToEnd(persons, false);
        assertEquals("SUCCESS", second.get("status").asText());
        assertEquals(PERSONS, second.at("/counts/unchanged").asLong());
        assertEquals(0, local.cardsWritten());

        // 10 changed cards -> 10 updates; 5 deleted at the remote -> 5 marked removed
        JsonNode remoteCards = remote.cards("person", null, "efecte_id");
        for (int i = 0; i < 10; i++) {
            remote.patch("person", remoteCards.get(i).get("dataCardId").asText(), "email", "changed" + i + "@example.test");
        }
        List<String> deletedKeys = new ArrayList<>();
        for (int i = 10; i < 15; i++) {
            remote.delete("person", remoteCards.get(i).get("dataCardId").asText());
            deletedKeys.add(text(remoteCards.get(i), "efecte_id"));
        }
        JsonNode third = runToEnd(persons, false);
        assertEquals(third.toString(), "SUCCESS", third.get("status").asText());
        assertEquals(10, third.at("/counts/updated").asLong());
        assertEquals(5, third.at("/counts/removed").asLong());
        assertEquals("99 - Removed", text(local.cards("person", "$source_key$ = '" + deletedKeys.get(0) + "'",
                "status").get(0), "status"));

        // cache clear while the local instance refuses 3 changed cards by a validation rule of its own -> everything
        // else loaded again, no duplicates; the run completes with errors and names each refused card and the reason
        List<String> refusedKeys = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        for (int i = 20; i < 23; i++) {
            String key = text(remoteCards.get(i), "efecte_id");
            remote.patch("person", remoteCards.get(i).get("dataCardId").asText(), "email", later(key));
            refusedKeys.add(key);
            rules.add("{\"attributeCode\":\"source_key\",\"value\":\"" + key + "\",\"message\":\"" + refusal(key) + "\"}");
        }
        local.admin("POST", "faults", "{\"refuseCards\":[" + String.join(",", rules) + "]}");
        assertEquals(200, rest.delete(persons + "/cache").status());
        JsonNode reloaded = runToEnd(persons, false);
        assertEquals(reloaded.toString(), "COMPLETED_WITH_ERRORS", reloaded.get("status").asText());
        assertEquals(PERSONS - 5 - 3, reloaded.at("/counts/updated").asLong());
        assertEquals(3, reloaded.at("/counts/failed").asLong());
        assertEquals(0, reloaded.at("/counts/created").asLong());
        // a run that completed with errors writes the task's failure card too
        assertEquals(1, local.cards("sync_failure", null, "message").size());
        assertEquals(PERSONS, local.cards("person", null, "source_key").size());
        String shownWithErrors = executeCommand("cardlink:run-show " + reloaded.get("id").asText());
        assertTrue(shownWithErrors, shownWithErrors.contains("completed with errors")
                && shownWithErrors.contains(", 3 failed"));
        for (String key : refusedKeys) {
            assertTrue(reloaded.get("info").toString(), infoAbout(reloaded, key).contains(refusal(key)));
            assertTrue(shownWithErrors, shownWithErrors.contains(infoAbout(reloaded, key)));
            assertNotEquals(later(key), localEmail(key));
        }
        JsonNode latest = rest.get(persons + "/runs?limit=1").json().get(0);
        assertEquals(reloaded.get("id").asText(), latest.get("id").asText());
        assertEquals("COMPLETED_WITH_ERRORS", latest.get("status").asText());
        String taskList = executeCommand("cardlink:task-list Sync Persons");
        assertTrue(taskList, taskList.contains("COMPLETED_WITH_ERRORS"));

        // once the local instance accepts them, the next run loads those 3 cards and nothing else
        local.admin("DELETE", "faults", null);
        local.admin("DELETE", "counters", null);
        JsonNode accepted = runToEnd(persons, false);
        assertEquals(accepted.toString(), "SUCCESS", accepted.get("status").asText());
        assertEquals(3, accepted.at("/counts/updated").asLong());
        assertEquals(PERSONS - 5 - 3, accepted.at("/counts/unchanged").asLong());
        assertEquals(0, accepted.at("/counts/failed").asLong());
        assertEquals(3, local.cardsWritten());
        for (String key : refusedKeys) {
            assertEquals(later(key), localEmail(key));
        }

        // stop in the middle: a slow local instance, a stop once the run has read its first page
        rest.delete(persons + "/cache");
        local.admin("POST", "faults", "{\"latencyMs\":150}");
        String stoppedId = accepted(rest.post(persons + "/runs", null));
        waitUntil("the run reads", RUN_TIMEOUT, () -> run(stoppedId).at("/counts/read").asLong() > 0);
        assertEquals(200, rest.post(persons + "/stop", null).status());
        JsonNode stopped = awaitEnd(stoppedId);
        local.admin("DELETE", "faults", null);
        assertEquals("STOPPED", stopped.get("status").asText());
        assertTrue(stopped.toString(), stopped.at("/counts/read").asLong() < PERSONS);
        assertEquals(0, stopped.at("/counts/removed").asLong());

        // remote unreachable -> failed run and a failure card
        JsonNode connectorJson = rest.get("/connectors/" + connector).json();
        // (a URL moved to another host takes its password again)
        String unreachable = "{\"name\":\"Sync\",\"type\":\"coreproiga\",\"settings\":{\"remoteUrl\":\"http://localhost:1\","
                + "\"remoteApiPath\":\"/rest-api/itsm/v1\",\"remoteUser\":\"webapi\",\"remotePassword\":\"webapi\"}}";
        assertEquals(rest.put("/connectors/" + connector, unreachable).body(), 200,
                rest.put("/connectors/" + connector, unreachable).status());
        JsonNode failed = runToEnd(persons, false);
        assertEquals("ERROR", failed.get("status").asText());
        assertEquals(2, local.cards("sync_failure", null, "message").size());
        assertEquals(200, rest.put("/connectors/" + connector, "{\"name\":\"Sync\",\"type\":\"coreproiga\","
                + "\"settings\":{\"remoteUrl\":\"" + remote.url() + "\",\"remoteApiPath\":\"/rest-api/itsm/v1\","
                + "\"remoteUser\":\"webapi\",\"remotePassword\":\"webapi\"}}").status());
        assertTrue(connectorJson.has("id"));

        // incremental: only the changes, including one made while the previous run was reading
        created(rest.post(tasks, incidentsTask()));
        String incidents = tasks + "/Incidents";
        local.admin("POST", "faults", "{\"latencyMs\":100}");
        String firstIncremental = accepted(rest.post(incidents + "/runs", null));
        JsonNode incidentCards = remote.cards("incident", null, "efecte_id");
        String duringRun = incidentCards.get(0).get("dataCardId").asText();
        remote.patch("incident", duringRun, "subject", "changed during the first run");
        JsonNode incremental1 = awaitEnd(firstIncremental);
        local.admin("DELETE", "faults", null);
        assertTrue(incremental1.toString(), incremental1.get("status").asText().startsWith("SUCCESS")
                || "COMPLETED_WITH_ERRORS".equals(incremental1.get("status").asText()));
        for (int i = 1; i <= 3; i++) {
            remote.patch("incident", incidentCards.get(i).get("dataCardId").asText(), "subject", "changed " + i);
        }
        JsonNode incremental2 = runToEnd(incidents, false);
        assertTrue(incremental2.toString(), incremental2.at("/counts/read").asLong() <= 5);
        assertTrue(incremental2.toString(), incremental2.at("/counts/updated").asLong() >= 3);
        assertEquals("changed during the first run", text(local.cards("incident",
                "$source_key$ = '" + text(incidentCards.get(0), "efecte_id") + "'", "subject").get(0), "subject"));

        // 60% deleted at the remote -> the safety threshold stops the run; confirming marks them
        JsonNode left = remote.cards("person", null, "efecte_id");
        int gone = left.size() * 6 / 10;
        for (int i = 0; i < gone; i++) {
            remote.delete("person", left.get(i).get("dataCardId").asText());
        }
        int failureCards = local.cards("sync_failure", null, "message").size();
        JsonNode refused = runToEnd(persons, false);
        assertEquals("ERROR", refused.get("status").asText());
        assertEquals(0, refused.at("/counts/removed").asLong());
        assertTrue(refused.get("info").toString(), refused.get("info").toString().contains("removal threshold"));
        assertEquals("a threshold stop writes the failure card as well", failureCards + 1,
                local.cards("sync_failure", null, "message").size());
        JsonNode confirmed = runToEnd(persons, true);
        assertEquals(confirmed.toString(), "SUCCESS", confirmed.get("status").asText());
        assertEquals(gone, confirmed.at("/counts/removed").asLong());

        JsonNode history = rest.get(persons + "/runs?limit=100").json();
        assertEquals(9, history.size());
        assertEquals(confirmed.get("id").asText(), history.get(0).get("id").asText());
        String shown = executeCommand("cardlink:run-show " + confirmed.get("id").asText());
        assertTrue(shown, shown.contains("success"));
    }

    private JsonNode created(Rest.Reply reply) {
        assertEquals(reply.body(), 201, reply.status());
        return reply.json();
    }

    private String accepted(Rest.Reply reply) {
        assertEquals(reply.body(), 202, reply.status());
        return reply.json().get("id").asText();
    }

    private JsonNode runToEnd(String task, boolean confirmRemovals) throws Exception {
        return awaitEnd(accepted(rest.post(task + "/runs" + (confirmRemovals ? "?confirmRemovals=true" : ""), null)));
    }

    private JsonNode awaitEnd(String runId) throws Exception {
        waitUntil("run " + runId + " ends", RUN_TIMEOUT, () -> {
            String status = run(runId).get("status").asText();
            return !List.of("SCHEDULED", "WAITING", "RUNNING").contains(status);
        });
        return run(runId);
    }

    private JsonNode run(String runId) throws Exception {
        Rest.Reply reply = rest.get("/runs/" + runId);
        assertEquals(reply.body(), 200, reply.status());
        return reply.json();
    }

    private String localEmail(String key) throws Exception {
        return text(local.cards("person", "$source_key$ = '" + key + "'", "email").get(0), "email");
    }

    private static String later(String key) {
        return key.toLowerCase(Locale.ROOT) + ".later@example.test";
    }

    private static String refusal(String key) {
        return "Cost centre missing for " + key + " (validation rule CC-1)";
    }

    /** The run's message about a card, which names the card by its unique key. */
    private static String infoAbout(JsonNode run, String key) {
        for (JsonNode message : run.get("info")) {
            if (message.asText().startsWith(key + ":")) {
                return message.asText();
            }
        }
        throw new AssertionError("no message about " + key + " in " + run.get("info"));
    }

    private static String text(JsonNode card, String attribute) {
        return card.at("/data/" + attribute + "/values/0/value").asText();
    }

    /** The persons task of these tests: FULL, with removals and a failure card; KilledRunIT runs it too. */
    static String personsTask() {
        return "{\"name\":\"Persons\",\"enabled\":false,\"schedule\":{\"intervalSeconds\":3600},\"mode\":\"FULL\","
                + "\"remoteTemplate\":\"person\",\"remoteFolder\":\"persons\",\"mapping\":{\"targetTemplate\":\"person\","
                + "\"targetFolder\":\"persons\",\"pairs\":[{\"source\":\"first_name\",\"target\":\"first_name\"},"
                + "{\"source\":\"last_name\",\"target\":\"last_name\"},{\"source\":\"email\",\"target\":\"email\"},"
                + "{\"source\":\"department\",\"target\":\"department\"},{\"source\":\"status\",\"target\":\"status\"},"
                + "{\"source\":\"efecte_id\",\"target\":\"source_key\"}],\"taskIdAttribute\":\"cardlink_task_id\","
                + "\"uniqueKeyAttribute\":\"source_key\"},\"removal\":{\"statusAttribute\":\"status\","
                + "\"removedValue\":\"99 - Removed\",\"thresholdPercent\":30},\"failureCard\":{\"template\":"
                + "\"sync_failure\",\"folder\":\"integration\",\"attribute\":\"message\"}}";
    }

    /** The incidents task of these tests: INCREMENTAL, with a reference to persons; ResilientRunIT runs it too. */
    static String incidentsTask() {
        return "{\"name\":\"Incidents\",\"enabled\":false,\"schedule\":{\"intervalSeconds\":3600},"
                + "\"mode\":\"INCREMENTAL\",\"remoteTemplate\":\"incident\",\"remoteFolder\":\"incident_management\",\"mapping\":{\"targetTemplate\":\"incident\","
                + "\"targetFolder\":\"incident_management\",\"pairs\":[{\"source\":\"subject\",\"target\":\"subject\"},"
                + "{\"source\":\"status\",\"target\":\"status\"},{\"source\":\"priority\",\"target\":\"priority\"},"
                + "{\"source\":\"customer\",\"target\":\"customer\"},{\"source\":\"efecte_id\",\"target\":\"source_key\"}],"
                + "\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"}}";
    }
}
