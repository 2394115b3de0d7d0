package io.cardlink.itests;

import static io.cardlink.itests.CardlinkTestSupport.waitUntil;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.EmulatorJvm;
import io.cardlink.testkit.KarafDistribution;
import io.cardlink.testkit.Rest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Test;

/**
 * Karaf killed (SIGKILL) in the middle of a full run that has loaded part of the remote cards: after the restart the
 * run shows as interrupted, and the next run leaves the local instance exactly as a clean run would: one card per
 * remote card, with the mapped values, nothing marked removed. The emulator runs in its own JVM, so the half-loaded
 * local instance survives the kill as a real one would.
 */
public class KilledRunIT {
    private static final int GENERATED = 20_000;
    private static final int PORT_OFFSET = 200;
    private static final long RUN_TIMEOUT = 900_000;
    private static final String REMOVED = "99 - Removed";
    private static final List<String> MAPPED = List.of("first_name", "last_name", "email", "department", "status");
    private static final List<String> UNFINISHED = List.of("SCHEDULED", "WAITING", "RUNNING");

    private EmulatorJvm emulator;
    private KarafDistribution karaf;

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
    public void aRunKilledWithKarafIsInterruptedAndTheNextRunRepairsTheLocalInstance() throws Exception {
        emulator = EmulatorJvm.start(Path.of("target", "killed-run-it-emulator").toAbsolutePath(),
                KarafDistribution.PORT_BASE + PORT_OFFSET + 90, "--generate", "remote:person:" + GENERATED + ":11");
        EmulatorAccess remote = emulator.access("remote", "webapi");
        EmulatorAccess local = emulator.access("local", "webapi");
        karaf = KarafDistribution.unpack("killed-run-it", PORT_OFFSET);
        karaf.configure("io.cardlink.engine.cfg", "localUrl", emulator.url("local"));
        karaf.start();
        Rest rest = karaf.rest();
        Map<String, JsonNode> remoteCards = byKey(remote.cards("person", null, "efecte_id," + String.join(",", MAPPED)),
                "efecte_id");
        assertTrue(remoteCards.size() > GENERATED);
        assertEquals("every remote card has a first name to compare", remoteCards.size(), remoteCards.values().stream()
                .filter(card -> !card.at("/data/first_name/values/0/value").asText().isEmpty()).count());
        assertEquals(0, local.cards("person", null, "source_key").size());

        CardlinkTestSupport.useEmulatorLocalUser(rest);
        Rest.Reply connector = rest.post("/connectors", "{\"name\":\"Killed\",\"type\":\"coreproiga\",\"settings\":{"
                + "\"remoteUrl\":\"" + emulator.url("remote") + "\",\"remoteApiPath\":\"/rest-api/itsm/v1\","
                + "\"remoteUser\":\"webapi\",\"remotePassword\":\"webapi\"}}");
        assertEquals(connector.body(), 201, connector.status());
        String tasks = "/connectors/Killed/scheduled-tasks";
        Rest.Reply task = rest.post(tasks, SyncPipelineIT.personsTask());
        assertEquals(task.body(), 201, task.status());
        String persons = tasks + "/Persons";

        // a slower local instance keeps the load going for a while after its first pages
        local.admin("POST", "faults", "{\"latencyMs\":50}");
        String killedRun = started(rest.post(persons + "/runs", null));
        // the kill follows right on a page landing in the local instance: the engine may not have noted it in the
        // run's record and the task cache yet
        long deadline = System.currentTimeMillis() + 300_000;
        while (local.cardsWritten() < 1_000) {
            assertTrue("the run loads 1,000 cards within 300 s", System.currentTimeMillis() < deadline);
            assertTrue("Karaf runs", karaf.running());
            Thread.sleep(2);
        }
        karaf.kill();
        local.admin("DELETE", "faults", null);
        int halfLoaded = local.cards("person", null, "source_key").size();
        System.out.printf("KilledRunIT: Karaf killed with %d of %d cards in the local instance%n", halfLoaded,
                remoteCards.size());
        assertTrue("the kill came in the middle of the load: " + halfLoaded,
                halfLoaded > 0 && halfLoaded < remoteCards.size());

        karaf.start();
        waitUntil("the killed run is no longer running", 120_000,
                () -> !run(rest, killedRun).get("status").asText().equals("RUNNING"));
        JsonNode interrupted = run(rest, killedRun);
        System.out.printf("KilledRunIT: the interrupted run noted %d cards created%n",
                interrupted.at("/counts/created").asLong());
        assertEquals(interrupted.toString(), "INTERRUPTED", interrupted.get("status").asText());
        assertEquals(interrupted.toString(), "INTERRUPTED", interrupted.at("/load/status").asText());
        assertEquals("FAILING", rest.get("/connectors/Killed").json().get("status").asText());
        JsonNode history = rest.get(persons + "/runs").json();
        assertEquals(killedRun, history.get(0).get("id").asText());
        assertEquals("INTERRUPTED", history.get(0).get("status").asText());

        JsonNode repair = awaitEnd(rest, started(rest.post(persons + "/runs", null)));
        System.out.println("KilledRunIT: the run after the restart: " + repair.get("counts"));
        assertEquals(repair.toString(), "SUCCESS", repair.get("status").asText());
        assertEquals(remoteCards.size(), repair.at("/counts/read").asLong());
        assertEquals(0, repair.at("/counts/removed").asLong());
        assertEquals(0, repair.at("/counts/failed").asLong());
        assertEquals("INTERRUPTED", rest.get(persons + "/runs").json().get(1).get("status").asText());
        assertEquals("OK", rest.get("/connectors/Killed").json().get("status").asText());

        JsonNode localCards = local.cards("person", null, "source_key,cardlink_task_id," + String.join(",", MAPPED));
        assertEquals("one local card per remote card", remoteCards.size(), localCards.size());
        Map<String, JsonNode> loaded = byKey(localCards, "source_key");
        assertEquals("no unique key twice", localCards.size(), loaded.size());
        assertEquals(remoteCards.keySet(), loaded.keySet());
        for (Map.Entry<String, JsonNode> entry : remoteCards.entrySet()) {
            JsonNode source = entry.getValue();
            JsonNode target = loaded.get(entry.getKey());
            for (String attribute : MAPPED) {
                assertEquals(entry.getKey() + " " + attribute, source.at("/data/" + attribute + "/values"),
                        target.at("/data/" + attribute + "/values"));
            }
            assertEquals(repair.get("taskId").asText(), target.at("/data/cardlink_task_id/values/0/value").asText());
            assertFalse(entry.getKey() + " is marked removed",
                    REMOVED.equals(target.at("/data/status/values/0/value").asText()));
        }
    }

    private static Map<String, JsonNode> byKey(JsonNode cards, String keyAttribute) {
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode card : cards) {
            byKey.put(card.at("/data/" + keyAttribute + "/values/0/value").asText(), card);
        }
        return byKey;
    }

    private static String started(Rest.Reply reply) {
        assertEquals(reply.body(), 202, reply.status());
        return reply.json().get("id").asText();
    }

    private static JsonNode run(Rest rest, String runId) throws Exception {
        Rest.Reply reply = rest.get("/runs/" + runId);
        assertEquals(reply.body(), 200, reply.status());
        return reply.json();
    }

    private static JsonNode awaitEnd(Rest rest, String runId) throws Exception {
        waitUntil("run " + runId + " ends", RUN_TIMEOUT,
                () -> !UNFINISHED.contains(run(rest, runId).get("status").asText()));
        return run(rest, runId);
    }
}
