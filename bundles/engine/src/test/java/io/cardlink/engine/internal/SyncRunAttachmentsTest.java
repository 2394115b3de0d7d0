package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.connector.FileTooLargeException;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scheduled task copies the files of its cards' attachments, and only when they changed. */
class SyncRunAttachmentsTest {

    @TempDir
    Path extractDir;

    private PipelineHarness harness;
    private String remoteId;
    private String efecteId;
    private final byte[] report = "%PDF-1.4 quarterly report\n".repeat(3000).getBytes(StandardCharsets.UTF_8);
    private final byte[] photo = new byte[70_000];

    @BeforeEach
    void start() {
        harness = new PipelineHarness(extractDir);
        DataCard remote = harness.emulator.instance("remote").all("incident").get(3);
        remoteId = remote.id();
        efecteId = remote.text("efecte_id");
        harness.remoteClient.replaceAttribute("incident", remoteId, "attachments", List.of());
        for (int i = 0; i < photo.length; i++) {
            photo[i] = (byte) (i * 31 + 7);
        }
        harness.remoteClient.uploadFile("incident", remoteId, "attachments", "report.pdf", report);
        harness.remoteClient.uploadFile("incident", remoteId, "attachments", "photo.png", photo);
        harness.with(new ScheduledTask("task-files", "connector", "Files", true, Schedule.every(300), TaskMode.FULL,
                Map.of("eqlFilter", "$efecte_id$ = '" + efecteId + "'"), "incident", null,
                new Mapping("incident", "incident_management", List.of(new AttributePair("subject", "subject"),
                        new AttributePair("attachments", "attachments"),
                        new AttributePair("efecte_id", "source_key")), "cardlink_task_id", "source_key"),
                null, null, null, null));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theFilesLandByteIdenticalAndASecondRunCopiesNothing() {
        Run first = harness.run("task-files");

        assertEquals(RunStatus.SUCCESS, first.status(), String.valueOf(first.info()));
        assertEquals(1, first.counts().created());
        assertEquals(2, harness.emulator.instance("local").counters().requests("file-upload"));
        assertLocalFiles();

        harness.emulator.instance("local").resetCounters();
        harness.emulator.instance("remote").resetCounters();
        Run second = harness.run("task-files");

        assertEquals(RunStatus.SUCCESS, second.status(), String.valueOf(second.info()));
        assertEquals(1, second.counts().unchanged());
        assertEquals(0, harness.emulator.instance("local").counters().cardsWritten());
        assertEquals(0, harness.emulator.instance("local").counters().requests("file-upload"));
        assertEquals(0, harness.emulator.instance("remote").counters().requests("file-download"));
    }

    @Test
    void aCardWhoseOtherAttributesChangedKeepsItsFilesWithoutCopyingThem() {
        harness.run("task-files");
        harness.remoteClient.replaceAttribute("incident", remoteId, "subject",
                List.of(new StringValue("Printer on fire")));
        harness.emulator.instance("local").resetCounters();

        Run changed = harness.run("task-files");

        assertEquals(RunStatus.SUCCESS, changed.status(), String.valueOf(changed.info()));
        assertEquals(1, changed.counts().updated());
        assertEquals(0, harness.emulator.instance("local").counters().requests("file-upload"));
        assertEquals("Printer on fire", localCard().text("subject"));
        assertLocalFiles();
    }

    @Test
    void aChangedFileReplacesTheFilesOfTheLocalCard() {
        harness.run("task-files");
        byte[] newer = "second edition".getBytes(StandardCharsets.UTF_8);
        harness.remoteClient.replaceAttribute("incident", remoteId, "attachments", List.of());
        harness.remoteClient.uploadFile("incident", remoteId, "attachments", "report.pdf", newer);

        Run changed = harness.run("task-files");

        assertEquals(RunStatus.SUCCESS, changed.status(), String.valueOf(changed.info()));
        List<ExternalReferenceValue> files = localFiles();
        assertEquals(1, files.size(), files.toString());
        assertEquals("report.pdf", files.get(0).name());
        assertArrayEquals(newer, download(files.get(0)));
    }

    @Test
    void aFileOverTheLimitIsAnErrorOfItsCardNamingTheFileAndIsTriedAgainNextRun() {
        InstanceGateway remote = harness.remote;
        harness.remoteUsed = (InstanceGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {InstanceGateway.class}, (proxy, method, args) -> {
                    if (method.getName().equals("downloadFile") && photoLocation().equals(args[3])) {
                        throw new FileTooLargeException("larger than the connector's limit of 65536 bytes", 65_536);
                    }
                    try {
                        return method.invoke(remote, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        Run limited = harness.run("task-files");

        assertEquals(RunStatus.COMPLETED_WITH_ERRORS, limited.status(), String.valueOf(limited.info()));
        assertEquals(1, limited.counts().created());
        assertTrue(limited.info().stream().anyMatch(line -> line.equals(efecteId + ": attachment 'photo.png' of"
                + " attribute 'attachments' not copied: the download from the remote instance failed: larger than"
                + " the connector's limit of 65536 bytes")), String.valueOf(limited.info()));
        assertTrue(localFiles().isEmpty(), "no file of the attribute is copied when one of them can't be");

        harness.remoteUsed = remote;
        Run next = harness.run("task-files");

        assertEquals(RunStatus.SUCCESS, next.status(), String.valueOf(next.info()));
        assertEquals(1, next.counts().updated());
        assertLocalFiles();
    }

    private String photoLocation() {
        return harness.emulator.instance("remote").find(remoteId).orElseThrow().values("attachments").stream()
                .map(ExternalReferenceValue.class::cast).filter(file -> file.name().equals("photo.png"))
                .findFirst().orElseThrow().location();
    }

    private void assertLocalFiles() {
        List<ExternalReferenceValue> files = localFiles();
        assertEquals(List.of("report.pdf", "photo.png"), files.stream().map(ExternalReferenceValue::name).toList());
        assertArrayEquals(report, download(files.get(0)));
        assertArrayEquals(photo, download(files.get(1)));
    }

    private DataCard localCard() {
        return harness.emulator.instance("local").find("incident", "source_key", efecteId).orElseThrow();
    }

    private List<ExternalReferenceValue> localFiles() {
        List<Value> values = localCard().values("attachments");
        return values.stream().map(ExternalReferenceValue.class::cast).toList();
    }

    private byte[] download(ExternalReferenceValue file) {
        return harness.localClient.downloadFile("incident", localCard().id(), "attachments", file.location());
    }
}
