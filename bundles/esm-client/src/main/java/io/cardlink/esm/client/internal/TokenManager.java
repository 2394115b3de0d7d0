package io.cardlink.esm.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Holds the current token and logs in when there is none or it is about to expire. Callers that need a
 * token while a login is running wait for that login instead of starting their own.
 */
final class TokenManager {
    /** The most a token is refreshed ahead of its expiry; short-lived tokens are refreshed a tenth ahead. */
    static final Duration MAX_REFRESH_MARGIN = Duration.ofSeconds(30);

    private final Clock clock;
    private final Supplier<String> login;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Token current;

    private record Token(String value, Instant refreshAt) {
    }

    TokenManager(Clock clock, Supplier<String> login) {
        this.clock = clock;
        this.login = login;
    }

    /** A token that is not about to expire, logging in first if needed. */
    String token() {
        Token t = current;
        if (t != null && clock.instant().isBefore(t.refreshAt())) {
            return t.value();
        }
        lock.lock();
        try {
            t = current;
            if (t != null && clock.instant().isBefore(t.refreshAt())) {
                return t.value();
            }
            String value = login.get();
            Instant now = clock.instant();
            current = new Token(value, refreshAt(value, now));
            return value;
        } finally {
            lock.unlock();
        }
    }

    /** Drops a token the server refused, unless another caller has already replaced it. */
    void invalidate(String refused) {
        lock.lock();
        try {
            Token t = current;
            if (t != null && t.value().equals(refused)) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * When to log in again: shortly before the JWT's {@code exp}, by a tenth of its lifetime but at most
     * {@link #MAX_REFRESH_MARGIN}; never for a token without a readable {@code exp} (a 401 then triggers the login).
     */
    static Instant refreshAt(String token, Instant now) {
        return Jwt.decode(token).map(jwt -> {
            Instant issued = jwt.issuedAt() != null && jwt.issuedAt().isBefore(jwt.expiresAt()) ? jwt.issuedAt() : now;
            Duration lifetime = Duration.between(issued, jwt.expiresAt());
            Duration margin = lifetime.isNegative() ? Duration.ZERO : lifetime.dividedBy(10);
            if (margin.compareTo(MAX_REFRESH_MARGIN) > 0) {
                margin = MAX_REFRESH_MARGIN;
            }
            return jwt.expiresAt().minus(margin);
        }).orElse(Instant.MAX);
    }
}
