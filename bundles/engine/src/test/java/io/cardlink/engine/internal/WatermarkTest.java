package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WatermarkTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void isTheNewestUpdatedValueSeen() {
        Watermark mark = new Watermark(null, START, Duration.ZERO);
        mark.seen(Instant.parse("2026-03-01T10:00:00Z"));
        mark.seen(Instant.parse("2026-03-01T11:00:00Z"));
        mark.seen(null);

        assertEquals(Instant.parse("2026-03-01T11:00:00Z"), mark.next());
    }

    @Test
    void neverPassesTheRunStartLessTheClockSkew() {
        Watermark mark = new Watermark(null, START, Duration.ofMinutes(1));
        // changed while the run read other cards: a card read earlier may have changed after it was read
        mark.seen(START.plusSeconds(30));

        assertEquals(START.minusSeconds(60), mark.next());
    }

    @Test
    void staysAtTheOldestCardThatFailedSoThatItIsReadAgain() {
        Watermark mark = new Watermark(null, START, Duration.ZERO);
        mark.seen(Instant.parse("2026-03-01T11:00:00Z"));
        mark.failed(Instant.parse("2026-03-01T10:30:00Z"));

        assertEquals(Instant.parse("2026-03-01T10:30:00Z"), mark.next());
    }

    @Test
    void keepsThePreviousValueWhenNothingNewerWasRead() {
        Instant previous = Instant.parse("2026-03-01T09:00:00Z");

        assertEquals(previous, new Watermark(previous, START, Duration.ZERO).next());
        assertNull(new Watermark(null, START, Duration.ZERO).next());
        Watermark skewed = new Watermark(START.minusSeconds(10), START, Duration.ofMinutes(1));
        skewed.seen(START.minusSeconds(5));
        assertEquals(START.minusSeconds(10), skewed.next());
    }
}
