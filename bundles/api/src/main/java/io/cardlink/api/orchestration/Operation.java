package io.cardlink.api.orchestration;

import io.cardlink.api.task.EventOperation;
import java.time.Instant;

/**
 * One operation of an event task, as the outbox holds it.
 *
 * @param attempts              writes tried so far
 * @param nextAttemptAt         when a pending operation is tried (again); null once it is finished
 * @param remoteId              the id of the remote card written or deleted, when known
 * @param provisioningException why it failed: the remote instance's message, or the last retryable failure once the
 *                              attempts ran out; while a pending operation waits for a retry, the failure that made it
 *                              wait; null when it succeeded
 */
public record Operation(String id, String taskId, String connectorId, EventOperation operation, String idempotencyKey,
        String workflow, OperationStatus status, int attempts, Instant nextAttemptAt, String remoteId,
        String provisioningException, Instant createdAt, Instant completedAt) {
}
