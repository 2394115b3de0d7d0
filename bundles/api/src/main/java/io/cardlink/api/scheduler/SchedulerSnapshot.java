package io.cardlink.api.scheduler;

import java.util.List;

/** What this node is running and what waits, {@code waiting} in the order the requests will start. */
public record SchedulerSnapshot(int maxConcurrentRuns, List<ActiveRun> running, List<RunRequest> waiting) {
    public SchedulerSnapshot {
        running = List.copyOf(running);
        waiting = List.copyOf(waiting);
    }
}
