package io.cardlink.api.scheduler;

import java.time.Duration;
import java.time.Instant;

/**
 * A node of the scheduler: in a cluster, each node sharing the job store, with its last check-in and how often it
 * checks in (a node silent for much longer is taken as dead); on a single node, that node, checking in now.
 */
public record SchedulerNode(String name, Instant lastCheckIn, Duration checkinInterval, boolean self) {
}
