package io.cardlink.api.connector;

import io.cardlink.api.card.DataCard;
import java.util.List;

/** Creates and updates many cards in one call: how a scheduled task's run loads a page into the local instance. */
public interface BulkWrite extends CardCreate, CardUpdate {

    /**
     * Creates cards without an id and updates cards with one, in bulk calls of at most 200; returns one outcome
     * per card in input order. A refused card is an outcome with an error, not an exception.
     */
    List<WriteOutcome> upsert(String templateCode, List<DataCard> cards);

    /**
     * As {@link #upsert(String, List)}, and safe to repeat: when a write fails in a way that leaves open whether
     * the instance carried it out (an error or a broken connection after the request was sent), the instance's
     * cards being created are found by their value of {@code uniqueKeyAttribute} and only the cards that did not
     * land are sent again, so that no card is created twice. Without a way to look cards up, it writes as
     * {@link #upsert(String, List)} does.
     */
    default List<WriteOutcome> upsert(String templateCode, List<DataCard> cards, String uniqueKeyAttribute) {
        return upsert(templateCode, cards);
    }
}
