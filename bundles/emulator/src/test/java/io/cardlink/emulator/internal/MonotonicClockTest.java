package io.cardlink.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each write gets its own, later time, and a burst of writes does not push the clock ahead of the wall clock. */
class MonotonicClockTest {

    @Test
    void aBurstOfWritesGetsStrictlyLaterTimesThatStayWithTheWallClock() {
        MonotonicClock clock = new MonotonicClock();
        Instant previous = clock.next();
        for (int i = 0; i < 20_000; i++) {
            Instant next = clock.next();
            assertTrue(next.isAfter(previous), "each write later than the one before: " + previous + ", " + next);
            previous = next;
        }
        Instant wall = Instant.now();
        assertTrue(Duration.between(wall, previous).toMillis() < 100,
                "20,000 writes in a row end within 100 ms of the wall clock, not ahead of it: " + previous + " at "
                        + wall);
        assertTrue(!clock.now().isBefore(previous), "now is never earlier than the last write");
    }
}
