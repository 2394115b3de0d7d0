package io.cardlink.itests;

import static io.cardlink.itests.CardlinkTestSupport.waitUntil;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.EmulatorJvm;
import io.cardlink.testkit.KarafDistribution;
import io.cardlink.testkit.Rest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Test;

/**
 * Attachments in the distribution run as an operator runs it, with the emulator's two instances in a JVM of their
 * own: a scheduled task copies the files themselves, byte for byte; a second run copies nothing; a file over the
 * connector's limit is an error of its card that names the file.
 */
public class DataFidelityAttachmentsIT {
    private static final int PORT_OFFSET = 900;
    private static final long RUN_TIMEOUT = 120_000;
    private static final int LIMIT = 200_000;
    private static final List<String> UNFINISHED = List.of("SCHEDULED", "WAITING", "RUNNING");

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
    public void aTaskCopiesTheFilesOnceAndNamesAFileOverTheLimit() throws Exception {
        emulator = EmulatorJvm.start(Path.of("target", "attachments-it-emulator").toAbsolutePath(),
                KarafDistribution.PORT_BASE + PORT_OFFSET + 90);
        EmulatorAccess remote = emulator.access("remote", "webapi");
        EmulatorAccess local = emulator.access("local", "webapi");
        karaf = KarafDistribution.unpack("attachments-it", PORT_OFFSET);
        karaf.configure("io.cardlink.engine.cfg", "localUrl", emulator.url("local"));
        karaf.start();
        rest = karaf.rest();

        // one remote incident with two files more, another with a file over the limit
        JsonNode incidents = remote.cards("incident", null, "efecte_id");
        String withFiles = incidents.get(0).get("dataCardId").asText();
        String withFilesKey = incidents.get(0).at("/data/efecte_id/values/0/value").asText();
        String withBigFile = incidents.get(1).get("dataCardId").asText();
        String withBigFileKey = incidents.get(1).at("/data/efecte_id/values/0/value").asText();
        byte[] report = "Quarterly report, page after page\n".repeat(4_000).getBytes(StandardCharsets.UTF_8);
        byte[] photo = new byte[9_000];
        for (int i = 0; i < photo.length; i++) {
            photo[i] = (byte) (i * 37 + 11);
        }
        remote.upload("incident", withFiles, "attachments", "report.txt", report);
        remote.upload("incident", withFiles, "attachments", "photo.png", photo);
        remote.upload("incident", withBigFile, "attachments", "disk-image.iso", new byte[LIMIT + 1]);

        CardlinkTestSupport.useEmulatorLocalUser(rest);
        Rest.Reply wrongLimit = rest.post("/connectors", connector("\"maxAttachmentBytes\":\"lots\""));
        assertEquals(wrongLimit.body(), 400, wrongLimit.status());
        assertTrue(wrongLimit.body(), wrongLimit.body().contains("settings.maxAttachmentBytes"));
        Rest.Reply defaults = rest.post("/connectors", connector(null));
        assertEquals(defaults.body(), 201, defaults.status());
        assertEquals("the default limit is shown", "10485760",
                defaults.json().at("/settings/maxAttachmentBytes").asText());
        Rest.Reply limited = rest.put("/connectors/Files", connector("\"maxAttachmentBytes\":\"" + LIMIT + "\""));
        assertEquals(limited.body(), 200, limited.status());
        String shown = karaf.client("cardlink:connector-show Files\n");
        assertTrue(shown, shown.contains("maxAttachmentBytes") && shown.contains(String.valueOf(LIMIT)));

        String tasks = "/connectors/Files/scheduled-tasks";
        Rest.Reply task = rest.post(tasks, "{\"name\":\"Attachments\",\"enabled\":false,\"schedule\":"
                + "{\"intervalSeconds\":3600},\"mode\":\"FULL\",\"remoteTemplate\":\"incident\","
                + "\"remoteFolder\":\"incident_management\",\"eqlFilter\":"
                + "\"$efecte_id$ = '" + withFilesKey + "' OR $efecte_id$ = '" + withBigFileKey + "'\",\"mapping\":"
                + "{\"targetTemplate\":\"incident\",\"targetFolder\":\"incident_management\",\"pairs\":["
                + "{\"source\":\"subject\",\"target\":\"subject\"},{\"source\":\"attachments\",\"target\":"
                + "\"attachments\"},{\"source\":\"efecte_id\",\"target\":\"source_key\"}],\"taskIdAttribute\":"
                + "\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"}}");
        assertEquals(task.body(), 201, task.status());
        String attachments = tasks + "/Attachments";

        JsonNode first = runToEnd(attachments);
        assertEquals(first.toString(), "COMPLETED_WITH_ERRORS", first.get("status").asText());
        assertEquals(2, first.at("/counts/created").asLong());
        assertTrue(first.toString(), info(first).contains(withBigFileKey + ": attachment 'disk-image.iso' of attribute"
                + " 'attachments' not copied: the download from the remote instance failed: larger than the"
                + " limit of " + LIMIT + " bytes (setting maxAttachmentBytes)"));

        // every file of the remote card, the two new ones among them, lands byte for byte
        JsonNode remoteFiles = remote.card("incident", withFiles).at("/data/attachments/values");
        JsonNode localCard = local.cards("incident", "$source_key$ = '" + withFilesKey + "'", "attachments").get(0);
        String localId = localCard.get("dataCardId").asText();
        JsonNode localFiles = localCard.at("/data/attachments/values");
        assertTrue(remoteFiles.toString(), remoteFiles.size() >= 2);
        assertEquals(names(remoteFiles), names(localFiles));
        List<byte[]> copied = new ArrayList<>();
        for (int i = 0; i < remoteFiles.size(); i++) {
            byte[] source = remote.download("incident", withFiles, "attachments",
                    remoteFiles.get(i).get("location").asText());
            byte[] landed = local.download("incident", localId, "attachments",
                    localFiles.get(i).get("location").asText());
            assertArrayEquals(remoteFiles.get(i).get("name").asText(), source, landed);
            copied.add(landed);
        }
        assertArrayEquals(report, copied.get(names(localFiles).indexOf("report.txt")));
        assertArrayEquals(photo, copied.get(names(localFiles).indexOf("photo.png")));
        JsonNode bigCard = local.cards("incident", "$source_key$ = '" + withBigFileKey + "'", "attachments").get(0);
        assertTrue(bigCard.toString(), names(bigCard.at("/data/attachments/values")).isEmpty());

        // the second run copies nothing; the file over the limit is an error again
        local.admin("DELETE", "counters", null);
        JsonNode second = runToEnd(attachments);
        assertEquals(second.toString(), "COMPLETED_WITH_ERRORS", second.get("status").asText());
        assertEquals(1, second.at("/counts/unchanged").asLong());
        assertTrue(second.toString(), info(second).contains(withBigFileKey + ": attachment 'disk-image.iso'"));
        assertEquals(0, local.admin("GET", "counters", null).at("/requests/file-upload").asLong());
        assertEquals(localFiles, local.card("incident", localId).at("/data/attachments/values"));
        String runShown = karaf.client("cardlink:run-show " + second.get("id").asText() + "\n");
        assertTrue(runShown, runShown.contains("attachment 'disk-image.iso' of attribute 'attachments' not copied"));
    }

    private String connector(String setting) {
        return "{\"name\":\"Files\",\"type\":\"coreproiga\",\"settings\":{\"remoteUrl\":\""
                + emulator.url("remote") + "\",\"remoteUser\":\"webapi\",\"remotePassword\":\"webapi\""
                + (setting == null ? "" : "," + setting) + "}}";
    }

    private static List<String> names(JsonNode files) {
        List<String> names = new ArrayList<>();
        files.forEach(file -> names.add(file.get("name").asText()));
        return names;
    }

    private static String info(JsonNode run) {
        return run.get("info").toString();
    }

    private JsonNode runToEnd(String task) throws Exception {
        Rest.Reply started = rest.post(task + "/runs", null);
        assertEquals(started.body(), 202, started.status());
        String runId = started.json().get("id").asText();
        waitUntil("run " + runId + " ends", RUN_TIMEOUT,
                () -> !UNFINISHED.contains(rest.get("/runs/" + runId).json().get("status").asText()));
        return rest.get("/runs/" + runId).json();
    }
}
