package io.cardlink.esm.gateway;

import io.cardlink.api.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * The order of a Matrix42 instance's change marks, ISO-8601 UTC times as {@code DateTimeFormatter.ISO_INSTANT} writes
 * them ({@code 2026-12-05T13:22:37Z}, {@code 2026-12-05T13:22:37.123456Z}). A run compares the mark of every card it
 * reads with the newest so far, so marks of that form are compared as text: the date and time to the second are
 * fixed-width digits, and the fractions compare digit by digit with missing digits as zeros. Anything else is parsed.
 */
final class ChangeMarkOrder implements Comparator<String> {
    static final ChangeMarkOrder INSTANCE = new ChangeMarkOrder();

    /** {@code yyyy-MM-ddTHH:mm:ss}: the fixed-width part. */
    private static final int SECONDS = 19;
    private static final String SHAPE = "dddd-dd-ddTdd:dd:dd";

    private ChangeMarkOrder() {
    }

    @Override
    public int compare(String a, String b) {
        if (!plain(a) || !plain(b)) {
            return parse(a).compareTo(parse(b));
        }
        for (int i = 0; i < SECONDS; i++) {
            int difference = a.charAt(i) - b.charAt(i);
            if (difference != 0) {
                return difference;
            }
        }
        // the fractions: after the '.', up to the closing 'Z'; a mark without one has none
        int aEnd = a.length() - 1;
        int bEnd = b.length() - 1;
        for (int i = SECONDS + 1; i < Math.max(aEnd, bEnd); i++) {
            int difference = (i < aEnd ? a.charAt(i) : '0') - (i < bEnd ? b.charAt(i) : '0');
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    /** Whether a mark has the form compared as text: to the second, then {@code Z} or a fraction of digits and Z. */
    static boolean plain(String mark) {
        int length = mark.length();
        if (length < SECONDS + 1 || mark.charAt(length - 1) != 'Z') {
            return false;
        }
        for (int i = 0; i < SECONDS; i++) {
            char expected = SHAPE.charAt(i);
            char actual = mark.charAt(i);
            if (expected == 'd' ? actual < '0' || actual > '9' : actual != expected) {
                return false;
            }
        }
        if (length == SECONDS + 1) {
            return true;
        }
        if (mark.charAt(SECONDS) != '.' || length == SECONDS + 2) {
            return false;
        }
        for (int i = SECONDS + 1; i < length - 1; i++) {
            if (mark.charAt(i) < '0' || mark.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The time a mark says; a 400 naming the watermark when it says none (a mark stored by another type). */
    static Instant parse(String mark) {
        try {
            return Instant.parse(mark);
        } catch (DateTimeParseException e) {
            throw new ValidationException("watermark", "'" + mark + "' is no change mark of a Matrix42 instance (an"
                    + " ISO-8601 UTC time)");
        }
    }
}
