package io.cardlink.itests;

import static io.cardlink.itests.CardlinkTestSupport.waitUntil;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.EmulatorJvm;
import io.cardlink.testkit.KarafDistribution;
import io.cardlink.testkit.Rest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.After;
import org.junit.Test;

/**
 * Scheduled-task runs against instances that misbehave as busy production servers do, in the distribution run as an
 * operator runs it, with the emulator in a JVM of its own. Under 20% mixed faults on both instances (refusals,
 * server errors, writes that fail after they landed, 2-s latency spikes, a stream cut every 5,000 cards) a full run
 * of 20,000 cards leaves the local instance exactly as a clean run does, and an incremental run loads exactly the
 * changes. An instance down for longer than the connector's retry budget fails the run, naming the budget, and
 * the run after its recovery loads only the cards still missing.
 */
public class ResilientRunIT {
    private static final int PERSONS = 20_000;
    private static final int FIXTURE_PERSONS = 151;
    private static final int INCIDENTS = 3_000;
    private static final int CHANGED = 100;
    private static final int PORT_OFFSET = 800;
    private static final long RUN_TIMEOUT = 1_200_000;
    private static final List<String> MAPPED = List.of("source_key", "cardlink_task_id", "first_name", "last_name",
            "email", "department", "status");
    private static final List<String> UNFINISHED = List.of("SCHEDULED", "WAITING", "RUNNING");
    /**
     * 20% of the requests fail or stall: 6% 503 and 4% 429 (with Retry-After: 1), 5% 500, 3% answered 2 s late,
     * and 10% of the writes (about 2% of the requests) carried out and then answered 500; besides, the stream in
     * progress is cut each time the instance has streamed another 5,000 cards.
     */
    static final String MIXED_FAULTS = "{\"failShare\":{\"503\":0.06,\"429\":0.04,\"500\":0.05},"
            + "\"latencySpikes\":{\"share\":0.03,\"ms\":2000},\"failAfterWrite\":0.1,\"dropStreamEvery\":5000}";

    private EmulatorJvm emulator;
    private KarafDistribution karaf;
    private EmulatorAccess remote;
    private EmulatorAccess local;
    private Rest rest;

    @After
    public void stopProcesses() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    public void runsUnderTransientFaultsLandExactlyWhatCleanRunsLand() throws Exception {
        emulator = EmulatorJvm.start(Path.of("target", "resilient-run-it-emulator").toAbsolutePath(),
                KarafDistribution.PORT_BASE + PORT_OFFSET + 90,
                "--generate", "remote:person:" + (PERSONS - FIXTURE_PERSONS) + ":19",
                "--generate", "remote:incident:" + INCIDENTS + ":23");
        remote = emulator.access("remote", "webapi");
        local = emulator.access("local", "webapi");
        karaf = KarafDistribution.unpack("resilient-run-it", PORT_OFFSET);
        karaf.configure("io.cardlink.engine.cfg", "localUrl", emulator.url("local"));
        // the emulator runs on this machine's clock: an incremental run need not read older changes again
        karaf.configure("io.cardlink.engine.runs.cfg", "clockSkewSeconds", "0");
        karaf.start();
        rest = karaf.rest();
        assertEquals(PERSONS, remote.cards("person", null, "efecte_id").size());

        CardlinkTestSupport.useEmulatorLocalUser(rest);
        Rest.Reply connector = rest.post("/connectors", "{\"name\":\"Resilient\",\"type\":\"coreproiga\","
                + "\"settings\":{\"remoteUrl\":\"" + emulator.url("remote") + "\",\"remoteUser\":\"webapi\","
                + "\"remotePassword\":\"webapi\"}}");
        assertEquals(connector.body(), 201, connector.status());
        assertEquals("the default retry budget is shown", "6", connector.json().at("/settings/retryAttempts").asText());
        assertEquals("120", connector.json().at("/settings/retrySeconds").asText());
        String tasks = "/connectors/Resilient/scheduled-tasks";
        assertEquals(201, rest.post(tasks, SyncPipelineIT.personsTask()).status());
        assertEquals(201, rest.post(tasks, SyncPipelineIT.incidentsTask()).status());
        String persons = tasks + "/Persons";
        String incidents = tasks + "/Incidents";

        // a clean run: the reference
        JsonNode clean = runToEnd(persons);
        assertEquals(clean.toString(), "SUCCESS", clean.get("status").asText());
        assertEquals(PERSONS, clean.at("/counts/created").asLong());
        System.out.printf("ResilientRunIT: clean full run of %,d cards in %.1f s%n", PERSONS, seconds(clean));
        Map<String, JsonNode> cleanLocal = localPersons();
        assertEquals(PERSONS, cleanLocal.size());

        // the same run into an empty local instance under 20% mixed faults on both instances
        emptyLocalInstance(persons);
        faults(MIXED_FAULTS);
        JsonNode faulted = runToEnd(persons);
        System.out.printf("ResilientRunIT: full run under faults in %.1f s; %s%n", seconds(faulted),
                retriesLine(faulted));
        assertEquals(faulted.toString(), "SUCCESS", faulted.get("status").asText());
        assertEquals(PERSONS, faulted.at("/counts/read").asLong());
        assertEquals(PERSONS, faulted.at("/counts/created").asLong());
        assertEquals(0, faulted.at("/counts/failed").asLong());
        String retries = retriesLine(faulted);
        // the remote gets few requests (a stream and its resumptions), the local one several per page
        assertTrue(retries, retries.matches("Retries: remote instance [1-9][0-9]* \\(.*stream broken.*\\),"
                + " local instance [1-9][0-9]* \\(.*HTTP 503.*write outcome unknown.*\\)"));
        Set<String> extracted = new HashSet<>();
        for (JsonNode card : rest.get("/runs/" + faulted.get("id").asText() + "/extract").json().get("cards")) {
            assertTrue("extracted twice: " + card.get("id"), extracted.add(card.get("id").asText()));
        }
        assertEquals(PERSONS, extracted.size());
        noFaults();
        assertEquals("the local instance is exactly as after the clean run", cleanLocal, localPersons());

        // an incremental task under the same faults: first every card, then exactly the changes
        faults(MIXED_FAULTS);
        JsonNode firstIncremental = runToEnd(incidents);
        System.out.printf("ResilientRunIT: incremental run of %,d incidents under faults in %.1f s; %s%n",
                firstIncremental.at("/counts/read").asLong(), seconds(firstIncremental), retriesLine(firstIncremental));
        assertEquals(firstIncremental.toString(), "SUCCESS", firstIncremental.get("status").asText());
        long remoteIncidents = firstIncremental.at("/counts/read").asLong();
        assertEquals(remoteIncidents, firstIncremental.at("/counts/created").asLong());
        noFaults();
        assertLocalIncidentsEqualRemote();
        JsonNode remoteIncidentCards = remote.cards("incident", null, "efecte_id");
        assertEquals(remoteIncidents, remoteIncidentCards.size());
        for (int i = 0; i < CHANGED; i++) {
            remote.patch("incident", remoteIncidentCards.get(i * 17).get("dataCardId").asText(), "subject",
                    "changed under faults " + i);
        }
        faults(MIXED_FAULTS);
        JsonNode changes = runToEnd(incidents);
        assertEquals(changes.toString(), "SUCCESS", changes.get("status").asText());
        assertEquals(changes.toString(), CHANGED, changes.at("/counts/updated").asLong());
        assertEquals(0, changes.at("/counts/created").asLong());
        assertEquals(0, changes.at("/counts/failed").asLong());
        noFaults();
        assertLocalIncidentsEqualRemote();

        // the remote down for longer than a small budget in the middle of a full run into an empty local instance
        Rest.Reply budget = rest.put("/connectors/Resilient", "{\"name\":\"Resilient\",\"type\":\"coreproiga\","
                + "\"settings\":{\"remoteUrl\":\"" + emulator.url("remote") + "\",\"remoteUser\":\"webapi\","
                + "\"retryAttempts\":\"3\",\"retrySeconds\":\"30\"}}");
        assertEquals(budget.body(), 200, budget.status());
        emptyLocalInstance(persons);
        String failedId = started(rest.post(persons + "/runs", null));
        long deadline = System.currentTimeMillis() + 300_000;
        while (local.cardsWritten() < 4_000) {
            assertTrue("the run loads 4,000 cards within 300 s", System.currentTimeMillis() < deadline);
            Thread.sleep(5);
        }
        // refusing every request from now on; the stream in progress is cut within 500 cards
        remote.admin("POST", "faults", "{\"failShare\":{\"503\":1.0},\"dropStreamEvery\":500}");
        JsonNode failed = awaitEnd(failedId);
        remote.admin("DELETE", "faults", null);
        System.out.println("ResilientRunIT: the run while the remote was down: " + failed.get("counts") + "; "
                + failed.get("info"));
        assertEquals(failed.toString(), "ERROR", failed.get("status").asText());
        String reason = message(failed, "Failed: ");
        assertTrue(reason, reason.contains("HTTP 503") && reason.contains("gave up after 3 attempts")
                && reason.contains("the retry budget of 3 attempts is used up"));
        // three attempts since the stream last delivered a card: the part that broke and two resumptions refused
        assertTrue(retriesLine(failed), retriesLine(failed).startsWith("Retries: remote instance 2 (HTTP 503: 1,"
                + " stream broken: 1)"));
        JsonNode failureCards = local.cards("sync_failure", null, "message");
        assertEquals(1, failureCards.size());
        assertTrue(failureCards.toString(), failureCards.get(0).at("/data/message/values/0/value").asText()
                .contains("the retry budget of 3 attempts is used up"));
        assertEquals("FAILING", rest.get("/connectors/Resilient").json().get("status").asText());
        String shown = karaf.client("cardlink:run-show " + failedId + "\n");
        assertTrue(shown, shown.contains("the retry budget of 3 attempts is used up")
                && shown.contains("Retries: remote instance 2"));
        long loaded = failed.at("/counts/created").asLong();
        assertTrue("the failure came in the middle of the load: " + loaded, loaded >= 4_000 && loaded < PERSONS);

        JsonNode recovered = runToEnd(persons);
        System.out.println("ResilientRunIT: the run after the recovery: " + recovered.get("counts"));
        assertEquals(recovered.toString(), "SUCCESS", recovered.get("status").asText());
        assertEquals("the cards loaded before the failure are not loaded again", loaded,
                recovered.at("/counts/unchanged").asLong());
        assertEquals(PERSONS - loaded, recovered.at("/counts/created").asLong());
        assertEquals(0, recovered.at("/counts/updated").asLong());
        assertEquals(0, recovered.at("/counts/removed").asLong());
        assertEquals("OK", rest.get("/connectors/Resilient").json().get("status").asText());
        assertEquals(cleanLocal, localPersons());
    }

    /** Both instances inject the faults of the JSON body (the emulator's admin API). */
    private void faults(String json) throws Exception {
        remote.admin("POST", "faults", json);
        local.admin("POST", "faults", json);
    }

    private void noFaults() throws Exception {
        remote.admin("DELETE", "faults", null);
        local.admin("DELETE", "faults", null);
    }

    /** The local instance back to its fixture (no cards) and the task's cache cleared: a first run again. */
    private void emptyLocalInstance(String task) throws Exception {
        local.admin("POST", "reset", null);
        assertEquals(200, rest.delete(task + "/cache").status());
        assertEquals(0, local.cards("person", null, "source_key").size());
    }

    /** The local persons by unique key, with what the task writes: mapped values and task id. */
    private Map<String, JsonNode> localPersons() throws Exception {
        JsonNode cards = local.cards("person", null, String.join(",", MAPPED));
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode card : cards) {
            byKey.put(card.at("/data/source_key/values/0/value").asText(), card.get("data"));
        }
        assertEquals("no unique key twice in the local instance", cards.size(), byKey.size());
        return byKey;
    }

    /** Every remote incident once in the local instance, with its values and its customer by unique key. */
    private void assertLocalIncidentsEqualRemote() throws Exception {
        Map<String, String> remotePersonKeys = keysById(remote.cards("person", null, "efecte_id"), "efecte_id");
        Map<String, String> localPersonKeys = keysById(local.cards("person", null, "source_key"), "source_key");
        JsonNode remoteCards = remote.cards("incident", null, "efecte_id,subject,status,priority,customer");
        JsonNode localCards = local.cards("incident", null, "source_key,subject,status,priority,customer");
        assertEquals(remoteCards.size(), localCards.size());
        Map<String, JsonNode> loaded = new HashMap<>();
        for (JsonNode card : localCards) {
            loaded.put(card.at("/data/source_key/values/0/value").asText(), card);
        }
        assertEquals("no unique key twice", localCards.size(), loaded.size());
        for (JsonNode source : remoteCards) {
            String key = source.at("/data/efecte_id/values/0/value").asText();
            JsonNode target = loaded.get(key);
            assertTrue(key + " is missing", target != null);
            for (String attribute : List.of("subject", "status", "priority")) {
                assertEquals(key + " " + attribute, source.at("/data/" + attribute + "/values"),
                        target.at("/data/" + attribute + "/values"));
            }
            assertEquals(key + " customer", remotePersonKeys.get(source.at("/data/customer/values/0/dataCardId")
                    .asText()), localPersonKeys.get(target.at("/data/customer/values/0/dataCardId").asText()));
        }
    }

    private static Map<String, String> keysById(JsonNode cards, String keyAttribute) {
        Map<String, String> keys = new HashMap<>();
        for (JsonNode card : cards) {
            keys.put(card.get("dataCardId").asText(), card.at("/data/" + keyAttribute + "/values/0/value").asText());
        }
        return keys;
    }

    private static String retriesLine(JsonNode run) {
        JsonNode info = run.get("info");
        return info.get(info.size() - 1).asText();
    }

    private static String message(JsonNode run, String prefix) {
        for (JsonNode message : run.get("info")) {
            if (message.asText().startsWith(prefix)) {
                return message.asText();
            }
        }
        throw new AssertionError("no message starting with '" + prefix + "' in " + run.get("info"));
    }

    private static double seconds(JsonNode run) {
        return Duration.between(Instant.parse(run.at("/extract/startedAt").asText()),
                Instant.parse(run.at("/load/completedAt").asText())).toMillis() / 1000.0;
    }

    private static String started(Rest.Reply reply) {
        assertEquals(reply.body(), 202, reply.status());
        return reply.json().get("id").asText();
    }

    private JsonNode runToEnd(String task) throws Exception {
        return awaitEnd(started(rest.post(task + "/runs", null)));
    }

    private JsonNode awaitEnd(String runId) throws Exception {
        waitUntil("run " + runId + " ends", RUN_TIMEOUT,
                () -> !UNFINISHED.contains(run(runId).get("status").asText()));
        return run(runId);
    }

    private JsonNode run(String runId) throws Exception {
        Rest.Reply reply = rest.get("/runs/" + runId);
        assertEquals(reply.body(), 200, reply.status());
        return reply.json();
    }
}
