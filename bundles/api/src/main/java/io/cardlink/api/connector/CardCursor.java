package io.cardlink.api.connector;

import io.cardlink.api.card.DataCard;
import java.util.Iterator;

/** Cards as they arrive; a broken transfer fails with a retryable exception, never with a silent short result. */
public interface CardCursor extends Iterator<DataCard>, AutoCloseable {

    @Override
    void close();
}
