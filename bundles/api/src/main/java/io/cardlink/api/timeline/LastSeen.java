package io.cardlink.api.timeline;

import java.time.Instant;

/**
 * When a scheduled task last read the card, and in which run: its newest entry of a run or, when later, the task's
 * newest complete read that did not mark the card removed; unchanged reads add no entry.
 */
public record LastSeen(String taskId, Instant at, String runId) {
}
