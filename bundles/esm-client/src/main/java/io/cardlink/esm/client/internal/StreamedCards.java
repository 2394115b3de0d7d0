package io.cardlink.esm.client.internal;

import com.fasterxml.jackson.core.JsonParseException;
import io.cardlink.api.card.DataCard;
import io.cardlink.esm.client.CardStream;
import io.cardlink.esm.client.EsmException;
import io.cardlink.esm.client.EsmPermanentException;
import io.cardlink.esm.client.EsmRetryableException;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.NoSuchElementException;

/**
 * The cards of a streamed read. The API streams cards by descending id, so a body that breaks or stops early is
 * resumed where it broke: the same read again for the ids below the last card delivered, after a backoff, within
 * the retry budget. The budget counts the failures since a part last delivered a card, so a long read that breaks
 * now and then goes on, and one that stops making progress gives up with an {@link EsmRetryableException}. No card
 * is delivered twice; a read whose ids do not come in descending order can't be resumed and fails instead.
 */
final class StreamedCards implements CardStream {

    /** Opens the streamed response of the read for the ids below {@code belowId} (all when null). */
    @FunctionalInterface
    interface Source {
        /** The open part, or null when the API answered that nothing matches. */
        Part open(String belowId, Attempts attempts);
    }

    /** One streamed response of the read: its call, its open body and the reader walking it. */
    record Part(Call call, InputStream body, CardReader reader) {
    }

    private final Transport transport;
    private final Source source;
    private final Attempts attempts;
    private Part part;
    private DataCard next;
    private boolean done;
    private long delivered;
    private String lastId;
    private long lastNumericId = Long.MAX_VALUE;
    private boolean descending = true;
    private boolean deliveredSinceOpen;

    private StreamedCards(Transport transport, Source source, Attempts attempts) {
        this.transport = transport;
        this.source = source;
        this.attempts = attempts;
    }

    /** Opens the first part now, so that an unknown template or a refused filter fails at once. */
    static StreamedCards open(Transport transport, Source source) {
        StreamedCards cards = new StreamedCards(transport, source, transport.attempts());
        cards.part = source.open(null, cards.attempts);
        cards.done = cards.part == null;
        return cards;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        while (!done) {
            DataCard card;
            try {
                card = part.reader().next();
            } catch (JsonParseException e) {
                closePart();
                if (!CardReader.endedEarly(e)) {
                    done = true;
                    throw new EsmPermanentException("the stream is not the JSON the API sends after " + delivered
                            + " cards: " + e.getOriginalMessage(), 200, null, part.call().method(),
                            part.call().path(), null, e);
                }
                resume(e);
                continue;
            } catch (IOException e) {
                closePart();
                resume(e);
                continue;
            } catch (EsmException e) {
                close();
                throw e;
            } catch (RuntimeException e) {
                close();
                throw new EsmPermanentException("unexpected card content after " + delivered + " cards: " + e, 200,
                        null, part.call().method(), part.call().path(), null, e);
            }
            if (card == null) {
                close();
                return false;
            }
            noteOrder(card);
            deliveredSinceOpen = true;
            next = card;
            return true;
        }
        return false;
    }

    /** Opens the rest of the read after a break, or fails when it can't be resumed or the budget is used up. */
    private void resume(IOException broken) {
        Call call = part.call();
        if (deliveredSinceOpen) {
            // the part that broke delivered cards: the budget starts again with it, from now
            attempts.progressed();
            deliveredSinceOpen = false;
        }
        if (!descending) {
            done = true;
            throw broken(call, broken, "its cards did not come by descending id, so it can't be resumed where it"
                    + " broke");
        }
        Duration wait = attempts.nextWait(null);
        if (wait == null) {
            done = true;
            throw broken(call, broken, attempts.gaveUp());
        }
        transport.pause(call.method(), call.path(), wait, "stream broken");
        try {
            part = source.open(lastId, attempts);
        } catch (RuntimeException e) {
            done = true;
            throw e;
        }
        done = part == null;
    }

    private void noteOrder(DataCard card) {
        lastId = card.id();
        try {
            long id = Long.parseLong(card.id());
            descending &= id < lastNumericId;
            lastNumericId = id;
        } catch (NumberFormatException e) {
            descending = false;
        }
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
        done = true;
        closePart();
    }

    private void closePart() {
        if (part == null) {
            return;
        }
        try {
            part.reader().close();
        } catch (IOException ignored) {
            // the connection is released by closing the body below
        }
        try {
            part.body().close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private EsmRetryableException broken(Call call, IOException e, String why) {
        return new EsmRetryableException("the stream broke off after " + delivered + " cards (" + e.getMessage()
                + ")" + (why == null ? "" : "; " + why) + "; the result is incomplete, read again", 200, null,
                call.method(), call.path(), null, e);
    }
}
