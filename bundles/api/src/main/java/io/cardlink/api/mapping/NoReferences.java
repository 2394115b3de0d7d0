package io.cardlink.api.mapping;

import io.cardlink.api.card.ReferenceValue;

import java.util.List;
import java.util.Optional;

/** The resolver behind {@link ReferenceResolver#none()}. */
enum NoReferences implements ReferenceResolver {
    INSTANCE;

    @Override
    public Optional<String> uniqueKey(ReferenceValue sourceReference) {
        return Optional.empty();
    }

    @Override
    public Optional<ReferenceValue> resolve(ReferenceValue sourceReference, List<String> targetTemplates) {
        return Optional.empty();
    }
}
