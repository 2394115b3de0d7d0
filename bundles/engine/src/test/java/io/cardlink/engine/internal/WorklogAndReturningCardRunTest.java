package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.card.WorklogValue;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import io.cardlink.emulator.EmulatorInstance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs over the emulator's two instances: worklogs that grow, and cards marked removed that come back. */
class WorklogAndReturningCardRunTest {

    @TempDir
    Path extractDir;

    private PipelineHarness harness;
    private EmulatorInstance remote;
    private EmulatorInstance local;

    @BeforeEach
    void start() {
        harness = new PipelineHarness(extractDir).with(PipelineHarness.persons(TaskMode.FULL))
                .with(withWorklog(PipelineHarness.incidents()));
        remote = harness.emulator.instance("remote");
        local = harness.emulator.instance("local");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aWorklogThatGrewByOneEntryGetsExactlyThatEntryWithItsAuthorAndDate() {
        harness.run("task-persons");
        Run first = harness.run("task-incidents");
        assertEquals(RunStatus.SUCCESS, first.status(), String.valueOf(first.info()));
        DataCard source = remote.all("incident").stream().filter(c -> c.values("worklog").size() == 1)
                .filter(c -> "Technician on the way.".equals(c.text("worklog"))).findFirst().orElseThrow();
        assertEquals(List.of("[Anna Admin, 2025-01-15T09:00:00Z] Technician on the way."), texts(localCopy(source)));
        int entriesBefore = localEntries();
        assertEquals(remoteEntries(), entriesBefore, "every entry of every card once");

        harness.remoteClient.patch("incident", source.id(), DataCard.draft("incident", null,
                Map.of("worklog", List.of(WorklogValue.of("Customer called back.")))));
        WorklogValue added = (WorklogValue) remote.find(source.id()).orElseThrow().values("worklog").get(0);
        Run second = harness.run("task-incidents");

        assertEquals(RunStatus.SUCCESS, second.status(), String.valueOf(second.info()));
        assertEquals(1, second.counts().updated());
        assertEquals(List.of("[" + added.author() + ", " + added.date() + "] Customer called back.",
                "[Anna Admin, 2025-01-15T09:00:00Z] Technician on the way."), texts(localCopy(source)));
        assertEquals(entriesBefore + 1, localEntries());

        // every card written again (the cache cleared), and no worklog entry sent again
        harness.engine.clear("task-incidents");
        Run third = harness.run("task-incidents");
        assertEquals(RunStatus.SUCCESS, third.status(), String.valueOf(third.info()));
        assertEquals(remote.count("incident"), third.counts().updated());
        assertEquals(entriesBefore + 1, localEntries());
    }

    @Test
    void aCardMarkedRemovedThatComesBackKeepsItsRemovedStatusAndIsNamed() {
        harness.run("task-persons");
        DataCard person = remote.all("person").get(5);
        String key = person.text("efecte_id");
        harness.remoteClient.delete("person", person.id());
        assertEquals(1, harness.run("task-persons").counts().removed());

        remote.put(withEmail(person, "back@example.test"));
        Run back = harness.run("task-persons");

        assertEquals(RunStatus.SUCCESS, back.status(), String.valueOf(back.info()));
        DataCard returned = local.find("person", "source_key", key).orElseThrow();
        assertEquals("99 - Removed", returned.text("status"));
        assertEquals("back@example.test", returned.text("email"), "its other attributes are updated");
        assertTrue(back.info().contains("1 card(s) marked removed came back at the remote instance and keep their"
                + " removed status (the task does not reactivate returning cards): " + key), String.valueOf(back.info()));

        Run again = harness.run("task-persons");
        assertEquals(remote.count("person"), again.counts().unchanged());
        assertFalse(String.valueOf(again.info()).contains("came back"), String.valueOf(again.info()));

        // gone again, nothing to mark; back again, named again
        harness.remoteClient.delete("person", person.id());
        assertEquals(0, harness.run("task-persons").counts().removed());
        remote.put(withEmail(person, "back.again@example.test"));
        Run backAgain = harness.run("task-persons");
        assertTrue(String.valueOf(backAgain.info()).contains("came back at the remote instance and keep their removed"
                + " status (the task does not reactivate returning cards): " + key), String.valueOf(backAgain.info()));
        assertEquals("99 - Removed", local.find("person", "source_key", key).orElseThrow().text("status"));
    }

    @Test
    void withTheOptionOnACardThatComesBackIsReactivated() {
        ScheduledTask persons = PipelineHarness.persons(TaskMode.FULL);
        harness.with(new ScheduledTask(persons.id(), persons.connectorId(), persons.name(), true, persons.schedule(),
                persons.mode(), null, persons.remoteTemplate(), persons.remoteFolder(), persons.mapping(),
                new RemovalPolicy("status", "99 - Removed", RemovalPolicy.DEFAULT_THRESHOLD_PERCENT, true),
                persons.failureCard(), null, null));
        harness.run("task-persons");
        List<DataCard> gone = remote.all("person").subList(10, 13);
        for (DataCard person : gone) {
            harness.remoteClient.delete("person", person.id());
        }
        assertEquals(3, harness.run("task-persons").counts().removed());

        gone.forEach(remote::put);
        Run back = harness.run("task-persons");

        assertEquals(RunStatus.SUCCESS, back.status(), String.valueOf(back.info()));
        for (DataCard person : gone) {
            assertEquals(person.text("status"), local.find("person", "source_key", person.text("efecte_id"))
                    .orElseThrow().text("status"));
        }
        String message = back.info().stream().filter(line -> line.contains("came back")).findFirst().orElseThrow();
        assertTrue(message.startsWith("3 card(s) marked removed came back at the remote instance and were"
                + " reactivated: "), message);
        gone.forEach(person -> assertTrue(message.contains(person.text("efecte_id")), message));
    }

    @Test
    void theRunNamesAtMostTwentyReturningCardsAndCountsThemAll() {
        ScheduledTask persons = PipelineHarness.persons(TaskMode.FULL);
        harness.run("task-persons");
        List<DataCard> gone = remote.all("person").subList(0, 25);
        for (DataCard person : gone) {
            harness.remoteClient.delete("person", person.id());
        }
        assertEquals(25, harness.run("task-persons").counts().removed());
        gone.forEach(remote::put);

        Run back = harness.run(persons.id());

        String message = back.info().stream().filter(line -> line.contains("came back")).findFirst().orElseThrow();
        assertTrue(message.startsWith("25 card(s) marked removed came back"), message);
        assertEquals(ReturningCards.NAMED, message.substring(message.indexOf(": ") + 2).split(", ").length - 1,
                message);
        assertTrue(message.endsWith(", ..."), message);
    }

    private DataCard localCopy(DataCard source) {
        return local.find("incident", "source_key", source.text("efecte_id")).orElseThrow();
    }

    private int localEntries() {
        return local.all("incident").stream().mapToInt(c -> c.values("worklog").size()).sum();
    }

    private int remoteEntries() {
        return remote.all("incident").stream().mapToInt(c -> c.values("worklog").size()).sum();
    }

    private static List<String> texts(DataCard card) {
        return card.values("worklog").stream().map(Value::displayText).toList();
    }

    private static DataCard withEmail(DataCard card, String email) {
        Map<String, List<Value>> attributes = new LinkedHashMap<>(card.attributes());
        attributes.put("email", List.of(new StringValue(email)));
        return new DataCard(card.id(), card.templateCode(), card.folderCode(), card.name(), false, false, attributes);
    }

    private static ScheduledTask withWorklog(ScheduledTask incidents) {
        Mapping mapping = incidents.mapping();
        List<AttributePair> pairs = new ArrayList<>(mapping.pairs());
        pairs.add(new AttributePair("worklog", "worklog"));
        return new ScheduledTask(incidents.id(), incidents.connectorId(), incidents.name(), true,
                incidents.schedule(), incidents.mode(), null, incidents.remoteTemplate(), incidents.remoteFolder(),
                new Mapping(mapping.targetTemplate(), mapping.targetFolder(), pairs, mapping.taskIdAttribute(),
                        mapping.uniqueKeyAttribute()), incidents.removal(), null, null, null);
    }
}
