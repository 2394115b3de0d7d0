package io.cardlink.api.mapping;

import io.cardlink.api.card.ReferenceValue;

import java.util.List;
import java.util.Optional;

/**
 * Finds, for a reference read from the source instance, what it stands for on the target side. The mapping engine
 * does no I/O itself: the caller implements this (batched and cached: {@link CompiledMapping#references} tells
 * which references a card will ask for). An implementation may throw a
 * {@link io.cardlink.api.CardlinkException}, such as {@link io.cardlink.api.UnavailableException} when an instance
 * cannot be reached; it propagates out of {@link CompiledMapping#apply}.
 */
public interface ReferenceResolver {

    /** The unique key (such as the {@code efecte_id} value {@code PER-00012345}) of the referenced source card. */
    Optional<String> uniqueKey(ReferenceValue sourceReference);

    /**
     * The card of the target instance that has the same unique key as the referenced source card, as a reference
     * to write (only {@code dataCardId} is needed); empty when the target instance has no such card.
     *
     * @param targetTemplates the templates the target attribute may point at; empty when not known
     */
    Optional<ReferenceValue> resolve(ReferenceValue sourceReference, List<String> targetTemplates);

    /** A resolver that knows nothing: reference to string falls back to the name; reference to reference fails. */
    static ReferenceResolver none() {
        return NoReferences.INSTANCE;
    }
}
