package io.cardlink.engine.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Ending the threads a run started for itself. */
final class ThreadsOfARun {
    private ThreadsOfARun() {
    }

    /**
     * Takes no more work and waits until what was handed over has ended, however long that is: a run's threads do
     * work that must not be left running behind it. An interrupt is kept for the caller rather than cutting the wait.
     */
    static void end(ExecutorService threads) {
        threads.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (threads.awaitTermination(1, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
