package io.cardlink.esm.client.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.DateValue;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.card.WorklogValue;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/** Value elements of the REST API v1 (reference §5): how each value type is written and read. */
final class ValueCodec {
    private ValueCodec() {
    }

    /** Writes the element to send for a value. */
    static void write(JsonGenerator json, Value value) throws IOException {
        json.writeStartObject();
        if (value instanceof StringValue v) {
            json.writeStringField("value", v.value());
        } else if (value instanceof NumberValue v) {
            json.writeFieldName("value");
            json.writeNumber(normalized(v.value()));
        } else if (value instanceof DateValue v) {
            json.writeStringField("value", v.value().toString());
        } else if (value instanceof DateTimeValue v) {
            json.writeStringField("value", v.value().toString());
        } else if (value instanceof ReferenceValue v) {
            json.writeStringField("dataCardId", v.dataCardId());
        } else if (value instanceof StaticValue v) {
            writeIfPresent(json, "value", v.value());
            writeIfPresent(json, "code", v.code());
        } else if (value instanceof ExternalReferenceValue v) {
            json.writeStringField("name", v.name() != null ? v.name() : v.location());
            json.writeStringField("location", v.location());
        } else if (value instanceof WorklogValue v) {
            json.writeStringField("value", v.text());
        }
        json.writeEndObject();
    }

    /** A number without trailing zeros, as the API has always been sent it. */
    private static BigDecimal normalized(BigDecimal number) {
        if (number == null || number.signum() == 0) {
            return number == null ? null : BigDecimal.ZERO;
        }
        return number.stripTrailingZeros();
    }

    /**
     * The value an element of the given wire type holds, or null when it holds none (an empty element, or an
     * unknown type without a {@code value}). The element is given by its scalar fields as text.
     */
    static Value read(String wireType, Map<String, String> element) {
        String type = wireType == null ? "" : wireType.trim().toLowerCase(Locale.ROOT);
        switch (type) {
            case "string":
                return element.get("value") == null ? null : new StringValue(element.get("value"));
            case "number":
                return number(element.get("value"));
            case "date":
                return date(element.get("value"));
            case "reference":
                String id = element.get("dataCardId");
                return id == null ? null : new ReferenceValue(id, element.get("name"), element.get("templateCode"));
            case "external-reference":
                String location = element.get("location");
                return location == null ? null : new ExternalReferenceValue(element.get("name"), location);
            case "static-value":
                String value = element.get("value");
                String code = element.get("code");
                return value == null && code == null ? null : new StaticValue(value, code);
            case "worklog":
                String entry = element.get("value");
                return entry == null ? null
                        : new WorklogValue(element.get("author"), entry, instantOrNull(element.get("date")));
            default:
                String other = element.get("value");
                return other == null ? null : new StringValue(other);
        }
    }

    /** The attribute type of a wire type; unknown types (such as a template's {@code file}) read as text. */
    static AttributeType type(String wireType, boolean file) {
        try {
            return AttributeType.fromWire(wireType);
        } catch (IllegalArgumentException e) {
            return file ? AttributeType.EXTERNAL_REFERENCE : AttributeType.STRING;
        }
    }

    /** A {@code date} value: {@code yyyy-MM-dd} is a date, anything with a time is an instant. */
    static Value date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (t.length() == 10) {
            return new DateValue(LocalDate.parse(t));
        }
        return new DateTimeValue(instant(t));
    }

    private static Instant instant(String t) {
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            }
        }
    }

    private static Instant instantOrNull(String t) {
        if (t == null || t.isBlank()) {
            return null;
        }
        try {
            return instant(t.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Value number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return new NumberValue(new BigDecimal(text.trim()));
    }

    private static void writeIfPresent(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }
}
