package io.cardlink.engine.internal;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.orchestration.HeldCard;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.store.OutboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The outbox in memory, with the claim, lease and per-card rules of the JPA store. Workflow uses go to a
 * {@link TaskFakes.References} when one is given.
 */
final class MemoryOutbox implements OutboxStore {

    private static final Set<OperationStatus> BLOCKING = Set.of(OperationStatus.PENDING, OperationStatus.RUNNING,
            OperationStatus.DEAD, OperationStatus.HELD);

    private record Row(Operation operation, DataCard card, String owner, Instant leaseUntil, long seq,
            String fingerprint) {
        Row with(Operation changed, String newOwner, Instant newLease) {
            return new Row(changed, card, newOwner, newLease, seq, fingerprint);
        }
    }

    private static final class Card {
        long lastSeq;
        Instant heldAt;
        String heldReason;
        Instant releasedAt;
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Map<String, Card> cards = new LinkedHashMap<>();
    private final TaskFakes.References references;

    MemoryOutbox() {
        this(null);
    }

    MemoryOutbox(TaskFakes.References references) {
        this.references = references;
    }

    @Override
    public synchronized Operation add(Operation operation, DataCard card, String requestFingerprint) {
        Optional<Operation> existing = repeated(operation.taskId(), operation.idempotencyKey(), requestFingerprint);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = Instant.now();
        OperationStatus status = operation.status();
        String reason = operation.reason();
        long seq = 0;
        if (operation.cardKey() != null) {
            Card row = cards.computeIfAbsent(operation.taskId() + "/" + operation.cardKey(), k -> new Card());
            seq = ++row.lastSeq;
            if (status == OperationStatus.PENDING && row.heldAt != null) {
                status = OperationStatus.HELD;
                reason = row.heldReason;
            }
        }
        Operation stored = new Operation(UUID.randomUUID().toString(), operation.taskId(), operation.connectorId(),
                operation.operation(), operation.cardKey(), operation.localCardId(), operation.idempotencyKey(),
                operation.workflow(), operation.submittedBy(), status, 0,
                status == OperationStatus.PENDING ? now : null, null, operation.provisioningException(), reason, now,
                status.finished() ? now : null);
        rows.put(stored.id(), new Row(stored, card, null, null, seq, requestFingerprint));
        if (references != null && operation.workflow() != null) {
            references.use(operation.connectorId(), operation.taskId(), operation.workflow(), now);
        }
        return stored;
    }

    @Override
    public synchronized Accepted accept(Operation operation, DataCard card, String requestFingerprint, Claim claim) {
        boolean isNew = repeated(operation.taskId(), operation.idempotencyKey(), requestFingerprint).isEmpty();
        Operation stored = add(operation, card, requestFingerprint);
        if (!isNew || claim == null) {
            return new Accepted(stored, false);
        }
        return claim(stored.id(), claim.owner(), stored.createdAt(), claim.leaseUntil())
                .map(entry -> new Accepted(entry.operation(), true))
                .orElse(new Accepted(stored, false));
    }

    @Override
    public synchronized Optional<Operation> repeated(String taskId, String idempotencyKey, String requestFingerprint) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        for (Row row : rows.values()) {
            if (row.operation().taskId().equals(taskId) && idempotencyKey.equals(row.operation().idempotencyKey())) {
                if (!Objects.equals(row.fingerprint(), requestFingerprint)) {
                    throw new ConflictException("idempotency key '" + idempotencyKey + "' was used for another request");
                }
                return Optional.of(row.operation());
            }
        }
        return Optional.empty();
    }

    /** Puts an operation as it is, as a crash may have left it. */
    synchronized void put(Operation operation, DataCard card, String owner, Instant leaseUntil) {
        rows.put(operation.id(), new Row(operation, card, owner, leaseUntil, 0, null));
    }

    @Override
    public synchronized Optional<Operation> find(String id) {
        return Optional.ofNullable(rows.get(id)).map(Row::operation);
    }

    @Override
    public synchronized List<Operation> listForTask(String taskId, OperationStatus status, int limit) {
        return rows.values().stream().map(Row::operation)
                .filter(o -> o.taskId().equals(taskId) && (status == null || o.status() == status))
                .sorted(Comparator.comparing(Operation::createdAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<Entry> claim(String id, String owner, Instant now, Instant leaseUntil) {
        Row row = rows.get(id);
        if (row == null || !claimable(row, now) || blocked(row)) {
            return Optional.empty();
        }
        Operation running = change(row.operation(), OperationStatus.RUNNING, row.operation().attempts() + 1, null,
                row.operation().remoteId(), row.operation().provisioningException(), row.operation().reason(), null);
        rows.put(id, row.with(running, owner, leaseUntil));
        return Optional.of(new Entry(running, row.card()));
    }

    @Override
    public synchronized List<Entry> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
        List<Entry> claimed = new ArrayList<>();
        for (String id : List.copyOf(rows.keySet())) {
            if (claimed.size() < limit) {
                claim(id, owner, now, leaseUntil).ifPresent(claimed::add);
            }
        }
        return claimed;
    }

    @Override
    public synchronized Optional<Operation> finish(String id, String owner, OperationStatus status, String remoteId,
            String provisioningException, Instant at) {
        return claimed(id, owner).map(row -> store(row, change(row.operation(), status, row.operation().attempts(),
                null, remoteId, provisioningException, row.operation().reason(), at)));
    }

    @Override
    public synchronized Optional<Operation> suppress(String id, String owner, String reason, Instant at) {
        return claimed(id, owner).map(row -> store(row, change(row.operation(), OperationStatus.SUPPRESSED,
                row.operation().attempts() - 1, null, null, null, reason, at)));
    }

    @Override
    public synchronized Optional<Operation> retryLater(String id, String owner, Instant nextAttemptAt, String failure) {
        return claimed(id, owner).map(row -> store(row, change(row.operation(), OperationStatus.PENDING,
                row.operation().attempts(), nextAttemptAt, null, failure, row.operation().reason(), null)));
    }

    @Override
    public synchronized Optional<Operation> extendLease(String id, String owner, Instant leaseUntil) {
        return claimed(id, owner).map(row -> {
            rows.put(id, row.with(row.operation(), owner, leaseUntil));
            return row.operation();
        });
    }

    /** When the claim on an operation ends; null when it is not claimed. */
    synchronized Instant leaseUntil(String id) {
        Row row = rows.get(id);
        return row == null ? null : row.leaseUntil();
    }

    @Override
    public synchronized int release(String owner) {
        int released = 0;
        for (Row row : List.copyOf(rows.values())) {
            if (row.operation().status() == OperationStatus.RUNNING && owner.equals(row.owner())) {
                store(row, change(row.operation(), OperationStatus.PENDING, row.operation().attempts(), Instant.now(),
                        row.operation().remoteId(), row.operation().provisioningException(), row.operation().reason(),
                        null));
                released++;
            }
        }
        return released;
    }

    @Override
    public synchronized long countWrites(String taskId, String cardKey, Instant since) {
        Card card = cards.get(taskId + "/" + cardKey);
        Instant from = card != null && card.releasedAt != null && card.releasedAt.isAfter(since) ? card.releasedAt
                : since;
        return rows.values().stream().map(Row::operation)
                .filter(o -> o.taskId().equals(taskId) && cardKey.equals(o.cardKey())
                        && o.status() == OperationStatus.SUCCEEDED && !o.completedAt().isBefore(from))
                .count();
    }

    @Override
    public synchronized Optional<Operation> hold(String id, String owner, String reason, Instant at) {
        Optional<Row> claimed = claimed(id, owner);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Row row = claimed.get();
        Operation held = store(row, change(row.operation(), OperationStatus.HELD, row.operation().attempts() - 1, null,
                null, row.operation().provisioningException(), reason, null));
        Card card = cards.computeIfAbsent(held.taskId() + "/" + held.cardKey(), k -> new Card());
        card.heldAt = at;
        card.heldReason = reason;
        for (Row other : List.copyOf(rows.values())) {
            Operation o = other.operation();
            if (o.taskId().equals(held.taskId()) && Objects.equals(o.cardKey(), held.cardKey())
                    && o.status() == OperationStatus.PENDING) {
                store(other, change(o, OperationStatus.HELD, o.attempts(), null, null, o.provisioningException(),
                        reason, null));
            }
        }
        return Optional.of(held);
    }

    @Override
    public synchronized Backlog backlog() {
        List<Operation> all = rows.values().stream().map(Row::operation).toList();
        List<Operation> waiting = all.stream().filter(o -> o.status() == OperationStatus.PENDING
                || o.status() == OperationStatus.RUNNING).toList();
        return new Backlog(waiting.size(), waiting.stream().map(Operation::createdAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null),
                all.stream().filter(o -> o.status() == OperationStatus.DEAD).count(),
                cards.values().stream().filter(c -> c.heldAt != null).count());
    }

    @Override
    public synchronized List<HeldCard> heldCards(String taskId) {
        List<HeldCard> held = new ArrayList<>();
        cards.forEach((key, card) -> {
            String task = key.substring(0, key.indexOf('/'));
            String cardKey = key.substring(key.indexOf('/') + 1);
            if (card.heldAt != null && (taskId == null || taskId.equals(task))) {
                long count = rows.values().stream().map(Row::operation).filter(o -> o.taskId().equals(task)
                        && cardKey.equals(o.cardKey()) && o.status() == OperationStatus.HELD).count();
                String connector = rows.values().stream().map(Row::operation).filter(o -> o.taskId().equals(task))
                        .map(Operation::connectorId).findFirst().orElse(null);
                held.add(new HeldCard(connector, task, cardKey, card.heldAt, card.heldReason, count));
            }
        });
        return held;
    }

    @Override
    public synchronized int releaseCard(String taskId, String cardKey, Instant at) {
        Card card = cards.get(taskId + "/" + cardKey);
        if (card == null || card.heldAt == null) {
            throw new NotFoundException("card '" + cardKey + "' is not held");
        }
        card.heldAt = null;
        card.heldReason = null;
        card.releasedAt = at;
        int released = 0;
        for (Row row : List.copyOf(rows.values())) {
            Operation o = row.operation();
            if (o.taskId().equals(taskId) && cardKey.equals(o.cardKey()) && o.status() == OperationStatus.HELD) {
                store(row, change(o, OperationStatus.PENDING, o.attempts(), at, null, o.provisioningException(), null,
                        null));
                released++;
            }
        }
        return released;
    }

    @Override
    public synchronized Operation replay(String id, Instant at) {
        Row row = require(id);
        if (row.operation().status() != OperationStatus.DEAD) {
            throw new ConflictException("operation " + id + " is " + row.operation().status());
        }
        return store(row, change(row.operation(), OperationStatus.PENDING, 0, at, null, null, null, null));
    }

    @Override
    public synchronized int replayDead(String taskId, Instant at) {
        int replayed = 0;
        for (Row row : List.copyOf(rows.values())) {
            if (row.operation().taskId().equals(taskId) && row.operation().status() == OperationStatus.DEAD) {
                replay(row.operation().id(), at);
                replayed++;
            }
        }
        return replayed;
    }

    @Override
    public synchronized Operation discard(String id, String reason, Instant at) {
        Row row = require(id);
        OperationStatus status = row.operation().status();
        if (status != OperationStatus.DEAD && status != OperationStatus.HELD) {
            throw new ConflictException("operation " + id + " is " + status);
        }
        return store(row, change(row.operation(), OperationStatus.DISCARDED, row.operation().attempts(), null,
                row.operation().remoteId(), row.operation().provisioningException(), reason, at));
    }

    @Override
    public synchronized int discardAll(String taskId, OperationStatus status, String reason, Instant at) {
        int discarded = 0;
        for (Row row : List.copyOf(rows.values())) {
            if (row.operation().taskId().equals(taskId) && row.operation().status() == status) {
                discard(row.operation().id(), reason, at);
                discarded++;
            }
        }
        return discarded;
    }

    @Override
    public synchronized int removeFinished(Instant before) {
        int removed = 0;
        for (Row row : List.copyOf(rows.values())) {
            Operation operation = row.operation();
            if (operation.status().finished() && operation.completedAt().isBefore(before)) {
                rows.remove(operation.id());
                removed++;
            }
        }
        return removed;
    }

    private Row require(String id) {
        Row row = rows.get(id);
        if (row == null) {
            throw new NotFoundException("no operation with id '" + id + "'");
        }
        return row;
    }

    private Optional<Row> claimed(String id, String owner) {
        Row row = rows.get(id);
        if (row == null || row.operation().status() != OperationStatus.RUNNING || !owner.equals(row.owner())) {
            return Optional.empty();
        }
        return Optional.of(row);
    }

    private Operation store(Row row, Operation changed) {
        rows.put(changed.id(), row.with(changed, null, null));
        return changed;
    }

    private boolean blocked(Row row) {
        Operation o = row.operation();
        return o.cardKey() != null && rows.values().stream().anyMatch(other -> other.operation().taskId()
                .equals(o.taskId()) && o.cardKey().equals(other.operation().cardKey()) && other.seq() < row.seq()
                && BLOCKING.contains(other.operation().status()));
    }

    private static Operation change(Operation o, OperationStatus status, int attempts, Instant next, String remoteId,
            String failure, String reason, Instant completedAt) {
        return new Operation(o.id(), o.taskId(), o.connectorId(), o.operation(), o.cardKey(), o.localCardId(),
                o.idempotencyKey(), o.workflow(), o.submittedBy(), status, attempts, next, remoteId, failure, reason,
                o.createdAt(), completedAt);
    }

    private static boolean claimable(Row row, Instant now) {
        Operation o = row.operation();
        return (o.status() == OperationStatus.PENDING && !o.nextAttemptAt().isAfter(now))
                || (o.status() == OperationStatus.RUNNING && !row.leaseUntil().isAfter(now));
    }
}
