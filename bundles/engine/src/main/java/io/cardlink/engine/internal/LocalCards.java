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
import java.util.concurrent.Callable;
import java.util.function.Function;

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
     * a key found twice keeps its first card. A run's gateway ({@link ConcurrentWrites}) sends the queries of the
     * chunks of keys at once, on its threads.
     */
    static Map<String, DataCard> cardsByKey(KeyLookup gateway, String template, String keyAttribute,
            Collection<String> keys, Collection<String> attributes) {
        Set<String> selected = new LinkedHashSet<>();
        selected.add(keyAttribute);
        selected.addAll(attributes);
        ReadRequest request = ReadRequest.of(template, null, List.copyOf(selected));
        List<List<DataCard>> results = perChunk(gateway, keys, chunk -> find(gateway, request, keyAttribute, chunk));
        Map<String, DataCard> found = new HashMap<>();
        for (List<DataCard> cards : results) {
            for (DataCard card : cards) {
                found.putIfAbsent(card.text(keyAttribute), card);
            }
        }
        return found;
    }

    /**
     * Runs one query per chunk of {@link #KEYS_PER_QUERY} keys and answers their results in the order of the chunks:
     * at once on the run's threads when {@code requests} is a run's gateway ({@link ConcurrentWrites}), else one
     * after the other.
     */
    static <T> List<T> perChunk(Object requests, Collection<String> keys, Function<List<String>, T> query) {
        List<String> all = new ArrayList<>(keys);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
            chunks.add(all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY)));
        }
        if (chunks.size() > 1 && requests instanceof ConcurrentWrites concurrent) {
            List<Callable<T>> queries = new ArrayList<>();
            chunks.forEach(chunk -> queries.add(() -> query.apply(chunk)));
            return concurrent.all(queries);
        }
        List<T> results = new ArrayList<>();
        chunks.forEach(chunk -> results.add(query.apply(chunk)));
        return results;
    }

    private static List<DataCard> find(KeyLookup gateway, ReadRequest request, String keyAttribute,
            List<String> keys) {
        List<DataCard> cards = new ArrayList<>();
        try (CardCursor cursor = gateway.find(request, CardMatch.attribute(keyAttribute, keys))) {
            while (cursor.hasNext()) {
                DataCard card = cursor.next();
                if (card.text(keyAttribute) != null) {
                    cards.add(card);
                }
            }
        }
        return cards;
    }
}
