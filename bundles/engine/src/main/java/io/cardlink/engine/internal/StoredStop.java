package io.cardlink.engine.internal;

import io.cardlink.api.scheduler.StopSignal;
import io.cardlink.api.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The stop signal of a run: the scheduler's of this node, or a stop asked for through any node, which the run store
 * keeps ({@link RunStore#requestStop}); the store is read at most once per {@link #POLL}, since a run asks often.
 */
final class StoredStop implements StopSignal {
    static final Duration POLL = Duration.ofSeconds(2);

    private final StopSignal local;
    private final RunStore runs;
    private final String runId;
    private final Clock clock;
    private Instant nextLook = Instant.MIN;
    private boolean stored;

    StoredStop(StopSignal local, RunStore runs, String runId, Clock clock) {
        this.local = local;
        this.runs = runs;
        this.runId = runId;
        this.clock = clock;
    }

    @Override
    public synchronized boolean stopRequested() {
        if (stored || local.stopRequested()) {
            return true;
        }
        Instant now = clock.instant();
        if (now.isBefore(nextLook)) {
            return false;
        }
        nextLook = now.plus(POLL);
        try {
            stored = runs.stopRequested(runId);
        } catch (RuntimeException e) {
            // the store is away: the run meets it soon enough, and the next look may see the stop
            return false;
        }
        return stored;
    }
}
