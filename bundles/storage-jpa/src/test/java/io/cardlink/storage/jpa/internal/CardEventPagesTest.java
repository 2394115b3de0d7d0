package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.mapping.Direction;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardEventKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardEventPagesTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00.123456789Z");

    @Test
    void aPageGivesBackItsEntriesWithEveryFieldAndTheLongTextsCut() {
        List<CardEvent> events = List.of(
                new CardEvent("c1", "pull", Direction.READ, "K-1", "L-1", "R-1", T0, CardEventKind.CREATED, "run-1",
                        null, null, List.of("subject", "status"), null),
                new CardEvent("c1", "push", Direction.WRITE, "K-ä", null, null, T0.plusNanos(1),
                        CardEventKind.REFUSED, null, "op-1", "Close ticket", List.of(), "m".repeat(3_000)));

        List<CardEvent> back = CardEventPages.decode("c1", CardEventPages.encode(events));

        assertEquals(events.get(0), back.get(0));
        CardEvent refused = back.get(1);
        assertEquals(new CardEvent("c1", "push", Direction.WRITE, "K-ä", null, null, T0.plusNanos(1),
                CardEventKind.REFUSED, null, "op-1", "Close ticket", List.of(),
                "m".repeat(CardEventPages.MESSAGE_LENGTH - 3) + "..."), refused);
    }

    @Test
    void theFilterHoldsEveryIdOfThePageAndFewOthers() {
        List<CardEvent> events = new ArrayList<>();
        for (int i = 0; i < CardEventPages.MAX_ENTRIES; i++) {
            events.add(new CardEvent("c1", "pull", Direction.READ, "INC-" + i, "L-" + i, "R-" + i, T0,
                    CardEventKind.UPDATED, "run-1", null, null, List.of(), null));
        }
        byte[] filter = CardEventPages.filter(events);

        for (int i = 0; i < CardEventPages.MAX_ENTRIES; i++) {
            assertTrue(CardEventPages.mayHold(filter, CardEventPages.Lookup.KEY, "INC-" + i));
            assertTrue(CardEventPages.mayHold(filter, CardEventPages.Lookup.LOCAL_ID, "L-" + i));
            assertTrue(CardEventPages.mayHold(filter, CardEventPages.Lookup.REMOTE_ID, "R-" + i));
        }
        int falsePositives = 0;
        for (int i = CardEventPages.MAX_ENTRIES; i < CardEventPages.MAX_ENTRIES + 10_000; i++) {
            falsePositives += CardEventPages.mayHold(filter, CardEventPages.Lookup.KEY, "INC-" + i) ? 1 : 0;
        }
        assertTrue(falsePositives < 300, falsePositives + " of 10,000 absent keys passed the filter");
        // a key is not a local id
        assertFalse(CardEventPages.mayHold(CardEventPages.filter(events.subList(0, 1)), CardEventPages.Lookup.LOCAL_ID,
                "INC-0"));
    }

    @Test
    void longRecordsAreSplitIntoPagesInTheirOrder() {
        List<CardEvent> events = new ArrayList<>();
        for (int i = 0; i < 2 * CardEventPages.MAX_ENTRIES + 1; i++) {
            events.add(new CardEvent("c1", "pull", Direction.READ, "INC-" + i, null, null, T0,
                    CardEventKind.CREATED, "run-1", null, null, List.of(), null));
        }
        List<List<CardEvent>> pages = CardEventPages.split(events);

        assertEquals(List.of(CardEventPages.MAX_ENTRIES, CardEventPages.MAX_ENTRIES, 1),
                pages.stream().map(List::size).toList());
        assertEquals("INC-" + CardEventPages.MAX_ENTRIES, pages.get(1).get(0).cardKey());
    }
}
