package io.cardlink.engine.internal;

import io.cardlink.api.orchestration.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The card timeline's entries of operation outcomes, written by one thread of their own in batches: an outcome is
 * durable in the outbox before its entry is written, so the request waiting for it is answered first, and the
 * outcomes of concurrent operations share one transaction instead of a commit each. Entries keep the order in which
 * the outcomes arrived. When the queue is full, the outcome's entry is written on the caller's thread (the writers
 * slow down rather than entries being lost); entries still queued when the dispatcher stops are not written (the
 * outcomes themselves are in the outbox).
 */
final class OutcomeEntries implements AutoCloseable {
    /** Outcomes one transaction takes at most. */
    static final int BATCH = 200;
    private static final int QUEUED = 10_000;

    private final CardEvents timeline;
    private final BlockingQueue<Operation> queued = new ArrayBlockingQueue<>(QUEUED);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ExecutorService thread;

    OutcomeEntries(CardEvents timeline, String threadName) {
        this.timeline = timeline;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread writer = new Thread(runnable, threadName);
            writer.setDaemon(true);
            return writer;
        });
    }

    /** Queues the entry of an outcome (an operation no longer in progress) for the timeline. */
    void add(Operation done) {
        if (!queued.offer(done)) {
            timeline.operations(List.of(done));
            return;
        }
        if (draining.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
            }
        }
    }

    /** Writes what is queued, a batch per transaction; an outcome queued after the flag is cleared drains again. */
    private void drain() {
        draining.set(false);
        List<Operation> batch = new ArrayList<>(BATCH);
        while (queued.drainTo(batch, BATCH) > 0) {
            timeline.operations(batch);
            batch.clear();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
