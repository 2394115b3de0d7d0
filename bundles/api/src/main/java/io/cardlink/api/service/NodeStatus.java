package io.cardlink.api.service;

import java.time.Instant;
import java.util.List;

/**
 * One Cardlink node as {@code /status} shows it: its name, its last check-in with the others (now for this node
 * when it is alone), whether it is the node that answers, whether it missed its check-ins, and the tasks it runs.
 */
public record NodeStatus(String name, Instant lastCheckIn, boolean self, boolean late, List<String> runningTasks) {
    public NodeStatus {
        runningTasks = runningTasks == null ? List.of() : List.copyOf(runningTasks);
    }
}
