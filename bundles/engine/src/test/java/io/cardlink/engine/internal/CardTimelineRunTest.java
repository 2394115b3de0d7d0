package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.task.TaskMode;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardEventKind;
import io.cardlink.api.timeline.CardLookup;
import io.cardlink.api.timeline.CardTimeline;
import io.cardlink.api.timeline.LastSeen;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runs of a scheduled task put in the card timelines, and how they are read. */
class CardTimelineRunTest {

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
    void aCardIsCreatedUpdatedAndMarkedRemovedByItsRunsAndACompleteReadMovesLastSeen() {
        List<DataCard> remote = harness.emulator.instance("remote").all("person");
        DataCard card = remote.get(3);
        String key = card.text("efecte_id");

        Run first = harness.run("task-persons");
        assertEquals(REMOTE_PERSONS, harness.timeline.events.size(), "one entry per created card");
        assertEquals(1, harness.timeline.batches, "a page of 151 cards is one batch");
        CardEvent created = harness.timeline.of(key).get(0);
        assertEquals(CardEventKind.CREATED, created.kind());
        assertEquals(Direction.READ, created.direction());
        assertEquals(first.id(), created.runId());
        assertEquals("task-persons", created.taskId());
        assertEquals("connector", created.connectorId());
        assertEquals(card.id(), created.remoteId());
        String localId = harness.emulator.instance("local").find("person", "source_key", key).orElseThrow().id();
        assertEquals(localId, created.localId());
        assertEquals(List.of("department", "email", "first_name", "last_name", "source_key", "status"),
                created.attributes());
        assertEquals(first.id(), harness.timeline.completeReads.get("task-persons").runId(),
                "the full run read every card and marked what was gone");
        assertEquals(first.id(), lastSeen(key).get(0).runId());

        Run unchanged = harness.run("task-persons");
        assertEquals(0, unchanged.counts().created() + unchanged.counts().updated());
        assertEquals(REMOTE_PERSONS, harness.timeline.events.size(), "an unchanged read adds no entry");
        assertEquals(1, harness.timeline.completeReads.size(), "one complete read per task, whatever the cards");
        assertEquals(unchanged.id(), lastSeen(key).get(0).runId(), "the complete read moves the last seen");
        assertTrue(lastSeen(key).get(0).at().isAfter(created.at()));

        harness.remoteClient.patch("person", card.id(), DataCard.draft("person", null,
                Map.of("email", List.of(new StringValue("moved@example.test")))));
        Run changed = harness.run("task-persons");
        assertEquals(1, changed.counts().updated());
        CardEvent updated = harness.timeline.of(key).get(1);
        assertEquals(CardEventKind.UPDATED, updated.kind());
        assertEquals(changed.id(), updated.runId());
        assertEquals(localId, updated.localId());

        harness.remoteClient.delete("person", card.id());
        Run removal = harness.run("task-persons");
        assertEquals(1, removal.counts().removed());
        CardEvent removed = harness.timeline.of(key).get(2);
        assertEquals(CardEventKind.REMOVED, removed.kind());
        assertEquals(removal.id(), removed.runId());
        assertEquals(localId, removed.localId());
        assertTrue(removed.message().contains("99 - Removed"), removed.message());
        assertEquals(REMOTE_PERSONS + 2, harness.timeline.events.size());
        assertEquals(changed.id(), lastSeen(key).get(0).runId(), "a removal is no sighting");
    }

    private List<LastSeen> lastSeen(String key) {
        return CardTimelines.lastSeen(harness.timeline.completeReads("connector"), harness.timeline.of(key));
    }

    @Test
    void aCardTheLocalInstanceRefusesHasTheRefusalInItsTimeline() {
        DataCard refused = harness.emulator.instance("remote").all("person").get(42);
        harness.localUsed = SyncRunTest.refusing(harness.local, refused.text("efecte_id"));

        Run run = harness.run("task-persons");

        assertEquals(RunStatus.COMPLETED_WITH_ERRORS, run.status());
        CardEvent refusal = harness.timeline.of(refused.text("efecte_id")).get(0);
        assertEquals(CardEventKind.REFUSED, refusal.kind());
        assertTrue(refusal.message().startsWith("refused by the local instance: "), refusal.message());
        assertEquals(refused.id(), refusal.remoteId());
    }

    @Test
    void theServiceFindsACardByKeyLocalIdOrRemoteIdInAConnectorNamedByIdOrName() {
        MemoryConnectors connectors = new MemoryConnectors();
        Connector connector = connectors.create(new Connector("connector", "Demo", "coreproiga", null, Map.of(),
                null, null, null));
        CardTimelines timelines = new CardTimelines(connectors, harness.timeline);
        harness.run("task-persons");
        DataCard card = harness.emulator.instance("remote").all("person").get(0);
        String key = card.text("efecte_id");
        String localId = harness.emulator.instance("local").find("person", "source_key", key).orElseThrow().id();

        CardTimeline byKey = timelines.timeline("Demo", CardLookup.KEY, key);
        assertEquals(key, byKey.cardKey());
        assertEquals(List.of(CardEventKind.CREATED), byKey.events().stream().map(CardEvent::kind).toList());
        assertEquals(1, byKey.lastSeen().size());
        assertEquals(byKey, timelines.timeline(connector.id(), CardLookup.LOCAL_ID, localId));
        assertEquals(byKey, timelines.timeline("Demo", CardLookup.REMOTE_ID, card.id()));
        CardTimeline unknown = timelines.timeline("Demo", CardLookup.REMOTE_ID, "no-such-card");
        assertEquals(List.of(), unknown.events());
        assertEquals(null, unknown.cardKey());

        assertThrows(NotFoundException.class, () -> timelines.timeline("Nope", CardLookup.KEY, key));
        ValidationException blank = assertThrows(ValidationException.class,
                () -> timelines.timeline("Demo", CardLookup.LOCAL_ID, " "));
        assertEquals("localId", blank.problems().get(0).field());
    }
}
