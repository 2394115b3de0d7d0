package io.cardlink.api.store;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.orchestration.HeldCard;
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
 *
 * <p>Order per card: each operation gets the next number of its card (task and card key) when it is accepted, and
 * accepting locks the card's row, so that the numbers follow the order in which the accepts commit, on one node or
 * several sharing the database. An operation can be claimed only while no operation of its card with a lower number
 * is pending, running, dead or held.
 */
@ProviderType
public interface OutboxStore {

    /**
     * How far behind the outbox is, counted over every task: operations waiting to be written (pending or running),
     * when the oldest of them was accepted (null when none waits), dead operations and held cards.
     */
    record Backlog(long waiting, Instant oldestWaitingSince, long dead, long heldCards) {
    }

    /** The {@link Backlog} now: counts only, cheap enough for every metrics scrape. */
    Backlog backlog();

    /** An operation with the local card it carries. */
    record Entry(Operation operation, DataCard card) {
    }

    /**
     * Stores a new operation (its id, attempts and times are set by the store) in the status it carries: PENDING (due
     * at once; HELD instead when the store holds its card), or SUPPRESSED or FAILED (finished at once, never
     * written). When the operation names a workflow, the workflow's use of the task is recorded with it. When the
     * task already has an operation with the same idempotency key, that one is returned and nothing is written, or,
     * when that one came with another request fingerprint, a {@link io.cardlink.api.ConflictException} is thrown.
     *
     * @param requestFingerprint what identifies the request behind an idempotency key (operation and card)
     */
    Operation add(Operation operation, DataCard card, String requestFingerprint);

    /** A claim an accept may take at once: the owner (a node) and the end of its lease. */
    record Claim(String owner, Instant leaseUntil) {
    }

    /** What {@link #accept} stored or found: the operation, and whether it was claimed for the accepting node. */
    record Accepted(Operation operation, boolean claimed) {
    }

    /**
     * Stores a new operation as {@link #add} does; and when {@code claim} is not null, the operation is pending and no
     * earlier operation of its card is still to be written, claims it for {@code claim}'s owner in the same
     * transaction (RUNNING, one attempt counted), so that the node that accepts an operation writes it without a
     * transaction of its own to claim it. A repeated idempotency key answers the stored operation, not claimed.
     */
    Accepted accept(Operation operation, DataCard card, String requestFingerprint, Claim claim);

    /**
     * The operation a request with this idempotency key already has: empty when the key is new (or null), a
     * {@link io.cardlink.api.ConflictException} when the key came with another request fingerprint.
     */
    Optional<Operation> repeated(String taskId, String idempotencyKey, String requestFingerprint);

    Optional<Operation> find(String id);

    /** The newest operations of a task first, at most {@code limit}; {@code status} null for all. */
    List<Operation> listForTask(String taskId, OperationStatus status, int limit);

    /**
     * Claims one operation if it is pending, or running with its lease over, and no earlier operation of its card is
     * still to be written; empty when another holds it or it has to wait.
     */
    Optional<Entry> claim(String id, String owner, Instant now, Instant leaseUntil);

    /**
     * Claims up to {@code limit} operations that are due and not behind an earlier operation of their card: running
     * ones whose lease is over, then pending ones whose next attempt is at or before {@code now}, the longest due
     * first. Each claim counts one attempt.
     */
    List<Entry> claimDue(String owner, Instant now, Instant leaseUntil, int limit);

    /**
     * Records the outcome of a claimed operation: {@code status} is SUCCEEDED, FAILED or DEAD. Empty when the claim was
     * lost.
     */
    Optional<Operation> finish(String id, String owner, OperationStatus status, String remoteId,
            String provisioningException, Instant at);

    /**
     * Finishes a claimed operation as SUPPRESSED without writing it (its card is an echo), with the reason. Empty when
     * the claim was lost.
     */
    Optional<Operation> suppress(String id, String owner, String reason, Instant at);

    /**
     * Moves the end of the lease of a claim {@code owner} still holds to {@code leaseUntil}, so that no other node
     * takes the operation while a call of it may still be under way; empty when the claim was lost.
     */
    Optional<Operation> extendLease(String id, String owner, Instant leaseUntil);

    /** Puts a claimed operation back to pending until {@code nextAttemptAt}, with the failure that stopped it. */
    Optional<Operation> retryLater(String id, String owner, Instant nextAttemptAt, String failure);

    /** Puts the operations an owner left running (a node that stopped in the middle) back to pending; returns how many. */
    int release(String owner);

    /**
     * How many operations of a card succeeded since {@code since}, or since the card was last released when that is
     * later: the writes the loop guard counts.
     */
    long countWrites(String taskId, String cardKey, Instant since);

    /**
     * Holds a claimed operation's card: the card is marked held with the reason, and the operation and every pending
     * one of the card become HELD. Empty when the claim was lost.
     */
    Optional<Operation> hold(String id, String owner, String reason, Instant at);

    /** The held cards of a task, or of every task when {@code taskId} is null, the most recently held first. */
    List<HeldCard> heldCards(String taskId);

    /**
     * Releases a held card: its HELD operations become pending, due at {@code at}. Returns how many; a
     * {@link io.cardlink.api.NotFoundException} when the card is not held.
     */
    int releaseCard(String taskId, String cardKey, Instant at);

    /** A DEAD operation back to pending with no attempts, due at {@code at}; ConflictException when it is not dead. */
    Operation replay(String id, Instant at);

    /** Every DEAD operation of a task back to pending; returns how many. */
    int replayDead(String taskId, Instant at);

    /** A DEAD or HELD operation to DISCARDED with the reason; ConflictException when it is neither. */
    Operation discard(String id, String reason, Instant at);

    /** Every operation of a task in {@code status} (DEAD or HELD) to DISCARDED; returns how many. */
    int discardAll(String taskId, OperationStatus status, String reason, Instant at);

    /**
     * Removes the finished operations (succeeded, failed, suppressed, discarded) completed before {@code before};
     * returns how many.
     */
    int removeFinished(Instant before);
}
