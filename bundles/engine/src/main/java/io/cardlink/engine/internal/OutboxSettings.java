package io.cardlink.engine.internal;

import io.cardlink.api.orchestration.OrchestrationService;
import java.time.Duration;

/**
 * How the outbox delivers operations on this node.
 *
 * @param waitForOutcome    how long a request waits for its operation's outcome before it is answered as pending,
 *                          when it does not ask for another wait
 * @param maxWaitingCallers requests that may wait for their outcome at once; others are answered at once
 * @param threads           operations written at once on this node
 * @param maxAttempts       writes tried per operation before a retryable failure makes it DEAD
 * @param firstRetry        the wait before the second attempt; each further wait doubles...
 * @param maxRetry          ...up to this
 * @param lease             how long a claim holds: past it, another node takes a running operation as abandoned
 * @param poll              how often the outbox is looked at for operations that are due (retries, other nodes' work)
 */
record OutboxSettings(Duration waitForOutcome, int maxWaitingCallers, int threads, int maxAttempts,
        Duration firstRetry, Duration maxRetry, Duration lease, Duration poll) {

    static OutboxSettings of(OutboxDispatcher.Config config) {
        return new OutboxSettings(capped(config.waitSeconds()), Math.max(1, config.maxWaitingCallers()),
                Math.max(1, Math.min(64, config.threads())), Math.max(1, config.maxAttempts()),
                Duration.ofSeconds(Math.max(1, config.firstRetrySeconds())),
                Duration.ofSeconds(Math.max(1, Math.max(config.firstRetrySeconds(), config.maxRetrySeconds()))),
                Duration.ofSeconds(Math.max(30, config.leaseSeconds())),
                Duration.ofSeconds(Math.max(1, config.pollSeconds())));
    }

    /** A wait in seconds as a request may have it: 0 to {@link OrchestrationService#MAX_WAIT_SECONDS}. */
    static Duration capped(int seconds) {
        return Duration.ofSeconds(Math.max(0, Math.min(OrchestrationService.MAX_WAIT_SECONDS, seconds)));
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first): doubling from the first, capped. */
    Duration backoff(int attempt) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempt && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
