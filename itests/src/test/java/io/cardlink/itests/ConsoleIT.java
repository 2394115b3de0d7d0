package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.EmulatorJvm;
import io.cardlink.testkit.KarafDistribution;
import io.cardlink.testkit.Rest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.junit.runners.MethodSorters;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The console in a real browser (headless Chromium) against the assembled distribution, run as an operator runs it,
 * with the emulator's instances in a JVM of their own: an admin signs in, creates and tests a connector, creates a
 * scheduled task with the pickers, runs it and opens the run, exports and imports, removes a connector; a viewer
 * looks and changes nothing; and the views meet accessibility basics at 1280x800. The tests build on each other in
 * name order. Each leaves a screenshot of its last page in target/screenshots.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ConsoleIT {
    private static final Path FILES = Path.of("target", "console-it").toAbsolutePath();
    private static final String EXPORT_PASSWORD = "Console-Export-Pw-3307";

    private static EmulatorJvm emulator;
    private static KarafDistribution karaf;
    private static Rest rest;
    private static Browser admin;
    private static Browser viewer;
    /** The browser of the test that runs, for its screenshot. */
    private static Browser current;

    @Rule
    public final TestWatcher screenshots = new TestWatcher() {
        @Override
        protected void finished(Description description) {
            if (current != null) {
                try {
                    current.screenshot(ConsoleIT.class.getSimpleName() + "-" + description.getMethodName());
                } catch (Exception e) {
                    System.err.println("no screenshot of " + description.getMethodName() + ": " + e);
                }
            }
        }
    };

    @BeforeClass
    public static void startInstallation() throws Exception {
        Browser.assumeInstalled();
        // a download of an earlier run of this class would be taken for this run's
        Path downloads = FILES.resolve("downloads");
        if (Files.isDirectory(downloads)) {
            try (Stream<Path> files = Files.list(downloads)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(FILES);
        emulator = EmulatorJvm.start(FILES.resolve("emulator"), KarafDistribution.PORT_BASE + 790);
        karaf = KarafDistribution.unpack("console-it/karaf", 700);
        karaf.configure("io.cardlink.engine.cfg", "localUrl", emulator.url("local"));
        karaf.addViewer();
        karaf.start();
        rest = karaf.rest();
        // an installation with its local instance set: the top bar shows it online (a2 sets it again on the page)
        CardlinkTestSupport.useEmulatorLocalUser(rest);
        admin = Browser.start(consoleBase(), downloads);
        current = admin;
    }

    @AfterClass
    public static void stopInstallation() throws Exception {
        for (AutoCloseable process : Arrays.asList(viewer, admin, karaf, emulator)) {
            if (process != null) {
                process.close();
            }
        }
    }

    private static String consoleBase() {
        return "http://localhost:" + karaf.httpPort() + "/cardlink/console/";
    }

    @Test
    public void a1SignInLeadsToTheViewAskedForAndTheTopBarShowsTheStatus() throws Exception {
        admin.open("settings");
        admin.waitUntil("the sign-in page", d -> admin.path().startsWith("signin?next=settings") ? true : null);
        admin.type("input[autocomplete=username]", Rest.ADMIN_USER);
        admin.type("input[autocomplete=current-password]", "not-the-password");
        admin.click("form.signin button[type=submit]");
        assertEquals("Wrong user name or password.", admin.text(".signin .error-box"));

        admin.type("input[autocomplete=username]", Rest.ADMIN_USER);
        admin.type("input[autocomplete=current-password]", Rest.ADMIN_PASSWORD);
        admin.click("form.signin button[type=submit]");
        admin.waitForHeading("Settings");
        assertEquals("settings", admin.path());
        Map<String, Object> session = admin.cookie("CARDLINK_SESSION");
        assertEquals("/cardlink/api/v1", session.get("path"));
        assertEquals(Boolean.TRUE, session.get("httpOnly"));
        assertEquals("Strict", session.get("sameSite"));
        assertEquals(Rest.ADMIN_USER, rest.withSession((String) session.get("value")).get("/session").json()
                .get("user").asText());

        WebElement status = admin.find(".engine-status.engine-ok");
        assertTrue(status.getAttribute("title"), status.getAttribute("title").contains("online"));
        assertEquals("rgba(30, 123, 52, 1)", status.getCssValue("color"));
        assertTrue(admin.find(".version").getText().startsWith("v0.1.0"));
        assertEquals(Rest.ADMIN_USER + " · admin", admin.find(".user-name").getText());

        admin.click(".tabs a[data-tab=logs]");
        admin.waitForHeading("Logs");
        WebElement engineLog = admin.find("tr.log-file a.log-download[download='cardlink-engine.log']");
        assertTrue(engineLog.getAttribute("href").endsWith("/cardlink/api/v1/logs/cardlink-engine.log"));
        WebElement engineRow = engineLog.findElement(By.xpath("ancestor::tr"));
        assertTrue(engineRow.getText(), engineRow.getText().matches("(?s).*cardlink-engine\\.log.*\\d+(\\.\\d)? (B|KB|MB).*"));
        assertNotNull(engineRow.findElement(By.cssSelector("time")).getAttribute("datetime"));
        engineLog.click();
        Path downloaded = admin.downloaded("cardlink-engine\\.log");
        assertTrue(Files.readString(downloaded).contains("| INFO "));
        admin.find("a.logs-zip").click();
        Path zip = admin.downloaded("cardlink-logs\\.zip");
        try (java.util.zip.ZipFile files = new java.util.zip.ZipFile(zip.toFile())) {
            assertNotNull(files.getEntry("cardlink-engine.log"));
        }
    }

    @Test
    public void a2CreateAConnectorAndTestIt() throws Exception {
        // the local instance is the engine's: its WebAPI user and password are set on the settings page
        admin.open("settings");
        admin.waitForHeading("Settings");
        admin.type("[data-field=localUser] input", "webapi");
        admin.type("[data-field=localPassword] input", "webapi");
        admin.click(admin.find(".save-wrapper button"));
        admin.waitForText("Settings saved");
        JsonNode engine = rest.get("/settings").json();
        assertEquals("webapi", engine.get("localUser").asText());
        assertTrue(engine.get("localPasswordSet").asBoolean());
        assertEquals("", admin.find("[data-field=localPassword] input").getAttribute("value"));

        admin.open("");
        admin.clickButton("New connector");
        admin.type("[data-field=name] input", "HR");
        admin.type("[data-field='settings.remoteUrl'] input", emulator.url("remote"));
        admin.type("[data-field='settings.remoteUser'] input", "webapi");
        admin.waitUntil("a connector form without local credentials", d -> d.findElements(By.cssSelector(
                "[data-field='settings.localUser'], [data-field='settings.localPassword']")).isEmpty() ? true : null);
        WebElement save = admin.find(".save-wrapper button");
        assertEquals("true", save.getAttribute("aria-disabled"));
        admin.hover(save);
        WebElement missing = admin.find(".save-wrapper .tooltip");
        assertEquals("Missing:\nRemote WebAPI password", missing.getText());

        admin.type("[data-field='settings.remotePassword'] input", "webapi");
        admin.click(save);
        admin.waitUntil("the saved connector's page", d -> admin.path().matches("connectors/[^/]+/edit") ? true : null);
        admin.waitForHeading("Connector HR");
        for (String secret : List.of("remotePassword")) {
            WebElement field = admin.find("[data-field='settings." + secret + "']");
            assertEquals("set", field.findElement(By.cssSelector(".tag")).getText());
            assertEquals("", field.findElement(By.cssSelector("input")).getAttribute("value"));
        }
        assertTrue(rest.get("/connectors/HR").json().at("/settings/remotePasswordSet").asBoolean());

        admin.clickButton("Test connection");
        for (String side : List.of("remote", "local")) {
            WebElement row = admin.find(".test-table tr[data-side=" + side + "]");
            assertEquals(side + ": " + row.getText(), "OK", row.findElement(By.cssSelector(".test-result-word")).getText());
        }
    }

    @Test
    public void a3CreateAScheduledTaskWithThePickers() throws Exception {
        admin.open("");
        admin.find("a[href^='connectors/']").click();
        WebElement scheduled = admin.find("section[aria-label='Scheduled tasks of HR']");
        admin.click(scheduled.findElement(By.xpath(".//button[normalize-space(.)='New task']")));
        admin.waitForText("New scheduled task");
        admin.type("[data-field=name] input", "Persons");
        assertEquals(5, admin.waitUntil("the next runs", d -> {
            List<WebElement> runs = d.findElements(By.cssSelector(".preview-list li time"));
            return runs.size() == 5 ? runs : null;
        }).size());

        admin.choose("[data-field=remoteTemplate] select", "person");
        List<String> allowed = new ArrayList<>();
        rest.get("/connectors/HR/schema/remote/templates/person").json().get("allowedFolders")
                .forEach(f -> allowed.add(f.get("code").asText()));
        admin.choose("[data-field=remoteFolder] select", "persons");
        assertEquals("the folder picker offers the template's folders only", allowed,
                options("[data-field=remoteFolder] select"));
        admin.choose("[data-field='mapping.targetTemplate'] select", "person");
        admin.choose("[data-field='mapping.targetFolder'] select", "persons");
        admin.choose("[data-field='mapping.pairs[0].target'] select", "source_key");
        admin.clickButton("New attribute");
        admin.choose("[data-field='mapping.pairs[1].source'] select", "first_name");
        admin.choose("[data-field='mapping.pairs[1].target'] select", "first_name");
        admin.clickButton("New attribute");
        admin.choose("[data-field='mapping.pairs[2].source'] select", "email");
        admin.choose("[data-field='mapping.pairs[2].target'] select", "email");
        admin.choose("[data-field='mapping.uniqueKeyAttribute'] select", "source_key");
        admin.choose("[data-field='mapping.taskIdAttribute'] select", "cardlink_task_id");
        admin.click(".save-wrapper button");
        admin.waitUntil("the saved task's page", d -> admin.path().matches("connectors/[^/]+/scheduled-tasks/[^/]+")
                ? true : null);
        admin.waitForHeading("Scheduled task Persons");

        JsonNode task = rest.get("/connectors/HR/scheduled-tasks/Persons").json();
        assertEquals(3600, task.at("/schedule/intervalSeconds").asInt());
        assertEquals("person", task.get("remoteTemplate").asText());
        assertEquals("[{\"source\":\"efecte_id\",\"target\":\"source_key\"},{\"source\":\"first_name\",\"target\":"
                + "\"first_name\"},{\"source\":\"email\",\"target\":\"email\"}]", task.at("/mapping/pairs").toString());
        assertTrue(admin.find(".task-state").getText().contains("Next run:"));
    }

    @Test
    public void a4ARefusedSaveShowsWhatIsMissingAndTheServersProblemsBesideTheirFields() throws Exception {
        String connectorId = rest.get("/connectors/HR").json().get("id").asText();
        admin.open("connectors/" + connectorId + "/scheduled-tasks/new");
        WebElement save = admin.find(".save-wrapper button");
        assertEquals("true", save.getAttribute("aria-disabled"));
        admin.hover(save);
        String missing = admin.find(".save-wrapper .tooltip").getText();
        for (String label : List.of("Task name", "Template code", "Folder code", "Target template", "Target folder",
                "Target attribute of mapping 1", "Unique key attribute", "Task id attribute")) {
            assertTrue(missing, missing.contains(label));
        }
        save.click();
        assertEquals("a grey Save does nothing", "New scheduled task", admin.text("main h1"));

        admin.type("[data-field=name] input", "Nightly");
        admin.find("input[type=radio][value=cron]").click();
        admin.type("[data-field='schedule.cron'] input", "0 0 25 * * ?");
        String cronProblem = admin.text("[data-field='schedule.cron'] > .problem");
        assertTrue(cronProblem, cronProblem.startsWith("not a valid Quartz cron expression"));
        admin.choose("[data-field=remoteTemplate] select", "person");
        admin.choose("[data-field=remoteFolder] select", "persons");
        admin.choose("[data-field='mapping.targetTemplate'] select", "person");
        admin.choose("[data-field='mapping.targetFolder'] select", "persons");
        admin.choose("[data-field='mapping.pairs[0].target'] select", "source_key");
        admin.choose("[data-field='mapping.uniqueKeyAttribute'] select", "source_key");
        admin.choose("[data-field='mapping.taskIdAttribute'] select", "cardlink_task_id");
        admin.type("[data-field='settings.eqlFilter'] textarea", "$status$ = ");
        admin.click(save);

        admin.find(".error-box[role=alert]:not([hidden])");
        WebElement cron = admin.find("[data-field='schedule.cron'].has-problem");
        assertTrue(cron.getText(), cron.getText().contains("not a valid Quartz cron expression"));
        assertEquals("true", cron.findElement(By.cssSelector("input")).getAttribute("aria-invalid"));
        WebElement filter = admin.find("[data-field='settings.eqlFilter'].has-problem");
        assertTrue(filter.getText(), filter.getText().contains("refused the filter"));
        assertEquals("nothing was saved", 404, rest.get("/connectors/HR/scheduled-tasks/Nightly").status());
    }

    @Test
    public void a5RunTheTaskWatchItLiveThenTheHistoryTurnsGreenAndTheExtractDownloads() throws Exception {
        // a slow remote keeps the run running long enough to watch
        EmulatorAccess remote = emulator.access("remote", "webapi");
        remote.admin("POST", "faults", "{\"latencyMs\":1500}");
        JsonNode task = rest.get("/connectors/HR/scheduled-tasks/Persons").json();
        String connectorId = task.get("connectorId").asText();
        admin.open("connectors/" + connectorId + "/scheduled-tasks/" + task.get("id").asText());
        admin.clickButton("Run task manually");
        admin.waitUntil("the run's page", d -> admin.path().startsWith("runs/") ? true : null);
        String runId = admin.path().substring("runs/".length());
        WebElement progress = admin.find(".progress progress");
        assertNotNull(progress);
        assertTrue(admin.find(".progress-text").getText().startsWith("Running:"));
        admin.waitUntil("the run ends well", d -> d.findElements(By.cssSelector(".run-summary.row-ok")).isEmpty()
                ? null : true);
        remote.admin("DELETE", "faults", null);
        JsonNode run = rest.get("/runs/" + runId).json();
        assertEquals("SUCCESS", run.get("status").asText());
        long created = run.at("/counts/created").asLong();
        assertTrue(run.toString(), created > 100);
        assertEquals("the live page shows the final counts", String.valueOf(created),
                admin.find(".count-created").getText());
        assertTrue(admin.driver().findElements(By.cssSelector(".progress")).isEmpty());

        admin.find("a.extract-link").click();
        Path extract = admin.downloaded("run-" + runId + "\\.json");
        JsonNode cards = Rest.JSON.readTree(extract.toFile());
        assertEquals(runId, cards.get("run").asText());
        assertEquals(run.at("/counts/read").asLong(), cards.get("cards").size());

        admin.clickButton("Show log lines");
        String log = admin.text("pre.run-log");
        assertTrue(log, log.contains("run=" + runId));
        assertTrue(log, log.contains("Run " + runId + " of task 'Persons' ended SUCCESS (extract "));
        assertTrue(log, log.contains("Loaded a page of "));

        admin.clickButton("History");
        WebElement first = admin.find("table.history tbody tr");
        assertEquals("SUCCESS", first.getAttribute("data-status"));
        assertTrue(first.getAttribute("class").contains("row-ok"));
        assertEquals("rgba(230, 244, 234, 1)", first.getCssValue("background-color"));
        assertTrue(first.getText().startsWith(runId.substring(0, 8)));
        first.click();
        admin.waitUntil("the run opens from its row", d -> admin.path().equals("runs/" + runId) ? true : null);
        admin.waitForHeading("Run " + runId.substring(0, 8));
    }

    @Test
    public void a5bADryRunFromTheTaskEditorShowsWhatARealRunWouldDoAndWritesNothing() throws Exception {
        EmulatorAccess remote = emulator.access("remote", "webapi");
        JsonNode changed = remote.cards("person", null, "efecte_id,email").get(0);
        String key = changed.at("/data/efecte_id/values/0/value").asText();
        String oldEmail = changed.at("/data/email/values/0/value").asText();
        remote.patch("person", changed.get("dataCardId").asText(), "email", "dry-run@example.test");
        JsonNode task = rest.get("/connectors/HR/scheduled-tasks/Persons").json();
        String lastRun = rest.get("/connectors/HR/scheduled-tasks/Persons/state").json().at("/lastRun/id").asText();
        admin.open("connectors/" + task.get("connectorId").asText() + "/scheduled-tasks/" + task.get("id").asText());

        admin.clickButton("Dry run");
        admin.waitUntil("the run's page", d -> admin.path().startsWith("runs/") ? true : null);
        String runId = admin.path().substring("runs/".length());
        String kind = admin.find(".dry-run-kind").getText();
        assertTrue(kind, kind.endsWith("dry run: nothing was written"));
        WebElement section = admin.find("section.dry-run");
        assertTrue(section.getText(), section.getText().contains("Would update (1)"));
        assertEquals(key, admin.find("table.dry-run-cards td.mono").getText());
        assertEquals("email: " + oldEmail + " → dry-run@example.test",
                admin.find("table.dry-run-cards td:not(.mono)").getText());
        assertEquals(lastRun, rest.get("/connectors/HR/scheduled-tasks/Persons/state").json()
                .at("/lastRun/id").asText());

        admin.clickButton("History");
        WebElement first = admin.find("table.history tbody tr");
        assertTrue(first.getText().startsWith(runId.substring(0, 8) + " dry run"));
    }

    @Test
    public void a6ExportAndImportAConnectorWithTheDryRunPreview() throws Exception {
        admin.open("");
        assertEquals("Last runs fine", admin.find("tr.connector-row .col-status .status-ok").getAttribute("title"));
        admin.find("input[aria-label='Select HR']").click();
        admin.clickButton("Export");
        admin.type("[data-field=password] input", EXPORT_PASSWORD);
        admin.type("[data-field=repeat] input", EXPORT_PASSWORD);
        admin.clickButton("Export");
        Path exported = admin.downloaded("cardlink-export-.*\\.json");
        assertTrue(Files.readString(exported).contains("\"HR\""));

        admin.clickButton("Import");
        admin.find(".dialog input[type=file]").sendKeys(exported.toString());
        admin.type(".dialog [data-field=password] input", "Wrong-Password-0000");
        admin.clickButton("Preview");
        WebElement password = admin.find(".dialog [data-field=password].has-problem");
        assertTrue(password.getText(), password.getText().toLowerCase().contains("password"));

        admin.type(".dialog [data-field=password] input", EXPORT_PASSWORD);
        admin.clickButton("Preview");
        WebElement row = admin.find(".import-preview tbody tr");
        assertEquals(List.of("HR", "Merge", "HR", "—", "—", "Persons"), row.findElements(By.tagName("td")).stream()
                .map(WebElement::getText).collect(Collectors.toList()));
        assertEquals("the preview writes nothing", 1, rest.get("/connectors").json().size());

        admin.clickButton("Import");
        admin.waitForText("Imported: HR (merged).");
        assertEquals(1, rest.get("/connectors").json().size());
        assertEquals(1, rest.get("/connectors/HR/scheduled-tasks").json().size());
    }

    @Test
    public void a7RemoveAConnectorAfterTheConfirmationThatNamesItsWorkflowReferences() throws Exception {
        assertEquals(201, rest.post("/connectors/HR/copy", "{\"name\":\"Scratch\"}").status());
        Rest.Reply push = rest.post("/connectors/Scratch/event-tasks", "{\"name\":\"Push\",\"remoteTemplate\":"
                + "\"person\",\"remoteFolder\":\"persons\",\"workflowReferences\":[\"New employee\"],\"mapping\":"
                + "{\"pairs\":[{\"source\":\"first_name\",\"target\":\"first_name\"}],\"uniqueKeyAttribute\":"
                + "\"first_name\"}}");
        assertEquals(push.body(), 201, push.status());
        admin.open("");
        admin.click("button[aria-label='Remove Scratch']");
        WebElement dialog = admin.find(".dialog");
        admin.waitUntil("the references", d -> dialog.getText().contains("Scratch / Push: New employee") ? true : null);
        assertTrue(dialog.getText(), dialog.getText().contains("1 scheduled task, 1 event task"));
        admin.clickButton("Cancel");
        assertEquals(200, rest.get("/connectors/Scratch").status());

        admin.click("button[aria-label='Remove Scratch']");
        admin.clickButton("Remove connector");
        admin.waitForText("Connector 'Scratch' removed.");
        admin.waitUntil("the row goes", d -> d.findElements(By.cssSelector("button[aria-label='Remove Scratch']"))
                .isEmpty() ? true : null);
        assertEquals(404, rest.get("/connectors/Scratch").status());
        assertEquals(200, rest.get("/connectors/HR").status());
    }

    @Test
    public void a8AViewerOpensThePagesWithBasicCredentialsAndChangesNothing() throws Exception {
        viewer = Browser.start(consoleBase(), FILES.resolve("viewer-downloads"))
                .withBasic(Rest.VIEWER_USER, Rest.VIEWER_PASSWORD);
        current = viewer;
        viewer.open("");
        viewer.waitForHeading("Overview");
        assertEquals(Rest.VIEWER_USER + " · viewer", viewer.find(".user-name").getText());
        assertFalse(viewer.button("New connector").isEnabled());
        assertFalse(viewer.button("Import").isEnabled());
        assertFalse(viewer.find("button[aria-label='Copy HR']").isEnabled());
        assertFalse(viewer.find("button[aria-label='Remove HR']").isEnabled());

        viewer.find("button[aria-label='Edit HR']").click();
        viewer.waitForText("changing it needs the admin role");
        assertTrue(viewer.driver().findElements(By.cssSelector(".save-wrapper")).isEmpty());
        for (WebElement input : viewer.driver().findElements(By.cssSelector("form input, form select"))) {
            assertFalse(input.getAttribute("outerHTML"), input.isEnabled());
        }
        JsonNode task = rest.get("/connectors/HR/scheduled-tasks/Persons").json();
        viewer.open("connectors/" + task.get("connectorId").asText() + "/scheduled-tasks/" + task.get("id").asText());
        assertFalse(viewer.button("Run task manually").isEnabled());
        assertFalse(viewer.button("Dry run").isEnabled());
        assertFalse(viewer.button("Clear data cache").isEnabled());
        viewer.open("settings");
        assertFalse(viewer.find("[data-field=environment] select").isEnabled());

        Rest asViewer = rest.as(Rest.basic(Rest.VIEWER_USER, Rest.VIEWER_PASSWORD));
        assertEquals("the API refuses a viewer's change anyway", 403, asViewer.delete("/connectors/HR?confirm=true")
                .status());
        assertEquals(200, asViewer.get("/connectors/HR").status());
    }

    @Test
    public void a9EveryViewMeetsAccessibilityBasicsAt1280x800() throws Exception {
        current = admin;
        assertEquals(List.of(1280L, 800L), admin.script("return [window.innerWidth, window.innerHeight]"));
        JsonNode task = rest.get("/connectors/HR/scheduled-tasks/Persons").json();
        String connector = "connectors/" + task.get("connectorId").asText();
        String taskPath = connector + "/scheduled-tasks/" + task.get("id").asText();
        String runId = rest.get("/connectors/HR/scheduled-tasks/Persons/runs?limit=1").json().get(0).get("id").asText();
        for (String view : List.of("", connector, connector + "/edit", "connectors/new", taskPath,
                connector + "/event-tasks/new", taskPath + "/history", "runs/" + runId, "settings", "logs")) {
            admin.open(view);
            admin.find("main h1");
            admin.waitUntil("the view has loaded", d -> admin.script("return document.querySelector('main .page')"
                    + " !== null && document.querySelector('select.loading') === null").equals(Boolean.TRUE)
                    ? true : null);
            assertEquals(view + ": no horizontal scrolling at 1280 px", Boolean.TRUE,
                    admin.script("return document.documentElement.scrollWidth <= window.innerWidth"));
            assertEquals(view + ": controls without a label", List.of(), admin.script(UNLABELLED));
            assertEquals(view + ": buttons and links without a name", List.of(), admin.script(UNNAMED));
        }

        // status colours: text contrast of at least 4.5:1 on the page and on the history's row colours
        Map<?, ?> colours = (Map<?, ?>) admin.script("const s = getComputedStyle(document.documentElement);"
                + "const v = (n) => s.getPropertyValue(n).trim();"
                + "return {ok: v('--ok'), failed: v('--failed'), idle: v('--idle'), problem: v('--problem'),"
                + " panel: v('--panel'), okBg: v('--ok-bg'), failedBg: v('--failed-bg'), idleBg: v('--idle-bg')};");
        for (String tone : List.of("ok", "failed", "idle", "problem")) {
            double ratio = contrast((String) colours.get(tone), (String) colours.get("panel"));
            assertTrue(tone + " on white: " + ratio, ratio >= 4.5);
        }
        for (String tone : List.of("ok", "failed", "idle")) {
            double ratio = contrast((String) colours.get(tone), (String) colours.get(tone + "Bg"));
            assertTrue(tone + " on its row colour: " + ratio, ratio >= 4.5);
        }

        // keyboard: Tab reaches a row's edit button, Enter opens the editor
        admin.open("");
        admin.find("button[aria-label='Edit HR']");
        admin.script("document.activeElement.blur()");
        boolean reached = false;
        for (int i = 0; i < 40 && !reached; i++) {
            new Actions(admin.driver()).sendKeys(Keys.TAB).perform();
            reached = "Edit HR".equals(admin.driver().switchTo().activeElement().getAttribute("aria-label"));
        }
        assertTrue("Tab reaches Edit HR", reached);
        new Actions(admin.driver()).sendKeys(Keys.ENTER).perform();
        admin.waitUntil("Enter opens the editor", d -> admin.path().endsWith("/edit") ? true : null);
        admin.waitForHeading("Connector HR");
    }

    @Test
    public void b1TheEngineSettingsAreEditedHere() throws Exception {
        admin.open("settings");
        admin.waitForHeading("Settings");
        admin.find("input[aria-label='00:00 UTC']").click();
        admin.find("input[aria-label='06:00 UTC']").click();
        admin.find("input[aria-label='12:00 UTC']").click();
        admin.type("[data-field=maxConcurrentRuns] input", "4");
        admin.choose("[data-field=environment] select", "");
        WebElement save = admin.find(".save-wrapper button");
        assertEquals("the environment type is required", "true", save.getAttribute("aria-disabled"));
        admin.choose("[data-field=environment] select", "TEST");
        admin.click(save);
        admin.waitForText("Settings saved");
        JsonNode settings = rest.get("/settings").json();
        assertEquals("[6,12]", settings.get("cacheClearHours").toString());
        assertEquals(4, settings.get("maxConcurrentRuns").asInt());
        assertEquals("TEST", settings.get("environment").asText());

        admin.type("[data-field=localUrl] input", "not a URL");
        admin.click(save);
        String problem = admin.text("[data-field=localUrl] > .problem");
        assertFalse(problem, problem.isEmpty());
        assertEquals(emulator.url("local"), rest.get("/settings").json().get("localUrl").asText());
    }

    @Test
    public void b2CreateAnEventTaskAndSeeItsWorkflowStatus() throws Exception {
        String connectorId = rest.get("/connectors/HR").json().get("id").asText();
        admin.open("connectors/" + connectorId);
        WebElement events = admin.find("section[aria-label='Event tasks of HR']");
        admin.click(events.findElement(By.xpath(".//button[normalize-space(.)='New task']")));
        admin.waitForHeading("New event task");
        admin.type("[data-field=name] input", "Push persons");
        admin.choose("[data-field=remoteTemplate] select", "person");
        admin.choose("[data-field=remoteFolder] select", "persons");
        admin.choose("[data-field='mapping.pairs[0].source'] select", "first_name");
        admin.choose("[data-field='mapping.pairs[0].target'] select", "first_name");
        admin.clickButton("New attribute");
        admin.choose("[data-field='mapping.pairs[1].source'] select", "email");
        admin.choose("[data-field='mapping.pairs[1].target'] select", "email");
        admin.choose("[data-field='mapping.uniqueKeyAttribute'] select", "email");
        admin.click(".save-wrapper button");
        admin.waitForHeading("Event task Push persons");
        assertEquals("email", rest.get("/connectors/HR/event-tasks/Push persons".replace(" ", "%20")).json()
                .at("/mapping/uniqueKeyAttribute").asText());

        admin.clickButton("Back to tasks");
        WebElement row = admin.find("section[aria-label='Event tasks of HR'] tbody tr");
        assertTrue(row.getText(), row.getText().contains("Push persons") && row.getText().contains("Not used"));
        admin.click("button[aria-label='Workflow relations of Push persons']");
        assertTrue(admin.text(".dialog").contains("No workflow has called it yet"));
        admin.clickButton("Close");
    }

    @Test
    public void b2bAnEventTasksOperationsListLeadsToTheCardsTimeline() throws Exception {
        String task = "/connectors/HR/event-tasks/Push%20persons";
        Rest.Reply sent = rest.asWorkflowEngine().post(task + "/datacards", "{\"operation\":\"create\","
                + "\"workflow\":\"Onboarding\",\"card\":{\"first_name\":\"Ada\",\"email\":\"ada@example.test\"}}");
        assertEquals(sent.body(), 200, sent.status());
        assertEquals(sent.body(), "SUCCEEDED", sent.json().get("status").asText());

        JsonNode saved = rest.get(task).json();
        admin.open("connectors/" + saved.get("connectorId").asText() + "/event-tasks/" + saved.get("id").asText());
        admin.waitForHeading("Event task Push persons");
        admin.clickButton("Operations");
        admin.waitForHeading("Operations of Push persons");
        WebElement row = admin.find("table.operations tbody tr[data-status=SUCCEEDED]");
        assertTrue(row.getText(), row.getText().contains("create") && row.getText().contains("Onboarding")
                && row.getText().contains("ada@example.test"));
        admin.click(row.findElement(By.linkText("ada@example.test")));
        admin.waitForHeading("Card ada@example.test");
        WebElement entry = admin.find("table.card-timeline tbody tr");
        assertTrue(entry.getText(), entry.getText().contains("Written to the remote")
                && entry.getText().contains("Push persons") && entry.getText().contains("workflow: Onboarding"));
    }

    @Test
    public void b3ClearTheDataCacheAndStopFromTheTaskEditor() throws Exception {
        JsonNode task = rest.get("/connectors/HR/scheduled-tasks/Persons").json();
        admin.open("connectors/" + task.get("connectorId").asText() + "/scheduled-tasks/" + task.get("id").asText());
        admin.clickButton("Clear data cache");
        admin.clickButton("Clear data cache");
        admin.waitForText("Data cache cleared (");
        admin.clickButton("Stop task");
        admin.waitForText("The task was not running.");
    }

    @Test
    public void b3bAnOpenAlertShowsInTheTopBarInItsSeverityAndIsAcknowledgedThere() throws Exception {
        String id = rest.get("/connectors/HR").json().get("id").asText();
        assertEquals(200, rest.put("/connectors/" + id, hrSettings("not-the-password")).status());
        assertEquals(200, rest.post("/connectors/" + id + "/test", null).status());
        JsonNode alert = null;
        for (JsonNode open : rest.get("/alerts").json()) {
            if ("WRONG_CREDENTIALS".equals(open.at("/subject/kind").asText())
                    && id.equals(open.at("/subject/connectorId").asText())) {
                alert = open;
            }
        }
        assertTrue(rest.get("/alerts").body(), alert != null);
        String alertId = alert.get("id").asText();

        admin.open("");
        admin.waitUntil("the top bar shows the open alert", d -> admin.find("#alerts").isDisplayed() ? true : null);
        WebElement badge = admin.find("#alerts");
        String severity = alert.get("severity").asText().toLowerCase(java.util.Locale.ROOT);
        assertTrue(badge.getAttribute("class"), badge.getAttribute("class").contains("alerts-" + severity));
        assertTrue(badge.getAttribute("aria-label"), badge.getAttribute("aria-label").contains("the highest "
                + severity));
        WebElement status = admin.find("tr.connector-row[data-id='" + id + "'] .col-status .status");
        assertTrue(status.getAttribute("class"), status.getAttribute("class").contains("status-warning"));

        admin.click(badge);
        admin.waitForText(alert.get("message").asText());
        admin.click(".alert-item[data-alert-id='" + alertId + "'] button");
        admin.waitForText("Acknowledged by " + Rest.ADMIN_USER);
        for (JsonNode open : rest.get("/alerts").json()) {
            if (alertId.equals(open.get("id").asText())) {
                assertEquals(Rest.ADMIN_USER, open.get("acknowledgedBy").asText());
            }
        }
        admin.clickButton("Close");

        assertEquals(200, rest.put("/connectors/" + id, hrSettings("webapi")).status());
        assertEquals(200, rest.post("/connectors/" + id + "/test", null).status());
        assertTrue(rest.get("/alerts?state=resolved").body(), rest.get("/alerts?state=resolved").body()
                .contains(alertId));
    }

    private static String hrSettings(String remotePassword) {
        return "{\"name\":\"HR\",\"settings\":{\"remoteUrl\":\"" + emulator.url("remote") + "\","
                + "\"remoteUser\":\"webapi\",\"remotePassword\":\"" + remotePassword + "\"}}";
    }

    @Test
    public void b4SignOutEndsTheSession() throws Exception {
        admin.open("");
        String token = (String) admin.cookie("CARDLINK_SESSION").get("value");
        assertEquals(200, rest.withSession(token).get("/connectors").status());
        admin.clickButton("Sign out");
        admin.waitForHeading("Sign in to Cardlink");
        assertEquals("the server ended the session", 401, rest.withSession(token).get("/connectors").status());
        admin.open("settings");
        admin.waitForHeading("Sign in to Cardlink");
    }

    /** Visible form controls whose accessible name would be empty. */
    private static final String UNLABELLED = "return [...document.querySelectorAll('input, select, textarea')]"
            + ".filter(e => e.type !== 'hidden' && e.offsetParent !== null)"
            + ".filter(e => !(e.labels && [...e.labels].some(l => l.textContent.trim()))"
            + " && !(e.getAttribute('aria-label') || '').trim() && !e.getAttribute('aria-labelledby'))"
            + ".map(e => e.outerHTML.slice(0, 120));";

    /** Visible buttons and links with no text and no aria-label. */
    private static final String UNNAMED = "return [...document.querySelectorAll('button, a[href]')]"
            + ".filter(e => e.offsetParent !== null)"
            + ".filter(e => !e.textContent.trim() && !(e.getAttribute('aria-label') || '').trim())"
            + ".map(e => e.outerHTML.slice(0, 120));";

    private List<String> options(String css) {
        List<String> values = new ArrayList<>();
        for (WebElement option : admin.find(css).findElements(By.tagName("option"))) {
            if (!option.getAttribute("value").isEmpty()) {
                values.add(option.getAttribute("value"));
            }
        }
        return values;
    }

    /** The WCAG contrast ratio of two colours written #rrggbb. */
    static double contrast(String foreground, String background) {
        double a = luminance(foreground);
        double b = luminance(background);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double luminance(String hex) {
        double[] channels = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            channels[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    }
}
