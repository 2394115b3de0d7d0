package io.cardlink.api.timeline;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable card timelines: entries are written a page or an operation at a time, in one batch each; the "last
 * seen" of a card is kept with its task cache entry. Each method is one transaction.
 */
@ProviderType
public interface CardTimelineStore {

    /** The longest card key an entry holds. */
    int MAX_KEY_LENGTH = 255;

    /** Adds the entries, in one batch. */
    void record(Collection<CardEvent> events);

    /**
     * Moves the "last seen" of the task's cached cards with these keys (read unchanged) to this run and time, in one
     * batch.
     */
    void seen(String taskId, String runId, Instant at, Collection<String> keys);

    /** The newest {@code limit} entries of the card with this key in the connector, oldest first. */
    List<CardEvent> find(String connectorId, String cardKey, int limit);

    /** The key of the newest entry whose local or remote card id (as {@code lookup} says) is {@code id}. */
    Optional<String> keyOf(String connectorId, CardLookup lookup, String id);

    /** When each scheduled task of the connector last read the card with this key and found it unchanged. */
    List<LastSeen> lastSeen(String connectorId, String cardKey);

    /** Removes the entries older than {@code before}; returns how many. */
    long removeOlderThan(Instant before);
}
