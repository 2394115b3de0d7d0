package io.cardlink.esm.client.internal;

import io.cardlink.esm.client.RetryPolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * The sends of one call (or of one streamed read since it last delivered a card) counted against the retry policy:
 * at most {@code maxAttempts} sends, and no wait that would end later than {@code maxTotalTime} after the first.
 * When the budget is used up, {@link #gaveUp()} says which part of it and after how many attempts.
 */
final class Attempts {
    private final RetryPolicy policy;
    private final Clock clock;
    private final DoubleSupplier random;
    private int made;
    private Instant first;
    private String exhausted;

    Attempts(RetryPolicy policy, Clock clock, DoubleSupplier random) {
        this.policy = policy;
        this.clock = clock;
        this.random = random;
    }

    /** A request is about to be sent. */
    void sending() {
        if (made == 0) {
            first = clock.instant();
        }
        made++;
    }

    /** The last send does not count: a 401 answered by logging in again is not a failure of the call. */
    void uncount() {
        made--;
    }

    int made() {
        return made;
    }

    /**
     * The call made progress before it failed (a stream delivered cards, then broke): that attempt counts as the
     * first of a new run of failures, and the time budget starts again from now.
     */
    void progressed() {
        made = 1;
        first = clock.instant();
    }

    /**
     * The wait before the next attempt after a failure, never shorter than the server's {@code retryAfter}; null
     * when the budget is used up.
     */
    Duration nextWait(Duration retryAfter) {
        if (made >= policy.maxAttempts()) {
            exhausted = "the retry budget of " + plural(policy.maxAttempts(), "attempt") + " is used up";
            return null;
        }
        if (retryAfter != null && retryAfter.compareTo(policy.maxBackoff()) > 0) {
            exhausted = "the server asked to wait " + seconds(retryAfter) + ", longer than the longest wait of "
                    + seconds(policy.maxBackoff());
            return null;
        }
        Duration wait = policy.backoff(Math.max(1, made), random.getAsDouble());
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        Instant start = first == null ? clock.instant() : first;
        if (clock.instant().plus(wait).isAfter(start.plus(policy.maxTotalTime()))) {
            exhausted = "the retry budget of " + seconds(policy.maxTotalTime()) + " is used up";
            return null;
        }
        return wait;
    }

    /**
     * Why the call stopped, for its exception: {@code gave up after 6 attempts in 14 s: the retry budget of 6
     * attempts is used up}; null when the budget was not the reason or the policy allows one attempt only.
     */
    String gaveUp() {
        if (exhausted == null || policy.maxAttempts() == 1) {
            return null;
        }
        Duration spent = first == null ? Duration.ZERO : Duration.between(first, clock.instant());
        return "gave up after " + plural(made, "attempt") + " in " + seconds(spent) + ": " + exhausted;
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis < 10_000 && millis % 1000 != 0 ? String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0)
                : d.toSeconds() + " s";
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
