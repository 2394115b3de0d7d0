package io.cardlink.api.run;

import java.time.Instant;

/** One phase of a run (extract or load): its status and times. */
public record Phase(RunStatus status, Instant startedAt, Instant completedAt) {
    public static Phase pending() {
        return new Phase(RunStatus.SCHEDULED, null, null);
    }
}
