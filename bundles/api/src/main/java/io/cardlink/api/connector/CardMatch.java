package io.cardlink.api.connector;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Cards picked by value, in Cardlink's own terms: those whose id, or whose attribute {@code attributeCode}, equals
 * one of {@code values}. The gateway translates it into its instance's query language, quoting the values, so that
 * a value can never change the condition.
 */
public record CardMatch(String attributeCode, List<String> values) {

    public CardMatch {
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a match needs at least one value");
        }
    }

    /** The cards with one of the ids. */
    public static CardMatch ids(Collection<String> ids) {
        return new CardMatch(null, List.copyOf(ids));
    }

    /** The cards whose attribute has one of the values. */
    public static CardMatch attribute(String attributeCode, Collection<String> values) {
        return new CardMatch(Objects.requireNonNull(attributeCode, "attributeCode"), List.copyOf(values));
    }

    /** Whether the values are card ids rather than values of an attribute. */
    public boolean byId() {
        return attributeCode == null;
    }
}
