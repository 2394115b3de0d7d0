package io.cardlink.api.card;

/** A choice of a static-value attribute: its display value and its code (the code may be absent). */
public record StaticValue(String value, String code) implements Value {
    public StaticValue {
        if (value == null && code == null) {
            throw new IllegalArgumentException("a static value needs a value or a code");
        }
    }

    @Override
    public AttributeType type() {
        return AttributeType.STATIC_VALUE;
    }

    @Override
    public String displayText() {
        return value != null ? value : code;
    }
}
