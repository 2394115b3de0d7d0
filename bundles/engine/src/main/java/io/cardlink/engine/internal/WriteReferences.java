package io.cardlink.engine.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.CardMatch;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.KeyLookup;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.mapping.ReferenceResolver;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.ScheduledTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the references of a local card for one write of an event task: a reference to a local card becomes a
 * reference to the remote card with the same unique key, as {@link ReferenceLookup} does the other way for scheduled
 * tasks. The referenced local card's key is read from the local instance, then the remote card with that key is
 * looked up; both answers are kept for the write.
 *
 * <p>Which attributes hold the keys comes from the connector's tasks, in this order: the writing task itself when it
 * writes the referenced remote template; a scheduled task reading that remote template (the local template it loads
 * into and the local attribute that holds the key, and the remote attribute that feeds it: referenced cards are
 * mostly such copies of remote master data, persons for instance); another event task writing that remote template
 * (its local template and the local attribute that feeds its key, and its remote key attribute). For a template no
 * task handles, the cards are taken to use the writing task's own key attributes in templates of the same code. The
 * first rule that finds the remote card wins.
 */
final class WriteReferences implements ReferenceResolver {

    /** Where a referenced card's key is in the local instance, and where the remote card with that key is found. */
    record KeyRule(String localTemplate, String localAttribute, String remoteTemplate, String remoteAttribute) {
    }

    private final InstanceGateway local;
    private final FarSide remote;
    private final List<KeyRule> rules;
    private final KeyRule own;
    // local template + id -> key ("" when the card has none or is not there)
    private final Map<String, String> localKeys = new HashMap<>();
    // remote template + attribute + key -> remote id ("" when there is none)
    private final Map<String, String> remoteIds = new HashMap<>();
    private int missing;

    WriteReferences(EventTask task, List<EventTask> connectorEvents, List<ScheduledTask> connectorScheduled,
            InstanceGateway local, FarSide remote) {
        this.local = local;
        this.remote = remote;
        Mapping mapping = task.mapping();
        this.own = new KeyRule(task.localTemplate(), ReferenceLookup.keySource(mapping), task.remoteTemplate(),
                mapping.uniqueKeyAttribute());
        List<KeyRule> found = new ArrayList<>();
        found.add(own);
        for (ScheduledTask scheduled : connectorScheduled) {
            Mapping m = scheduled.mapping();
            if (m != null && m.uniqueKeyAttribute() != null && m.targetTemplate() != null
                    && scheduled.remoteTemplate() != null) {
                found.add(new KeyRule(m.targetTemplate(), m.uniqueKeyAttribute(), scheduled.remoteTemplate(),
                        ReferenceLookup.keySource(m)));
            }
        }
        for (EventTask other : connectorEvents) {
            Mapping m = other.mapping();
            if (!other.id().equals(task.id()) && m != null && m.uniqueKeyAttribute() != null
                    && other.localTemplate() != null && other.remoteTemplate() != null) {
                found.add(new KeyRule(other.localTemplate(), ReferenceLookup.keySource(m), other.remoteTemplate(),
                        m.uniqueKeyAttribute()));
            }
        }
        this.rules = List.copyOf(new LinkedHashSet<>(found));
    }

    @Override
    public Optional<String> uniqueKey(ReferenceValue sourceReference) {
        for (KeyRule rule : candidates(sourceReference, List.of())) {
            String key = localKey(rule, sourceReference.dataCardId());
            if (!key.isEmpty()) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<ReferenceValue> resolve(ReferenceValue sourceReference, List<String> targetTemplates) {
        for (KeyRule rule : candidates(sourceReference, targetTemplates)) {
            String key = localKey(rule, sourceReference.dataCardId());
            if (key.isEmpty()) {
                continue;
            }
            String id = remoteId(rule, key);
            if (!id.isEmpty()) {
                return Optional.of(ReferenceValue.to(id));
            }
        }
        missing++;
        return Optional.empty();
    }

    /** How many references had no card in the remote instance. */
    int missing() {
        return missing;
    }

    /**
     * The rules that may hold the referenced card: those writing one of the remote attribute's target templates (all
     * when they are not known), narrowed to the reference's own local template when it names one.
     */
    List<KeyRule> candidates(ReferenceValue reference, List<String> targetTemplates) {
        Set<KeyRule> candidates = new LinkedHashSet<>();
        for (KeyRule rule : rules) {
            if ((targetTemplates.isEmpty() || targetTemplates.contains(rule.remoteTemplate()))
                    && (reference.templateCode() == null || reference.templateCode().equals(rule.localTemplate()))) {
                candidates.add(rule);
            }
        }
        List<String> templates = new ArrayList<>(targetTemplates);
        if (templates.isEmpty() && reference.templateCode() != null) {
            templates.add(reference.templateCode());
        }
        for (String template : templates) {
            if (candidates.stream().noneMatch(rule -> rule.remoteTemplate().equals(template))) {
                String localTemplate = reference.templateCode() != null ? reference.templateCode() : template;
                candidates.add(new KeyRule(localTemplate, own.localAttribute(), template, own.remoteAttribute()));
            }
        }
        return List.copyOf(candidates);
    }

    private String remoteId(KeyRule rule, String key) {
        return remoteIds.computeIfAbsent(rule.remoteTemplate() + '\u0000' + rule.remoteAttribute() + '\u0000' + key,
                k -> {
                    try {
                        KeyLookup lookup = TypeCapabilities.require(remote, Capability.FIND_BY_KEYS, KeyLookup.class);
                        return LocalCards.idsByKey(lookup, rule.remoteTemplate(), rule.remoteAttribute(), List.of(key))
                                .getOrDefault(key, "");
                    } catch (CardlinkException e) {
                        if (e.retryable()) {
                            throw e;
                        }
                        return "";
                    }
                });
    }

    private String localKey(KeyRule rule, String localId) {
        return localKeys.computeIfAbsent(rule.localTemplate() + '\u0000' + rule.localAttribute() + '\u0000' + localId,
                k -> {
                    ReadRequest request = ReadRequest.of(rule.localTemplate(), null, List.of(rule.localAttribute()));
                    try (CardCursor cursor = local.find(request, CardMatch.ids(List.of(localId)))) {
                        while (cursor.hasNext()) {
                            DataCard card = cursor.next();
                            if (localId.equals(card.id())) {
                                String key = card.text(rule.localAttribute());
                                return key == null || key.isBlank() ? "" : key;
                            }
                        }
                    } catch (CardlinkException e) {
                        // a template or attribute this instance does not have: the rule does not apply; an outage
                        // fails the write, which is tried again
                        if (e.retryable()) {
                            throw e;
                        }
                        return "";
                    }
                    return "";
                });
    }
}
