package io.cardlink.api.orchestration;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs event tasks for the local workflow engine. Every operation is committed to the outbox before anything is
 * written to the remote instance, so that it is delivered even if this node stops; retryable failures are tried
 * again with a growing delay.
 */
@ProviderType
public interface OrchestrationService {

    /**
     * Validates a request for an event task (every bad field at once, in a {@link io.cardlink.api.ValidationException}),
     * stores it as a pending operation and waits, up to the configured bound, for its outcome. The answer is the
     * operation as it stands then: {@link OperationStatus#SUCCEEDED}, {@link OperationStatus#FAILED}, or still pending
     * (it goes on in the background). A request whose idempotency key the task has seen answers the existing
     * operation and stores nothing.
     *
     * @throws io.cardlink.api.NotFoundException when there is no event task with that id
     */
    Operation submit(String taskId, OperationRequest request);

    /** An operation; {@link io.cardlink.api.NotFoundException} when there is none with that id. */
    Operation get(String operationId);

    /** The newest operations of an event task first, at most {@code limit}; {@code status} null for all. */
    List<Operation> list(String taskId, OperationStatus status, int limit);
}
