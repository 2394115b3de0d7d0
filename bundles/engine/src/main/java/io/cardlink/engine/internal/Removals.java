package io.cardlink.engine.internal;

import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.CardMatch;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.connector.WriteOutcome;
import io.cardlink.api.store.TaskCacheStore;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.RemovalPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * After a complete full extract: the local cards carrying the task's id whose unique key the run did not see get
 * the removal policy's status. Two passes over the task's local cards, a page at a time: the first counts, so that
 * nothing is marked when more than the threshold would be; the second marks in bulk. A dry run makes both passes,
 * does not stop at the threshold (it records that a real run would) and hands the cards to mark to its
 * {@link DryRunRecorder} instead of marking them; it changes no cache entry.
 */
final class Removals {

    /** More cards would be marked than the threshold allows and nobody confirmed: nothing was marked. */
    static final class ThresholdExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ThresholdExceeded(String message) {
            super(message);
        }
    }

    private final String taskId;
    private final Mapping mapping;
    private final RemovalPolicy policy;
    private final Value removedValue;
    private final InstanceGateway local;
    private final SeenKeys seenKeys;
    private final TaskCacheStore cache;
    private final DryRunRecorder dryRun;
    private final CardEvents.RunEvents events;

    Removals(String taskId, Mapping mapping, RemovalPolicy policy, TemplateSchema target,
            InstanceGateway local, SeenKeys seenKeys, TaskCacheStore cache, DryRunRecorder dryRun,
            CardEvents.RunEvents events) {
        this.taskId = taskId;
        this.mapping = mapping;
        this.policy = policy;
        this.removedValue = removedValue(policy, target);
        this.local = local;
        this.seenKeys = seenKeys;
        this.cache = cache;
        this.dryRun = dryRun;
        this.events = events;
    }

    /** Whether a task's policy asks for removals at all. */
    static boolean wanted(RemovalPolicy policy) {
        return policy != null && policy.statusAttribute() != null && !policy.statusAttribute().isBlank()
                && policy.removedValue() != null && !policy.removedValue().isBlank();
    }

    /** The value to write, in the shape the local attribute takes: a static choice found by value or code. */
    static Value removedValue(RemovalPolicy policy, TemplateSchema target) {
        AttributeSchema attribute = target == null ? null : target.attributes().get(policy.statusAttribute());
        if (attribute != null && attribute.type() == AttributeType.STATIC_VALUE) {
            for (StaticChoice choice : attribute.choices()) {
                if (policy.removedValue().equals(choice.value()) || policy.removedValue().equals(choice.code())) {
                    return new StaticValue(choice.value(), choice.code());
                }
            }
            return new StaticValue(policy.removedValue(), null);
        }
        return new StringValue(policy.removedValue());
    }

    /**
     * Marks the unseen cards; returns how many were marked. Throws {@link ThresholdExceeded} when more than the
     * threshold would be marked and {@code confirmed} is false. Cards marked removed before, which stayed removed
     * when they came back and are gone again, lose their cache entry, so that their next return is seen as one.
     */
    long apply(boolean confirmed, Consumer<String> info) {
        long[] counts = new long[2];
        forEachPage(page -> {
            List<String> goneAgain = new ArrayList<>();
            for (DataCard card : unseen(page)) {
                if (isRemoved(card)) {
                    goneAgain.add(card.text(mapping.uniqueKeyAttribute()));
                } else {
                    counts[1]++;
                }
            }
            counts[0] += page.stream().filter(card -> !isRemoved(card)).count();
            if (!goneAgain.isEmpty() && !dryRun.active()) {
                cache.remove(taskId, goneAgain);
            }
        });
        long total = counts[0];
        long gone = counts[1];
        if (gone == 0) {
            return 0;
        }
        int threshold = policy.thresholdPercent();
        if (gone * 100 > (long) threshold * total) {
            String message = gone + " of the task's " + total + " cards (" + (gone * 100 / total)
                    + "%) are gone from the remote instance, more than the removal threshold of " + threshold
                    + "%; nothing was marked removed. Check the remote instance, then run the task with"
                    + " confirmRemovals=true or raise the threshold.";
            if (dryRun.active() && !confirmed) {
                String stop = message.substring(0, message.indexOf(';'))
                        + "; a real run would stop here and mark none of them";
                dryRun.thresholdStop(stop);
                info.accept("Dry run: " + stop + ". The cards it would mark are listed.");
            } else if (!confirmed) {
                throw new ThresholdExceeded(message);
            } else {
                info.accept("Confirmed: " + message.substring(0, message.indexOf(';')) + "; marking them removed.");
            }
        }
        long[] marked = {0};
        forEachPage(page -> marked[0] += mark(unseen(page.stream().filter(card -> !isRemoved(card)).toList()), info));
        return marked[0];
    }

    private long mark(List<DataCard> cards, Consumer<String> info) {
        if (cards.isEmpty()) {
            return 0;
        }
        if (dryRun.active()) {
            cards.forEach(card -> dryRun.remove(card.text(mapping.uniqueKeyAttribute())));
            return cards.size();
        }
        List<DataCard> changes = new ArrayList<>();
        for (DataCard card : cards) {
            changes.add(new DataCard(card.id(), mapping.targetTemplate(), card.folderCode(), null, false, false,
                    Map.of(policy.statusAttribute(), List.of(removedValue))));
        }
        List<WriteOutcome> outcomes = local.upsert(mapping.targetTemplate(), changes);
        List<String> removedKeys = new ArrayList<>();
        long marked = 0;
        for (int i = 0; i < cards.size(); i++) {
            String key = cards.get(i).text(mapping.uniqueKeyAttribute());
            if (outcomes.get(i).ok()) {
                marked++;
                if (key != null) {
                    removedKeys.add(key);
                    events.removed(key, cards.get(i).id(), "gone from the remote instance: "
                            + policy.statusAttribute() + " set to '" + policy.removedValue() + "'");
                }
            } else {
                info.accept((key == null ? "card " + cards.get(i).id() : key) + ": could not be marked removed: "
                        + outcomes.get(i).error());
            }
        }
        // A card that comes back at the remote is loaded again; ReturningCards decides its status.
        cache.remove(taskId, removedKeys);
        events.flush();
        return marked;
    }

    /** The cards of a page that this run did not see. */
    private List<DataCard> unseen(List<DataCard> page) {
        List<String> keys = page.stream().map(c -> c.text(mapping.uniqueKeyAttribute())).filter(Objects::nonNull)
                .toList();
        var seen = seenKeys.seen(keys);
        List<DataCard> unseen = new ArrayList<>();
        for (DataCard card : page) {
            String key = card.text(mapping.uniqueKeyAttribute());
            if (key != null && !seen.contains(key)) {
                unseen.add(card);
            }
        }
        return unseen;
    }

    /** The task's local cards, a page at a time. */
    private void forEachPage(Consumer<List<DataCard>> consumer) {
        ReadRequest request = ReadRequest.of(mapping.targetTemplate(), null,
                List.of(mapping.uniqueKeyAttribute(), policy.statusAttribute()));
        try (CardCursor cursor = local.find(request, CardMatch.attribute(mapping.taskIdAttribute(),
                List.of(taskId)))) {
            List<DataCard> page = new ArrayList<>(SyncRun.PAGE_SIZE);
            while (cursor.hasNext()) {
                page.add(cursor.next());
                if (page.size() == SyncRun.PAGE_SIZE) {
                    consumer.accept(page);
                    page = new ArrayList<>(SyncRun.PAGE_SIZE);
                }
            }
            if (!page.isEmpty()) {
                consumer.accept(page);
            }
        }
    }

    private boolean isRemoved(DataCard card) {
        return isRemoved(card, policy, removedValue);
    }

    /** Whether a card's status attribute holds the removed value (by the value written, its text or its code). */
    static boolean isRemoved(DataCard card, RemovalPolicy policy, Value removedValue) {
        for (Value value : card.values(policy.statusAttribute())) {
            if (value.equals(removedValue) || policy.removedValue().equals(value.displayText())
                    || value instanceof StaticValue choice && policy.removedValue().equals(choice.code())) {
                return true;
            }
        }
        return false;
    }
}
