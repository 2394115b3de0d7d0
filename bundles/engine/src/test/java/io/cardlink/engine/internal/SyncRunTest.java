package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.WriteOutcome;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunListener;
import io.cardlink.api.run.RunFailure;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncRunTest {

    private static final int REMOTE_PERSONS = 151;
    private static final int REMOTE_INCIDENTS = 301;

    @TempDir
    Path extractDir;

    private PipelineHarness harness;

    @BeforeEach
    void start() {
        harness = new PipelineHarness(extractDir).with(PipelineHarness.persons(TaskMode.FULL))
                .with(PipelineHarness.incidents());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void everyRemoteCardLandsMappedAndASecondRunWritesNothing() throws Exception {
        Run first = harness.run("task-persons");

        assertEquals(RunStatus.SUCCESS, first.status(), String.valueOf(first.info()));
        assertEquals(REMOTE_PERSONS, first.counts().read());
        assertEquals(REMOTE_PERSONS, first.counts().created());
        assertEquals(REMOTE_PERSONS, harness.emulator.instance("local").count("person"));
        DataCard source = harness.emulator.instance("remote").all("person").get(7);
        DataCard loaded = harness.emulator.instance("local")
                .find("person", "source_key", source.text("efecte_id")).orElseThrow();
        assertEquals(source.text("first_name"), loaded.text("first_name"));
        assertEquals(source.text("email"), loaded.text("email"));
        assertEquals(((StaticValue) source.first("department").orElseThrow()).code(),
                ((StaticValue) loaded.first("department").orElseThrow()).code());
        assertEquals("task-persons", loaded.text("cardlink_task_id"));
        assertEquals(RunStatus.SUCCESS, first.extract().status());
        assertEquals(RunStatus.SUCCESS, first.load().status());

        JsonNode extract = new ObjectMapper().readTree(harness.extracts.find(first.extractFile()).orElseThrow()
                .toFile());
        assertEquals(REMOTE_PERSONS, extract.get("cards").size());
        assertTrue(extract.get("complete").asBoolean());

        harness.emulator.instance("local").resetCounters();
        Run second = harness.run("task-persons");

        assertEquals(RunStatus.SUCCESS, second.status());
        assertEquals(REMOTE_PERSONS, second.counts().unchanged());
        assertEquals(0, harness.emulator.instance("local").counters().cardsWritten());
    }

    @Test
    void listenersHearARunStartAndEndWithItsFinalRecordEvenWhenOneOfThemFails() {
        List<String> heard = new ArrayList<>();
        harness.engine.addListener(run -> {
            throw new IllegalStateException("a broken listener");
        });
        harness.engine.addListener(new RunListener() {
            @Override
            public void runStarted(Run run) {
                heard.add("started " + run.status());
            }

            @Override
            public void runEnded(Run run) {
                heard.add("ended " + run.status() + " " + run.counts().created());
            }
        });

        Run run = harness.run("task-persons");

        assertEquals(RunStatus.SUCCESS, run.status());
        assertEquals(List.of("started RUNNING", "ended SUCCESS " + REMOTE_PERSONS), heard);
    }

    @Test
    void theTaskNameGoesIntoItsAttributeBesideTheTaskId() {
        ScheduledTask persons = PipelineHarness.persons(TaskMode.FULL);
        Mapping m = persons.mapping();
        harness.with(new ScheduledTask(persons.id(), persons.connectorId(), "HR persons", true, persons.schedule(),
                persons.mode(), null, persons.remoteTemplate(), persons.remoteFolder(), new Mapping(m.targetTemplate(),
                        m.targetFolder(), m.pairs(), m.taskIdAttribute(), m.uniqueKeyAttribute(), "datasourceid"),
                persons.removal(), persons.failureCard(), null, null));

        Run run = harness.run("task-persons");

        assertEquals(RunStatus.SUCCESS, run.status(), String.valueOf(run.info()));
        List<DataCard> loaded = harness.emulator.instance("local").all("person");
        assertEquals(REMOTE_PERSONS, loaded.size());
        for (DataCard card : loaded) {
            assertEquals("HR persons", card.text("datasourceid"));
            assertEquals("task-persons", card.text("cardlink_task_id"));
        }
    }

    @Test
    void progressIsSavedPageByPageWhileRunning() {
        harness.run("task-persons");
        Run run = harness.run("task-incidents");

        assertEquals(RunStatus.SUCCESS, run.status(), String.valueOf(run.info()));
        List<Long> readWhileRunning = harness.stores.updates.stream()
                .filter(r -> r.status() == RunStatus.RUNNING).map(r -> r.counts().read()).toList();
        assertTrue(readWhileRunning.contains((long) SyncRun.PAGE_SIZE), String.valueOf(readWhileRunning));
    }

    @Test
    void aRemoteReferenceBecomesAReferenceToTheLocalCardWithTheSameKey() {
        harness.run("task-persons");
        Run incidents = harness.run("task-incidents");

        assertEquals(RunStatus.SUCCESS, incidents.status(), String.valueOf(incidents.info()));
        DataCard remoteIncident = harness.emulator.instance("remote").all("incident").stream()
                .filter(c -> c.first("customer").isPresent()).findFirst().orElseThrow();
        ReferenceValue remoteCustomer = (ReferenceValue) remoteIncident.first("customer").orElseThrow();
        String personKey = harness.emulator.instance("remote").find(remoteCustomer.dataCardId()).orElseThrow()
                .text("efecte_id");
        DataCard localIncident = harness.emulator.instance("local")
                .find("incident", "source_key", remoteIncident.text("efecte_id")).orElseThrow();
        String localPersonId = ((ReferenceValue) localIncident.first("customer").orElseThrow()).dataCardId();
        assertEquals(personKey, harness.emulator.instance("local").find(localPersonId).orElseThrow()
                .text("source_key"));
    }

    @Test
    void changedCardsAreUpdatedAndCardsGoneFromTheRemoteAreMarkedRemoved() {
        harness.run("task-persons");
        List<DataCard> remote = harness.emulator.instance("remote").all("person");
        for (DataCard card : remote.subList(0, 3)) {
            harness.remoteClient.patch("person", card.id(), DataCard.draft("person", null,
                    Map.of("email", List.of(new StringValue("changed-" + card.id() + "@example.test")))));
        }
        for (DataCard card : remote.subList(3, 5)) {
            harness.remoteClient.delete("person", card.id());
        }

        Run run = harness.run("task-persons");

        assertEquals(RunStatus.SUCCESS, run.status(), String.valueOf(run.info()));
        assertEquals(3, run.counts().updated());
        assertEquals(0, run.counts().created());
        assertEquals(2, run.counts().removed());
        DataCard gone = harness.emulator.instance("local")
                .find("person", "source_key", remote.get(3).text("efecte_id")).orElseThrow();
        assertEquals("99 - Removed", gone.text("status"));
        assertEquals("changed-" + remote.get(0).id() + "@example.test", harness.emulator.instance("local")
                .find("person", "source_key", remote.get(0).text("efecte_id")).orElseThrow().text("email"));
    }

    @Test
    void theThresholdStopsMassRemovalsUntilConfirmed() {
        harness.run("task-persons");
        List<DataCard> remote = harness.emulator.instance("remote").all("person");
        int gone = remote.size() * 6 / 10;
        for (DataCard card : remote.subList(0, gone)) {
            harness.remoteClient.delete("person", card.id());
        }

        Run refused = harness.run("task-persons");

        assertEquals(RunStatus.ERROR, refused.status());
        assertEquals(0, refused.counts().removed());
        assertTrue(refused.info().stream().anyMatch(m -> m.contains("removal threshold of 30%")),
                String.valueOf(refused.info()));
        assertEquals(RunFailure.REMOVAL_THRESHOLD, refused.failure());
        List<DataCard> failureCards = harness.emulator.instance("local").all("sync_failure");
        assertEquals(1, failureCards.size(), "a threshold stop writes the failure card");
        assertTrue(failureCards.get(0).text("message").contains("removal threshold of 30%"),
                failureCards.get(0).text("message"));
        assertEquals(0, harness.emulator.instance("local").all("person").stream()
                .filter(c -> "99 - Removed".equals(c.text("status"))).count());

        Run confirmed = harness.run("task-persons", () -> false, true);

        assertEquals(RunStatus.SUCCESS, confirmed.status(), String.valueOf(confirmed.info()));
        assertEquals(gone, confirmed.counts().removed());
    }

    @Test
    void anIncrementalTaskReadsOnlyWhatChangedSinceItsWatermark() throws InterruptedException {
        harness.with(PipelineHarness.persons(TaskMode.INCREMENTAL));
        // The emulator's write clock runs a little ahead of the wall clock after generating its cards; a run
        // re-reads changes newer than its own start, so let the wall clock catch up first.
        java.time.Instant newest = harness.emulator.instance("remote").all("person").stream()
                .map(this::changedAt).max(java.util.Comparator.naturalOrder()).orElseThrow();
        awaitTheSecondAfter(newest);
        // The gateway's lower bound is cut to whole seconds: one card changed alone in a later second makes the
        // watermark's second hold that card only.
        DataCard marker = harness.emulator.instance("remote").all("person").get(0);
        harness.remoteClient.patch("person", marker.id(), DataCard.draft("person", null,
                Map.of("last_name", List.of(new StringValue("Marker")))));
        awaitTheSecondAfter(changedAt(harness.emulator.instance("remote").find(marker.id()).orElseThrow()));
        Run first = harness.run("task-persons");
        assertEquals(REMOTE_PERSONS, first.counts().read());
        assertNotNull(harness.stores.watermarks.get("task-persons"));
        DataCard changed = harness.emulator.instance("remote").all("person").get(10);
        harness.remoteClient.patch("person", changed.id(), DataCard.draft("person", null,
                Map.of("last_name", List.of(new StringValue("Changed")))));

        Run second = harness.run("task-persons");

        assertEquals(RunStatus.SUCCESS, second.status(), String.valueOf(second.info()));
        // the lower bound is inclusive: the card at the previous watermark comes again and is dropped as unchanged
        assertTrue(second.counts().read() <= 2, String.valueOf(second.counts()));
        assertEquals(second.counts().read() - 1, second.counts().unchanged());
        assertEquals(1, second.counts().updated());
        assertEquals(0, second.counts().removed());
    }

    @Test
    void aTypeThatOnlyReadsWhatChangedLoadsEveryCardOnItsFirstRunAndOnlyTheChangesAfter() throws InterruptedException {
        harness.with(PipelineHarness.persons(TaskMode.INCREMENTAL));
        harness.remoteUsed = FarSideSubset.of(harness.remote, EnumSet.of(Capability.READ_INCREMENTAL));
        awaitTheSecondAfter(harness.emulator.instance("remote").all("person").stream().map(this::changedAt)
                .max(java.util.Comparator.naturalOrder()).orElseThrow());
        // alone in its second, as in the test above: the watermark's second then holds this card only
        DataCard marker = harness.emulator.instance("remote").all("person").get(0);
        harness.remoteClient.patch("person", marker.id(), DataCard.draft("person", null,
                Map.of("last_name", List.of(new StringValue("Marker")))));
        awaitTheSecondAfter(changedAt(harness.emulator.instance("remote").find(marker.id()).orElseThrow()));

        Run first = harness.run("task-persons");

        assertEquals(RunStatus.SUCCESS, first.status(), String.valueOf(first.info()));
        assertEquals(REMOTE_PERSONS, first.counts().read());
        assertEquals(REMOTE_PERSONS, first.counts().created());
        DataCard changed = harness.emulator.instance("remote").all("person").get(10);
        harness.remoteClient.patch("person", changed.id(), DataCard.draft("person", null,
                Map.of("last_name", List.of(new StringValue("Changed")))));

        Run second = harness.run("task-persons");

        assertEquals(RunStatus.SUCCESS, second.status(), String.valueOf(second.info()));
        assertEquals(2, second.counts().read(), "the marker at the watermark and the changed card: "
                + second.counts());
        assertEquals(1, second.counts().unchanged());
        assertEquals(1, second.counts().updated());
        assertEquals("Changed", harness.emulator.instance("local")
                .find("person", "source_key", changed.text("efecte_id")).orElseThrow().text("last_name"));
    }

    /** When the remote instance last changed the card: CoreProIGA's change mark is that time. */
    private java.time.Instant changedAt(DataCard card) {
        return java.time.Instant.parse(harness.remote.changeMark(card));
    }

    private static void awaitTheSecondAfter(java.time.Instant instant) throws InterruptedException {
        java.time.Instant next = instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        while (!java.time.Instant.now().isAfter(next)) {
            Thread.sleep(20);
        }
    }

    @Test
    void clearingTheCacheLoadsEveryCardAgainWithoutDuplicates() {
        harness.run("task-persons");
        harness.stores.saveWatermark("task-persons", "2026-01-01T00:00:00Z");

        assertEquals(REMOTE_PERSONS, harness.engine.clear("task-persons"));
        Run again = harness.run("task-persons");

        assertEquals(REMOTE_PERSONS, again.counts().updated());
        assertEquals(0, again.counts().created());
        assertEquals(REMOTE_PERSONS, harness.emulator.instance("local").count("person"));
        assertEquals("2026-01-01T00:00:00Z", harness.stores.watermarks.get("task-persons"));
    }

    @Test
    void aStopEndsTheRunBetweenPagesWithoutRemovals() {
        harness.run("task-persons");
        harness.run("task-incidents");
        AtomicInteger asked = new AtomicInteger();

        Run stopped = harness.run("task-incidents", () -> asked.incrementAndGet() >= 1, false);

        assertEquals(RunStatus.STOPPED, stopped.status());
        assertEquals(SyncRun.PAGE_SIZE, stopped.counts().read());
        assertEquals(0, stopped.counts().removed());
        assertEquals(REMOTE_INCIDENTS, harness.emulator.instance("local").count("incident"));
    }

    @Test
    void anUnreachableRemoteFailsTheRunAndWritesAFailureCard() {
        harness.remoteUsed = EmulatorGateways.of("http://127.0.0.1:9", PipelineHarness.API);

        Run failed = harness.run("task-persons");

        assertEquals(RunStatus.ERROR, failed.status());
        assertEquals(RunStatus.ERROR, failed.extract().status());
        assertEquals(RunFailure.UNREACHABLE, failed.failure());
        List<DataCard> failures = harness.emulator.instance("local").all("sync_failure");
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).text("message").contains("Persons"), failures.get(0).text("message"));
    }

    @Test
    void aCardTheLocalInstanceRefusesIsRecordedAndTheRunGoesOn() {
        DataCard refused = harness.emulator.instance("remote").all("person").get(42);
        harness.localUsed = refusing(harness.local, refused.text("efecte_id"));

        Run run = harness.run("task-persons");

        assertEquals(RunStatus.COMPLETED_WITH_ERRORS, run.status());
        assertEquals(1, run.counts().failed());
        List<DataCard> failureCards = harness.emulator.instance("local").all("sync_failure");
        assertEquals(1, failureCards.size(), "a run completed with errors writes the failure card");
        assertTrue(failureCards.get(0).text("message").contains("completed with errors (1 card(s) failed)"),
                failureCards.get(0).text("message"));
        assertEquals(REMOTE_PERSONS - 1, run.counts().created());
        assertTrue(run.info().stream().anyMatch(m -> m.startsWith(refused.text("efecte_id") + ": refused")
                && m.contains("no such value")), String.valueOf(run.info()));
        assertFalse(harness.stores.find("task-persons", List.of(refused.text("efecte_id"))).containsKey(
                refused.text("efecte_id")));
    }

    /** The local instance, refusing the card with one unique key as a server refuses an invalid value. */
    static InstanceGateway refusing(InstanceGateway local, String key) {
        return (InstanceGateway) Proxy.newProxyInstance(SyncRunTest.class.getClassLoader(),
                new Class<?>[] {InstanceGateway.class}, (proxy, method, args) -> {
                    if (!"upsert".equals(method.getName())) {
                        return method.invoke(local, args);
                    }
                    @SuppressWarnings("unchecked")
                    List<DataCard> cards = (List<DataCard>) args[1];
                    List<DataCard> accepted = new ArrayList<>();
                    cards.stream().filter(c -> !key.equals(c.text("source_key"))).forEach(accepted::add);
                    List<WriteOutcome> written = local.upsert((String) args[0], accepted);
                    List<WriteOutcome> outcomes = new ArrayList<>();
                    int next = 0;
                    for (int i = 0; i < cards.size(); i++) {
                        if (key.equals(cards.get(i).text("source_key"))) {
                            outcomes.add(new WriteOutcome(i, null, false, "status: no such value"));
                        } else {
                            WriteOutcome outcome = written.get(next++);
                            outcomes.add(new WriteOutcome(i, outcome.id(), outcome.created(), outcome.error()));
                        }
                    }
                    return outcomes;
                });
    }

    @Test
    void aRemoteCardHoldingWhatTheLinkedEventTaskJustWroteIsAnEchoAndIsNotLoadedAgain() {
        // the event task writes local persons back to the remote ones, keyed as the scheduled task reads them
        io.cardlink.api.task.Mapping back = new io.cardlink.api.task.Mapping("person", "persons", List.of(
                new io.cardlink.api.task.AttributePair("source_key", "efecte_id")), "cardlink_task_id", "efecte_id");
        io.cardlink.api.task.EventTask push = new io.cardlink.api.task.EventTask("task-push", "connector", "Push",
                "person", null, "person", "persons", back, List.of(), null, null);
        harness.eventTasks.add(push);
        assertEquals(RunStatus.SUCCESS, harness.run("task-persons").status());
        List<DataCard> remotePersons = harness.emulator.instance("remote").all("person");
        DataCard echoed = remotePersons.get(7);
        DataCard changed = remotePersons.get(8);
        for (DataCard card : List.of(echoed, changed)) {
            harness.remoteClient.patch("person", card.id(), DataCard.draft("person", null,
                    Map.of("email", List.of(new StringValue("new." + card.text("efecte_id") + "@example.com")))));
        }
        // what the event task wrote: the card's attributes as the scheduled task reads them
        DataCard written = harness.emulator.instance("remote").find(echoed.id()).orElseThrow();
        Map<String, List<io.cardlink.api.card.Value>> attributes = new java.util.LinkedHashMap<>();
        for (String code : List.of("efecte_id", "first_name", "last_name", "email", "department", "status")) {
            attributes.put(code, written.values(code));
        }
        harness.guard.written(push, DataCard.draft("person", "persons", attributes));
        harness.emulator.instance("local").resetCounters();

        Run second = harness.run("task-persons");

        assertEquals(RunStatus.SUCCESS, second.status(), String.valueOf(second.info()));
        assertEquals(1, second.counts().updated(), "only the card changed in the remote instance is loaded");
        assertEquals(1, harness.emulator.instance("local").counters().cardsUpdated());
        assertEquals(echoed.text("email"), harness.emulator.instance("local")
                .find("person", "source_key", echoed.text("efecte_id")).orElseThrow().text("email"));
        assertTrue(second.info().stream().anyMatch(line -> line.contains("echoes of what event task 'Push' wrote")
                && line.contains(echoed.text("efecte_id"))), String.valueOf(second.info()));
        assertEquals(REMOTE_PERSONS, harness.ledger.count(io.cardlink.api.mapping.Direction.READ),
                "what the runs loaded from the remote cards of the link is in the ledger");

        harness.emulator.instance("local").resetCounters();
        Run third = harness.run("task-persons");
        assertEquals(REMOTE_PERSONS, third.counts().unchanged());
        assertEquals(0, harness.emulator.instance("local").counters().cardsWritten());
    }
}
