package io.cardlink.esm.client.internal;

import io.cardlink.esm.client.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class AttemptsTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-03-02T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    private Attempts attempts(RetryPolicy policy) {
        return new Attempts(policy, clock, () -> 0.999999);
    }

    @Test
    void theAttemptsRunOutAndTheReasonSaysSo() {
        Attempts attempts = attempts(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofSeconds(60)));
        attempts.sending();
        assertEquals(Duration.ofMillis(100), attempts.nextWait(null));
        clock.advance(Duration.ofMillis(100));
        attempts.sending();
        assertEquals(Duration.ofMillis(200), attempts.nextWait(null));
        clock.advance(Duration.ofMillis(200));
        attempts.sending();

        assertNull(attempts.nextWait(null));
        assertEquals("gave up after 3 attempts in 0.3 s: the retry budget of 3 attempts is used up",
                attempts.gaveUp());
    }

    @Test
    void theTimeRunsOutBeforeTheAttempts() {
        Attempts attempts = attempts(new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(8),
                Duration.ofSeconds(20)));
        for (int sent = 1; sent <= 4; sent++) {
            attempts.sending();
            Duration wait = attempts.nextWait(null);
            assertNotNull(wait, "wait after attempt " + sent);
            clock.advance(wait);
        }
        attempts.sending();

        assertNull(attempts.nextWait(null), "15 s spent, the next wait of 8 s would end after 20 s");
        assertEquals("gave up after 5 attempts in 15 s: the retry budget of 20 s is used up", attempts.gaveUp());
    }

    @Test
    void aServerWaitIsNeverCutShortButOneLongerThanTheLongestWaitStops() {
        Attempts attempts = attempts(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofSeconds(60)));
        attempts.sending();
        assertEquals(Duration.ofMillis(1500), attempts.nextWait(Duration.ofMillis(1500)));
        attempts.sending();

        assertNull(attempts.nextWait(Duration.ofSeconds(30)));
        assertEquals("gave up after 2 attempts in 0 s: the server asked to wait 30 s, longer than the longest wait"
                + " of 2 s", attempts.gaveUp());
    }

    @Test
    void progressStartsTheBudgetAgain() {
        Attempts attempts = attempts(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofSeconds(5)));
        attempts.sending();
        clock.advance(Duration.ofSeconds(4));
        attempts.sending();
        assertNull(attempts.nextWait(null));

        attempts.progressed();

        assertEquals(Duration.ofMillis(100), attempts.nextWait(null));
    }

    @Test
    void aSingleAttemptPolicyNamesNoBudget() {
        Attempts attempts = attempts(RetryPolicy.none());
        attempts.sending();

        assertNull(attempts.nextWait(null));
        assertNull(attempts.gaveUp());
    }
}
