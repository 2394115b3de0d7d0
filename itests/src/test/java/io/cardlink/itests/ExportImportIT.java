package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.service.TaskService;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import io.cardlink.testkit.Rest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Export and import against the emulator: over REST and in the shell, with a wrong password, against an instance
 * that lacks an attribute, and a search for the passwords in everything the tests saw.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ExportImportIT extends CardlinkTestSupport {
    static final String EXPORT_PASSWORD = "Export-Pa55word-4711";
    static final String WRONG_PASSWORD = "Wrong-Pa55word-4711";
    static final Path FILES = Path.of("target", "export-import").toAbsolutePath();

    /** Every reply, shell output and export file of this class; the last test searches them for the passwords. */
    private static final List<String> seen = new ArrayList<>();

    // looked up when the test needs them: on a loaded machine they come up after Pax Exam's injection gives up
    private SettingsService settings;
    private TaskService tasks;
    private TaskStore taskStore;

    private <S> S service(Class<S> type) throws Exception {
        waitUntil(type.getSimpleName() + " is registered", 180_000,
                () -> bundleContext.getServiceReference(type) != null);
        return bundleContext.getService(bundleContext.getServiceReference(type));
    }

    @Before
    public void emulatorAndApiAreUp() throws Exception {
        waitForApi();
        settings = service(SettingsService.class);
        tasks = service(TaskService.class);
        taskStore = service(TaskStore.class);
        // the local instance first, then its user (whose password is bound to it), both before the emulator is
        // installed: a change of the engine's settings builds the emulator in Karaf again
        settings.update(Map.of("localUrl", "http://localhost:" + HTTP_PORT + "/emulator/local"));
        useEmulatorLocalUser();
        installFeature("cardlink-emulator");
        HttpClient http = HttpClient.newHttpClient();
        String echo = "http://localhost:" + HTTP_PORT + "/emulator/local/rest-api/itsm/v1/echo?message=hi";
        waitUntil("the emulator answers", 120_000, () -> http.send(HttpRequest.newBuilder(URI.create(echo)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        waitUntil("import answers", 60_000, () -> rest.post("/import", "{}").status() != 503);
        Files.createDirectories(FILES);
    }

    private Rest.Reply remember(Rest.Reply reply) {
        seen.add(reply.body());
        return reply;
    }

    private String shell(String command, String... typed) throws Exception {
        String output = executeCommand(command, typed);
        seen.add(output);
        return output;
    }

    private String connector(String name, String host) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"type\":\"coreproiga\",\"settings\":{\"remoteUrl\":\"http://" + host
                + ":" + HTTP_PORT + "/emulator/remote\",\"remoteUser\":\"webapi\",\"remotePassword\":\"webapi\"}}";
        Rest.Reply created = remember(rest.post("/connectors", body));
        assertEquals(created.body(), 201, created.status());
        return created.json().get("id").asText();
    }

    static ScheduledTask incidents(String name, AttributePair... extra) {
        List<AttributePair> pairs = new ArrayList<>(List.of(new AttributePair("efecte_id", "source_key"),
                new AttributePair("subject", "subject")));
        pairs.addAll(List.of(extra));
        return new ScheduledTask(null, null, name, true, Schedule.every(3600), TaskMode.FULL, null, "incident",
                "incident_management", new Mapping("incident", "incident_management", pairs, "cardlink_task_id",
                        "source_key"), null, null, null, null);
    }

    private static String exportBody(String connector, String password) {
        return "{\"connectors\":[\"" + connector + "\"],\"password\":\"" + password + "\"}";
    }

    private static String importBody(String password, String document) {
        return "{\"password\":\"" + password + "\",\"document\":" + document + "}";
    }

    @Test
    public void aConnectorWithItsTasksIsExportedRemovedAndImportedAgain() throws Exception {
        String id = connector("HR sync", "localhost");
        tasks.createScheduled(id, incidents("incidents"));

        Rest.Reply exported = remember(rest.post("/export", exportBody("HR sync", EXPORT_PASSWORD)));
        assertEquals(exported.body(), 200, exported.status());
        assertTrue(exported.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        JsonNode document = exported.json();
        assertTrue(document.at("/encryption/iterations").asInt() >= 600_000);
        assertEquals("incidents", document.at("/connectors/0/scheduledTasks/0/name").asText());
        Files.writeString(FILES.resolve("hr-rest.json"), exported.body());

        Path shellFile = FILES.resolve("hr-shell.json");
        String shellExport = shell("cardlink:export -o " + shellFile + " \"HR sync\"", EXPORT_PASSWORD,
                EXPORT_PASSWORD);
        assertTrue(shellExport, shellExport.contains("Exported 1 connector(s)"));
        seen.add(Files.readString(shellFile));

        Rest.Reply tooShort = remember(rest.post("/export", exportBody("HR sync", "short")));
        assertEquals(400, tooShort.status());
        assertEquals("password", tooShort.json().at("/fields/0/field").asText());

        assertEquals(204, remember(rest.delete("/connectors/" + id + "?confirm=true")).status());

        Rest.Reply wrong = remember(rest.post("/import", importBody(WRONG_PASSWORD, exported.body())));
        assertEquals(wrong.body(), 400, wrong.status());
        assertEquals("password", wrong.json().at("/fields/0/field").asText());
        assertEquals(404, remember(rest.get("/connectors/HR%20sync")).status());

        ObjectNode changed = (ObjectNode) document.deepCopy();
        ((ObjectNode) changed.at("/connectors/0/settings")).put("remoteUrl", "http://elsewhere.example.com");
        Rest.Reply tampered = remember(rest.post("/import", importBody(EXPORT_PASSWORD, changed.toString())));
        assertEquals(400, tampered.status());
        assertTrue(tampered.body(), tampered.body().contains("changed after it was exported"));

        Rest.Reply dryRun = remember(rest.post("/import?dryRun=true", importBody(EXPORT_PASSWORD, exported.body())));
        assertEquals(dryRun.body(), 200, dryRun.status());
        assertFalse(dryRun.json().get("applied").asBoolean());
        assertEquals("CREATE", dryRun.json().at("/connectors/0/action").asText());
        assertEquals("incidents", dryRun.json().at("/connectors/0/tasksCreated/0").asText());
        assertEquals(404, remember(rest.get("/connectors/HR%20sync")).status());

        Rest.Reply imported = remember(rest.post("/import", importBody(EXPORT_PASSWORD, exported.body())));
        assertEquals(imported.body(), 200, imported.status());
        assertTrue(imported.json().get("applied").asBoolean());
        Rest.Reply again = remember(rest.get("/connectors/HR%20sync"));
        assertEquals(200, again.status());
        assertTrue(again.json().at("/settings/remotePasswordSet").asBoolean());
        String newId = again.json().get("id").asText();
        assertEquals(List.of("incidents"), tasks.listScheduled(newId, null).stream().map(ScheduledTask::name).toList());

        String shellDryRun = shell("cardlink:import --dry-run " + shellFile, EXPORT_PASSWORD);
        assertTrue(shellDryRun, shellDryRun.contains("merged into 'HR sync'"));
        assertTrue(shellDryRun, shellDryRun.contains("tasks unchanged: incidents"));
        String shellWrong = shell("cardlink:import " + shellFile, WRONG_PASSWORD);
        assertTrue(shellWrong, shellWrong.contains("wrong password"));
    }

    @Test
    public void anImportAgainstAnInstanceThatLacksAnAttributeListsItAndWritesNothing() throws Exception {
        // the task names an attribute the local instance does not have, as after the attribute was removed there
        String id = connector("Lacking", "127.0.0.1");
        ScheduledTask lacking = incidents("lacking", new AttributePair("description", "no_such_attribute"));
        taskStore.createScheduled(new ScheduledTask(null, id, lacking.name(), false, lacking.schedule(),
                lacking.mode(), null, lacking.remoteTemplate(), lacking.remoteFolder(), lacking.mapping(), null, null,
                null, null));
        Rest.Reply exported = remember(rest.post("/export", exportBody("Lacking", EXPORT_PASSWORD)));
        assertEquals(exported.body(), 200, exported.status());
        seen.add(exported.body());
        assertEquals(204, remember(rest.delete("/connectors/" + id + "?confirm=true")).status());

        Rest.Reply refused = remember(rest.post("/import", importBody(EXPORT_PASSWORD, exported.body())));

        assertEquals(refused.body(), 422, refused.status());
        assertFalse(refused.json().get("applied").asBoolean());
        JsonNode refusal = refused.json().at("/refused/0");
        assertEquals("lacking", refusal.get("task").asText());
        assertEquals("mapping.pairs[2].target", refusal.get("field").asText());
        assertTrue(refusal.toString(), refusal.get("reason").asText().contains("no_such_attribute"));
        assertEquals(404, remember(rest.get("/connectors/Lacking")).status());
    }

    @Test
    public void zzPasswordsAppearNowhere() throws Exception {
        assertTrue("the other tests ran first", seen.size() > 10);
        for (String text : seen) {
            assertFalse("a reply shows a password: " + text,
                    text.contains(EXPORT_PASSWORD) || text.contains(WRONG_PASSWORD));
        }
        List<Path> roots = List.of(Path.of(System.getProperty("karaf.data")).resolve("log"), FILES);
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                        assertFalse("password in " + file + ": " + line,
                                line.contains(EXPORT_PASSWORD) || line.contains(WRONG_PASSWORD));
                    }
                }
            }
        }
    }
}
