package io.cardlink.engine.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.store.OutboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The outbox in memory, with the claim and lease rules of the JPA store. */
final class MemoryOutbox implements OutboxStore {

    private record Row(Operation operation, DataCard card, String owner, Instant leaseUntil) {
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();

    @Override
    public synchronized Operation add(Operation operation, DataCard card) {
        if (operation.idempotencyKey() != null) {
            for (Row row : rows.values()) {
                if (row.operation().taskId().equals(operation.taskId())
                        && operation.idempotencyKey().equals(row.operation().idempotencyKey())) {
                    return row.operation();
                }
            }
        }
        Instant now = Instant.now();
        Operation stored = new Operation(UUID.randomUUID().toString(), operation.taskId(), operation.connectorId(),
                operation.operation(), operation.idempotencyKey(), operation.workflow(), OperationStatus.PENDING, 0, now,
                null, null, now, null);
        rows.put(stored.id(), new Row(stored, card, null, null));
        return stored;
    }

    /** Puts an operation as it is, as a crash may have left it. */
    synchronized void put(Operation operation, DataCard card, String owner, Instant leaseUntil) {
        rows.put(operation.id(), new Row(operation, card, owner, leaseUntil));
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
        if (row == null || !claimable(row, now)) {
            return Optional.empty();
        }
        Operation o = row.operation();
        Operation running = new Operation(o.id(), o.taskId(), o.connectorId(), o.operation(), o.idempotencyKey(),
                o.workflow(), OperationStatus.RUNNING, o.attempts() + 1, null, o.remoteId(), o.provisioningException(),
                o.createdAt(), null);
        rows.put(id, new Row(running, row.card(), owner, leaseUntil));
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
        return change(id, owner, status, null, remoteId, provisioningException, at);
    }

    @Override
    public synchronized Optional<Operation> retryLater(String id, String owner, Instant nextAttemptAt, String failure) {
        return change(id, owner, OperationStatus.PENDING, nextAttemptAt, null, failure, null);
    }

    @Override
    public synchronized int release(String owner) {
        int released = 0;
        for (Row row : List.copyOf(rows.values())) {
            if (row.operation().status() == OperationStatus.RUNNING && owner.equals(row.owner())) {
                Operation o = row.operation();
                rows.put(o.id(), new Row(new Operation(o.id(), o.taskId(), o.connectorId(), o.operation(),
                        o.idempotencyKey(), o.workflow(), OperationStatus.PENDING, o.attempts(), Instant.now(),
                        o.remoteId(), o.provisioningException(), o.createdAt(), null), row.card(), null, null));
                released++;
            }
        }
        return released;
    }

    private Optional<Operation> change(String id, String owner, OperationStatus status, Instant next, String remoteId,
            String failure, Instant completedAt) {
        Row row = rows.get(id);
        if (row == null || row.operation().status() != OperationStatus.RUNNING || !owner.equals(row.owner())) {
            return Optional.empty();
        }
        Operation o = row.operation();
        Operation changed = new Operation(o.id(), o.taskId(), o.connectorId(), o.operation(), o.idempotencyKey(),
                o.workflow(), status, o.attempts(), next, remoteId, failure, o.createdAt(), completedAt);
        rows.put(id, new Row(changed, row.card(), null, null));
        return Optional.of(changed);
    }

    private static boolean claimable(Row row, Instant now) {
        Operation o = row.operation();
        return (o.status() == OperationStatus.PENDING && !o.nextAttemptAt().isAfter(now))
                || (o.status() == OperationStatus.RUNNING && !row.leaseUntil().isAfter(now));
    }
}
