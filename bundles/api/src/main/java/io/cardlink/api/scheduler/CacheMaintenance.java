package io.cardlink.api.scheduler;

/** SPI, implemented by the engine: the scheduler calls it at the configured cache clear hours (UTC). */
public interface CacheMaintenance {

    /** Forgets the fingerprints of every task, so that the next run of each task loads all its cards again. */
    void clearAllTaskCaches();
}
