package io.cardlink.esm.client.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.esm.client.EsmPermanentException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PagedCardsTest {

    private static DataCard card(long id) {
        return new DataCard(Long.toString(id), "incident", "f", "n", false, false, Map.of());
    }

    private static List<String> drain(PagedCards cards) {
        List<String> ids = new ArrayList<>();
        cards.forEachRemaining(c -> ids.add(c.id()));
        return ids;
    }

    @Test
    void asksBelowTheSmallestIdAndStopsOnAShortPage() {
        List<Long> asked = new ArrayList<>();
        PagedCards cards = new PagedCards(filterId -> {
            asked.add(filterId);
            if (filterId == 0) {
                return List.of(card(9), card(8), card(7));
            }
            if (filterId == 7) {
                return List.of(card(6), card(5), card(4));
            }
            return List.of(card(3));
        }, 3, "GET", "/dc/incident/data");
        assertEquals(List.of("9", "8", "7", "6", "5", "4", "3"), drain(cards));
        assertEquals(List.of(0L, 7L, 4L), asked);
        assertEquals(7, cards.delivered());
    }

    @Test
    void dropsRepeatsAndStopsOnAnEmptyPage() {
        PagedCards cards = new PagedCards(filterId -> {
            if (filterId == 0) {
                return List.of(card(9), card(9), card(8));
            }
            if (filterId == 8) {
                return List.of(card(8), card(9), card(5));
            }
            return List.of();
        }, 3, "GET", "/dc/incident/data");
        assertEquals(List.of("9", "8", "5"), drain(cards));
    }

    @Test
    void aServerThatDoesNotAdvanceIsAnError() {
        PagedCards cards = new PagedCards(filterId -> filterId == 0 ? List.of(card(9), card(8))
                : List.of(card(9), card(8)), 2, "GET", "/dc/incident/data");
        assertEquals("9", cards.next().id());
        assertEquals("8", cards.next().id());
        assertThrows(EsmPermanentException.class, cards::hasNext);
    }
}
