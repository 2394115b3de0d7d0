package io.cardlink.api.scheduler;

import java.time.Instant;

/** A run that a worker is executing on this node. */
public record ActiveRun(RunRequest request, Instant startedAt, boolean stopRequested) {
}
