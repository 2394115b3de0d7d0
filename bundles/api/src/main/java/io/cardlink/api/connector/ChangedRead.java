package io.cardlink.api.connector;

import io.cardlink.api.card.DataCard;
import java.time.Instant;

/** Reads only the cards that changed since a lower bound: what an incremental run of a scheduled task reads. */
public interface ChangedRead {

    /**
     * Streams the cards the request selects that the instance changed at or after {@code since}, one at a time, as
     * {@link FullRead#read} does.
     */
    CardCursor readChanged(ReadRequest request, Instant since);

    /** When the instance last changed the card, as {@link #readChanged} compares it, or null when it does not say. */
    Instant changedAt(DataCard card);
}
