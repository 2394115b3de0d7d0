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
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * What a customer's data depends on, in the assembled Karaf with the emulator's two instances: a worklog that grew
 * by one entry gets exactly that entry, with its author and date, and never an entry twice; a card marked removed
 * that comes back keeps its removed status, unless the task reactivates returning cards; the run names it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DataFidelityCardsIT extends CardlinkTestSupport {

    private static final long RUN_TIMEOUT = 120_000;
    private static final String REMOVED = "99 - Removed";

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
    public void worklogsAndCardsThatComeBack() throws Exception {
        waitForApi();
        // before the emulator is installed: a change of the engine's settings builds the emulator in Karaf again
        useEmulatorLocalUser();
        installFeature("cardlink-emulator");
        waitUntil("the emulator answers", 120_000, () -> remote.answers() && local.answers());
        assertEquals(201, rest.post("/connectors", "{\"name\":\"Fidelity\",\"type\":\"coreproiga\",\"settings\":{"
                + "\"remoteUrl\":\"" + remote.url() + "\",\"remoteApiPath\":\"/rest-api/itsm/v1\","
                + "\"remoteUser\":\"webapi\",\"remotePassword\":\"webapi\"}}").status());
        String tasks = "/connectors/Fidelity/scheduled-tasks";

        worklogEntriesAreAddedOnce(tasks);
        removedCardsThatComeBack(tasks);
    }

    private void worklogEntriesAreAddedOnce(String tasks) throws Exception {
        Rest.Reply created = rest.post(tasks, "{\"name\":\"Incidents\",\"enabled\":false,\"schedule\":"
                + "{\"intervalSeconds\":3600},\"mode\":\"FULL\",\"remoteTemplate\":\"incident\","
                + "\"remoteFolder\":\"incident_management\",\"mapping\":{\"targetTemplate\":\"incident\","
                + "\"targetFolder\":\"incident_management\",\"pairs\":[{\"source\":\"subject\",\"target\":\"subject\"},"
                + "{\"source\":\"worklog\",\"target\":\"worklog\"},{\"source\":\"efecte_id\",\"target\":\"source_key\"}],"
                + "\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"}}");
        assertEquals(created.body(), 201, created.status());
        String incidents = tasks + "/Incidents";
        JsonNode first = runToEnd(incidents);
        assertEquals(first.toString(), "SUCCESS", first.get("status").asText());
        JsonNode source = null;
        for (JsonNode card : remote.cards("incident", "$subject$ = 'Printer on floor 2 is jammed'",
                "efecte_id,worklog")) {
            if ("Anna Admin".equals(card.at("/data/worklog/values/0/author").asText())) {
                source = card;
            }
        }
        assertTrue("the fixture's incident with one worklog entry", source != null);
        String key = text(source, "efecte_id");
        assertEquals(List.of("[Anna Admin, 2025-01-15T09:00:00Z] Technician on the way."), localWorklog(key));
        int entries = entries(local);
        assertEquals("each remote entry once", entries(remote), entries);

        // the remote worklog grows by one entry: exactly that entry, with the remote author and date
        remote.patch("incident", source.get("dataCardId").asText(), "worklog", "Customer called back.");
        JsonNode added = remote.card("incident", source.get("dataCardId").asText()).at("/data/worklog/values/0");
        JsonNode second = runToEnd(incidents);
        assertEquals(second.toString(), "SUCCESS", second.get("status").asText());
        assertEquals(1, second.at("/counts/updated").asLong());
        assertEquals(List.of("[" + added.get("author").asText() + ", " + added.get("date").asText()
                + "] Customer called back.", "[Anna Admin, 2025-01-15T09:00:00Z] Technician on the way."),
                localWorklog(key));
        assertEquals(entries + 1, entries(local));

        // a re-run adds none, also when the cleared cache makes it write every card again
        JsonNode third = runToEnd(incidents);
        assertEquals(first.at("/counts/read").asLong(), third.at("/counts/unchanged").asLong());
        assertEquals(200, rest.delete(incidents + "/cache").status());
        JsonNode rewritten = runToEnd(incidents);
        assertEquals(rewritten.toString(), "SUCCESS", rewritten.get("status").asText());
        assertEquals(first.at("/counts/read").asLong(), rewritten.at("/counts/updated").asLong());
        assertEquals(entries + 1, entries(local));
        assertEquals(2, localWorklog(key).size());
    }

    private void removedCardsThatComeBack(String tasks) throws Exception {
        // persons leave the task's filter when made inactive at the remote, and come back when active again
        Rest.Reply created = rest.post(tasks, "{\"name\":\"Persons\",\"enabled\":false,\"schedule\":"
                + "{\"intervalSeconds\":3600},\"mode\":\"FULL\",\"eqlFilter\":\"$status$ <> '02 - Inactive'\","
                + "\"remoteTemplate\":\"person\",\"remoteFolder\":\"persons\",\"mapping\":{\"targetTemplate\":\"person\","
                + "\"targetFolder\":\"persons\",\"pairs\":[{\"source\":\"email\",\"target\":\"email\"},"
                + "{\"source\":\"status\",\"target\":\"status\"},{\"source\":\"efecte_id\",\"target\":\"source_key\"}],"
                + "\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"},"
                + "\"removal\":{\"statusAttribute\":\"status\",\"removedValue\":\"" + REMOVED + "\"}}");
        assertEquals(created.body(), 201, created.status());
        assertFalse(created.json().at("/removal/reactivateReturning").asBoolean());
        String persons = tasks + "/Persons";
        assertEquals("SUCCESS", runToEnd(persons).get("status").asText());
        JsonNode active = remote.cards("person", "$status$ = '01 - Active'", "efecte_id");
        String kept = active.get(0).get("dataCardId").asText();
        String keptKey = text(active.get(0), "efecte_id");
        String reactivated = active.get(1).get("dataCardId").asText();
        String reactivatedKey = text(active.get(1), "efecte_id");

        remote.patch("person", kept, "status", "02 - Inactive");
        assertEquals(1, runToEnd(persons).at("/counts/removed").asLong());
        assertEquals(REMOVED, localPerson(keptKey, "status"));
        remote.patch("person", kept, "status", "01 - Active");
        remote.patch("person", kept, "email", "back@example.test");
        JsonNode back = runToEnd(persons);
        assertEquals(back.toString(), "SUCCESS", back.get("status").asText());
        assertEquals("it keeps its removed status", REMOVED, localPerson(keptKey, "status"));
        assertEquals("its other attributes are updated", "back@example.test", localPerson(keptKey, "email"));
        String keptMessage = "1 card(s) marked removed came back at the remote instance and keep their removed status"
                + " (the task does not reactivate returning cards): " + keptKey;
        assertTrue(back.get("info").toString(), info(back).contains(keptMessage));
        String shown = executeCommand("cardlink:run-show " + back.get("id").asText());
        assertTrue(shown, shown.contains(keptMessage));

        // with the option on (set in the shell), a card that comes back is reactivated
        executeCommand("cardlink:task-edit Fidelity Persons removal.reactivateReturning true");
        String task = executeCommand("cardlink:task-show Fidelity Persons");
        assertTrue(task, task.contains("cards that come back are reactivated"));
        assertTrue(rest.get(persons).json().at("/removal/reactivateReturning").asBoolean());
        remote.patch("person", reactivated, "status", "02 - Inactive");
        assertEquals(1, runToEnd(persons).at("/counts/removed").asLong());
        assertEquals(REMOVED, localPerson(reactivatedKey, "status"));
        remote.patch("person", reactivated, "status", "01 - Active");
        JsonNode reactivatedRun = runToEnd(persons);
        assertEquals(reactivatedRun.toString(), "SUCCESS", reactivatedRun.get("status").asText());
        assertEquals("01 - Active", localPerson(reactivatedKey, "status"));
        assertTrue(reactivatedRun.get("info").toString(), info(reactivatedRun).contains("1 card(s) marked removed came"
                + " back at the remote instance and were reactivated: " + reactivatedKey));
        assertEquals("a card that came back before stays as it is", REMOVED, localPerson(keptKey, "status"));
    }

    private JsonNode runToEnd(String task) throws Exception {
        Rest.Reply accepted = rest.post(task + "/runs", null);
        assertEquals(accepted.body(), 202, accepted.status());
        String runId = accepted.json().get("id").asText();
        waitUntil("run " + runId + " ends", RUN_TIMEOUT, () -> !List.of("SCHEDULED", "WAITING", "RUNNING")
                .contains(rest.get("/runs/" + runId).json().get("status").asText()));
        return rest.get("/runs/" + runId).json();
    }

    private List<String> localWorklog(String key) throws Exception {
        JsonNode card = local.cards("incident", "$source_key$ = '" + key + "'", "worklog").get(0);
        List<String> texts = new ArrayList<>();
        card.at("/data/worklog/values").forEach(entry -> texts.add(entry.get("value").asText()));
        return texts;
    }

    private static int entries(EmulatorAccess instance) throws Exception {
        int count = 0;
        for (JsonNode card : instance.cards("incident", null, "worklog")) {
            count += card.at("/data/worklog/values").size();
        }
        return count;
    }

    private String localPerson(String key, String attribute) throws Exception {
        return text(local.cards("person", "$source_key$ = '" + key + "'", attribute).get(0), attribute);
    }

    private static List<String> info(JsonNode run) {
        List<String> lines = new ArrayList<>();
        run.get("info").forEach(line -> lines.add(line.asText()));
        return lines;
    }

    private static String text(JsonNode card, String attribute) {
        return card.at("/data/" + attribute + "/values/0/value").asText();
    }
}
