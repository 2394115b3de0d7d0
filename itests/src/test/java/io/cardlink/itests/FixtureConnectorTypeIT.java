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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Test;

/**
 * A second connector type is one bundle and one feature: the in-memory type of the test fixtures
 * (itests-fixtures/connector-memory), installed into the running distribution from a Maven repository with
 * {@code feature:repo-add} and {@code feature:install}, gets connectors and scheduled tasks through the same REST API
 * as CoreProIGA and runs a task into the local instance (the emulator's, in a JVM of its own); what its far side
 * can't do (delete) the engine does not offer, and says so; uninstalled, its
 * connector says its type is not installed, and installed again, the connector works again.
 */
public class FixtureConnectorTypeIT {
    private static final int PORT_OFFSET = 600;
    private static final int PERSONS = 500;
    private static final String FEATURE = "cardlink-fixture-connector-memory";
    private static final String FEATURES = "mvn:io.cardlink/cardlink-fixture-connector-memory/"
            + System.getProperty("cardlink.version") + "/xml/features";
    private static final String TASKS = "/connectors/Memory/scheduled-tasks";
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
    public void theInMemoryTypeInstallsAsAFeatureAndRunsAScheduledTaskIntoTheLocalInstance() throws Exception {
        Path repository = Path.of(System.getProperty("cardlink.fixtureRepository"));
        assertTrue("the fixture's Maven repository (itests' pom copies it): " + repository,
                Files.isDirectory(repository));
        emulator = EmulatorJvm.start(Path.of("target", "fixture-type-it-emulator").toAbsolutePath(),
                KarafDistribution.PORT_BASE + PORT_OFFSET + 90);
        EmulatorAccess local = emulator.access("local", "webapi");
        karaf = KarafDistribution.unpack("fixture-type-it", PORT_OFFSET);
        karaf.configure("io.cardlink.engine.cfg", "localUrl", emulator.url("local"));
        // the repository an operator adds for a connector type that the distribution does not ship
        karaf.configure("org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories",
                repository.toUri() + "@id=cardlink-fixtures@snapshots");
        karaf.start();
        Rest rest = karaf.rest();
        CardlinkTestSupport.useEmulatorLocalUser(rest);
        assertFalse(typeIds(rest).contains("memory"));

        String installed = karaf.client("feature:repo-add " + FEATURES + "\nfeature:install " + FEATURE + "\n");
        System.out.println("FixtureConnectorTypeIT: feature:repo-add and feature:install answered: " + installed);
        waitUntil("GET /connector-types lists the type memory", 60_000, () -> typeIds(rest).contains("memory"));
        JsonNode type = type(rest, "memory");
        assertEquals(type.toString(), List.of("seed", "store"), sorted(type.get("settings"), "key"));
        // derived from the interfaces of the type's far side: it can do everything but delete
        assertEquals(type.toString(), List.of("FIND_BY_KEYS", "READ_FULL", "READ_INCREMENTAL", "WRITE_CREATE",
                "WRITE_UPDATE"), sortedTexts(type.get("capabilities")));
        assertEquals("the type's own words for a task's template", "Record type",
                type.at("/templateField/label").asText());
        assertEquals("Record group", type.at("/folderField/label").asText());

        // the type's own check of its settings, when the connector is saved, not when it first connects
        Rest.Reply badSeed = rest.post("/connectors", "{\"name\":\"Memory\",\"type\":\"memory\",\"settings\":{"
                + "\"store\":\"people\",\"seed\":\"persons:10\"}}");
        assertEquals(badSeed.body(), 400, badSeed.status());
        assertTrue(badSeed.body(), badSeed.body().contains("settings.seed")
                && badSeed.body().contains("'persons:10' is not TEMPLATE:COUNT"));
        created(rest.post("/connectors", "{\"name\":\"Memory\",\"type\":\"memory\",\"settings\":{"
                + "\"store\":\"people\",\"seed\":\"person:" + PERSONS + "\"}}"));
        created(rest.post(TASKS, personsTask()));
        String shown = karaf.client("cardlink:task-show Memory Persons\n");
        assertTrue(shown, shown.contains("Record type:  person") && shown.contains("Record group: persons"));
        // a refusal reaches a script through bin/client -b (Karaf prints what a command throws; stderr it drops)
        String refusal = karaf.client("cardlink:task-show Memory Nope\n");
        assertTrue(refusal, refusal.contains("Error executing command") && refusal.contains("Nope"));
        assertEquals("NEVER_RUN", status(rest));

        JsonNode run = runToEnd(rest);
        System.out.println("FixtureConnectorTypeIT: the run's counts: " + run.get("counts"));
        assertEquals(run.toString(), "SUCCESS", run.get("status").asText());
        assertEquals(PERSONS, run.at("/counts/read").asLong());
        assertEquals(PERSONS, run.at("/counts/created").asLong());
        assertEquals(0, run.at("/counts/failed").asLong());
        assertEquals("OK", status(rest));

        JsonNode cards = local.cards("person", null, "source_key,cardlink_task_id," + String.join(",", MAPPED));
        assertEquals("one local card per card in memory", PERSONS, cards.size());
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode card : cards) {
            byKey.put(text(card, "source_key"), card);
        }
        assertEquals("no key twice", PERSONS, byKey.size());
        JsonNode third = byKey.get("P000003");
        assertEquals(third.toString(), "First3", text(third, "first_name"));
        assertEquals("Last3", text(third, "last_name"));
        assertEquals("person3@example.com", text(third, "email"));
        assertEquals("Sales", text(third, "department"));
        assertEquals("01 - Active", text(third, "status"));
        assertEquals("02 - Inactive", text(byKey.get("P000010"), "status"));
        assertEquals(run.get("taskId").asText(), text(third, "cardlink_task_id"));

        // an event task writes through the type, which can't delete: the save warns, a delete is refused, named
        Rest.Reply pushTask = rest.post("/connectors/Memory/event-tasks", "{\"name\":\"Push persons\","
                + "\"localTemplate\":\"person\",\"remoteTemplate\":\"person\",\"remoteFolder\":\"persons\","
                + "\"mapping\":{\"pairs\":[{\"source\":\"source_key\",\"target\":\"person_key\"},"
                + "{\"source\":\"first_name\",\"target\":\"first_name\"}],\"uniqueKeyAttribute\":\"person_key\"}}");
        created(pushTask);
        assertTrue(pushTask.body(), pushTask.json().get("warnings").toString()
                .contains("connector type 'memory' does not support write delete"));
        Rest.Reply delete = rest.post("/connectors/Memory/event-tasks/Push%20persons/datacards",
                "{\"operation\":\"delete\",\"card\":{\"source_key\":\"P000003\",\"first_name\":\"First3\"}}");
        assertEquals(delete.body(), 400, delete.status());
        assertTrue(delete.body(), delete.body().contains("does not support write delete"));

        // the type goes: its connector and task stay, and the connector says why nothing runs
        String uninstalled = karaf.client("feature:uninstall " + FEATURE + "\n");
        System.out.println("FixtureConnectorTypeIT: feature:uninstall answered: " + uninstalled);
        waitUntil("GET /connector-types no longer lists memory", 60_000, () -> !typeIds(rest).contains("memory"));
        assertEquals("TYPE_NOT_INSTALLED", status(rest));
        assertEquals(200, rest.get(TASKS + "/Persons").status());

        // and comes back: the same connector runs again, finding the local cards it wrote
        karaf.client("feature:install " + FEATURE + "\n");
        waitUntil("GET /connector-types lists memory again", 60_000, () -> typeIds(rest).contains("memory"));
        JsonNode again = runToEnd(rest);
        assertEquals(again.toString(), "SUCCESS", again.get("status").asText());
        assertEquals(PERSONS, again.at("/counts/unchanged").asLong());
        assertEquals(PERSONS, local.cards("person", null, "source_key").size());
        assertEquals("OK", status(rest));
    }

    /** Persons from the store in memory into the local template person, keyed by the store's own person_key. */
    private static String personsTask() {
        StringBuilder pairs = new StringBuilder();
        for (String attribute : MAPPED) {
            pairs.append("{\"source\":\"").append(attribute).append("\",\"target\":\"").append(attribute).append("\"},");
        }
        return "{\"name\":\"Persons\",\"enabled\":false,\"schedule\":{\"intervalSeconds\":3600},\"mode\":\"FULL\","
                + "\"remoteTemplate\":\"person\",\"remoteFolder\":\"persons\",\"mapping\":{\"targetTemplate\":\"person\","
                + "\"targetFolder\":\"persons\",\"pairs\":[" + pairs + "{\"source\":\"person_key\",\"target\":"
                + "\"source_key\"}],\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"}}";
    }

    private static JsonNode runToEnd(Rest rest) throws Exception {
        Rest.Reply started = rest.post(TASKS + "/Persons/runs", null);
        assertEquals(started.body(), 202, started.status());
        String run = "/runs/" + started.json().get("id").asText();
        waitUntil(run + " ends", 300_000, () -> !UNFINISHED.contains(rest.get(run).json().get("status").asText()));
        return rest.get(run).json();
    }

    private static String status(Rest rest) throws Exception {
        Rest.Reply connector = rest.get("/connectors/Memory");
        assertEquals(connector.body(), 200, connector.status());
        return connector.json().get("status").asText();
    }

    private static List<String> typeIds(Rest rest) throws Exception {
        Rest.Reply types = rest.get("/connector-types");
        assertEquals(types.body(), 200, types.status());
        return sorted(types.json(), "id");
    }

    private static JsonNode type(Rest rest, String id) throws Exception {
        for (JsonNode type : rest.get("/connector-types").json()) {
            if (type.get("id").asText().equals(id)) {
                return type;
            }
        }
        throw new AssertionError("no type " + id);
    }

    private static List<String> sorted(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.get(field).asText()));
        values.sort(null);
        return values;
    }

    private static List<String> sortedTexts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asText()));
        values.sort(null);
        return values;
    }

    private static void created(Rest.Reply reply) {
        assertEquals(reply.body(), 201, reply.status());
    }

    private static String text(JsonNode card, String attribute) {
        return card.at("/data/" + attribute + "/values/0/value").asText();
    }
}
