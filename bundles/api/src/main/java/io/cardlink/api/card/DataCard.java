package io.cardlink.api.card;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A record of a Matrix42 instance: its template, folder, id and attributes (code to values). The id is the
 * instance's internal numeric id as a string; it is null for a card that is not written yet.
 */
public record DataCard(String id, String templateCode, String folderCode, String name, boolean deleted, boolean hidden,
        Map<String, List<Value>> attributes) {

    public DataCard {
        Map<String, List<Value>> copy = new LinkedHashMap<>();
        if (attributes != null) {
            attributes.forEach((code, values) -> copy.put(code, values == null ? List.of() : List.copyOf(values)));
        }
        attributes = Collections.unmodifiableMap(copy);
    }

    /** A card to be written: no id, no name (the instance names it), not deleted, not hidden. */
    public static DataCard draft(String templateCode, String folderCode, Map<String, List<Value>> attributes) {
        return new DataCard(null, templateCode, folderCode, null, false, false, attributes);
    }

    /** The values of an attribute; empty when it has none or is not present. */
    public List<Value> values(String code) {
        return attributes.getOrDefault(code, List.of());
    }

    /** The first value of an attribute. */
    public Optional<Value> first(String code) {
        List<Value> values = values(code);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The display text of the first value of an attribute, or null. */
    public String text(String code) {
        return first(code).map(Value::displayText).orElse(null);
    }

    public DataCard withId(String newId) {
        return new DataCard(newId, templateCode, folderCode, name, deleted, hidden, attributes);
    }
}
