package io.cardlink.storage.jpa.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cardlink.api.ValidationException;
import java.util.List;
import java.util.Map;

/** The JSON text columns: settings, mappings, workflow references and run info. */
final class Json {

    /** Derby's LONG VARCHAR holds at most this many characters; PostgreSQL's TEXT has no limit that matters here. */
    static final int MAX_TEXT = 32_700;

    // Unknown properties are skipped so that rows written before a field left the API still read.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private Json() {
    }

    /** The value as JSON; a {@link ValidationException} on {@code field} when it is too large to store. */
    static String write(String field, Object value) {
        String text = text(value);
        if (text.length() > MAX_TEXT) {
            throw new ValidationException(field,
                    "is too large to store: " + text.length() + " characters as JSON, at most " + MAX_TEXT);
        }
        return text;
    }

    static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("can't write " + value.getClass().getName() + " as JSON", e);
        }
    }

    static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " is not valid JSON", e);
        }
    }

    static Map<String, String> readStringMap(String text) {
        return read(text, STRING_MAP);
    }

    static List<String> readStringList(String text) {
        return text == null ? List.of() : read(text, STRING_LIST);
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON column is not valid JSON", e);
        }
    }
}
