package io.cardlink.api.retention;

import java.time.Instant;

/**
 * What one clean-up removed. {@code alerts} counts what the registered {@link AlertCleanup} services removed;
 * {@code timelineEntries} the card timeline entries older than the finished operations' retention.
 */
public record RetentionReport(Instant ranAt, int runs, int operations, int extractFiles, int alerts,
        long timelineEntries) {
}
