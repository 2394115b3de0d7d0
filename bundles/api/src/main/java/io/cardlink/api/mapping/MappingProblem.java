package io.cardlink.api.mapping;

import java.util.Objects;

/**
 * An attribute of one card that could not be mapped: the target attribute's code and why (naming the source
 * attribute and the value where that helps).
 */
public record MappingProblem(String attribute, String reason) {
    public MappingProblem {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return attribute + ": " + reason;
    }
}
