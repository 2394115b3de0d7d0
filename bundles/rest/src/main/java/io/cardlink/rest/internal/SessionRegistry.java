package io.cardlink.rest.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sign-in sessions of this node: a random token per signed-in person, held in memory only (a restart
 * of this bundle signs everyone out; nodes behind a load balancer need sticky sessions). A session ends when it is
 * not used for the idle time, and at the latest {@link #MAX_AGE} after sign-in, so that a forgotten browser does not
 * stay signed in forever. The roles are those of the sign-in.
 */
final class SessionRegistry {
    /** A working day and then some: long enough for a shift, short enough that a stolen cookie goes stale. */
    static final Duration MAX_AGE = Duration.ofHours(12);
    private static final int TOKEN_BYTES = 32;

    private final Duration idle;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    SessionRegistry(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    private record Session(Caller caller, Instant started, Instant lastUsed) {
    }

    /** Opens a session for a caller that has just proven its credentials; returns its token. */
    String open(Caller caller) {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> expired(session, now));
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new Session(caller, now, now));
        return token;
    }

    /** The caller of a live session, which this use keeps alive; null for an unknown or ended one. */
    Caller find(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        Session session = sessions.computeIfPresent(token, (key, found) -> expired(found, now) ? null
                : new Session(found.caller(), found.started(), now));
        return session == null ? null : session.caller();
    }

    void close(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    private boolean expired(Session session, Instant now) {
        return !now.isBefore(session.lastUsed().plus(idle)) || !now.isBefore(session.started().plus(MAX_AGE));
    }
}
