package io.cardlink.esm.client;

import java.time.Duration;
import java.util.Objects;

/**
 * The retry budget: how often and how long a failed call is tried again. At most {@code maxAttempts} sends of one
 * call, waits growing exponentially from {@code initialBackoff} up to {@code maxBackoff} with jitter, and no wait
 * that ends later than {@code maxTotalTime} after the first send. A streamed read starts counting again each time it
 * breaks after delivering cards, so that a long read that breaks now and then goes on while one that stops making
 * progress gives up; a write sent again after an unknown outcome counts all its rounds. A server's
 * {@code Retry-After} is honoured: the client never comes back sooner; when it asks for more than
 * {@code maxBackoff} the client stops and the exception carries the wait, so that a caller can schedule the retry
 * instead of blocking a thread.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotalTime) {

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxTotalTime, "maxTotalTime");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxTotalTime.isNegative()) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** Five attempts, waits from 500 ms up to 30 s, at most two minutes in all. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    /** One attempt: no retries. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry): the exponential step capped at
     * {@code maxBackoff}, of which the upper half is jittered by {@code random} (0 inclusive to 1 exclusive) so
     * that clients failing together do not come back together.
     */
    public Duration backoff(int retry, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1");
        }
        long initial = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        long step = initial;
        for (int i = 1; i < retry && step < cap; i++) {
            step = step * 2;
        }
        step = Math.min(step, cap);
        long half = step / 2;
        return Duration.ofMillis(step - half + Math.round(half * Math.max(0, Math.min(random, 1.0))));
    }
}
