package io.cardlink.engine.internal;

import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import java.time.Duration;
import java.util.Locale;

/** How long a run's phases took, for the line the engine logs at a run's end. */
final class PhaseTimes {

    private PhaseTimes() {
    }

    /** Such as {@code extract 1.204 s, load 3.500 s}; a phase that never ran says so. */
    static String of(Run run) {
        return "extract " + took(run.extract()) + ", load " + took(run.load());
    }

    private static String took(Phase phase) {
        if (phase == null || phase.startedAt() == null) {
            return "not run";
        }
        if (phase.completedAt() == null) {
            return "not ended";
        }
        Duration took = Duration.between(phase.startedAt(), phase.completedAt());
        return String.format(Locale.ROOT, "%d.%03d s", took.toSeconds(), took.toMillisPart());
    }
}
