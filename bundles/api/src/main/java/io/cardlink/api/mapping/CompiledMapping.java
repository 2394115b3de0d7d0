package io.cardlink.api.mapping;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.task.Mapping;

import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A {@link Mapping} prepared against the source and target schemas of one run: conversions and static-choice
 * lookups are decided once, so that mapping a card costs little. Immutable and safe to share between threads.
 */
@ProviderType
public interface CompiledMapping {

    Mapping mapping();

    Direction direction();

    /**
     * Maps one source card. The result holds the target card (template and folder of the mapping, no id, no name)
     * or, when the unique key could not be mapped, no card; and every attribute that was left out, with the reason.
     * A source attribute missing from the card stays missing from the target (an update leaves it untouched); a
     * source attribute present with no values gives the target attribute no values (an update clears it).
     *
     * @param taskId     written into the mapping's task-id attribute; required when the mapping names one
     * @param taskName   written into the mapping's task-name attribute; required when the mapping names one
     * @param references resolves references across instances; {@link ReferenceResolver#none()} when none are mapped
     */
    MappingResult apply(DataCard source, String taskId, String taskName, ReferenceResolver references);

    /**
     * The references of a source card that {@link #apply} will hand to the resolver, so that a caller can look up
     * a page of cards' references in one batch before applying the mapping to them.
     */
    Set<ReferenceValue> references(DataCard source);
}
