package io.cardlink.esm.client.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.cardlink.api.card.DataCard;

import java.io.IOException;
import java.io.InputStream;

/**
 * Walks a list response {@code {"meta": {...}, "data": [card, ...]}} with Jackson's streaming parser and
 * returns one card at a time; only the current card is held as a tree. The document must end properly: a body
 * that stops inside it raises an {@link IOException} (Jackson's end-of-input error), never a short result.
 */
final class CardReader implements AutoCloseable {
    private final JsonParser parser;
    private final String template;
    private boolean rootArray;
    private boolean inData;
    private boolean finished;

    CardReader(InputStream body, String template) throws IOException {
        this.parser = Transport.MAPPER.createParser(body);
        this.template = template;
        JsonToken first = parser.nextToken();
        if (first == JsonToken.START_ARRAY) {
            rootArray = true;
            inData = true;
        } else if (first == JsonToken.START_OBJECT) {
            seekData();
        } else if (first == null) {
            throw new JsonEOFException(parser, null, "empty response body");
        } else {
            throw new JsonParseException(parser, "a list response must be a JSON object");
        }
    }

    /** The next card, or null once the whole document has been read. */
    DataCard next() throws IOException {
        while (!finished) {
            if (!inData) {
                seekData();
                continue;
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                return CardJson.card(parser, template);
            }
            if (token == JsonToken.END_ARRAY) {
                inData = false;
                finished = rootArray;
                continue;
            }
            if (token == null) {
                throw new JsonEOFException(parser, null, "the card list ended early");
            }
            parser.skipChildren();
        }
        return null;
    }

    /** Moves to the start of {@code data} (skipping {@code meta} and other fields) or to the end of the object. */
    private void seekData() throws IOException {
        while (true) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_OBJECT && parser.getParsingContext().inRoot()) {
                finished = true;
                return;
            }
            if (token == null) {
                throw new JsonEOFException(parser, null, "the response ended early");
            }
            if (token == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("data".equals(name) && value == JsonToken.START_ARRAY) {
                    inData = true;
                    return;
                }
                parser.skipChildren();
            }
        }
    }

    /**
     * Whether a parse error means the document stopped early (a cut connection) rather than being malformed.
     * Jackson reports input that ends inside a document either as {@link JsonEOFException} or with an
     * "end-of-input" message, depending on where it stops.
     */
    static boolean endedEarly(JsonParseException e) {
        String message = e.getOriginalMessage();
        return e instanceof JsonEOFException || message != null && message.contains("end-of-input");
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
