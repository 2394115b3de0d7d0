package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.run.DryRunReport;
import io.cardlink.api.run.DryRunReport.Action;
import io.cardlink.api.run.DryRunReport.AttributeChange;
import io.cardlink.api.run.DryRunReport.CardChange;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunListener;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.store.CacheEntry;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline in dry mode over the emulator: the diff computed as a real run would, nothing written. */
class DryRunTest {

    private static final int REMOTE_PERSONS = 151;

    @TempDir
    Path extractDir;

    private PipelineHarness harness;

    @BeforeEach
    void start() {
        harness = new PipelineHarness(extractDir).with(PipelineHarness.persons(TaskMode.FULL));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aDryRunOfANewTaskReportsEveryCardAsCreateAndWritesNothing() throws Exception {
        List<Run> heard = new ArrayList<>();
        harness.engine.addListener(new RunListener() {
            @Override
            public void runStarted(Run run) {
                heard.add(run);
            }

            @Override
            public void runEnded(Run run) {
                heard.add(run);
            }
        });

        Run dry = harness.dryRun("task-persons");

        assertEquals(RunStatus.SUCCESS, dry.status(), String.valueOf(dry.info()));
        assertTrue(dry.dryRun());
        assertEquals(REMOTE_PERSONS, dry.counts().read());
        assertEquals(REMOTE_PERSONS, dry.counts().created());
        assertEquals(0, harness.emulator.instance("local").counters().cardsWritten());
        assertEquals(0, harness.emulator.instance("local").count("person"));
        assertTrue(harness.stores.caches.getOrDefault("task-persons", Map.of()).isEmpty());
        assertNull(dry.extractFile(), "a dry run keeps no extract file");
        assertTrue(heard.isEmpty(), "run listeners (alerts, metrics) don't hear dry runs");
        assertTrue(harness.stores.latest("task-persons").isEmpty(), "a dry run is never the task's last run");

        Path file = harness.extracts.dryRunFile("task-persons", dry.id());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        DryRunReport report = DryRunFiles.read(file, dry.id(), "task-persons", dry.counts());
        assertEquals(REMOTE_PERSONS, report.creates().size());
        assertEquals(dry.counts(), report.counts());
        Set<String> remoteKeys = harness.emulator.instance("remote").all("person").stream()
                .map(card -> card.text("efecte_id")).collect(Collectors.toSet());
        assertEquals(remoteKeys, report.creates().stream().map(CardChange::key).collect(Collectors.toSet()));
        assertTrue(report.updates().isEmpty() && report.removes().isEmpty());

        Run real = harness.run("task-persons");
        assertEquals(REMOTE_PERSONS, real.counts().created(), "the dry run left the real run everything to do");
    }

    @Test
    void aDryRunReportsTheChangedAttributesWithOldAndNewValuesAndLeavesThemForTheRealRun() {
        harness.run("task-persons");
        List<DataCard> remote = harness.emulator.instance("remote").all("person");
        Map<String, String> oldEmails = new HashMap<>();
        for (DataCard card : remote.subList(0, 3)) {
            oldEmails.put(card.text("efecte_id"), card.text("email"));
            harness.remoteClient.patch("person", card.id(), DataCard.draft("person", null,
                    Map.of("email", List.of(new StringValue("changed-" + card.id() + "@example.test")))));
        }
        Map<String, CacheEntry> cacheBefore = Map.copyOf(harness.stores.caches.get("task-persons"));
        harness.emulator.instance("local").resetCounters();

        Run dry = harness.dryRun("task-persons");

        assertEquals(RunStatus.SUCCESS, dry.status(), String.valueOf(dry.info()));
        assertEquals(3, dry.counts().updated());
        assertEquals(REMOTE_PERSONS - 3, dry.counts().unchanged());
        assertEquals(0, dry.counts().created());
        assertEquals(0, harness.emulator.instance("local").counters().cardsWritten());
        assertEquals(cacheBefore, harness.stores.caches.get("task-persons"));
        DryRunReport report = DryRunFiles.read(harness.extracts.dryRunFile("task-persons", dry.id()), dry.id(),
                "task-persons", dry.counts());
        assertEquals(3, report.updates().size());
        for (CardChange update : report.updates()) {
            assertEquals(Action.UPDATE, update.action());
            assertEquals(1, update.attributes().size(), String.valueOf(update));
            AttributeChange email = update.attributes().get(0);
            assertEquals("email", email.attribute());
            assertEquals(oldEmails.get(update.key()), email.oldValue());
            assertTrue(email.newValue().startsWith("changed-"), email.newValue());
        }

        assertEquals(3, harness.run("task-persons").counts().updated());
    }

    @Test
    void aDryRunAfterAThresholdStopListsTheCardsARealRunWouldMark() {
        harness.run("task-persons");
        List<DataCard> remote = harness.emulator.instance("remote").all("person");
        int gone = remote.size() * 6 / 10;
        for (DataCard card : remote.subList(0, gone)) {
            harness.remoteClient.delete("person", card.id());
        }
        assertEquals(RunStatus.ERROR, harness.run("task-persons").status());
        int failureCards = harness.emulator.instance("local").all("sync_failure").size();
        int cached = harness.stores.caches.get("task-persons").size();
        harness.emulator.instance("local").resetCounters();

        Run dry = harness.dryRun("task-persons");

        assertEquals(RunStatus.SUCCESS, dry.status(), String.valueOf(dry.info()));
        assertEquals(gone, dry.counts().removed());
        assertEquals(0, harness.emulator.instance("local").counters().cardsWritten());
        assertEquals(failureCards, harness.emulator.instance("local").all("sync_failure").size());
        assertEquals(cached, harness.stores.caches.get("task-persons").size());
        DryRunReport report = DryRunFiles.read(harness.extracts.dryRunFile("task-persons", dry.id()), dry.id(),
                "task-persons", dry.counts());
        assertNotNull(report.thresholdStop());
        assertTrue(report.thresholdStop().contains(gone + " of the task's " + remote.size() + " cards")
                && report.thresholdStop().contains("a real run would stop here"), report.thresholdStop());
        assertEquals(remote.subList(0, gone).stream().map(c -> c.text("efecte_id")).collect(Collectors.toSet()),
                report.removes().stream().map(CardChange::key).collect(Collectors.toSet()));
        assertEquals(RunStatus.ERROR, harness.stores.latest("task-persons").orElseThrow().status(),
                "the threshold stop stays the task's last run");
    }

    @Test
    void aDryRunOfAnIncrementalTaskLeavesTheWatermark() {
        harness.with(PipelineHarness.persons(TaskMode.INCREMENTAL));
        harness.run("task-persons");
        String watermark = harness.stores.watermarks.get("task-persons");
        assertNotNull(watermark);

        Run dry = harness.dryRun("task-persons");

        assertEquals(RunStatus.SUCCESS, dry.status(), String.valueOf(dry.info()));
        assertEquals(watermark, harness.stores.watermarks.get("task-persons"));
    }

    @Test
    void aRemoteCardThatCannotBeMappedIsReportedWithItsReason() {
        ScheduledTask persons = PipelineHarness.persons(TaskMode.FULL);
        Mapping byEmail = new Mapping(persons.mapping().targetTemplate(), persons.mapping().targetFolder(),
                List.of(new AttributePair("first_name", "first_name"), new AttributePair("email", "source_key")),
                persons.mapping().taskIdAttribute(), persons.mapping().uniqueKeyAttribute());
        harness.with(new ScheduledTask(persons.id(), persons.connectorId(), persons.name(), true,
                persons.schedule(), TaskMode.FULL, null, persons.remoteTemplate(), persons.remoteFolder(), byEmail,
                persons.removal(), persons.failureCard(), null, null));
        DataCard card = harness.emulator.instance("remote").all("person").get(0);
        harness.remoteClient.patch("person", card.id(), DataCard.draft("person", null,
                Map.of("email", List.of())));

        Run dry = harness.dryRun("task-persons");

        assertEquals(1, dry.counts().failed(), String.valueOf(dry.info()));
        assertEquals(REMOTE_PERSONS - 1, dry.counts().created());
        DryRunReport report = DryRunFiles.read(harness.extracts.dryRunFile("task-persons", dry.id()), dry.id(),
                "task-persons", dry.counts());
        assertEquals(1, report.problemCount());
        assertEquals(card.text("efecte_id"), report.problems().get(0).key());
        assertTrue(report.problems().get(0).reason().contains("no value for the unique key"),
                report.problems().get(0).reason());
    }

    @Test
    void aFileCutShortByAStoppedNodeGivesWhatItHolds() throws Exception {
        Run dry = harness.dryRun("task-persons");
        Path file = harness.extracts.dryRunFile("task-persons", dry.id());
        String json = Files.readString(file);
        int tenthCard = 0;
        for (int i = 0; i < 10; i++) {
            tenthCard = json.indexOf("\"action\"", tenthCard + 1);
        }
        Files.writeString(file, json.substring(0, tenthCard));

        DryRunReport report = DryRunFiles.read(file, dry.id(), "task-persons", dry.counts());

        assertEquals(9, report.creates().size());
        assertEquals(dry.counts(), report.counts());
    }
}
