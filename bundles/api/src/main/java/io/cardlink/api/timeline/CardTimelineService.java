package io.cardlink.api.timeline;

import org.osgi.annotation.versioning.ProviderType;

/** Reads the timeline of a card. */
@ProviderType
public interface CardTimelineService {

    /** The most entries a timeline shows: the newest ones. */
    int MAX_EVENTS = 1_000;

    /**
     * The timeline of the card named by {@code value} in the connector (id or name). A card named by an id that no
     * entry holds has an empty timeline.
     *
     * @throws io.cardlink.api.NotFoundException   when there is no such connector
     * @throws io.cardlink.api.ValidationException when the connector or the value is missing
     */
    CardTimeline timeline(String connector, CardLookup lookup, String value);
}
