package io.cardlink.itests;

import static io.cardlink.itests.CardlinkTestSupport.waitUntil;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.EmulatorJvm;
import io.cardlink.testkit.KarafDistribution;
import io.cardlink.testkit.Rest;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.After;
import org.junit.Test;

/**
 * Event-task operations through the orchestration endpoint while the remote instance misbehaves as in
 * {@link ResilientRunIT} (refusals, server errors, writes that fail after they landed, latency spikes, cut
 * streams): every operation is delivered exactly once. A create whose answer was lost is not created again, an
 * update lands, a delete leaves nothing behind, and a workflow sending the same idempotency key again gets the
 * same operation. The order of operations is not looked at here; the write path's own tests cover it.
 */
public class EventOperationsUnderFaultsIT {
    private static final int PORT_OFFSET = 700;
    private static final int CREATES = 120;
    private static final int UPDATES = 60;
    private static final int DELETES = 30;
    private static final int CALLERS = 6;
    private static final String TASK = "/connectors/Events/event-tasks/Push%20persons";

    private EmulatorJvm emulator;
    private KarafDistribution karaf;
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
    public void eachOperationIsDeliveredExactlyOnceDespiteTheFaults() throws Exception {
        emulator = EmulatorJvm.start(Path.of("target", "event-operations-it-emulator").toAbsolutePath(),
                KarafDistribution.PORT_BASE + PORT_OFFSET + 90);
        EmulatorAccess remote = emulator.access("remote", "webapi");
        karaf = KarafDistribution.unpack("event-operations-it", PORT_OFFSET);
        karaf.configure("io.cardlink.engine.cfg", "localUrl", emulator.url("local"));
        // requests answered 202 well within the client's time; operations that meet a fault come back soon
        karaf.configure("io.cardlink.engine.outbox.cfg", "waitSeconds", "10");
        karaf.configure("io.cardlink.engine.outbox.cfg", "firstRetrySeconds", "1");
        karaf.configure("io.cardlink.engine.outbox.cfg", "maxRetrySeconds", "4");
        karaf.configure("io.cardlink.engine.outbox.cfg", "maxAttempts", "30");
        karaf.start();
        rest = karaf.rest();
        CardlinkTestSupport.useEmulatorLocalUser(rest);
        assertEquals(201, rest.post("/connectors", "{\"name\":\"Events\",\"type\":\"coreproiga\",\"settings\":{"
                + "\"remoteUrl\":\"" + emulator.url("remote") + "\",\"remoteUser\":\"webapi\",\"remotePassword\":"
                + "\"webapi\"}}").status());
        Rest.Reply task = rest.post("/connectors/Events/event-tasks", "{\"name\":\"Push persons\","
                + "\"remoteTemplate\":\"person\",\"remoteFolder\":\"persons\",\"mapping\":{\"pairs\":["
                + "{\"source\":\"efecte_id\",\"target\":\"source_key\"},{\"source\":\"first_name\",\"target\":\"first_name\"},"
                + "{\"source\":\"last_name\",\"target\":\"last_name\"},{\"source\":\"email\",\"target\":\"email\"},"
                + "{\"source\":\"status\",\"target\":\"status\"}],\"taskIdAttribute\":\"cardlink_task_id\","
                + "\"uniqueKeyAttribute\":\"source_key\"}}");
        assertEquals(task.body(), 201, task.status());
        remote.admin("DELETE", "counters", null);
        remote.admin("POST", "faults", ResilientRunIT.MIXED_FAULTS.replace("\"dropStreamEvery\":5000",
                "\"dropStreamEvery\":25"));

        List<String> creates = new ArrayList<>();
        for (int i = 0; i < CREATES; i++) {
            creates.add(body("create", key(i), "Evt" + i, "evt" + i + "@example.com", "\"idempotencyKey\":\"create-"
                    + i + "\","));
        }
        List<String> createIds = deliver(creates);
        // the workflow engine sends some requests again (its own timeout): the same operations come back
        List<String> again = deliver(creates.subList(0, 10));
        assertEquals(createIds.subList(0, 10), again);

        List<String> updates = new ArrayList<>();
        for (int i = 0; i < UPDATES; i++) {
            updates.add(body("update", key(i), "Evt" + i, "changed" + i + "@example.com", ""));
        }
        deliver(updates);
        List<String> deletes = new ArrayList<>();
        for (int i = CREATES - DELETES; i < CREATES; i++) {
            deletes.add("{\"operation\":\"delete\",\"card\":{\"efecte_id\":\"" + key(i) + "\"}}");
        }
        deliver(deletes);

        JsonNode counters = remote.admin("GET", "counters", null);
        remote.admin("DELETE", "faults", null);
        System.out.println("EventOperationsUnderFaultsIT: remote counters " + counters);
        assertEquals(counters.toString(), CREATES, counters.get("cardsCreated").asLong());
        assertEquals(counters.toString(), DELETES, counters.get("cardsDeleted").asLong());
        JsonNode cards = remote.cards("person", "$source_key$ LIKE 'EVT-%'", "source_key,first_name,email");
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode card : cards) {
            byKey.put(card.at("/data/source_key/values/0/value").asText(), card);
        }
        assertEquals("no card twice", cards.size(), byKey.size());
        assertEquals(CREATES - DELETES, byKey.size());
        for (int i = 0; i < CREATES; i++) {
            JsonNode card = byKey.get(key(i));
            if (i >= CREATES - DELETES) {
                assertTrue(key(i) + " was deleted", card == null);
                continue;
            }
            String email = i < UPDATES ? "changed" + i + "@example.com" : "evt" + i + "@example.com";
            assertEquals(key(i), email, card.at("/data/email/values/0/value").asText());
        }
        assertEquals(0, rest.get(TASK + "/operations?status=FAILED").json().size());
    }

    /**
     * Sends the requests from several callers at once, as a workflow engine does, and waits until each operation
     * succeeded (polling the Location of those answered 202); returns the operation ids in request order.
     */
    private List<String> deliver(List<String> requests) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (String request : requests) {
                ids.add(callers.submit(() -> {
                    Rest.Reply reply = rest.post(TASK + "/datacards", request);
                    assertTrue(reply.body(), reply.status() == 200 || reply.status() == 202);
                    String id = reply.json().get("id").asText();
                    if (reply.status() == 202) {
                        String path = URI.create(reply.headers().firstValue("Location").orElseThrow()).getPath();
                        String operation = path.substring(path.indexOf("/orchestration/"));
                        waitUntil("operation " + id + " succeeds", 300_000,
                                () -> "SUCCEEDED".equals(rest.get(operation).json().get("status").asText()),
                                () -> {
                                    try {
                                        return rest.get(operation).body();
                                    } catch (Exception e) {
                                        return e.toString();
                                    }
                                });
                    } else {
                        assertEquals(reply.body(), "SUCCEEDED", reply.json().get("status").asText());
                    }
                    return id;
                }));
            }
            List<String> done = new ArrayList<>();
            for (Future<String> id : ids) {
                done.add(id.get());
            }
            return done;
        } finally {
            callers.shutdownNow();
        }
    }

    private static String key(int i) {
        return String.format("EVT-%04d", i);
    }

    private static String body(String operation, String key, String firstName, String email, String extra) {
        return "{" + extra + "\"operation\":\"" + operation + "\",\"card\":{\"efecte_id\":\"" + key
                + "\",\"first_name\":\"" + firstName + "\",\"last_name\":\"Test\",\"email\":\"" + email
                + "\",\"status\":\"active\"}}";
    }
}
