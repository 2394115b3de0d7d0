package io.cardlink.api.orchestration;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs event tasks for the local workflow engine. Every operation is committed to the outbox before anything is
 * written to the remote instance, so that it is delivered even if this node stops; retryable failures are tried
 * again with a growing delay. Operations of one task for one card are written one at a time, in the order they were
 * accepted; different cards are written in parallel.
 */
@ProviderType
public interface OrchestrationService {

    /** The longest a request waits for its outcome, whatever it or the configuration asks. */
    int MAX_WAIT_SECONDS = 60;

    /**
     * Validates a request for an event task (every bad field at once, in a {@link io.cardlink.api.ValidationException}),
     * stores it as a pending operation and waits, within the bounds, for its outcome. The answer is the operation as
     * it stands then: finished, still in progress (it goes on in the background), dead, or held by the loop guard.
     * A card that is an echo of what a scheduled task has just loaded is answered
     * {@link OperationStatus#SUPPRESSED} and written nowhere; a reference that has no card in the remote instance
     * fails the operation at once. A request whose idempotency key the task has seen answers the existing operation
     * and stores nothing, or a {@link io.cardlink.api.ConflictException} when the key came with another request.
     *
     * @param submittedBy the user that calls, recorded on the operation
     * @throws io.cardlink.api.NotFoundException when there is no event task with that id
     */
    Operation submit(String taskId, OperationRequest request, String submittedBy);

    /** An operation; {@link io.cardlink.api.NotFoundException} when there is none with that id. */
    Operation get(String operationId);

    /** The newest operations of an event task first, at most {@code limit}; {@code status} null for all. */
    List<Operation> list(String taskId, OperationStatus status, int limit);

    /**
     * Puts a dead operation back in line, with its attempts anew and at its old place among its card's operations;
     * a {@link io.cardlink.api.ConflictException} when it is not dead.
     */
    Operation replay(String operationId);

    /** Gives up a dead or held operation; a {@link io.cardlink.api.ConflictException} when it is neither. */
    Operation discard(String operationId, String discardedBy);

    /** Replays every dead operation of an event task; returns how many. */
    int replayDead(String taskId);

    /** Gives up every operation of an event task in {@code status} (DEAD or HELD); returns how many. */
    int discardAll(String taskId, OperationStatus status, String discardedBy);

    /** The event tasks a workflow on a local template can use, across connectors; {@code localTemplate} null for all. */
    List<EventTarget> targets(String localTemplate);

    /** The cards the loop guard holds, of one event task or (task null) of all. */
    List<HeldCard> heldCards(String taskId);

    /**
     * Releases a held card: its held operations go back in line, in their order, and its write count starts again.
     * Returns how many operations were released; a {@link io.cardlink.api.NotFoundException} when the card is not
     * held.
     */
    int release(String taskId, String cardKey, String releasedBy);
}
