package io.cardlink.api.card;

import java.math.BigDecimal;
import java.util.Objects;

/** An integer or decimal number; both share the wire type {@code number}. */
public record NumberValue(BigDecimal value) implements Value {
    public NumberValue {
        Objects.requireNonNull(value, "value");
    }

    public static NumberValue of(long value) {
        return new NumberValue(BigDecimal.valueOf(value));
    }

    @Override
    public AttributeType type() {
        return AttributeType.NUMBER;
    }

    @Override
    public String displayText() {
        return value.stripTrailingZeros().toPlainString();
    }
}
