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
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Test;

/**
 * Operations the workflow engine submitted while the remote instance was down survive a restart of Karaf: stopped
 * with them pending, started again once the remote is back, it delivers each of them once, in order per card. The
 * emulator runs in a JVM of its own, so that its instances outlive the restart as real ones would.
 */
public class OutboxRestartIT {
    private static final int PORT_OFFSET = 800;
    private static final int CARDS = 5;
    private static final String PUSH = "/connectors/Restart/event-tasks/Push%20persons";

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
    public void operationsPendingWhenKarafStopsAreDeliveredOnceAfterItStartsAgain() throws Exception {
        emulator = EmulatorJvm.start(Path.of("target", "outbox-restart-it-emulator").toAbsolutePath(),
                KarafDistribution.PORT_BASE + PORT_OFFSET + 90);
        EmulatorAccess remote = emulator.access("remote", "webapi");
        karaf = KarafDistribution.unpack("outbox-restart-it", PORT_OFFSET);
        karaf.configure("io.cardlink.engine.cfg", "localUrl", emulator.url("local"));
        karaf.configure("io.cardlink.engine.outbox.cfg", "firstRetrySeconds", "1");
        karaf.configure("io.cardlink.engine.outbox.cfg", "maxRetrySeconds", "2");
        karaf.configure("io.cardlink.engine.outbox.cfg", "maxAttempts", "1000");
        karaf.start();
        Rest rest = karaf.rest();
        Rest workflow = rest.asWorkflowEngine();
        CardlinkTestSupport.useEmulatorLocalUser(rest);
        assertEquals(201, rest.post("/connectors", TaskManagementIT.connector("Restart", emulator.url("remote")))
                .status());
        Rest.Reply task = rest.post("/connectors/Restart/event-tasks", "{\"name\":\"Push persons\","
                + "\"remoteTemplate\":\"person\",\"remoteFolder\":\"persons\",\"mapping\":{\"pairs\":["
                + "{\"source\":\"efecte_id\",\"target\":\"source_key\"},{\"source\":\"first_name\",\"target\":\"first_name\"}],"
                + "\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"}}");
        assertEquals(task.body(), 201, task.status());

        remote.admin("DELETE", "counters", null);
        remote.admin("POST", "faults", "{\"failShare\":{\"503\":1.0}}");
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= CARDS; i++) {
            for (String version : List.of("created", "updated")) {
                Rest.Reply reply = workflow.post(PUSH + "/datacards", "{\"operation\":\""
                        + (version.equals("created") ? "create" : "update") + "\",\"waitSeconds\":0,\"card\":{"
                        + "\"efecte_id\":\"RESTART-" + i + "\",\"first_name\":\"" + version + "\"}}");
                assertEquals(reply.body(), 202, reply.status());
                sent.add(reply.json().get("id").asText());
            }
        }
        waitUntil("the first operation waits for a retry", 60_000,
                () -> rest.get("/orchestration/operations/" + sent.get(0)).json().has("provisioningException"));

        karaf.stop();
        remote.admin("DELETE", "faults", null);
        assertEquals("nothing reached the remote while it was down", 0, remote.cardsWritten());
        karaf.start();

        for (String id : sent) {
            waitUntil("operation " + id + " is delivered", 180_000, () -> "SUCCEEDED".equals(
                    rest.get("/orchestration/operations/" + id).json().get("status").asText()));
        }
        for (int i = 1; i <= CARDS; i++) {
            JsonNode cards = remote.cards("person", "$source_key$ = 'RESTART-" + i + "'", "source_key,first_name");
            assertEquals(cards.toString(), 1, cards.size());
            assertEquals("updated", cards.get(0).at("/data/first_name/values/0/value").asText());
        }
        JsonNode counters = remote.admin("GET", "counters", null);
        assertEquals(counters.toString(), CARDS, counters.get("cardsCreated").asLong());
        assertEquals(counters.toString(), CARDS, counters.get("cardsUpdated").asLong());
        assertTrue(karaf.running());
    }
}
