package io.cardlink.mapping.internal;

import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.DateValue;
import io.cardlink.api.card.Value;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Reads a date or date-time from text: the ISO forms of the REST API and the local forms of the legacy XML API
 * ({@code dd.MM.yyyy}, {@code dd.MM.yyyy HH:mm}), the latter read in a given time zone.
 */
final class DateTexts {
    private static final DateTimeFormatter LEGACY_DATE =
            DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter LEGACY_DATE_TIME =
            DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm").withResolverStyle(ResolverStyle.STRICT);

    private DateTexts() {
    }

    static Value parse(String text, ZoneId legacyZone) throws UnmappableValue {
        String trimmed = text.trim();
        try {
            if (trimmed.indexOf('T') > 0) {
                return new DateTimeValue(OffsetDateTime.parse(trimmed).toInstant());
            }
            if (trimmed.indexOf('-') > 0) {
                return new DateValue(LocalDate.parse(trimmed));
            }
            if (trimmed.indexOf(' ') > 0) {
                return new DateTimeValue(LocalDateTime.parse(trimmed, LEGACY_DATE_TIME).atZone(legacyZone).toInstant());
            }
            return new DateValue(LocalDate.parse(trimmed, LEGACY_DATE));
        } catch (DateTimeParseException e) {
            throw new UnmappableValue("'" + text + "' is not a date (yyyy-MM-dd, dd.MM.yyyy) or a date-time"
                    + " (ISO with offset, dd.MM.yyyy HH:mm)");
        }
    }
}
