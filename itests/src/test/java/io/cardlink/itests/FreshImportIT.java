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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Test;

/**
 * A connector with its tasks moved to a fresh installation: exported on Karaf A with a password, imported on Karaf
 * B, whose secrets key is its own. The connector's passwords reach B only inside the export, so a connection test
 * and a run on B prove they were decrypted with the export password and sealed again under B's key. The emulator
 * (own JVM) gives its instances distinctive passwords, which appear nowhere: not in the export file, the REST
 * replies, nor either installation's etc/, data/ or console.
 */
public class FreshImportIT {
    private static final String REMOTE_PASSWORD = "Remote-Instance-Pw-7391";
    private static final String LOCAL_PASSWORD = "Local-Instance-Pw-2864";
    private static final String EXPORT_PASSWORD = "Export-Document-Pw-5120";
    private static final String WRONG_PASSWORD = "Wrong-Document-Pw-5120";
    private static final int PERSONS = 300;
    private static final Path FILES = Path.of("target", "fresh-import-it").toAbsolutePath();

    private final List<String> replies = new ArrayList<>();
    private EmulatorJvm emulator;
    private KarafDistribution karafA;
    private KarafDistribution karafB;

    @After
    public void stopProcesses() throws Exception {
        for (AutoCloseable process : Arrays.asList(karafA, karafB, emulator)) {
            if (process != null) {
                process.close();
            }
        }
    }

    @Test
    public void aConnectorExportedFromOneInstallationWorksInAFreshOne() throws Exception {
        Files.createDirectories(FILES);
        emulator = EmulatorJvm.start(FILES.resolve("emulator"), KarafDistribution.PORT_BASE + 490,
                "--fixture", EmulatorJvm.fixtureWithPasswords(FILES, REMOTE_PASSWORD, LOCAL_PASSWORD).toString(), "--generate", "remote:person:" + PERSONS + ":3");
        EmulatorAccess local = emulator.access("local", LOCAL_PASSWORD);
        int remotePersons = emulator.access("remote", REMOTE_PASSWORD).cards("person", null, "efecte_id").size();
        assertTrue(remotePersons > PERSONS);
        karafA = KarafDistribution.unpack("fresh-import-it/a", 400);
        karafB = KarafDistribution.unpack("fresh-import-it/b", 600);
        for (KarafDistribution karaf : List.of(karafA, karafB)) {
            karaf.configure("io.cardlink.engine.cfg", "localUrl", emulator.url("local"));
        }

        karafA.start();
        Rest a = karafA.rest();
        CardlinkTestSupport.useLocalUser(a, LOCAL_PASSWORD);
        assertEquals(201, remember(a.post("/connectors", "{\"name\":\"HR\",\"type\":\"coreproiga\",\"settings\":{"
                + "\"remoteUrl\":\"" + emulator.url("remote") + "\",\"remoteApiPath\":\"/rest-api/itsm/v1\","
                + "\"remoteUser\":\"webapi\",\"remotePassword\":\"" + REMOTE_PASSWORD + "\"}}")).status());
        assertConnectionWorks(a);
        Rest.Reply scheduled = remember(a.post("/connectors/HR/scheduled-tasks", personsTask()));
        assertEquals(scheduled.body(), 201, scheduled.status());
        Rest.Reply event = remember(a.post("/connectors/HR/event-tasks", pushTask()));
        assertEquals(event.body(), 201, event.status());
        Rest.Reply exported = remember(a.post("/export", "{\"connectors\":[\"HR\"],\"password\":\"" + EXPORT_PASSWORD
                + "\"}"));
        assertEquals(exported.body(), 200, exported.status());
        Files.writeString(FILES.resolve("hr-export.json"), exported.body());
        karafA.stop();

        karafB.start();
        Rest b = karafB.rest();
        // a fresh installation is given its own local instance's user; an export carries only connectors
        CardlinkTestSupport.useLocalUser(b, LOCAL_PASSWORD);
        waitUntil("import answers", 60_000, () -> b.post("/import", "{}").status() != 503);
        Rest.Reply wrong = remember(b.post("/import", importBody(WRONG_PASSWORD, exported.body())));
        assertEquals(wrong.body(), 400, wrong.status());
        assertEquals("password", wrong.json().at("/fields/0/field").asText());
        assertEquals("[]", remember(b.get("/connectors")).json().toString());

        Rest.Reply dryRun = remember(b.post("/import?dryRun=true", importBody(EXPORT_PASSWORD, exported.body())));
        assertEquals(dryRun.body(), 200, dryRun.status());
        assertFalse(dryRun.json().get("applied").asBoolean());
        assertEquals("CREATE", dryRun.json().at("/connectors/0/action").asText());
        assertEquals(List.of("Persons", "Push"), names(dryRun.json().at("/connectors/0/tasksCreated")));
        assertEquals("[]", remember(b.get("/connectors")).json().toString());

        Rest.Reply imported = remember(b.post("/import", importBody(EXPORT_PASSWORD, exported.body())));
        assertEquals(imported.body(), 200, imported.status());
        assertTrue(imported.json().get("applied").asBoolean());
        assertEquals(List.of("Persons"), names(remember(b.get("/connectors/HR/scheduled-tasks")).json(), "name"));
        assertEquals(List.of("Push"), names(remember(b.get("/connectors/HR/event-tasks")).json(), "name"));
        assertFalse("each installation has its own secrets key", Arrays.equals(
                Files.readAllBytes(karafA.home().resolve("etc/cardlink-secrets.key")),
                Files.readAllBytes(karafB.home().resolve("etc/cardlink-secrets.key"))));
        assertConnectionWorks(b);

        Rest.Reply started = remember(b.post("/connectors/HR/scheduled-tasks/Persons/runs", null));
        assertEquals(started.body(), 202, started.status());
        String runId = started.json().get("id").asText();
        waitUntil("the run on B ends", 300_000, () -> !List.of("SCHEDULED", "WAITING", "RUNNING")
                .contains(b.get("/runs/" + runId).json().get("status").asText()));
        JsonNode run = remember(b.get("/runs/" + runId)).json();
        assertEquals(run.toString(), "SUCCESS", run.get("status").asText());
        assertEquals(remotePersons, run.at("/counts/created").asLong());
        assertEquals(remotePersons, local.cards("person", null, "source_key").size());
        karafB.stop();

        assertPasswordsNowhere();
    }

    private void assertConnectionWorks(Rest rest) throws Exception {
        Rest.Reply test = remember(rest.post("/connectors/HR/test", null));
        assertEquals(test.body(), 200, test.status());
        assertEquals(test.body(), "OK", test.json().at("/remote/result").asText());
        assertEquals(test.body(), "OK", test.json().at("/local/result").asText());
    }

    private void assertPasswordsNowhere() throws Exception {
        List<String> passwords = List.of(REMOTE_PASSWORD, LOCAL_PASSWORD, EXPORT_PASSWORD, WRONG_PASSWORD,
                Rest.ADMIN_PASSWORD);
        for (String reply : replies) {
            for (String password : passwords) {
                assertFalse("a reply shows a password: " + reply, reply.contains(password));
            }
        }
        List<Path> places = new ArrayList<>(List.of(FILES.resolve("hr-export.json")));
        for (KarafDistribution karaf : List.of(karafA, karafB)) {
            // every file of the installation: etc, the database, logs, extracts, caches, the system repository
            places.add(karaf.home());
        }
        int searched = 0;
        for (Path place : places) {
            try (Stream<Path> files = Files.walk(place)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    for (String password : passwords) {
                        assertFalse("a password in " + file, text.contains(password));
                    }
                    searched++;
                }
            }
        }
        assertTrue("searched the files: " + searched, searched > 1000);
    }

    private Rest.Reply remember(Rest.Reply reply) {
        replies.add(reply.body());
        return reply;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.asText()));
        return names.stream().sorted().toList();
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.get(field).asText()));
        return names.stream().sorted().toList();
    }

    private static String importBody(String password, String document) {
        return "{\"password\":\"" + password + "\",\"document\":" + document + "}";
    }

    private static String personsTask() {
        return "{\"name\":\"Persons\",\"enabled\":false,\"schedule\":{\"intervalSeconds\":86400},\"mode\":\"FULL\","
                + "\"remoteTemplate\":\"person\",\"remoteFolder\":\"persons\",\"mapping\":{\"targetTemplate\":\"person\","
                + "\"targetFolder\":\"persons\",\"pairs\":[{\"source\":\"first_name\",\"target\":\"first_name\"},"
                + "{\"source\":\"email\",\"target\":\"email\"},{\"source\":\"efecte_id\",\"target\":\"source_key\"}],"
                + "\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"},"
                + "\"removal\":{\"statusAttribute\":\"status\",\"removedValue\":\"99 - Removed\",\"thresholdPercent\":30}}";
    }

    private static String pushTask() {
        return "{\"name\":\"Push\",\"remoteTemplate\":\"incident\",\"remoteFolder\":\"incident_management\","
                + "\"mapping\":{\"pairs\":[{\"source\":\"efecte_id\",\"target\":\"source_key\"},"
                + "{\"source\":\"subject\",\"target\":\"subject\"}],\"uniqueKeyAttribute\":\"source_key\"},"
                + "\"workflowReferences\":[\"wf-onboarding\"]}";
    }
}
