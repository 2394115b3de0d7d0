package io.cardlink.itests;

import static io.cardlink.itests.CardlinkTestSupport.waitUntil;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorJvm;
import io.cardlink.testkit.KarafDistribution;
import io.cardlink.testkit.Rest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.After;
import org.junit.Test;

/**
 * Operations in the real distribution (bin/karaf): Cardlink's own log files, where one run's lines are found by its
 * id and downloaded, listed, downloaded one by one and as a zip, and hold no password after a connector with
 * passwords was tested, ran a task and wrote an event operation; and retention, which removes old runs (a keep count
 * with no days), a removed task's extract files and a removed event task's finished operations.
 */
public class OperationsLogsIT {
    private static final int PORT_OFFSET = 720;
    private static final String REMOTE_PASSWORD = "Remote-Logs-Pw-5521";
    private static final String LOCAL_PASSWORD = "Local-Logs-Pw-6634";
    private static final String TASKS = "/connectors/Ops/scheduled-tasks";
    private static final Set<String> UNFINISHED = Set.of("SCHEDULED", "WAITING", "RUNNING");
    private static final Path FILES = Path.of("target", "operations-logs-it").toAbsolutePath();

    private EmulatorJvm emulator;
    private KarafDistribution karaf;
    private Rest rest;

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
    public void aRunsLinesAreFoundByItsIdNoPasswordIsLoggedAndRetentionRemovesWhatItNoLongerKeeps() throws Exception {
        Files.createDirectories(FILES);
        emulator = EmulatorJvm.start(FILES.resolve("emulator"), KarafDistribution.PORT_BASE + PORT_OFFSET + 90,
                "--fixture", EmulatorJvm.fixtureWithPasswords(FILES, REMOTE_PASSWORD, LOCAL_PASSWORD).toString());
        karaf = KarafDistribution.unpack("operations-logs-it/karaf", PORT_OFFSET);
        karaf.configure("io.cardlink.engine.cfg", "localUrl", emulator.url("local"));
        karaf.addViewer();
        karaf.start();
        rest = karaf.rest();

        // a connector with passwords, tested, a task run three times, an event operation written
        CardlinkTestSupport.useLocalUser(rest, LOCAL_PASSWORD);
        Rest.Reply connector = rest.post("/connectors", "{\"name\":\"Ops\",\"type\":\"coreproiga\",\"settings\":{"
                + "\"remoteUrl\":\"" + emulator.url("remote") + "\",\"remoteUser\":\"webapi\",\"remotePassword\":\""
                + REMOTE_PASSWORD + "\"}}");
        assertEquals(connector.body(), 201, connector.status());
        Rest.Reply tested = rest.post("/connectors/Ops/test", null);
        assertEquals(tested.body(), "OK", tested.json().at("/remote/result").asText());
        Rest.Reply task = rest.post(TASKS, SyncPipelineIT.personsTask());
        assertEquals(task.body(), 201, task.status());
        String taskId = task.json().at("/task/id").asText();
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode run = awaitEnd(started(rest.post(TASKS + "/Persons/runs", null)));
            assertEquals(run.toString(), "SUCCESS", run.get("status").asText());
            runs.add(run.get("id").asText());
        }
        Rest.Reply eventTask = rest.post("/connectors/Ops/event-tasks", "{\"name\":\"Push\",\"remoteTemplate\":"
                + "\"person\",\"remoteFolder\":\"persons\",\"mapping\":{\"pairs\":[{\"source\":\"efecte_id\","
                + "\"target\":\"source_key\"},{\"source\":\"first_name\",\"target\":\"first_name\"}],"
                + "\"uniqueKeyAttribute\":\"source_key\"}}");
        assertEquals(eventTask.body(), 201, eventTask.status());
        Rest.Reply operation = rest.asWorkflowEngine().post("/orchestration/event-tasks/"
                + eventTask.json().at("/task/id").asText() + "/datacards",
                "{\"operation\":\"create\",\"card\":{\"efecte_id\":\"OPS-1\",\"first_name\":\"Ops\"}}");
        assertEquals(operation.body(), 200, operation.status());
        String operationId = operation.json().get("id").asText();

        // one run's lines, from the engine's, the extract's and the load's file
        String last = runs.get(2);
        Rest.Download runLog = rest.download("/runs/" + last + "/log");
        assertEquals(runLog.text(), 200, runLog.status());
        List<String> lines = runLog.text().lines().toList();
        assertTrue(runLog.text(), lines.stream().allMatch(line -> line.contains(" run=" + last + " ")));
        assertTrue(runLog.text(), lines.stream().allMatch(line -> line.contains(" task=" + taskId + " ")));
        assertTrue(runLog.text(), lines.stream().anyMatch(line -> line.contains("| SyncRun ")
                && line.contains("Reading all cards of template 'person'")));
        assertTrue(runLog.text(), lines.stream().anyMatch(line -> line.contains("| PageLoader ")
                && line.contains("Loaded a page of ")));
        assertTrue(runLog.text(), lines.get(lines.size() - 1).matches(".*Run " + last + " of task 'Persons' ended"
                + " SUCCESS \\(extract \\d+\\.\\d{3} s, load \\d+\\.\\d{3} s\\).*"));
        assertFalse("another run's lines stay out", runLog.text().contains("run=" + runs.get(1)));
        assertEquals(404, rest.download("/runs/no-such-run/log").status());
        String tail = karaf.client("cardlink:log-tail --run " + last + " -n 3\n");
        assertEquals(tail, 3, tail.lines().filter(line -> line.contains(" run=" + last + " ")).count());

        // the files: listed, one downloaded, all as a zip; paths refused; admins only
        JsonNode files = rest.get("/logs").json();
        List<String> names = new ArrayList<>();
        files.forEach(file -> names.add(file.get("name").asText()));
        assertEquals(files.toString(), List.of("cardlink-engine.log", "cardlink-extract.log", "cardlink-load.log"),
                names);
        files.forEach(file -> assertTrue(file.toString(), file.get("size").asLong() > 0
                && !file.get("lastModified").asText().isEmpty()));
        String loadLog = rest.download("/logs/cardlink-load.log").text();
        assertTrue("the operation's delivery carries its id", loadLog.lines().anyMatch(line -> line.contains(
                " operation=" + operationId + " ") && line.contains("| OutboxDispatcher ")));
        assertFalse("loading lines stay out of the engine's file", rest.download("/logs/cardlink-engine.log").text()
                .contains("Loaded a page of "));
        Rest.Download zip = rest.download("/logs/all.zip");
        assertEquals(200, zip.status());
        List<String> zipped = new ArrayList<>();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                zipped.add(entry.getName());
            }
        }
        assertEquals(names, zipped);
        assertEquals(400, rest.download("/logs/..%2Fkaraf.log").status());
        assertEquals(404, rest.download("/logs/karaf.log").status());
        assertEquals(403, rest.asViewer().get("/logs").status());
        assertTrue(karaf.client("cardlink:log-list\n").contains("cardlink-load.log"));

        // no password in any log file, Karaf's included
        Path logFolder = karaf.home().resolve("data/log");
        int searched = 0;
        try (Stream<Path> logs = Files.walk(logFolder)) {
            for (Path file : logs.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : List.of(REMOTE_PASSWORD, LOCAL_PASSWORD, Rest.ADMIN_PASSWORD)) {
                    assertFalse("a password in " + file, text.contains(secret));
                }
                searched++;
            }
        }
        assertTrue("searched karaf.log and Cardlink's three files: " + searched, searched >= 4);

        // extract files are the owner's only
        Path extracts = karaf.home().resolve("data/cardlink/extracts/" + taskId);
        Path extract = extracts.resolve(last + ".json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(extract)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(extracts)));

        // retention: keep the newest run, whatever the days; the clean-up at once, from REST and the shell
        // one update for both: two quick `property-set -p` race with File Install's write-back, which can undo one
        String configured = karaf.client("config:edit io.cardlink.engine.retention\n"
                + "config:property-set runsKept 1\n"
                + "config:property-set runDays 0\n"
                + "config:update\n"
                + "config:property-list -p io.cardlink.engine.retention\n");
        int[] removed = {0};
        String[] seen = {""};
        waitUntil("the clean-up removes the two older runs", 60_000, () -> {
            Rest.Reply report = rest.post("/retention/run", null);
            Rest.Reply left = rest.get(TASKS + "/Persons/runs");
            seen[0] = "configured: " + configured + "; last clean-up: " + report.status() + " " + report.body()
                    + "; runs left: " + left.body();
            if (report.status() != 200) {
                return false;
            }
            removed[0] += report.json().get("runs").asInt();
            return left.json().size() == 1;
        }, () -> seen[0]);
        assertEquals(2, removed[0]);
        assertEquals(last, rest.get(TASKS + "/Persons/runs").json().get(0).get("id").asText());
        assertEquals(404, rest.get("/runs/" + runs.get(0)).status());
        assertTrue(karaf.client("cardlink:retention-run\n").contains("Removed 0 run(s)"));

        // a removed task's extract files and a removed event task's finished operations go with them
        assertTrue(Files.isDirectory(extracts));
        assertEquals(204, rest.delete(TASKS + "/Persons").status());
        assertFalse("the removed task's extract files are gone", Files.exists(extracts));
        assertEquals(200, rest.get("/orchestration/operations/" + operationId).status());
        assertEquals(204, rest.delete("/connectors/Ops/event-tasks/Push?force=true").status());
        assertEquals(404, rest.get("/orchestration/operations/" + operationId).status());
    }

    private static String started(Rest.Reply reply) {
        assertEquals(reply.body(), 202, reply.status());
        return reply.json().get("id").asText();
    }

    private JsonNode awaitEnd(String runId) throws Exception {
        waitUntil("run " + runId + " ends", 120_000,
                () -> !UNFINISHED.contains(rest.get("/runs/" + runId).json().get("status").asText()));
        return rest.get("/runs/" + runId).json();
    }
}
