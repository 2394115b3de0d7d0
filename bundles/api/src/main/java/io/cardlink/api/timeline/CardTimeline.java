package io.cardlink.api.timeline;

import java.util.List;

/**
 * A card's timeline in one connector: its entries, oldest first, and when each scheduled task last read it.
 *
 * @param truncated whether older entries were left out (the newest {@link CardTimelineService#MAX_EVENTS} are shown)
 */
public record CardTimeline(String connectorId, String cardKey, List<CardEvent> events, List<LastSeen> lastSeen,
        boolean truncated) {

    public CardTimeline {
        events = List.copyOf(events);
        lastSeen = List.copyOf(lastSeen);
    }
}
