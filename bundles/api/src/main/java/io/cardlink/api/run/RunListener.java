package io.cardlink.api.run;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a scheduled-task run starts and when it has ended, on the run's own thread (so keep it quick and never
 * throw: a listener's failure is logged and the run goes on). Registered as a whiteboard service; metrics, alerts
 * and logs each listen without the engine knowing them.
 */
@ConsumerType
public interface RunListener {

    /** The run has begun its extract phase. */
    default void runStarted(Run run) {
    }

    /** The run has ended (its record is final: status, phases and counts). */
    void runEnded(Run run);
}
