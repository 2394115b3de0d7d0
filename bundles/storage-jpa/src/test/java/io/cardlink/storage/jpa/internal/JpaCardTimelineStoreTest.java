package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ValidationException;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardEventKind;
import io.cardlink.api.timeline.CardLookup;
import io.cardlink.api.timeline.LastSeen;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JpaCardTimelineStoreTest extends StoreTestBase {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void aCardsEntriesComeBackInTheOrderTheyWereWrittenWithEverything() {
        timelines.record(List.of(read("c1", "K-1", CardEventKind.CREATED, T0, "run-1"),
                read("c1", "K-2", CardEventKind.CREATED, T0, "run-1")));
        timelines.record(List.of(read("c1", "K-1", CardEventKind.UPDATED, T0.plusSeconds(60), "run-2")));
        timelines.record(List.of(new CardEvent("c1", "push", Direction.WRITE, "K-1", "L-K-1", "R-9",
                T0.plusSeconds(61), CardEventKind.WRITTEN, null, "op-1", "Close ticket", List.of(), "update")));
        timelines.record(List.of(read("c2", "K-1", CardEventKind.REMOVED, T0.plusSeconds(62), "run-3")));

        List<CardEvent> events = timelines.find("c1", "K-1", 100);
        assertEquals(List.of(CardEventKind.CREATED, CardEventKind.UPDATED, CardEventKind.WRITTEN),
                events.stream().map(CardEvent::kind).toList());
        assertEquals(read("c1", "K-1", CardEventKind.CREATED, T0, "run-1"), events.get(0));
        CardEvent written = events.get(2);
        assertEquals("op-1", written.operationId());
        assertEquals("Close ticket", written.workflow());
        assertEquals("R-9", written.remoteId());
        // only the newest, still oldest first
        assertEquals(List.of(CardEventKind.UPDATED, CardEventKind.WRITTEN),
                timelines.find("c1", "K-1", 2).stream().map(CardEvent::kind).toList());
    }

    @Test
    void aCardIsFoundByItsLocalOrRemoteId() {
        timelines.record(List.of(read("c1", "K-1", CardEventKind.CREATED, T0, "run-1")));

        assertEquals(Optional.of("K-1"), timelines.keyOf("c1", CardLookup.LOCAL_ID, "L-K-1"));
        assertEquals(Optional.of("K-1"), timelines.keyOf("c1", CardLookup.REMOTE_ID, "R-K-1"));
        assertEquals(Optional.empty(), timelines.keyOf("c2", CardLookup.REMOTE_ID, "R-K-1"));
        assertEquals(Optional.empty(), timelines.keyOf("c1", CardLookup.LOCAL_ID, "R-K-1"));
    }

    @Test
    void aTaskKeepsItsNewestCompleteReadWhichGoesWithTheTask() {
        String connector = newConnector("Timeline");
        String persons = tasks.createScheduled(Fixtures.scheduled(connector, "Persons")).id();
        String groups = tasks.createScheduled(Fixtures.scheduled(connector, "Groups")).id();

        timelines.completeRead(persons, "run-1", T0);
        timelines.completeRead(persons, "run-2", T0.plusSeconds(60));
        timelines.completeRead(groups, "run-3", T0.plusSeconds(30));

        assertEquals(Set.of(new LastSeen(persons, T0.plusSeconds(60), "run-2"), new LastSeen(groups,
                T0.plusSeconds(30), "run-3")), Set.copyOf(timelines.completeReads(connector)));
        assertEquals(List.of(), timelines.completeReads("other"));
        assertTrue(tasks.deleteScheduled(groups));
        assertEquals(List.of(new LastSeen(persons, T0.plusSeconds(60), "run-2")), timelines.completeReads(connector));
    }

    @Test
    void oldEntriesAreRemovedAndBadEntriesRefused() {
        timelines.record(List.of(read("c1", "K-1", CardEventKind.CREATED, T0, "run-1"),
                read("c1", "K-1", CardEventKind.UPDATED, T0.plusSeconds(3600), "run-2")));

        assertEquals(1, timelines.removeOlderThan(T0.plusSeconds(1)));
        assertEquals(List.of(CardEventKind.UPDATED),
                timelines.find("c1", "K-1", 10).stream().map(CardEvent::kind).toList());
        ValidationException tooLong = assertThrows(ValidationException.class, () -> timelines.record(List.of(
                read("c1", "K".repeat(256), CardEventKind.CREATED, T0, "run-1"))));
        assertTrue(tooLong.getMessage().contains("cardKey"), tooLong.getMessage());
    }

    @Test
    void manyPagesOfManyCardsAnswerEachCardWithItsOwnEntriesOnly() {
        // 3,000 cards in pages of 200, as runs write them, then one more entry for some of them in another connector
        for (int page = 0; page < 15; page++) {
            List<CardEvent> events = new ArrayList<>();
            for (int i = page * 200; i < (page + 1) * 200; i++) {
                events.add(read("c1", "INC-" + i, CardEventKind.CREATED, T0.plusSeconds(page), "run-1"));
            }
            timelines.record(events);
        }
        List<CardEvent> updates = new ArrayList<>();
        for (int i = 0; i < 3_000; i += 7) {
            updates.add(read("c1", "INC-" + i, CardEventKind.UPDATED, T0.plusSeconds(100), "run-2"));
            updates.add(read("c2", "INC-" + i, CardEventKind.REMOVED, T0.plusSeconds(100), "run-9"));
        }
        timelines.record(updates);

        for (int i = 0; i < 3_000; i += 37) {
            String key = "INC-" + i;
            List<CardEvent> events = timelines.find("c1", key, 10);
            List<CardEventKind> expected = i % 7 == 0 ? List.of(CardEventKind.CREATED, CardEventKind.UPDATED)
                    : List.of(CardEventKind.CREATED);
            assertEquals(expected, events.stream().map(CardEvent::kind).toList(), key);
            assertTrue(events.stream().allMatch(e -> e.cardKey().equals(key) && e.connectorId().equals("c1")), key);
            assertEquals(Optional.of(key), timelines.keyOf("c1", CardLookup.LOCAL_ID, "L-" + key));
        }
        assertEquals(List.of(), timelines.find("c1", "INC-3000", 10));
        assertEquals(Optional.empty(), timelines.keyOf("c1", CardLookup.REMOTE_ID, "R-INC-3000"));
    }

    @Test
    void retentionRemovesWholePagesAndCutsThoseThatStraddleTheLimit() {
        timelines.record(List.of(read("c1", "K-1", CardEventKind.CREATED, T0, "run-1"),
                read("c1", "K-2", CardEventKind.CREATED, T0, "run-1")));
        timelines.record(List.of(read("c1", "K-1", CardEventKind.UPDATED, T0.plusSeconds(10), "run-2"),
                read("c1", "K-2", CardEventKind.UPDATED, T0.plusSeconds(3600), "run-2")));

        assertEquals(3, timelines.removeOlderThan(T0.plusSeconds(11)));
        assertEquals(List.of(), timelines.find("c1", "K-1", 10));
        assertEquals(List.of(CardEventKind.UPDATED), timelines.find("c1", "K-2", 10).stream().map(CardEvent::kind)
                .toList());
        assertEquals(Optional.empty(), timelines.keyOf("c1", CardLookup.LOCAL_ID, "L-K-1"));
        assertEquals(0, timelines.removeOlderThan(T0.plusSeconds(11)));
    }

    private static CardEvent read(String connector, String key, CardEventKind kind, Instant at, String run) {
        return new CardEvent(connector, "pull", Direction.READ, key, "L-" + key, "R-" + key, at, kind, run, null,
                null, List.of("subject", "status"), null);
    }
}
