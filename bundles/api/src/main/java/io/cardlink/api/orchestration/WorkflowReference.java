package io.cardlink.api.orchestration;

import java.time.Instant;

/**
 * A workflow that uses an event task: named by an orchestration request (or declared on the task by an admin),
 * with when it was first and last used and how often. A reference not used for the configured time is stale: it no
 * longer keeps the task from being removed.
 */
public record WorkflowReference(String connectorId, String taskId, String taskName, String workflow,
        Instant firstUsedAt, Instant lastUsedAt, long useCount, boolean stale) {
}
