package io.cardlink.emulator.internal.eql;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date literals of filters, all in UTC: absolute ({@code 2024-03-01}, {@code 2024-03-01T10:00:00Z},
 * {@code 2024-03-01 10:00}, {@code 01.03.2024}, {@code 01.03.2024 10:00}) and relative: a base ({@code now},
 * {@code today}, {@code start_day}, {@code start_week} (Monday), {@code start_month}, {@code start_year},
 * {@code end_day}, {@code end_week}, {@code end_month}, {@code end_year}) followed by any number of
 * {@code + N unit} or {@code - N unit}, unit one of {@code s}, {@code min}, {@code h}, {@code d}, {@code w},
 * {@code m} (month), {@code y} or their spelled-out forms.
 */
public final class RelativeDates {

    /** A date literal: the instant it starts at, and its day when it was given without a time. */
    public record DateLiteral(Instant instant, LocalDate day) {
    }

    private static final Pattern STEP = Pattern.compile("\\s*([+-])\\s*(\\d{1,6})\\s*([a-z]+)");
    private static final Pattern BASE = Pattern.compile("^\\s*([a-z_]+)");
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");
    private static final DateTimeFormatter LOCAL_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]");
    private static final DateTimeFormatter FINNISH_DATE = DateTimeFormatter.ofPattern("d.M.yyyy");
    private static final DateTimeFormatter FINNISH_TIME = DateTimeFormatter.ofPattern("d.M.yyyy H:mm[:ss]");

    private RelativeDates() {
    }

    /** The literal's meaning, or empty when it is not a date. */
    public static Optional<DateLiteral> parse(String text, Instant now) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        Optional<DateLiteral> absolute = absolute(s);
        return absolute.isPresent() ? absolute : relative(s, now);
    }

    private static Optional<DateLiteral> absolute(String s) {
        try {
            return Optional.of(new DateLiteral(null, LocalDate.parse(s))).map(RelativeDates::dayLiteral);
        } catch (DateTimeParseException ignored) {
            // not this shape; the next one is tried
        }
        try {
            return Optional.of(new DateLiteral(OffsetDateTime.parse(s.toUpperCase(Locale.ROOT)).toInstant(), null));
        } catch (DateTimeParseException ignored) {
            // not this shape
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {SPACED, LOCAL_ISO, FINNISH_TIME}) {
            try {
                return Optional.of(new DateLiteral(LocalDateTime.parse(s, f).toInstant(ZoneOffset.UTC), null));
            } catch (DateTimeParseException ignored) {
                // not this shape
            }
        }
        try {
            return Optional.of(dayLiteral(new DateLiteral(null, LocalDate.parse(s, FINNISH_DATE))));
        } catch (DateTimeParseException ignored) {
            return Optional.empty();
        }
    }

    private static DateLiteral dayLiteral(DateLiteral l) {
        return new DateLiteral(l.day().atStartOfDay(ZoneOffset.UTC).toInstant(), l.day());
    }

    private static Optional<DateLiteral> relative(String s, Instant now) {
        Matcher base = BASE.matcher(s);
        if (!base.find()) {
            return Optional.empty();
        }
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        ZonedDateTime day = utc.truncatedTo(ChronoUnit.DAYS);
        ZonedDateTime at;
        switch (base.group(1)) {
            case "now" -> at = utc;
            case "today", "start_day" -> at = day;
            case "end_day" -> at = day.plusDays(1).minusNanos(1_000_000);
            case "start_week" -> at = day.with(DayOfWeek.MONDAY);
            case "end_week" -> at = day.with(DayOfWeek.MONDAY).plusWeeks(1).minusNanos(1_000_000);
            case "start_month" -> at = day.withDayOfMonth(1);
            case "end_month" -> at = day.withDayOfMonth(1).plusMonths(1).minusNanos(1_000_000);
            case "start_year" -> at = day.withDayOfYear(1);
            case "end_year" -> at = day.withDayOfYear(1).plusYears(1).minusNanos(1_000_000);
            default -> {
                return Optional.empty();
            }
        }
        int index = base.end();
        Matcher step = STEP.matcher(s);
        while (index < s.length()) {
            if (!step.find(index) || step.start() != index) {
                return s.substring(index).isBlank() ? Optional.of(new DateLiteral(at.toInstant(), null)) : Optional.empty();
            }
            long amount = Long.parseLong(step.group(2)) * (step.group(1).equals("-") ? -1 : 1);
            ChronoUnit unit = unit(step.group(3));
            if (unit == null) {
                return Optional.empty();
            }
            at = at.plus(amount, unit);
            index = step.end();
        }
        return Optional.of(new DateLiteral(at.toInstant(), null));
    }

    private static ChronoUnit unit(String name) {
        return switch (name) {
            case "s", "sec", "second", "seconds" -> ChronoUnit.SECONDS;
            case "min", "minute", "minutes" -> ChronoUnit.MINUTES;
            case "h", "hour", "hours" -> ChronoUnit.HOURS;
            case "d", "day", "days" -> ChronoUnit.DAYS;
            case "w", "week", "weeks" -> ChronoUnit.WEEKS;
            case "m", "month", "months" -> ChronoUnit.MONTHS;
            case "y", "year", "years" -> ChronoUnit.YEARS;
            default -> null;
        };
    }
}
