package io.cardlink.api.store;

import io.cardlink.api.mapping.Direction;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * What Cardlink last did to each remote card that both a scheduled and an event task of a connector handle, per
 * direction and card key: {@link Direction#WRITE}, what an event task wrote to the remote card;
 * {@link Direction#READ}, what a scheduled task read from the remote card and loaded into the local instance. Each
 * entry keeps a fingerprint of every attribute's values, in the remote card's terms, so that the loop guard can tell a
 * card that comes back unchanged (an echo of our own write) from a change. Each method is one transaction.
 */
public interface EchoLedger {

    /**
     * One write.
     *
     * @param keyAttribute the remote attribute that holds the card's unique key
     * @param taskId       the task that read or wrote it
     * @param attributes   remote attribute code to the fingerprint of its values
     */
    record Entry(String connectorId, Direction direction, String keyAttribute, String uniqueKey, String taskId,
            Map<String, String> attributes, Instant writtenAt) {
        public Entry {
            Objects.requireNonNull(connectorId, "connectorId");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(keyAttribute, "keyAttribute");
            Objects.requireNonNull(uniqueKey, "uniqueKey");
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    /** The longest card key the ledger holds; longer keys are not recorded. */
    int MAX_KEY_LENGTH = 255;

    /** Records writes, each replacing what the ledger had for its card and direction. */
    void record(Collection<Entry> entries);

    /** The entries written at or after {@code since} for these keys, by key. */
    Map<String, Entry> find(String connectorId, Direction direction, String keyAttribute, Collection<String> keys,
            Instant since);

    /** Forgets a card in both directions (deleted from the remote instance). */
    void forget(String connectorId, String keyAttribute, String key);

    /** Drops what was written before {@code before}; returns how many entries. */
    long purge(Instant before);
}
