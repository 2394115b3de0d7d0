package io.cardlink.api.scheduler;

/**
 * SPI, implemented by the engine: executes one run of a scheduled task. The scheduler calls it on one of its own
 * worker threads, never twice at once for the same task, and at most {@code maxConcurrentRuns} times at once in
 * all. The call returns when the run has ended; the runner records the run's outcome itself (a thrown exception
 * is only logged by the scheduler). The runner checks {@code stop} between two pages and, when asked, ends the
 * run as stopped; the scheduler never interrupts the thread.
 */
public interface TaskRunner {
    void run(RunRequest request, StopSignal stop);
}
