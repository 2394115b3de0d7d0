package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.Rest;
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
 * The workflow engine's write path in the assembled Karaf, against the emulator's two instances: its own role, the
 * vendor's scenario 4 (an access right request of the local instance becomes an incident of the remote one, its
 * requester resolved on the way), the order per card while the remote fails calls, a 30 s outage, dead operations
 * replayed and discarded, and bad input on every orchestration endpoint.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class WritePathIT extends CardlinkTestSupport {
    private static final String CONNECTOR = "/connectors/Write";
    private static final String PUSH = CONNECTOR + "/event-tasks/Push%20persons";
    private static final String REQUESTS = CONNECTOR + "/event-tasks/Access%20requests";
    private static final List<String> IN_PROGRESS = List.of("PENDING", "RUNNING");
    private static String pushId;
    private static String personsId;

    private final EmulatorAccess remote = EmulatorAccess.inKaraf(HTTP_PORT, "remote");
    private final EmulatorAccess local = EmulatorAccess.inKaraf(HTTP_PORT, "local");
    private final Rest workflow = rest.asWorkflowEngine();

    @Override
    @Configuration
    public Option[] config() throws Exception {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.cfg", "localUrl",
                "http://localhost:" + HTTP_PORT + "/emulator/local"));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.outbox.cfg", "waitSeconds", "10"));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.outbox.cfg", "firstRetrySeconds", "1"));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.outbox.cfg", "maxRetrySeconds", "2"));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.outbox.cfg", "maxAttempts", "60"));
        // a create and five updates of one card in a row are six writes: more than the loop guard's default 5
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.loopguard.cfg", "maxWritesPerCard", "20"));
        return options.toArray(new Option[0]);
    }

    @Before
    public void connectorAndTasksExist() throws Exception {
        if (pushId != null) {
            return;
        }
        waitForApi();
        // before the emulator is installed: a change of the engine's settings builds the emulator in Karaf again
        useEmulatorLocalUser();
        installFeature("cardlink-emulator");
        waitUntil("the emulator answers", 120_000, () -> remote.answers() && local.answers());
        assertEquals(201, rest.post("/connectors", TaskManagementIT.connector("Write", remote.url())).status());
        Rest.Reply persons = rest.post(CONNECTOR + "/scheduled-tasks", "{\"name\":\"Persons\",\"enabled\":false,"
                + "\"schedule\":{\"intervalSeconds\":86400},\"mode\":\"FULL\",\"remoteTemplate\":\"person\","
                + "\"remoteFolder\":\"persons\",\"mapping\":{\"targetTemplate\":\"person\",\"targetFolder\":\"persons\","
                + "\"pairs\":[{\"source\":\"efecte_id\",\"target\":\"source_key\"},{\"source\":\"first_name\","
                + "\"target\":\"first_name\"},{\"source\":\"last_name\",\"target\":\"last_name\"}],"
                + "\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"}}");
        assertEquals(persons.body(), 201, persons.status());
        personsId = persons.json().at("/task/id").asText();
        Rest.Reply push = rest.post(CONNECTOR + "/event-tasks", "{\"name\":\"Push persons\",\"remoteTemplate\":\"person\","
                + "\"remoteFolder\":\"persons\",\"mapping\":{\"pairs\":[{\"source\":\"efecte_id\",\"target\":\"source_key\"},"
                + "{\"source\":\"first_name\",\"target\":\"first_name\"},{\"source\":\"email\",\"target\":\"email\"}],"
                + "\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"}}");
        assertEquals(push.body(), 201, push.status());
        Rest.Reply requests = rest.post(CONNECTOR + "/event-tasks", "{\"name\":\"Access requests\","
                + "\"localTemplate\":\"access_request\",\"localFolder\":\"access_management\","
                + "\"remoteTemplate\":\"incident\",\"remoteFolder\":\"incident_management\",\"mapping\":{\"pairs\":["
                + "{\"source\":\"efecte_id\",\"target\":\"source_key\"},{\"source\":\"subject\",\"target\":\"subject\"},"
                + "{\"source\":\"justification\",\"target\":\"description\"},"
                + "{\"source\":\"requester\",\"target\":\"customer\"}],\"taskIdAttribute\":\"cardlink_task_id\","
                + "\"uniqueKeyAttribute\":\"source_key\"}}");
        assertEquals(requests.body(), 201, requests.status());
        assertEquals("access_request", requests.json().at("/task/localTemplate").asText());
        waitUntil("the orchestration service is up", 90_000, () -> rest.get("/orchestration/operations/none")
                .status() == 404);
        pushId = push.json().at("/task/id").asText();
    }

    @Test
    public void a1TheWorkflowEngineReachesOrchestrationAndItsOwnOperationsOnly() throws Exception {
        Rest.Reply own = workflow.post(PUSH + "/datacards", person("create", "ROLE-1", "Ada", ""));
        assertEquals(own.body(), 200, own.status());
        assertEquals(Rest.WORKFLOW_USER, own.json().get("submittedBy").asText());
        assertEquals(200, workflow.get("/orchestration/operations/" + own.json().get("id").asText()).status());

        Rest.Reply byAdmin = rest.post(PUSH + "/datacards", person("create", "ROLE-2", "Bob", ""));
        assertEquals(byAdmin.body(), 200, byAdmin.status());
        String adminsOperation = "/orchestration/operations/" + byAdmin.json().get("id").asText();
        Rest.Reply hidden = workflow.get(adminsOperation);
        assertEquals("another's operation is not found", 404, hidden.status());
        assertTrue(hidden.body(), hidden.json().get("message").asText().contains("no operation"));
        assertEquals(200, rest.asViewer().get(adminsOperation).status());

        Rest.Reply targets = workflow.get("/orchestration/targets?localTemplate=person");
        assertEquals(targets.body(), 200, targets.status());
        assertEquals(1, targets.json().size());
        assertEquals("Push persons", targets.json().get(0).get("taskName").asText());

        for (String path : List.of("/connectors", "/settings", CONNECTOR + "/event-tasks",
                CONNECTOR + "/workflow-references", "/orchestration/held-cards")) {
            Rest.Reply refused = workflow.get(path);
            assertEquals(path, 403, refused.status());
            assertTrue(refused.body(), refused.json().get("message").asText().contains("'admin'"));
        }
        assertEquals(403, workflow.post("/export", "{\"password\":\"export-password\"}").status());
        assertEquals(403, workflow.put("/settings", "{\"environment\":\"PROD\"}").status());
        assertEquals(403, workflow.post(adminsOperation + "/replay", null).status());
        assertEquals(403, rest.asViewer().post(PUSH + "/datacards", person("create", "ROLE-3", "Eve", ""))
                .status());
        assertEquals(200, rest.asViewer().get("/connectors").status());
    }

    @Test
    public void a2AnAccessRightRequestOfTheLocalInstanceBecomesAnIncidentWithItsRequesterResolved() throws Exception {
        // the persons of the remote instance are in the local one, keyed by their remote efecte_id
        assertEquals(202, rest.post(CONNECTOR + "/scheduled-tasks/Persons/runs", null).status());
        waitUntil("the persons are loaded", 120_000, () -> "SUCCESS".equals(rest.get(CONNECTOR
                + "/scheduled-tasks/Persons/runs?limit=1").json().get(0).get("status").asText()));
        JsonNode remotePerson = remote.cards("person", "$first_name$ IS NOT NULL", "efecte_id").get(5);
        String remoteKey = remotePerson.at("/data/efecte_id/values/0/value").asText();
        String localPerson = local.cards("person", "$source_key$ = '" + remoteKey + "'", "source_key").get(0)
                .get("dataCardId").asText();
        String request = local.create("access_request", "access_management", "{\"subject\":{\"values\":[{\"value\":"
                + "\"SAP access for a controller\"}]},\"justification\":{\"values\":[{\"value\":\"New role\"}]},"
                + "\"provisioning_type\":{\"values\":[{\"code\":\"manual\"}]},"
                + "\"requester\":{\"values\":[{\"dataCardId\":\"" + localPerson + "\"}]}}");

        Rest.Reply created = workflow.post(REQUESTS + "/datacards", "{\"operation\":\"create\",\"localCardId\":\""
                + request + "\",\"idempotencyKey\":\"ar-" + request + "\",\"workflow\":\"Manual access rights\"}");

        assertEquals(created.body(), 200, created.status());
        JsonNode incident = remote.card("incident", created.json().get("remoteId").asText());
        assertEquals("SAP access for a controller", incident.at("/data/subject/values/0/value").asText());
        assertEquals("New role", incident.at("/data/description/values/0/value").asText());
        assertEquals(remotePerson.get("dataCardId").asText(), incident.at("/data/customer/values/0/dataCardId")
                .asText());
        String requestKey = local.card("access_request", request).at("/data/efecte_id/values/0/value").asText();
        assertEquals(requestKey, incident.at("/data/source_key/values/0/value").asText());

        // a requester the remote instance does not have fails at once, naming the attribute and the key
        String stranger = local.create("person", "persons", "{\"source_key\":{\"values\":[{\"value\":\"PER-999999\"}]}}");
        String orphan = local.create("access_request", "access_management", "{\"subject\":{\"values\":[{\"value\":"
                + "\"Orphan\"}]},\"requester\":{\"values\":[{\"dataCardId\":\"" + stranger + "\"}]}}");
        remote.admin("DELETE", "counters", null);
        Rest.Reply failed = workflow.post(REQUESTS + "/datacards", "{\"operation\":\"create\",\"localCardId\":\""
                + orphan + "\"}");
        assertEquals(failed.body(), 422, failed.status());
        String exception = failed.json().get("provisioningException").asText();
        assertTrue(exception, exception.contains("customer") && exception.contains("PER-999999"));
        assertEquals(0, failed.json().get("attempts").asInt());
        assertEquals(0, remote.cardsWritten());

        Rest.Reply targets = workflow.get("/orchestration/targets?localTemplate=access_request");
        assertEquals(1, targets.json().size());
        assertEquals("incident", targets.json().get(0).get("remoteTemplate").asText());
        assertEquals("requester", targets.json().get(0).at("/mapping/pairs/3/source").asText());

        Rest.Reply references = rest.get(REQUESTS + "/workflow-references");
        assertEquals(references.body(), 200, references.status());
        assertEquals("Manual access rights", references.json().get(0).get("workflow").asText());
        assertEquals(1, references.json().get(0).get("useCount").asInt());
        assertFalse(references.json().get(0).get("stale").asBoolean());
        String shown = executeCommand("cardlink:workflow-references Write");
        assertTrue(shown, shown.contains("Manual access rights") && shown.contains("live"));
        Rest.Reply inUse = rest.delete(REQUESTS);
        assertEquals(inUse.body(), 409, inUse.status());
    }

    @Test
    public void a3ACreateAndFiveUpdatesOfOneCardLandInOrderEachOnceWhileTheRemoteFailsCalls() throws Exception {
        remote.admin("DELETE", "counters", null);
        remote.admin("POST", "faults", "{\"failShare\":{\"503\":0.3}}");
        List<String> sent = new ArrayList<>();
        try {
            sent.add(accepted(workflow.post(PUSH + "/datacards", person("create", "ORDER-1", "v0", "\"waitSeconds\":0,"))));
            for (int i = 1; i <= 5; i++) {
                sent.add(accepted(workflow.post(PUSH + "/datacards", person("update", "ORDER-1", "v" + i,
                        "\"waitSeconds\":0,"))));
            }
            for (String id : sent) {
                assertEquals(id, "SUCCEEDED", settled(id).get("status").asText());
            }
        } finally {
            remote.admin("DELETE", "faults", null);
        }
        JsonNode card = remoteCard("ORDER-1");
        assertEquals("v5", card.at("/data/first_name/values/0/value").asText());
        JsonNode counters = remote.admin("GET", "counters", null);
        assertEquals(counters.toString(), 1, counters.get("cardsCreated").asLong());
        assertEquals(counters.toString(), 5, counters.get("cardsUpdated").asLong());
    }

    @Test
    public void a4EveryOperationIsDeliveredOnceAfterTheRemoteWasDownFor30Seconds() throws Exception {
        remote.admin("DELETE", "counters", null);
        remote.admin("POST", "faults", "{\"failShare\":{\"503\":1.0}}");
        long down = System.currentTimeMillis();
        List<String> sent = new ArrayList<>();
        try {
            for (int i = 1; i <= 6; i++) {
                sent.add(accepted(workflow.post(PUSH + "/datacards", person("create", "DOWN-" + i, "first",
                        "\"waitSeconds\":0,"))));
                sent.add(accepted(workflow.post(PUSH + "/datacards", person("update", "DOWN-" + i, "second",
                        "\"waitSeconds\":0,"))));
            }
            waitUntil("the operations wait for a retry", 60_000, () -> operation(sent.get(0))
                    .has("provisioningException"));
            Thread.sleep(Math.max(0, 30_000 - (System.currentTimeMillis() - down)));
            for (String id : sent) {
                assertTrue(id, IN_PROGRESS.contains(operation(id).get("status").asText()));
            }
        } finally {
            remote.admin("DELETE", "faults", null);
        }
        for (String id : sent) {
            assertEquals(id, "SUCCEEDED", settled(id).get("status").asText());
        }
        for (int i = 1; i <= 6; i++) {
            assertEquals("second", remoteCard("DOWN-" + i).at("/data/first_name/values/0/value").asText());
        }
        JsonNode counters = remote.admin("GET", "counters", null);
        assertEquals(counters.toString(), 6, counters.get("cardsCreated").asLong());
        assertEquals(counters.toString(), 6, counters.get("cardsUpdated").asLong());
    }

    @Test
    public void a5DeadOperationsAreListedReplayedAndDiscarded() throws Exception {
        setMaxAttempts(2);
        remote.admin("POST", "faults", "{\"failShare\":{\"503\":1.0}}");
        Map<String, String> dead = new HashMap<>();
        String behind;
        try {
            for (String key : List.of("DEAD-1", "DEAD-2", "DEAD-3")) {
                dead.put(key, accepted(workflow.post(PUSH + "/datacards", person("create", key, "first",
                        "\"waitSeconds\":0,"))));
            }
            behind = accepted(workflow.post(PUSH + "/datacards", person("update", "DEAD-1", "second",
                    "\"waitSeconds\":0,")));
            for (String id : dead.values()) {
                assertEquals(id, "DEAD", settled(id).get("status").asText());
            }
            Rest.Reply listed = rest.get(PUSH + "/operations?status=DEAD");
            assertEquals(3, listed.json().size());
            String shown = executeCommand("cardlink:operation-list --status DEAD Write \"Push persons\"");
            assertTrue(shown, dead.values().stream().allMatch(shown::contains));
            JsonNode waiting = operation(behind);
            assertEquals("an operation behind a dead one of its card waits", "PENDING", waiting.get("status").asText());
            assertEquals(0, waiting.get("attempts").asInt());
        } finally {
            remote.admin("DELETE", "faults", null);
            setMaxAttempts(60);
        }

        Rest.Reply replayed = rest.post("/orchestration/operations/" + dead.get("DEAD-1") + "/replay", null);
        assertEquals(replayed.body(), 200, replayed.status());
        assertEquals("SUCCEEDED", settled(dead.get("DEAD-1")).get("status").asText());
        assertEquals("SUCCEEDED", settled(behind).get("status").asText());
        assertEquals("second", remoteCard("DEAD-1").at("/data/first_name/values/0/value").asText());

        Rest.Reply discarded = rest.post("/orchestration/operations/" + dead.get("DEAD-2") + "/discard", null);
        assertEquals(discarded.body(), 200, discarded.status());
        assertEquals("DISCARDED", discarded.json().get("status").asText());
        String replayedAll = executeCommand("cardlink:operation-replay --all-dead Write \"Push persons\"");
        assertTrue(replayedAll, replayedAll.contains("1 dead operation(s) replayed"));
        assertEquals("SUCCEEDED", settled(dead.get("DEAD-3")).get("status").asText());
        assertEquals(0, remote.cards("person", "$source_key$ = 'DEAD-2'", "source_key").size());
        assertEquals(0, rest.get(PUSH + "/operations?status=DEAD").json().size());
    }

    @Test
    public void a6BadInputOnEveryOrchestrationEndpointIsRefusedWithJsonAndNothingIsQueued() throws Exception {
        int before = rest.get(PUSH + "/operations?limit=1000").json().size();
        int requestsBefore = rest.get(REQUESTS + "/operations?limit=1000").json().size();
        remote.admin("DELETE", "counters", null);

        assertRefused(404, "no event task", workflow.post("/orchestration/event-tasks/no-such-task/datacards",
                person("create", "BAD-1", "x", "")));
        assertRefused(404, "scheduled task", workflow.post("/orchestration/event-tasks/" + personsId + "/datacards",
                person("create", "BAD-1", "x", "")));
        assertRefused(404, "scheduled task", workflow.post(CONNECTOR + "/event-tasks/Persons/datacards",
                person("create", "BAD-1", "x", "")));
        assertFields(List.of("card.nickname"), workflow.post(PUSH + "/datacards", "{\"operation\":\"create\","
                + "\"card\":{\"efecte_id\":\"BAD-1\",\"nickname\":\"x\"}}"));
        Rest.Reply wrongType = workflow.post(REQUESTS + "/datacards", "{\"operation\":\"create\","
                + "\"card\":{\"efecte_id\":\"BAD-2\",\"requester\":\"Anna Admin\"}}");
        assertFields(List.of("card.requester"), wrongType);
        assertTrue(wrongType.body(), TaskManagementIT.problem(wrongType, "card.requester")
                .contains("does not convert to reference"));
        assertFields(List.of("card.worklog"), workflow.post(PUSH + "/datacards", "{\"operation\":\"create\","
                + "\"card\":{\"efecte_id\":\"BAD-1\",\"worklog\":{\"name\":\"a.png\",\"location\":\"file-1\"}}}"));
        assertFields(List.of("operation"), workflow.post(PUSH + "/datacards",
                "{\"operation\":\"upsert\",\"card\":{\"first_name\":\"x\"}}"));
        assertFields(List.of("card.efecte_id"), workflow.post(PUSH + "/datacards",
                "{\"operation\":\"create\",\"card\":{\"first_name\":\"x\"}}"));
        assertFields(List.of("localCardId"), workflow.post(PUSH + "/datacards",
                "{\"operation\":\"update\",\"localCardId\":\"not-a-number\"}"));
        assertFields(List.of("localCardId"), workflow.post(PUSH + "/datacards",
                "{\"operation\":\"update\",\"localCardId\":\"123456789\"}"));
        assertFields(List.of("localCardId"), workflow.post(PUSH + "/datacards", "{\"operation\":\"update\","
                + "\"localCardId\":\"1\",\"card\":{\"efecte_id\":\"BAD-1\"}}"));
        assertFields(List.of("waitSeconds"), workflow.post(PUSH + "/datacards", person("create", "BAD-1", "x",
                "\"waitSeconds\":-1,")));
        Rest.Reply oversize = workflow.post(PUSH + "/datacards", person("create", "BAD-1", "x".repeat(40_000), ""));
        assertTrue(oversize.body(), oversize.status() >= 400 && oversize.status() < 500);
        assertTrue(oversize.body(), oversize.json().has("message"));
        Rest.Reply malformed = workflow.post(PUSH + "/datacards", "{\"operation\":\"create\",\"card\":{");
        assertEquals(malformed.body(), 400, malformed.status());
        assertTrue(malformed.body(), malformed.json().has("message"));

        assertRefused(404, "no operation", rest.get("/orchestration/operations/no-such-operation"));
        assertRefused(404, "no operation", rest.post("/orchestration/operations/no-such-operation/replay", null));
        String succeeded = rest.get(PUSH + "/operations?status=SUCCEEDED&limit=1").json().get(0).get("id").asText();
        assertRefused(409, "only a DEAD", rest.post("/orchestration/operations/" + succeeded + "/replay", null));
        assertRefused(409, "only a DEAD or HELD", rest.post("/orchestration/operations/" + succeeded + "/discard",
                null));
        assertRefused(404, "not held", rest.post(PUSH + "/held-cards/NO-SUCH-CARD/release", null));
        assertFields(List.of("status"), rest.get(PUSH + "/operations?status=broken"));
        assertFields(List.of("status"), rest.post(PUSH + "/operations/discard?status=PENDING", null));

        assertEquals("nothing was queued", before, rest.get(PUSH + "/operations?limit=1000").json().size());
        assertEquals(requestsBefore, rest.get(REQUESTS + "/operations?limit=1000").json().size());
        assertEquals(0, remote.cardsWritten());
    }

    /**
     * Changes the outbox's attempts as an operator does, and waits until the engine runs with them: the outbox and the
     * orchestration service start again on a new configuration, which Config Admin hands out in the background.
     */
    private void setMaxAttempts(int attempts) throws Exception {
        long before = orchestrationServiceId();
        executeCommand("config:property-set -p io.cardlink.engine.outbox maxAttempts " + attempts);
        waitUntil("the orchestration service runs with " + attempts + " attempts", 90_000,
                () -> orchestrationServiceId() != before && orchestrationServiceId() > 0);
        waitUntil("the REST API reaches it", 90_000, () -> rest.get("/orchestration/operations/none").status() == 404);
    }

    private long orchestrationServiceId() {
        org.osgi.framework.ServiceReference<?> reference = bundleContext.getServiceReference(
                "io.cardlink.api.orchestration.OrchestrationService");
        return reference == null ? -1 : (Long) reference.getProperty(org.osgi.framework.Constants.SERVICE_ID);
    }

    private static void assertRefused(int status, String text, Rest.Reply reply) {
        assertEquals(reply.body(), status, reply.status());
        assertTrue(reply.body(), reply.json().get("message").asText().contains(text));
    }

    private static void assertFields(List<String> fields, Rest.Reply reply) {
        assertEquals(reply.body(), 400, reply.status());
        assertEquals(reply.body(), fields, TaskManagementIT.fields(reply));
    }

    private static String accepted(Rest.Reply reply) {
        assertTrue(reply.body(), reply.status() == 200 || reply.status() == 202);
        return reply.json().get("id").asText();
    }

    private JsonNode operation(String id) throws Exception {
        Rest.Reply reply = rest.get("/orchestration/operations/" + id);
        assertEquals(reply.body(), 200, reply.status());
        return reply.json();
    }

    /** The operation once it is no longer pending or running. */
    private JsonNode settled(String id) throws Exception {
        waitUntil("operation " + id + " settles", 180_000,
                () -> !IN_PROGRESS.contains(operation(id).get("status").asText()), () -> {
                    try {
                        return operation(id).toString();
                    } catch (Exception e) {
                        return e.toString();
                    }
                });
        return operation(id);
    }

    private JsonNode remoteCard(String key) throws Exception {
        JsonNode cards = remote.cards("person", "$source_key$ = '" + key + "'", "source_key,first_name,email");
        assertEquals(cards.toString(), 1, cards.size());
        return cards.get(0);
    }

    private static String person(String operation, String key, String firstName, String extra) {
        return "{" + extra + "\"operation\":\"" + operation + "\",\"card\":{\"efecte_id\":\"" + key
                + "\",\"first_name\":\"" + firstName + "\",\"email\":\"" + key.toLowerCase() + "@example.com\"}}";
    }
}
