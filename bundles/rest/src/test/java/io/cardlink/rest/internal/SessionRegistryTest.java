package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {
    private final MovableClock clock = new MovableClock();
    private final SessionRegistry sessions = new SessionRegistry(Duration.ofMinutes(30), clock);
    private final Caller admin = new Caller("anna", Set.of(Role.ADMIN));

    @Test
    void aSessionIsFoundByItsTokenUntilItIsClosed() {
        String token = sessions.open(admin);
        assertTrue(token.length() >= 43, "256 random bits: " + token);
        assertNotEquals(token, sessions.open(admin));
        assertEquals(admin, sessions.find(token));
        sessions.close(token);
        assertNull(sessions.find(token));
        assertNull(sessions.find("made-up"));
        assertNull(sessions.find(null));
    }

    @Test
    void useKeepsASessionAliveAndIdlenessEndsIt() {
        String token = sessions.open(admin);
        clock.advance(Duration.ofMinutes(29));
        assertEquals(admin, sessions.find(token));
        clock.advance(Duration.ofMinutes(29));
        assertEquals(admin, sessions.find(token), "used 29 minutes ago");
        clock.advance(Duration.ofMinutes(30));
        assertNull(sessions.find(token));
        assertNull(sessions.find(token), "an ended session does not come back");
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInWhateverItsUse() {
        String token = sessions.open(admin);
        for (int i = 0; i < 12 * 4 - 1; i++) {
            clock.advance(Duration.ofMinutes(15));
            assertEquals(admin, sessions.find(token));
        }
        clock.advance(Duration.ofMinutes(15));
        assertNull(sessions.find(token));
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-03-02T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
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
}
