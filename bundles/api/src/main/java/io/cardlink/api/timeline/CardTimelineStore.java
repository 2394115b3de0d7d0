package io.cardlink.api.timeline;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable card timelines: entries are written a page or an operation at a time, in one batch each. An unchanged
 * read adds nothing per card: a task's newest complete read (a full run that read its whole scope and marked what was
 * gone) is kept once per task, and is the "last seen" of every card of the task that it did not mark removed. Each
 * method is one transaction.
 */
@ProviderType
public interface CardTimelineStore {

    /** The longest card key an entry holds. */
    int MAX_KEY_LENGTH = 255;

    /** Adds the entries, in one batch. */
    void record(Collection<CardEvent> events);

    /**
     * Keeps this run as the task's newest complete read: it read every card of the task's scope and marked those
     * that were gone (which got a removal entry).
     */
    void completeRead(String taskId, String runId, Instant at);

    /** The newest {@code limit} entries of the card with this key in the connector, oldest first. */
    List<CardEvent> find(String connectorId, String cardKey, int limit);

    /** The key of the newest entry whose local or remote card id (as {@code lookup} says) is {@code id}. */
    Optional<String> keyOf(String connectorId, CardLookup lookup, String id);

    /** The newest complete read of each scheduled task of the connector that made one. */
    List<LastSeen> completeReads(String connectorId);

    /** Removes the entries older than {@code before}; returns how many. */
    long removeOlderThan(Instant before);
}
