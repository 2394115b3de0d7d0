package io.cardlink.api.store;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The outbox of event-task operations. Each method is one transaction. A dispatcher takes an operation by claiming
 * it: the claim marks it {@link OperationStatus#RUNNING} for an owner (a node) until a lease ends, and only one
 * claim of a due operation succeeds however many dispatchers try at once. The owner's later writes apply only while
 * the claim is still its own.
 */
@ProviderType
public interface OutboxStore {

    /** An operation with the local card it carries. */
    record Entry(Operation operation, DataCard card) {
    }

    /**
     * Stores a new pending operation (its id, status, attempts and times are set by the store; it is due at once).
     * When the task already has an operation with the same idempotency key, that one is returned and nothing is
     * written.
     */
    Operation add(Operation operation, DataCard card);

    Optional<Operation> find(String id);

    /** The newest operations of a task first, at most {@code limit}; {@code status} null for all. */
    List<Operation> listForTask(String taskId, OperationStatus status, int limit);

    /** Claims one operation if it is pending, or running with its lease over; empty when another holds it. */
    Optional<Entry> claim(String id, String owner, Instant now, Instant leaseUntil);

    /**
     * Claims up to {@code limit} operations that are due: running ones whose lease is over, then pending ones whose
     * next attempt is at or before {@code now}, the longest due first. Each claim counts one attempt.
     */
    List<Entry> claimDue(String owner, Instant now, Instant leaseUntil, int limit);

    /** Records the outcome of a claimed operation: {@code status} is SUCCEEDED or FAILED. Empty when the claim was lost. */
    Optional<Operation> finish(String id, String owner, OperationStatus status, String remoteId,
            String provisioningException, Instant at);

    /** Puts a claimed operation back to pending until {@code nextAttemptAt}, with the failure that stopped it. */
    Optional<Operation> retryLater(String id, String owner, Instant nextAttemptAt, String failure);

    /** Puts the operations an owner left running (a node that stopped in the middle) back to pending; returns how many. */
    int release(String owner);
}
