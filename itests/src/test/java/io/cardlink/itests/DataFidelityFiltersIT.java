package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.Rest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * What a customer's filters and data source ids become in the assembled Karaf, with the emulator's two instances: the
 * vendor's full {@code SELECT entity FROM entity WHERE ...} filter reads exactly what its bare condition reads, a
 * filter that names another template or folder is refused on save, a task writes its name into the Datasourceid
 * attribute (and its id into another), and the emulator answers a list call without {@code limit} as the vendor's
 * OpenAPI document says (50 cards).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DataFidelityFiltersIT extends CardlinkTestSupport {

    private static final long RUN_TIMEOUT = 300_000;
    private static final String CONDITION = "entity.template.code = 'person' AND entity.deleted = 0"
            + " AND entity.folder.code = 'persons' AND $department$ = 'IT' AND $email$ is not null";
    private static final String VENDOR_FILTER = "SELECT entity FROM entity WHERE " + CONDITION;

    private final EmulatorAccess remote = EmulatorAccess.inKaraf(HTTP_PORT, "remote");
    private final EmulatorAccess local = EmulatorAccess.inKaraf(HTTP_PORT, "local");

    @Override
    @Configuration
    public Option[] config() throws Exception {
        List<Option> options = new ArrayList<>(List.of(super.config()));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.cfg", "localUrl",
                "http://localhost:" + HTTP_PORT + "/emulator/local"));
        return options.toArray(new Option[0]);
    }

    @Test
    public void filtersAndDataSourceIds() throws Exception {
        waitForApi();
        // before the emulator is installed: a change of the engine's settings builds the emulator in Karaf again
        useEmulatorLocalUser();
        installFeature("cardlink-emulator");
        waitUntil("the emulator answers", 120_000, () -> remote.answers() && local.answers());

        // a list call without limit (as a widely used Python client makes it) gets the OpenAPI default of 50 cards
        JsonNode page = remote.page("person", "");
        assertEquals(page.toString(), 50, page.get("data").size());
        assertEquals(50, page.at("/meta/limit").asInt());
        assertEquals(150, remote.page("person", "limit=150").get("data").size());

        // one matching person is in the remote trash: entity.deleted = 0 leaves it out
        JsonNode matching = remote.cards("person", CONDITION, "efecte_id");
        assertTrue(matching.toString(), matching.size() > 5);
        remote.delete("person", matching.get(0).get("dataCardId").asText());
        Set<String> expected = keys(remote.cards("person", CONDITION, "efecte_id"));
        assertEquals(matching.size() - 1, expected.size());
        assertEquals(expected, keys(remote.cards("person", VENDOR_FILTER, "efecte_id")));

        String connector = created(rest.post("/connectors", "{\"name\":\"Fidelity\",\"type\":\"coreproiga\","
                + "\"settings\":{\"remoteUrl\":\"" + remote.url() + "\",\"remoteApiPath\":\"/rest-api/itsm/v1\","
                + "\"remoteUser\":\"webapi\",\"remotePassword\":\"webapi\"}}")).get("id").asText();
        String tasks = "/connectors/" + connector + "/scheduled-tasks";

        // a filter that names another template or folder than the task's is refused on save, with the reason
        Rest.Reply otherTemplate = rest.post(tasks, task("Wrong template",
                "SELECT entity FROM entity WHERE entity.template.code = 'incident' AND $department$ = 'IT'",
                "datasourceid"));
        assertEquals(otherTemplate.body(), 400, otherTemplate.status());
        assertEquals(List.of("settings.eqlFilter"), TaskManagementIT.fields(otherTemplate));
        assertEquals("'entity.template.code = 'incident'' contradicts the task's template 'person' (remoteTemplate):"
                + " the task would read no card", TaskManagementIT.problem(otherTemplate, "settings.eqlFilter"));
        Rest.Reply otherFolder = rest.post(tasks, task("Wrong folder", "$department$ = 'IT' AND folder.code = 'it'",
                "datasourceid"));
        assertEquals(otherFolder.body(), 400, otherFolder.status());
        assertTrue(TaskManagementIT.problem(otherFolder, "settings.eqlFilter"),
                TaskManagementIT.problem(otherFolder, "settings.eqlFilter").contains("contradicts the task's folder 'persons'"));
        // the task-name attribute is checked against the target template like the task-id attribute
        Rest.Reply notAString = rest.post(tasks, task("Bad name attribute", CONDITION, "department"));
        assertEquals(notAString.body(), 400, notAString.status());
        assertEquals(List.of("mapping.taskNameAttribute"), TaskManagementIT.fields(notAString));
        assertEquals("the task-name attribute must be a string attribute; 'department' is static-value",
                TaskManagementIT.problem(notAString, "mapping.taskNameAttribute"));
        assertEquals(0, rest.get(tasks).json().size());

        // the vendor's full form reads exactly the cards of the bare condition; each lands with the task's name in
        // Datasourceid and its id in the task-id attribute
        JsonNode vendorTask = created(rest.post(tasks, task("IT persons by vendor filter", VENDOR_FILTER,
                "datasourceid"))).get("task");
        assertEquals("datasourceid", vendorTask.at("/mapping/taskNameAttribute").asText());
        JsonNode vendorRun = runToEnd(tasks + "/" + vendorTask.get("id").asText());
        assertEquals(vendorRun.toString(), "SUCCESS", vendorRun.get("status").asText());
        assertEquals(expected, extractKeys(vendorRun));
        JsonNode loaded = local.cards("person", null, "source_key,cardlink_task_id,datasourceid");
        assertEquals(expected, keys(loaded, "source_key"));
        for (JsonNode card : loaded) {
            assertEquals("IT persons by vendor filter", text(card, "datasourceid"));
            assertEquals(vendorTask.get("id").asText(), text(card, "cardlink_task_id"));
        }
        String shown = executeCommand("cardlink:task-show Fidelity \"IT persons by vendor filter\"");
        assertTrue(shown, shown.contains("Filtering query: " + VENDOR_FILTER));
        assertTrue(shown, shown.contains("Task name in: datasourceid"));

        JsonNode bareTask = created(rest.post(tasks, task("IT persons", CONDITION, null))).get("task");
        JsonNode bareRun = runToEnd(tasks + "/" + bareTask.get("id").asText());
        assertEquals(bareRun.toString(), "SUCCESS", bareRun.get("status").asText());
        assertEquals(expected, extractKeys(bareRun));

        // set from the shell, the next run writes the task's name (and leaves the other cards' names alone)
        String edited = executeCommand("cardlink:task-edit Fidelity \"IT persons\" mapping.taskNameAttribute"
                + " datasourceid");
        assertEquals("datasourceid", rest.get(tasks + "/" + bareTask.get("id").asText()).json()
                .at("/mapping/taskNameAttribute").asText());
        assertFalse(edited, edited.contains("Error"));
        String refused = executeCommand("cardlink:task-edit Fidelity \"IT persons\" eqlFilter"
                + " \"entity.folder.code = 'archive' AND entity.deleted = 0\"");
        assertTrue(refused, refused.contains("'entity.folder.code = 'archive'' contradicts the task's folder 'persons'"));
        String notString = executeCommand("cardlink:task-edit Fidelity \"IT persons\" mapping.taskNameAttribute status");
        assertTrue(notString, notString.contains("the task-name attribute must be a string attribute"));
        JsonNode namedRun = runToEnd(tasks + "/" + bareTask.get("id").asText());
        assertEquals(namedRun.toString(), "SUCCESS", namedRun.get("status").asText());
        assertEquals(expected.size(), namedRun.at("/counts/updated").asLong());
        for (JsonNode card : local.cards("person", null, "cardlink_task_id,datasourceid")) {
            assertEquals("IT persons", text(card, "datasourceid"));
            assertEquals(bareTask.get("id").asText(), text(card, "cardlink_task_id"));
        }
    }

    private static String task(String name, String filter, String taskNameAttribute) {
        return "{\"name\":\"" + name + "\",\"enabled\":false,\"schedule\":{\"intervalSeconds\":3600},\"mode\":\"FULL\","
                + "\"eqlFilter\":\"" + filter + "\","
                + "\"remoteTemplate\":\"person\",\"remoteFolder\":\"persons\",\"mapping\":{\"targetTemplate\":\"person\","
                + "\"targetFolder\":\"persons\",\"pairs\":[{\"source\":\"first_name\",\"target\":\"first_name\"},"
                + "{\"source\":\"email\",\"target\":\"email\"},{\"source\":\"efecte_id\",\"target\":\"source_key\"}],"
                + "\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\""
                + (taskNameAttribute == null ? "" : ",\"taskNameAttribute\":\"" + taskNameAttribute + "\"") + "}}";
    }

    private JsonNode created(Rest.Reply reply) {
        assertEquals(reply.body(), 201, reply.status());
        return reply.json();
    }

    private JsonNode runToEnd(String task) throws Exception {
        Rest.Reply started = rest.post(task + "/runs", null);
        assertEquals(started.body(), 202, started.status());
        String runId = started.json().get("id").asText();
        waitUntil("run " + runId + " ends", RUN_TIMEOUT, () -> !List.of("SCHEDULED", "WAITING", "RUNNING")
                .contains(rest.get("/runs/" + runId).json().get("status").asText()));
        return rest.get("/runs/" + runId).json();
    }

    /** The efecte_ids of the cards a run read, from its extract. */
    private Set<String> extractKeys(JsonNode run) throws Exception {
        Rest.Reply extract = rest.get("/runs/" + run.get("id").asText() + "/extract");
        assertEquals(extract.body(), 200, extract.status());
        Set<String> keys = new TreeSet<>();
        extract.json().get("cards").forEach(card -> keys.add(card.at("/attributes/efecte_id/0").asText()));
        return keys;
    }

    private static Set<String> keys(JsonNode cards) {
        return keys(cards, "efecte_id");
    }

    private static Set<String> keys(JsonNode cards, String attribute) {
        Set<String> keys = new TreeSet<>();
        cards.forEach(card -> keys.add(text(card, attribute)));
        return keys;
    }

    private static String text(JsonNode card, String attribute) {
        return card.at("/data/" + attribute + "/values/0/value").asText();
    }
}
