package io.cardlink.engine.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.CardMatch;
import io.cardlink.api.connector.KeyLookup;
import io.cardlink.api.connector.ReadRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds cards of one template by the values of a key attribute, many keys per read, reading only the key attribute
 * and those the caller names.
 */
final class LocalCards {

    /** Keys per read: a gateway may put them into a URL, which servers limit to a few kilobytes. */
    static final int KEYS_PER_QUERY = 40;

    private LocalCards() {
    }

    /** The ids of the cards whose key attribute holds one of the keys, by key; a key found twice keeps its first card. */
    static Map<String, String> idsByKey(KeyLookup gateway, String template, String keyAttribute,
            Collection<String> keys) {
        Map<String, String> ids = new HashMap<>();
        cardsByKey(gateway, template, keyAttribute, keys, List.of()).forEach((key, card) -> ids.put(key, card.id()));
        return ids;
    }

    /**
     * The cards whose key attribute holds one of the keys, by key, with the key attribute and {@code attributes};
     * a key found twice keeps its first card.
     */
    static Map<String, DataCard> cardsByKey(KeyLookup gateway, String template, String keyAttribute,
            Collection<String> keys, Collection<String> attributes) {
        Set<String> selected = new LinkedHashSet<>();
        selected.add(keyAttribute);
        selected.addAll(attributes);
        Map<String, DataCard> found = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
            ReadRequest request = ReadRequest.of(template, null, List.copyOf(selected));
            try (CardCursor cursor = gateway.find(request, CardMatch.attribute(keyAttribute, chunk))) {
                while (cursor.hasNext()) {
                    DataCard card = cursor.next();
                    String key = card.text(keyAttribute);
                    if (key != null) {
                        found.putIfAbsent(key, card);
                    }
                }
            }
        }
        return found;
    }
}
