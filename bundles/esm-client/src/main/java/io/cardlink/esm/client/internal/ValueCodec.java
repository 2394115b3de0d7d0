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
import java.time.DateTimeException;
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
            LocalDate date = isoDate(t);
            return new DateValue(date != null ? date : LocalDate.parse(t));
        }
        return new DateTimeValue(instant(t));
    }

    static Instant instant(String t) {
        Instant utc = utcInstant(t);
        if (utc != null) {
            return utc;
        }
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

    /**
     * The instant of {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, the shape the API sends, read by hand; null for any
     * other text, which the general parsers then read (or refuse). {@link Instant#parse} costs more than the rest of
     * a value's decoding, and a card holds a few.
     */
    static Instant utcInstant(String t) {
        int length = t.length();
        if (length < 20 || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':'
                || t.charAt(length - 1) != 'Z') {
            return null;
        }
        LocalDate date = isoDate(t.substring(0, 10));
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            int fraction = fractionDigits <= 9 ? digits(t, 20, length - 1) : -1;
            if (t.charAt(19) != '.' || fractionDigits < 1 || fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        return Instant.ofEpochSecond(date.toEpochDay() * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
    }

    /** The date of {@code yyyy-MM-dd}, read by hand; null for any other text or a day that does not exist. */
    static LocalDate isoDate(String t) {
        if (t.length() != 10 || t.charAt(4) != '-' || t.charAt(7) != '-') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number the ASCII digits from {@code from} to {@code to} (exclusive) spell; -1 if any is not a digit. */
    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
