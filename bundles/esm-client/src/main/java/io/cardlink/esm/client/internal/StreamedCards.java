package io.cardlink.esm.client.internal;

import com.fasterxml.jackson.core.JsonParseException;
import io.cardlink.api.card.DataCard;
import io.cardlink.esm.client.CardStream;
import io.cardlink.esm.client.EsmException;
import io.cardlink.esm.client.EsmPermanentException;
import io.cardlink.esm.client.EsmRetryableException;

import java.io.IOException;
import java.io.InputStream;
import java.util.NoSuchElementException;

/**
 * The cards of one open streamed response. A body that breaks or stops early fails with an
 * {@link EsmRetryableException}; the cards delivered before stay delivered, so the caller must restart the read.
 */
final class StreamedCards implements CardStream {
    private final Call call;
    private final InputStream body;
    private final CardReader reader;
    private DataCard next;
    private boolean done;
    private long delivered;

    StreamedCards(Call call, InputStream body, CardReader reader) {
        this.call = call;
        this.body = body;
        this.reader = reader;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        try {
            next = reader.next();
        } catch (JsonParseException e) {
            close();
            if (CardReader.endedEarly(e)) {
                throw broken(e);
            }
            throw new EsmPermanentException("the stream is not the JSON the API sends after " + delivered
                    + " cards: " + e.getOriginalMessage(), 200, null, call.method(), call.path(), null, e);
        } catch (IOException e) {
            close();
            throw broken(e);
        } catch (EsmException e) {
            close();
            throw e;
        } catch (RuntimeException e) {
            close();
            throw new EsmPermanentException("unexpected card content after " + delivered + " cards: " + e, 200,
                    null, call.method(), call.path(), null, e);
        }
        if (next == null) {
            close();
            return false;
        }
        return true;
    }

    @Override
    public DataCard next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        DataCard card = next;
        next = null;
        delivered++;
        return card;
    }

    @Override
    public long delivered() {
        return delivered;
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            reader.close();
        } catch (IOException ignored) {
            // the connection is released by closing the body below
        }
        try {
            body.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private EsmRetryableException broken(IOException e) {
        return new EsmRetryableException("the stream broke off after " + delivered + " cards (" + e.getMessage()
                + "); the result is incomplete, read again", 200, null, call.method(), call.path(), null, e);
    }
}
