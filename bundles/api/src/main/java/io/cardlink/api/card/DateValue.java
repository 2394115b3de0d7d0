package io.cardlink.api.card;

import java.time.LocalDate;
import java.util.Objects;

/** A date without time, written {@code yyyy-MM-dd}. */
public record DateValue(LocalDate value) implements Value {
    public DateValue {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public AttributeType type() {
        return AttributeType.DATE;
    }

    @Override
    public String displayText() {
        return value.toString();
    }
}
