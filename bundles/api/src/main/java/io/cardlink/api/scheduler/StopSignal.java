package io.cardlink.api.scheduler;

/** Tells a running run that someone asked it to stop; the run checks it between two pages and ends cleanly. */
@FunctionalInterface
public interface StopSignal {
    boolean stopRequested();
}
