package io.cardlink.esm.client;

import io.cardlink.api.card.DataCard;

import java.util.Iterator;

/**
 * Data cards read one at a time; only the current card (streaming) or page (paging) is held in memory.
 * {@link #hasNext()} and {@link #next()} throw an {@link EsmException} when the read fails; a read that breaks
 * part-way fails with an {@link EsmRetryableException} and never ends early as if complete. Close it to
 * release the connection when stopping early.
 */
public interface CardStream extends Iterator<DataCard>, AutoCloseable {

    /** The number of cards returned so far. */
    long delivered();

    @Override
    void close();
}
