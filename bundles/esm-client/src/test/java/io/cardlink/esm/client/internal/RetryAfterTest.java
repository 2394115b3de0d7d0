package io.cardlink.esm.client.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterTest {
    private final Instant now = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void secondsAndHttpDates() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Mon, 2 Mar 2026 10:01:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Mon, 2 Mar 2026 09:00:00 GMT", now));
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, now));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", now));
        assertEquals(Optional.empty(), RetryAfter.parse("99999999999999999999999", now));
    }
}
