package io.cardlink.api.orchestration;

import io.cardlink.api.task.EventOperation;
import java.time.Instant;

/**
 * One operation of an event task, as the outbox holds it.
 *
 * @param cardKey               the value of the local attribute that feeds the remote card's unique key: operations
 *                              of one task with the same card key are written one at a time, in the order accepted
 * @param localCardId           the local card the request named, when it named one instead of sending attributes
 * @param submittedBy           the user that submitted it
 * @param attempts              writes tried so far
 * @param nextAttemptAt         when a pending operation is tried (again); null once it is finished
 * @param remoteId              the id of the remote card written or deleted, when known
 * @param provisioningException why it failed: the remote instance's message, or the last retryable failure once the
 *                              attempts ran out; while a pending operation waits for a retry, the failure that made it
 *                              wait; null when it succeeded
 * @param reason                why it is held, suppressed or discarded
 */
public record Operation(String id, String taskId, String connectorId, EventOperation operation, String cardKey,
        String localCardId, String idempotencyKey, String workflow, String submittedBy, OperationStatus status,
        int attempts, Instant nextAttemptAt, String remoteId, String provisioningException, String reason,
        Instant createdAt, Instant completedAt) {

    /**
     * A new operation as the engine hands it to the outbox: what was asked, by whom, and the status it starts in;
     * the outbox sets its id, attempts and times.
     */
    public static Operation accepted(String taskId, String connectorId, EventOperation operation, String cardKey,
            String localCardId, String idempotencyKey, String workflow, String submittedBy, OperationStatus status,
            String provisioningException, String reason) {
        return new Operation(null, taskId, connectorId, operation, cardKey, localCardId, idempotencyKey, workflow,
                submittedBy, status, 0, null, null, provisioningException, reason, null, null);
    }
}
