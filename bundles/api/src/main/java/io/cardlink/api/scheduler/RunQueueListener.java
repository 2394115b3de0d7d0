package io.cardlink.api.scheduler;

/**
 * SPI, implemented by the engine to record runs that are not running yet. The scheduler calls it on one
 * notification thread, in the order things happened: {@link #waiting} for a request always comes before
 * {@link TaskRunner#run} or {@link #cancelled} for the same request.
 */
public interface RunQueueListener {

    /** The request was admitted but waits: the concurrency limit is reached, or its task is still running. */
    void waiting(RunRequest request);

    /** A waiting request was dropped before it started: stopped, or the scheduler shut down. */
    void cancelled(RunRequest request);

    /** A schedule fire was not admitted because its task is already running or waiting. */
    void skipped(RunRequest request);
}
