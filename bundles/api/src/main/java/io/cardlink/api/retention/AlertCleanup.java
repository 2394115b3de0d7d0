package io.cardlink.api.retention;

import java.time.Instant;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered by the store of alerts: the daily clean-up calls every registered one with the cut-off of the
 * {@code alertDays} setting, so that the engine need not know how alerts are kept.
 */
@ConsumerType
public interface AlertCleanup {

    /** Removes the alerts that ended (resolved) before {@code cutoff}; returns how many. */
    int removeEndedBefore(Instant cutoff);
}
