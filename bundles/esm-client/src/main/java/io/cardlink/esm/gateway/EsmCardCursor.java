package io.cardlink.esm.gateway;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.esm.client.CardStream;

/** A card stream of the esm client as the connector SPI's cursor; failures stay the client's typed exceptions. */
final class EsmCardCursor implements CardCursor {
    private final CardStream stream;

    EsmCardCursor(CardStream stream) {
        this.stream = stream;
    }

    @Override
    public boolean hasNext() {
        return stream.hasNext();
    }

    @Override
    public DataCard next() {
        return stream.next();
    }

    @Override
    public void close() {
        stream.close();
    }
}
