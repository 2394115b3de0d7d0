package io.cardlink.api.timeline;

import java.time.Instant;

/** When a scheduled task last read the card, and in which run; unchanged reads move it instead of adding entries. */
public record LastSeen(String taskId, Instant at, String runId) {
}
