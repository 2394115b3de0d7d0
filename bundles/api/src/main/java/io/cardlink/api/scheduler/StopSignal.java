package io.cardlink.api.scheduler;

import org.osgi.annotation.versioning.ProviderType;

/** Tells a running run that someone asked it to stop; the run checks it between two pages and ends cleanly. */
@FunctionalInterface
@ProviderType
public interface StopSignal {
    boolean stopRequested();
}
