package io.cardlink.engine.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.CardMatch;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.KeyLookup;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.mapping.ReferenceResolver;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.ScheduledTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves references of remote cards for one run: a remote reference becomes a reference to the local card with
 * the same unique key. {@link #prepare} looks up a page's references in a few batched queries (the referenced
 * remote cards' keys, then the local cards with those keys); {@link #uniqueKey} and {@link #resolve} then answer
 * from bounded caches.
 *
 * <p>Which attributes hold the keys comes from the connector's scheduled tasks: the task that reads a template
 * from the remote instance says which remote attribute feeds its unique key and which local attribute holds it.
 * For a template no task reads, the remote key is the attribute by which the remote instance names its cards
 * ({@link InstanceGateway#cardKeyAttribute()}) and the local key attribute is the running task's; when the remote
 * names its cards by nothing, such references stay unresolved.
 */
final class ReferenceLookup implements ReferenceResolver {

    static final int MAX_CACHED = 20_000;

    private final FarSide remote;
    private final InstanceGateway local;
    private final Map<String, KeyRule> rulesByRemoteTemplate = new HashMap<>();
    private final Map<String, String> localKeyByLocalTemplate = new HashMap<>();
    private final KeyRule fallback;
    // remote template + id -> unique key ("" when the card has none)
    private final Map<String, String> remoteKeys = bounded();
    // local template + key -> local id ("" when there is no such card)
    private final Map<String, String> localIds = bounded();

    /** Where the key of cards of one remote template comes from, and where the local template keeps it. */
    record KeyRule(String remoteAttribute, String localTemplate, String localAttribute) {
    }

    ReferenceLookup(FarSide remote, InstanceGateway local, ScheduledTask running,
            Collection<ScheduledTask> connectorTasks) {
        this.remote = remote;
        this.local = local;
        for (ScheduledTask task : connectorTasks) {
            Mapping mapping = task.mapping();
            if (mapping == null || task.remoteTemplate() == null || mapping.uniqueKeyAttribute() == null) {
                continue;
            }
            KeyRule rule = new KeyRule(keySource(mapping), mapping.targetTemplate(), mapping.uniqueKeyAttribute());
            // The running task's own rule wins over another task reading the same template.
            if (task.id().equals(running.id()) || !rulesByRemoteTemplate.containsKey(task.remoteTemplate())) {
                rulesByRemoteTemplate.put(task.remoteTemplate(), rule);
            }
            localKeyByLocalTemplate.putIfAbsent(mapping.targetTemplate(), mapping.uniqueKeyAttribute());
        }
        this.fallback = new KeyRule(remote.cardKeyAttribute(), null, running.mapping().uniqueKeyAttribute());
    }

    /** The source attribute of the pair that feeds the unique key; without such a pair, the same code. */
    static String keySource(Mapping mapping) {
        return mapping.pairs().stream()
                .filter(pair -> mapping.uniqueKeyAttribute().equals(pair.target()))
                .map(AttributePair::source)
                .findFirst()
                .orElse(mapping.uniqueKeyAttribute());
    }

    /** Looks up, in batches, what the given references need that the caches do not hold yet. */
    void prepare(Collection<ReferenceValue> references) {
        Map<String, Set<String>> missingByTemplate = new LinkedHashMap<>();
        for (ReferenceValue reference : references) {
            if (reference.templateCode() != null && !remoteKeys.containsKey(remoteId(reference))) {
                missingByTemplate.computeIfAbsent(reference.templateCode(), t -> new LinkedHashSet<>())
                        .add(reference.dataCardId());
            }
        }
        missingByTemplate.forEach(this::loadRemoteKeys);

        Map<String, Set<String>> keysByLocalTemplate = new LinkedHashMap<>();
        for (ReferenceValue reference : references) {
            String key = remoteKeys.get(remoteId(reference));
            if (key == null || key.isEmpty()) {
                continue;
            }
            for (String template : localTemplates(reference, List.of())) {
                if (!localIds.containsKey(template + "\u0000" + key)) {
                    keysByLocalTemplate.computeIfAbsent(template, t -> new LinkedHashSet<>()).add(key);
                }
            }
        }
        keysByLocalTemplate.forEach(this::loadLocalIds);
    }

    @Override
    public Optional<String> uniqueKey(ReferenceValue sourceReference) {
        if (sourceReference.templateCode() != null && !remoteKeys.containsKey(remoteId(sourceReference))) {
            prepare(List.of(sourceReference));
        }
        String key = remoteKeys.get(remoteId(sourceReference));
        return key == null || key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    @Override
    public Optional<ReferenceValue> resolve(ReferenceValue sourceReference, List<String> targetTemplates) {
        Optional<String> key = uniqueKey(sourceReference);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        for (String template : localTemplates(sourceReference, targetTemplates)) {
            String cacheKey = template + "\u0000" + key.get();
            if (!localIds.containsKey(cacheKey)) {
                loadLocalIds(template, Set.of(key.get()));
            }
            String id = localIds.get(cacheKey);
            if (id != null && !id.isEmpty()) {
                return Optional.of(ReferenceValue.to(id));
            }
        }
        return Optional.empty();
    }

    private List<String> localTemplates(ReferenceValue reference, List<String> targetTemplates) {
        if (!targetTemplates.isEmpty()) {
            return targetTemplates;
        }
        KeyRule rule = rulesByRemoteTemplate.get(reference.templateCode());
        if (rule != null && rule.localTemplate() != null) {
            return List.of(rule.localTemplate());
        }
        return reference.templateCode() == null ? List.of() : List.of(reference.templateCode());
    }

    private void loadRemoteKeys(String template, Set<String> ids) {
        String keyAttribute = rulesByRemoteTemplate.getOrDefault(template, fallback).remoteAttribute();
        if (keyAttribute == null || !(remote instanceof KeyLookup lookup)) {
            // without a key, or a way to find the remote cards by id, a reference finds no local card
            ids.forEach(id -> remoteKeys.put(template + "\u0000" + id, ""));
            return;
        }
        ReadRequest request = ReadRequest.of(template, null, List.of(keyAttribute));
        // the run's gateway for the local instance also runs the remote's queries at once (LocalCards.perChunk)
        List<Map<String, String>> found = LocalCards.perChunk(local, ids,
                chunk -> remoteKeys(lookup, request, keyAttribute, chunk));
        found.forEach(keys -> keys.forEach((id, key) -> remoteKeys.put(template + "\u0000" + id, key)));
        ids.forEach(id -> remoteKeys.putIfAbsent(template + "\u0000" + id, ""));
    }

    /** The unique keys of the remote cards with these ids, by id ("" for a card without one). */
    private static Map<String, String> remoteKeys(KeyLookup lookup, ReadRequest request, String keyAttribute,
            List<String> ids) {
        Map<String, String> keys = new HashMap<>();
        try (CardCursor cursor = lookup.find(request, CardMatch.ids(ids))) {
            while (cursor.hasNext()) {
                DataCard card = cursor.next();
                String key = card.text(keyAttribute);
                keys.put(card.id(), key == null ? "" : key);
            }
        }
        return keys;
    }

    private void loadLocalIds(String template, Set<String> keys) {
        String keyAttribute = localKeyByLocalTemplate.getOrDefault(template, fallback.localAttribute());
        Map<String, String> found = LocalCards.idsByKey(local, template, keyAttribute, keys);
        for (String key : keys) {
            localIds.put(template + "\u0000" + key, found.getOrDefault(key, ""));
        }
    }

    /** Forgets that a key had no local card: a card this run just created may now be the target. */
    void forgetMissing() {
        localIds.values().removeIf(String::isEmpty);
    }

    private static String remoteId(ReferenceValue reference) {
        return reference.templateCode() + "\u0000" + reference.dataCardId();
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_CACHED;
            }
        };
    }
}
