package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.Rest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * The orchestration endpoint end to end: a workflow's request goes through the outbox to the emulator's remote
 * instance, with idempotency keys, refusals, retries while the remote answers 503, and the shell's operation list.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class OrchestrationIT extends CardlinkTestSupport {
    private static final String TASK = "/connectors/Orch/event-tasks/Push%20persons";
    private static String taskId;
    private static String failedOperation;

    private final EmulatorAccess remote = EmulatorAccess.inKaraf(HTTP_PORT, "remote");

    @Override
    @Configuration
    public Option[] config() throws Exception {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.cfg", "localUrl",
                "http://localhost:" + HTTP_PORT + "/emulator/local"));
        // a short wait, so that a request meeting an unavailable remote is answered 202 well within the client's time
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.outbox.cfg", "waitSeconds", "10"));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.outbox.cfg", "firstRetrySeconds", "1"));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.outbox.cfg", "maxRetrySeconds", "2"));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.outbox.cfg", "maxAttempts", "30"));
        return options.toArray(new Option[0]);
    }

    @Before
    public void connectorAndEventTaskExist() throws Exception {
        if (taskId != null) {
            return;
        }
        waitForApi();
        // before the emulator is installed: a change of the engine's settings builds the emulator in Karaf again
        useEmulatorLocalUser();
        installFeature("cardlink-emulator");
        waitUntil("the emulator answers", 120_000, remote::answers);
        assertEquals(201, rest.post("/connectors", "{\"name\":\"Orch\",\"type\":\"coreproiga\",\"settings\":{"
                + "\"remoteUrl\":\"" + remote.url() + "\",\"remoteUser\":\"webapi\",\"remotePassword\":\"webapi\"}}").status());
        Rest.Reply task = rest.post("/connectors/Orch/event-tasks", "{\"name\":\"Push persons\","
                + "\"remoteTemplate\":\"person\",\"remoteFolder\":\"persons\",\"mapping\":{\"pairs\":["
                + "{\"source\":\"efecte_id\",\"target\":\"source_key\"},{\"source\":\"first_name\",\"target\":\"first_name\"},"
                + "{\"source\":\"last_name\",\"target\":\"last_name\"},{\"source\":\"email\",\"target\":\"email\"},"
                + "{\"source\":\"status\",\"target\":\"status\"}],\"taskIdAttribute\":\"cardlink_task_id\","
                + "\"uniqueKeyAttribute\":\"source_key\"}}");
        assertEquals(task.body(), 201, task.status());
        taskId = task.json().at("/task/id").asText();
        waitUntil("the orchestration service is up", 90_000, () -> rest.get("/orchestration/operations/none")
                .status() == 404);
    }

    @Test
    public void a1ACreateWritesTheMappedCardToTheRemote() throws Exception {
        Rest.Reply created = rest.post("/orchestration/event-tasks/" + taskId + "/datacards", body("create", "ORCH-1",
                "Ada", "ada@example.com", "\"idempotencyKey\":\"orch-1-create\",\"workflow\":\"wf-hr-onboarding\","));

        assertEquals(created.body(), 200, created.status());
        assertEquals("SUCCEEDED", created.json().get("status").asText());
        String remoteId = created.json().get("remoteId").asText();
        JsonNode card = remoteCard("ORCH-1");
        assertEquals(remoteId, card.get("dataCardId").asText());
        assertEquals("Ada", value(card, "first_name"));
        assertEquals("ada@example.com", value(card, "email"));
        assertEquals(taskId, value(card, "cardlink_task_id"));
        assertEquals("active", card.at("/data/status/values/0/code").asText());
    }

    @Test
    public void a2AnUpdateByConnectorAndTaskNameChangesTheRemoteCard() throws Exception {
        Rest.Reply updated = rest.post(TASK + "/datacards", body("update", "ORCH-1", "Ada", "ada.lovelace@example.com",
                ""));

        assertEquals(updated.body(), 200, updated.status());
        assertEquals("ada.lovelace@example.com", value(remoteCard("ORCH-1"), "email"));
    }

    @Test
    public void a3TheSameIdempotencyKeyTwiceWritesOnce() throws Exception {
        remote.admin("DELETE", "counters", null);
        String request = body("create", "ORCH-2", "Grace", "grace@example.com", "\"idempotencyKey\":\"orch-2\",");

        Rest.Reply first = rest.post(TASK + "/datacards", request);
        Rest.Reply second = rest.post(TASK + "/datacards", request);

        assertEquals(first.body(), 200, first.status());
        assertEquals(second.body(), 200, second.status());
        assertEquals(first.json().get("id").asText(), second.json().get("id").asText());
        JsonNode counters = remote.admin("GET", "counters", null);
        assertEquals(counters.toString(), 1, counters.get("cardsCreated").asLong());
        assertEquals(0, counters.get("cardsUpdated").asLong());
    }

    @Test
    public void a4ADeleteRemovesTheRemoteCard() throws Exception {
        Rest.Reply deleted = rest.post(TASK + "/datacards", "{\"operation\":\"delete\",\"card\":{\"efecte_id\":\"ORCH-2\"}}");

        assertEquals(deleted.body(), 200, deleted.status());
        assertEquals(0, remote.cards("person", "$source_key$ = 'ORCH-2'", "source_key").size());
    }

    @Test
    public void a5InvalidRequestsAreRefusedByFieldAndUnknownTasksAreNotFound() throws Exception {
        Rest.Reply invalid = rest.post(TASK + "/datacards", "{\"card\":{\"first_name\":\"No key\"}}");
        assertEquals(invalid.body(), 400, invalid.status());
        assertEquals(List.of("operation", "card.efecte_id"), TaskManagementIT.fields(invalid));

        Rest.Reply badOperation = rest.post(TASK + "/datacards", "{\"operation\":\"upsert\",\"card\":{\"efecte_id\":\"X\"}}");
        assertEquals(400, badOperation.status());
        assertEquals(List.of("operation"), TaskManagementIT.fields(badOperation));

        assertEquals(404, rest.post("/orchestration/event-tasks/no-such-task/datacards",
                body("create", "ORCH-9", "No", "no@example.com", "")).status());
        assertEquals(404, rest.post("/connectors/Orch/event-tasks/Nothing/datacards",
                body("create", "ORCH-9", "No", "no@example.com", "")).status());
        assertEquals(401, rest.as(null).post(TASK + "/datacards", body("create", "ORCH-9", "No", "no@example.com", ""))
                .status());
        assertEquals(0, remote.cards("person", "$source_key$ = 'ORCH-9'", "source_key").size());
    }

    @Test
    public void a6ARefusalOfTheRemoteIsAnsweredWithItsMessage() throws Exception {
        remote.admin("POST", "faults", "{\"refuseCards\":[{\"attributeCode\":\"email\",\"value\":\"spam@example.com\","
                + "\"message\":\"E-mail address is on the block list\"}]}");
        try {
            Rest.Reply refused = rest.post(TASK + "/datacards", body("create", "ORCH-3", "Spam", "spam@example.com", ""));

            assertEquals(refused.body(), 422, refused.status());
            assertEquals("FAILED", refused.json().get("status").asText());
            assertTrue(refused.body(), refused.json().get("provisioningException").asText()
                    .contains("E-mail address is on the block list"));
            failedOperation = refused.json().get("id").asText();
        } finally {
            remote.admin("DELETE", "faults", null);
        }
    }

    @Test
    public void a7AnUnavailableRemoteIsAnswered202AndTheOperationSucceedsOnceItIsBack() throws Exception {
        remote.admin("POST", "faults", "{\"failShare\":{\"503\":1.0}}");
        String location;
        try {
            Rest.Reply accepted = rest.post(TASK + "/datacards", body("create", "ORCH-4", "Retry", "retry@example.com",
                    "\"idempotencyKey\":\"orch-4\","));

            assertEquals(accepted.body(), 202, accepted.status());
            assertNotEquals("FAILED", accepted.json().get("status").asText());
            location = accepted.headers().firstValue("Location").orElseThrow();
            assertTrue(location, location.endsWith("/orchestration/operations/" + accepted.json().get("id").asText()));
            waitUntil("a retry is planned", 120_000, () -> {
                JsonNode operation = operation(location);
                return "PENDING".equals(operation.get("status").asText()) && operation.has("provisioningException");
            });
        } finally {
            remote.admin("DELETE", "faults", null);
        }
        waitUntil("the operation succeeds", 180_000, () -> "SUCCEEDED".equals(operation(location).get("status").asText()));
        JsonNode done = operation(location);
        assertTrue(done.toString(), done.get("attempts").asInt() >= 2);
        assertEquals(done.get("remoteId").asText(), remoteCard("ORCH-4").get("dataCardId").asText());
    }

    @Test
    public void a8TheShellListsTheFailedOperations() throws Exception {
        // Karaf reads options before the arguments
        String failed = executeCommand("cardlink:operation-list --status FAILED Orch " + taskId);
        assertTrue(failed, failed.contains(failedOperation));
        assertTrue(failed, !failed.contains("succeeded"));

        String shown = executeCommand("cardlink:operation-show " + failedOperation);
        assertTrue(shown, shown.contains("E-mail address is on the block list"));

        Rest.Reply listed = rest.get(TASK + "/operations?status=FAILED");
        assertEquals(200, listed.status());
        assertEquals(1, listed.json().size());
        assertEquals(failedOperation, listed.json().get(0).get("id").asText());
        assertEquals(400, rest.get(TASK + "/operations?status=broken").status());
    }

    @Test
    public void a9AnEventTaskAWorkflowUsedIsRemovedOnlyWithForce() throws Exception {
        Rest.Reply task = rest.get(TASK);
        assertEquals(1, task.json().get("workflowReferences").size());
        assertEquals("wf-hr-onboarding", task.json().at("/workflowReferences/0").asText());

        Rest.Reply refused = rest.delete(TASK);
        assertEquals(refused.body(), 409, refused.status());
        assertTrue(refused.body(), refused.json().get("message").asText().contains("wf-hr-onboarding"));
        assertEquals(204, rest.delete(TASK + "?force=true").status());
    }

    private JsonNode operation(String location) throws Exception {
        String path = URI.create(location).getPath();
        Rest.Reply reply = rest.get(path.substring(path.indexOf("/orchestration/")));
        assertEquals(reply.body(), 200, reply.status());
        return reply.json();
    }

    private JsonNode remoteCard(String key) throws Exception {
        JsonNode cards = remote.cards("person", "$source_key$ = '" + key + "'",
                "source_key,first_name,email,status,cardlink_task_id");
        assertEquals(cards.toString(), 1, cards.size());
        return cards.get(0);
    }

    private static String value(JsonNode card, String attribute) {
        return card.at("/data/" + attribute + "/values/0/value").asText();
    }

    private static String body(String operation, String key, String firstName, String email, String extra) {
        return "{" + extra + "\"operation\":\"" + operation + "\",\"card\":{\"efecte_id\":\"" + key
                + "\",\"first_name\":\"" + firstName + "\",\"last_name\":\"Test\",\"email\":\"" + email
                + "\",\"status\":\"active\"}}";
    }
}
