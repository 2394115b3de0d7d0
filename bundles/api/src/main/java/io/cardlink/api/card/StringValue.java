package io.cardlink.api.card;

import java.util.Objects;

/** A string or text value. */
public record StringValue(String value) implements Value {
    public StringValue {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public AttributeType type() {
        return AttributeType.STRING;
    }

    @Override
    public String displayText() {
        return value;
    }
}
