package io.cardlink.engine.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.api.task.RemovalPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Local cards marked removed whose source card is read again. By default such a card keeps its removed status and
 * gets its other attributes, as the vendor's engine "does not enable users back on its own"; a task whose removal
 * policy says {@code reactivateReturning} writes its mapped status instead. The run's info names the cards that
 * came back in this run (the first {@link #NAMED}) with their count.
 */
final class ReturningCards {

    /** Cards named in the run's info; the count covers the rest. */
    static final int NAMED = 20;

    private final RemovalPolicy policy;
    private final Value removedValue;
    private final List<String> named = new ArrayList<>();
    private long count;

    /** For a task without a removal policy nothing is ever marked removed, so nothing comes back. */
    ReturningCards(RemovalPolicy policy, TemplateSchema target) {
        boolean wanted = Removals.wanted(policy);
        this.policy = wanted ? policy : null;
        this.removedValue = wanted ? Removals.removedValue(policy, target) : null;
    }

    boolean active() {
        return policy != null;
    }

    /** The attribute that a look-up of the target card must read; null when inactive. */
    String statusAttribute() {
        return policy == null ? null : policy.statusAttribute();
    }

    /** Whether the target card, read with its status attribute, is marked removed. */
    boolean markedRemoved(DataCard existing) {
        return policy != null && existing != null && Removals.isRemoved(existing, policy, removedValue);
    }

    /** The card to write for a card marked removed: without its status unless the task reactivates such cards. */
    DataCard toWrite(DataCard mapped) {
        if (policy.reactivateReturning() || !mapped.attributes().containsKey(policy.statusAttribute())) {
            return mapped;
        }
        Map<String, List<Value>> values = new LinkedHashMap<>(mapped.attributes());
        values.remove(policy.statusAttribute());
        return new DataCard(mapped.id(), mapped.templateCode(), mapped.folderCode(), mapped.name(), mapped.deleted(),
                mapped.hidden(), values);
    }

    /** A card that came back was written. */
    void cameBack(String key) {
        count++;
        if (named.size() < NAMED) {
            named.add(key);
        }
    }

    /** One message for the run's info, when any card came back. */
    void report(Consumer<String> info) {
        if (count == 0) {
            return;
        }
        info.accept(count + " card(s) marked removed came back at the remote instance and "
                + (policy.reactivateReturning() ? "were reactivated" : "keep their removed status (the task does"
                        + " not reactivate returning cards)")
                + ": " + String.join(", ", named) + (count > named.size() ? ", ..." : ""));
    }
}
