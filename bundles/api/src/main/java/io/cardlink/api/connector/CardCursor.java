package io.cardlink.api.connector;

import io.cardlink.api.card.DataCard;
import java.util.Iterator;
import java.util.List;

/** Cards as they arrive; a broken transfer fails with a retryable exception, never with a silent short result. */
public interface CardCursor extends Iterator<DataCard>, AutoCloseable {

    @Override
    void close();

    /** Cards already in memory, as a cursor with nothing to release. */
    static CardCursor of(List<DataCard> cards) {
        Iterator<DataCard> iterator = List.copyOf(cards).iterator();
        return new CardCursor() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public DataCard next() {
                return iterator.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
