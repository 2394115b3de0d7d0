package io.cardlink.api.service;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The fingerprints of the cards a scheduled task last loaded; an unchanged card is not loaded again. Clearing it
 * makes the next run load every card; the incremental watermark is not touched.
 */
@ProviderType
public interface TaskCache {

    /** Forgets what the task loaded; returns how many entries were dropped. */
    long clear(String taskId);

    /** Forgets what every task loaded. */
    long clearAll();
}
