package io.cardlink.engine.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The next watermark of an incremental task, from the remote {@code updated} values a run read. It is the newest
 * value seen, but never later than the run's start less the allowed clock skew (a card changed while the run read
 * others may carry an older value than some card read after it), and never later than the oldest card that failed
 * (so that the next run tries it again). The lower bound is inclusive; cards read again are dropped by their
 * fingerprints.
 */
final class Watermark {

    private final Instant previous;
    private final Instant ceiling;
    private Instant newest;
    private Instant oldestFailed;

    Watermark(Instant previous, Instant runStart, Duration clockSkew) {
        this.previous = previous;
        this.ceiling = runStart.minus(clockSkew);
    }

    void seen(Instant updated) {
        if (updated != null && (newest == null || updated.isAfter(newest))) {
            newest = updated;
        }
    }

    void failed(Instant updated) {
        if (updated != null && (oldestFailed == null || updated.isBefore(oldestFailed))) {
            oldestFailed = updated;
        }
    }

    /** The watermark to keep after the load committed; the previous one when the run read nothing newer. */
    Instant next() {
        if (newest == null) {
            return previous;
        }
        Instant next = newest.isAfter(ceiling) ? ceiling : newest;
        if (oldestFailed != null && oldestFailed.isBefore(next)) {
            next = oldestFailed;
        }
        // A run reads from the previous watermark on, so nothing it saw lies before it.
        return previous != null && previous.isAfter(next) ? previous : next;
    }
}
