package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.testkit.Rest;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The CoreProIGA connector type against the emulator's two instances inside the test Karaf: connection tests for
 * every outcome an operator meets, copy, search, schemas, settings, and the type leaving and coming back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class CoreProIgaConnectorIT extends CardlinkTestSupport {
    /** The emulated instances' WebAPI password for this class (its fixture is changed to use it). */
    static final String GOOD_PASSWORD = "Emul4ted-Good-Pw-k9";
    static final String WRONG_PASSWORD = "Wrong-Pa55-zq81";
    private static final EnumSet<FeaturesService.Option> KEEP_PROBE =
            EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);

    private static final List<String> seen = new ArrayList<>();
    private static boolean emulatorReady;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String emulator = "http://localhost:" + HTTP_PORT + "/emulator";

    @Before
    public void emulatorAndApiAreUp() throws Exception {
        waitForApi();
        if (emulatorReady) {
            keepLocalInstanceSettings();
            return;
        }
        installFeature("cardlink-emulator", KEEP_PROBE);
        String fixture;
        try (InputStream in = bundle("io.cardlink.emulator").getResource("io/cardlink/emulator/internal/demo-fixture.json")
                .openStream()) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(fixture.contains("\"password\": \"webapi\""));
        Path file = Path.of(System.getProperty("karaf.data"), "tmp", "it-fixture.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, fixture.replace("\"password\": \"webapi\"", "\"password\": \"" + GOOD_PASSWORD + "\""));
        seen.add(executeCommand("config:edit io.cardlink.emulator; config:property-set fixture " + file
                + "; config:update"));
        waitUntil("the emulator takes the test fixture", 90_000, () -> login("remote", GOOD_PASSWORD) == 200
                && login("local", GOOD_PASSWORD) == 200);
        setLocalInstance();
        emulatorReady = true;
    }

    private void setLocalInstance() throws Exception {
        Rest.Reply local = remember(rest.put("/settings", "{\"localUrl\":\"" + emulator + "/local\",\"localUser\":\"webapi\","
                + "\"localPassword\":\"" + GOOD_PASSWORD + "\"}"));
        assertEquals(local.body(), 200, local.status());
    }

    /**
     * The settings test changes the engine's settings three ways within a second (REST, config:edit, the shell), and
     * Felix File Install, which writes them to etc and reads that file back when it changes, can then lose one of
     * the changes: CI saw the local user and password gone once. The tests after it need the emulator's local
     * instance, so they get it back, and the output says what was found.
     */
    private void keepLocalInstanceSettings() throws Exception {
        JsonNode settings = rest.get("/settings").json();
        if ((emulator + "/local").equals(settings.path("localUrl").asText())
                && "webapi".equals(settings.path("localUser").asText())
                && settings.path("localPasswordSet").asBoolean()) {
            return;
        }
        Path file = Path.of(System.getProperty("karaf.etc"), "io.cardlink.engine.cfg");
        System.out.println("The engine's local instance settings were changed by an earlier test, set again: "
                + settings + "; " + file + ":\n" + readQuietly(file));
        setLocalInstance();
    }

    private int login(String instance, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(emulator + "/" + instance + "/rest-api/itsm/v1/users/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("login=webapi&password=" + password)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
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

    static String connector(String name, String remoteUrl, String remoteApiPath, String remotePassword) {
        return "{\"name\":\"" + name + "\",\"type\":\"coreproiga\",\"settings\":{\"remoteUrl\":\"" + remoteUrl + "\","
                + (remoteApiPath == null ? "" : "\"remoteApiPath\":\"" + remoteApiPath + "\",")
                + "\"remoteUser\":\"webapi\",\"remotePassword\":\"" + remotePassword + "\"}}";
    }

    private String create(String name, String remoteUrl, String remoteApiPath, String remotePassword) throws Exception {
        Rest.Reply created = remember(rest.post("/connectors", connector(name, remoteUrl, remoteApiPath, remotePassword)));
        assertEquals(created.body(), 201, created.status());
        return created.json().get("id").asText();
    }

    private JsonNode test(String connector) throws Exception {
        long started = System.nanoTime();
        Rest.Reply reply = remember(rest.post("/connectors/" + connector.replace(" ", "%20") + "/test", null));
        assertEquals(reply.body(), 200, reply.status());
        System.out.println("connection test of " + connector + ": " + (System.nanoTime() - started) / 1_000_000
                + " ms over REST, remote " + reply.json().at("/remote/millis") + " ms, local "
                + reply.json().at("/local/millis") + " ms");
        return reply.json();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** The scheduler's limit of runs at once, as it applies it; -1 while no scheduler is registered. */
    static int schedulerRunLimit(BundleContext context) {
        ServiceReference<TaskScheduler> reference = context.getServiceReference(TaskScheduler.class);
        TaskScheduler scheduler = reference == null ? null : context.getService(reference);
        if (scheduler == null) {
            return -1;
        }
        try {
            return scheduler.snapshot().maxConcurrentRuns();
        } finally {
            context.ungetService(reference);
        }
    }

    @Test
    public void a1SettingsOverRestShellAndConfigCommands() throws Exception {
        Rest.Reply settings = remember(rest.get("/settings"));
        assertEquals(200, settings.status());
        assertEquals(emulator + "/local", settings.json().get("localUrl").asText());
        assertEquals("/rest-api/itsm/v1", settings.json().get("localApiPath").asText());

        Rest.Reply changed = remember(rest.put("/settings", "{\"cacheClearHours\":[12,6],\"maxConcurrentRuns\":4}"));
        assertEquals(changed.body(), 200, changed.status());
        assertEquals("[6,12]", changed.json().get("cacheClearHours").toString());
        assertEquals(4, remember(rest.get("/settings")).json().get("maxConcurrentRuns").asInt());
        // the scheduler reads the engine's settings service, not the PID: a change there reaches it
        waitUntil("the scheduler takes maxConcurrentRuns 4 from the engine settings", 30_000,
                () -> schedulerRunLimit(bundleContext) == 4);

        Rest.Reply refused = remember(rest.put("/settings",
                "{\"colour\":\"red\",\"maxConcurrentRuns\":0,\"environment\":\"Staging\"}"));
        assertEquals(refused.body(), 400, refused.status());
        List<String> fields = new ArrayList<>();
        refused.json().get("fields").forEach(f -> fields.add(f.get("field").asText()));
        assertTrue(fields.toString(), fields.containsAll(List.of("colour", "maxConcurrentRuns", "environment")));
        assertEquals(4, remember(rest.get("/settings")).json().get("maxConcurrentRuns").asInt());

        // Karaf's config:edit starts from the etc file, which Felix File Install rewrites a moment after a change
        // through Config Admin (PUT /settings): on a loaded machine that moment can come after the edit began
        Path settingsFile = Path.of(System.getProperty("karaf.etc"), "io.cardlink.engine.cfg");
        waitUntil("PUT /settings reaches " + settingsFile, 30_000,
                () -> Files.readAllLines(settingsFile).stream()
                        .anyMatch(line -> line.strip().matches("maxConcurrentRuns\\s*=\\s*\"?4\"?")),
                () -> readQuietly(settingsFile));
        shell("config:edit io.cardlink.engine; config:property-set environment PROD;"
                + " config:property-set maxConcurrentRuns 5; config:update");
        waitUntil("GET /settings shows the environment set with config:", 30_000,
                () -> "PROD".equals(rest.get("/settings").json().get("environment").asText()));
        waitUntil("the scheduler takes maxConcurrentRuns 5 set with config:", 30_000,
                () -> schedulerRunLimit(bundleContext) == 5);
        String shown = shell("cardlink:settings");
        assertTrue(shown, shown.contains("PROD"));
        assertTrue(shown, shown.contains("6,12"));

        String set = shell("cardlink:settings-set environment test");
        assertTrue(set, set.contains("changed"));
        assertEquals("TEST", remember(rest.get("/settings")).json().get("environment").asText());
        // once the file holds the last change, File Install has nothing older to read back
        waitUntil("the last change reaches " + settingsFile, 30_000,
                () -> Files.readAllLines(settingsFile).stream()
                        .anyMatch(line -> line.strip().matches("environment\\s*=\\s*\"?TEST\"?")),
                () -> readQuietly(settingsFile));
        String bad = shell("cardlink:settings-set maxConcurrentRuns lots");
        assertTrue(bad, bad.contains("maxConcurrentRuns"));

        // one metatype description of the PID, the engine's: Karaf's config commands show that one
        List<String> designating = new ArrayList<>();
        for (org.osgi.framework.Bundle bundle : bundleContext.getBundles()) {
            java.util.Enumeration<java.net.URL> entries = bundle.findEntries("OSGI-INF/metatype", "*.xml", false);
            while (entries != null && entries.hasMoreElements()) {
                try (InputStream in = entries.nextElement().openStream()) {
                    String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (xml.contains("pid=\"io.cardlink.engine\"")) {
                        designating.add(bundle.getSymbolicName());
                        assertTrue(xml, xml.contains("localUrl") && xml.contains("environment")
                                && xml.contains("cacheClearHours") && xml.contains("maxConcurrentRuns"));
                    }
                }
            }
        }
        assertEquals(List.of("io.cardlink.engine"), designating);
    }

    @Test
    public void b1GoodCredentialsReachBothInstances() throws Exception {
        create("Emulated", emulator + "/remote", null, GOOD_PASSWORD);
        JsonNode report = test("Emulated");
        assertTrue(report.toString(), report.get("ok").asBoolean());
        assertEquals("OK", report.at("/remote/result").asText());
        assertEquals("OK", report.at("/local/result").asText());
        assertEquals("remote", report.at("/remote/endpoint").asText());

        String shellTest = shell("cardlink:connector-test Emulated");
        assertTrue(shellTest, shellTest.contains("reaches both instances"));
    }

    @Test
    public void b2AWrongPasswordShowsOnItsSide() throws Exception {
        create("Wrong password", emulator + "/remote", null, WRONG_PASSWORD);
        JsonNode report = test("Wrong password");
        assertFalse(report.get("ok").asBoolean());
        assertEquals("WRONG_CREDENTIALS", report.at("/remote/result").asText());
        assertEquals("OK", report.at("/local/result").asText());
        String shellTest = shell("cardlink:connector-test \"Wrong password\"");
        assertTrue(shellTest, shellTest.contains("WRONG_CREDENTIALS"));
    }

    @Test
    public void b3AClosedPortIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        create("Unreachable", "http://localhost:" + closed, null, GOOD_PASSWORD);
        JsonNode report = test("Unreachable");
        assertEquals(report.toString(), "UNREACHABLE", report.at("/remote/result").asText());
        assertTrue(report.toString(), report.at("/remote/message").asText().contains("localhost:" + closed));
        assertEquals("OK", report.at("/local/result").asText());
    }

    @Test
    public void b4AWrongApiPathIsNamed() throws Exception {
        create("Wrong path", emulator + "/remote", "/api/v9", GOOD_PASSWORD);
        JsonNode report = test("Wrong path");
        assertEquals(report.toString(), "WRONG_API_PATH", report.at("/remote/result").asText());
        assertTrue(report.toString(), report.at("/remote/message").asText().contains("/api/v9"));
    }

    @Test
    public void c1CopySearchAndEdit() throws Exception {
        Rest.Reply copied = remember(rest.post("/connectors/Emulated/copy", "{\"name\":\"Emulated copy\"}"));
        assertEquals(copied.body(), 201, copied.status());
        JsonNode copy = copied.json();
        assertTrue(copied.headers().firstValue("Location").orElse("").endsWith("/connectors/" + copy.get("id").asText()));
        assertEquals(emulator + "/remote", copy.at("/settings/remoteUrl").asText());
        assertTrue(copy.at("/settings/remotePasswordSet").asBoolean());
        assertTrue(test("Emulated copy").get("ok").asBoolean());
        assertEquals(409, remember(rest.post("/connectors/Emulated/copy", "{\"name\":\"Emulated copy\"}")).status());
        assertEquals(400, remember(rest.post("/connectors/Emulated/copy", "{\"name\":\"\"}")).status());

        String shellCopy = shell("cardlink:connector-copy Emulated \"Emulated shell copy\"");
        assertTrue(shellCopy, shellCopy.contains("Connector 'Emulated shell copy' created"));

        assertEquals(6, remember(rest.get("/connectors?search=coreproiga")).json().size());
        assertEquals(3, remember(rest.get("/connectors?search=emulated")).json().size());
        assertEquals(6, remember(rest.get("/connectors?search=no_scheduled")).json().size());
        String listed = shell("cardlink:connector-list copy");
        assertTrue(listed, listed.contains("Emulated copy") && listed.contains("Emulated shell copy"));

        // Karaf's shell takes options before the arguments
        String edited = shell("cardlink:connector-edit --description \"edited in the shell\""
                + " --secret remotePassword \"Emulated shell copy\"", WRONG_PASSWORD);
        assertTrue(edited, edited.contains("changed"));
        JsonNode after = remember(rest.get("/connectors/Emulated%20shell%20copy")).json();
        assertEquals("edited in the shell", after.get("description").asText());
        assertEquals(emulator + "/remote", after.at("/settings/remoteUrl").asText());
        assertEquals("WRONG_CREDENTIALS", test("Emulated shell copy").at("/remote/result").asText());

        String renamed = shell("cardlink:connector-edit --name \"Emulated renamed\" \"Emulated shell copy\"");
        assertTrue(renamed, renamed.contains("Emulated renamed"));
        String removed = shell("cardlink:connector-remove \"Emulated renamed\"");
        assertTrue(removed, removed.contains("removed"));
        assertEquals(204, remember(rest.delete("/connectors/Emulated%20copy")).status());
    }

    @Test
    public void d1SchemasOfEitherInstance() throws Exception {
        Rest.Reply remote = remember(rest.get("/connectors/Emulated/schema/remote/templates"));
        assertEquals(remote.body(), 200, remote.status());
        List<String> remoteCodes = new ArrayList<>();
        remote.json().forEach(t -> remoteCodes.add(t.get("code").asText()));
        assertTrue(remoteCodes.toString(), remoteCodes.containsAll(List.of("person", "incident")));
        assertFalse(remoteCodes.contains("sync_failure"));

        Rest.Reply local = remember(rest.get("/connectors/Emulated/schema/local/templates"));
        assertTrue(local.body(), local.body().contains("sync_failure"));

        Rest.Reply incident = remember(rest.get("/connectors/Emulated/schema/remote/templates/incident"));
        assertEquals(incident.body(), 200, incident.status());
        assertEquals("incident_management", incident.json().at("/allowedFolders/0/code").asText());
        assertTrue(incident.json().get("attributes").has("subject"));

        assertEquals(404, remember(rest.get("/connectors/Emulated/schema/remote/templates/sync_failure")).status());
        assertEquals(404, remember(rest.get("/connectors/Emulated/schema/middle/templates")).status());
        Rest.Reply unreachable = remember(rest.get("/connectors/Unreachable/schema/remote/templates"));
        assertEquals(unreachable.body(), 503, unreachable.status());
    }

    @Test
    public void e1WithoutItsTypeAConnectorWaitsAndComesBackWithoutARestart() throws Exception {
        // the distribution boots cardlink's parts as features of their own, so one can leave alone
        uninstallFeature("cardlink-coreproiga", KEEP_PROBE);
        assertFalse(features().isInstalled(features().getFeature("cardlink-coreproiga")));

        waitUntil("the connector shows its type is missing", 30_000,
                () -> "TYPE_NOT_INSTALLED".equals(rest.get("/connectors/Emulated").json().get("status").asText()));
        Rest.Reply all = remember(rest.get("/connectors"));
        assertEquals(4, all.json().size());
        all.json().forEach(c -> assertEquals("TYPE_NOT_INSTALLED", c.get("status").asText()));
        assertEquals(4, remember(rest.get("/connectors?search=type_not_installed")).json().size());
        Rest.Reply refused = remember(rest.post("/connectors/Emulated/test", null));
        assertEquals(refused.body(), 503, refused.status());
        assertTrue(refused.body(), refused.body().contains("not installed"));
        String listed = shell("cardlink:connector-list");
        assertTrue(listed, listed.contains("TYPE_NOT_INSTALLED"));

        installFeature("cardlink-coreproiga", KEEP_PROBE);
        waitUntil("the connector works again", 60_000,
                () -> "NO_SCHEDULED_TASK".equals(rest.get("/connectors/Emulated").json().get("status").asText()));
        JsonNode report = test("Emulated");
        assertTrue(report.toString(), report.get("ok").asBoolean());
        assertTrue(remember(rest.get("/connectors/Emulated")).json().at("/settings/remotePasswordSet").asBoolean());
    }

    @Test
    public void zzPasswordsAppearNowhere() throws Exception {
        assertTrue("the other tests ran first", seen.size() > 30);
        for (String text : seen) {
            assertFalse("a reply or shell output shows a password: " + text,
                    text.contains(GOOD_PASSWORD) || text.contains(WRONG_PASSWORD));
        }
        Path karafData = Path.of(System.getProperty("karaf.data"));
        Path karafEtc = Path.of(System.getProperty("karaf.etc"));
        int files = 0;
        for (Path root : List.of(karafData.resolve("log"), karafEtc)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertFalse("password in " + file, content.contains(GOOD_PASSWORD) || content.contains(WRONG_PASSWORD));
                    files++;
                }
            }
        }
        assertTrue(files > 10);
    }
}
