package io.cardlink.api.card;

import java.util.Locale;

/**
 * The attribute types of the REST API v1. Dates and date-times share the wire type {@code date}; the value
 * ({@link DateValue} or {@link DateTimeValue}) tells them apart.
 */
public enum AttributeType {
    STRING("string"),
    NUMBER("number"),
    DATE("date"),
    REFERENCE("reference"),
    EXTERNAL_REFERENCE("external-reference"),
    STATIC_VALUE("static-value"),
    WORKLOG("worklog");

    private final String wireName;

    AttributeType(String wireName) {
        this.wireName = wireName;
    }

    /** The name the REST API uses, such as {@code static-value}. */
    public String wireName() {
        return wireName;
    }

    /** The type for a wire name, case-insensitive. */
    public static AttributeType fromWire(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (AttributeType type : values()) {
            if (type.wireName.equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown attribute type '" + name + "'");
    }
}
