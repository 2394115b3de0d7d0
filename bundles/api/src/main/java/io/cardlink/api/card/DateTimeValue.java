package io.cardlink.api.card;

import java.time.Instant;
import java.util.Objects;

/** A date-time, an instant written in UTC with {@code Z}. */
public record DateTimeValue(Instant value) implements Value {
    public DateTimeValue {
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
