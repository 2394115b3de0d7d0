package io.cardlink.storage.jpa.internal;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.Validation;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.store.OutboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The outbox on JPA. A claim is one conditional update of one row ({@code ... where status is pending and due, or
 * running with the lease over}): the database lets exactly one of several concurrent claims change the row, so that
 * two dispatchers, on one node or on several, never take the same operation. Each claim is its own transaction, so
 * that claims of several rows never wait on each other's locks.
 */
@Component(service = OutboxStore.class,
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaOutboxStore implements OutboxStore {

    private static final int KEY_LENGTH = 200;
    private static final String CLAIMABLE = "((o.status = :pending and o.nextAttemptAt <= :now)"
            + " or (o.status = :running and o.leaseUntil <= :now))";

    private final Transactions transactions;

    @Activate
    public JpaOutboxStore(@Reference(target = "(osgi.unit.name=cardlink)") JpaTemplate jpa) {
        this.transactions = new Transactions(jpa);
    }

    @Override
    public Operation add(Operation operation, DataCard card) {
        new Validation()
                .require("taskId", operation.taskId())
                .require("operation", operation.operation())
                .require("card", card)
                .check(Columns.fits(operation.idempotencyKey(), KEY_LENGTH), "idempotencyKey", Columns.tooLong(KEY_LENGTH))
                .check(Columns.fits(operation.workflow(), Columns.NAME), "workflow", Columns.tooLong(Columns.NAME))
                .throwIfInvalid();
        String cardJson = CardColumn.write(card);
        try {
            return transactions.run(() -> "event task '" + operation.taskId() + "' already has an operation with"
                    + " idempotency key '" + operation.idempotencyKey() + "'", em -> {
                Optional<OutboxEntity> existing = byKey(em, operation.taskId(), operation.idempotencyKey());
                if (existing.isPresent()) {
                    return existing.get().toOperation();
                }
                EventTaskEntity task = em.find(EventTaskEntity.class, operation.taskId());
                if (task == null) {
                    throw new NotFoundException("no event task with id '" + operation.taskId() + "'");
                }
                OutboxEntity entity = new OutboxEntity(Ids.orNew(null), operation, task.connectorId(), cardJson,
                        Transactions.now());
                em.persist(entity);
                em.flush();
                return entity.toOperation();
            });
        } catch (ConflictException e) {
            // Another request with the same key committed between our look and our insert: answer its operation.
            return transactions.run(em -> byKey(em, operation.taskId(), operation.idempotencyKey()))
                    .map(OutboxEntity::toOperation)
                    .orElseThrow(() -> e);
        }
    }

    @Override
    public Optional<Operation> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return transactions.run(em -> Optional.ofNullable(em.find(OutboxEntity.class, id))
                .map(OutboxEntity::toOperation));
    }

    @Override
    public List<Operation> listForTask(String taskId, OperationStatus status, int limit) {
        new Validation().check(limit > 0, "limit", "must be at least 1").throwIfInvalid();
        return transactions.run(em -> {
            TypedQuery<OutboxEntity> query = em.createQuery("select o from OutboxEntity o where o.taskId = :t"
                    + (status == null ? "" : " and o.status = :s") + " order by o.createdAt desc, o.id desc",
                    OutboxEntity.class)
                    .setParameter("t", taskId)
                    .setMaxResults(limit);
            if (status != null) {
                query.setParameter("s", status);
            }
            return query.getResultStream().map(OutboxEntity::toOperation).toList();
        });
    }

    @Override
    public Optional<Entry> claim(String id, String owner, Instant now, Instant leaseUntil) {
        requireOwner(owner);
        return transactions.run(em -> {
            int won = em.createQuery("update OutboxEntity o set o.status = :running, o.claimedBy = :owner,"
                    + " o.leaseUntil = :lease, o.attempts = o.attempts + 1, o.nextAttemptAt = null"
                    + " where o.id = :id and " + CLAIMABLE)
                    .setParameter("running", OperationStatus.RUNNING)
                    .setParameter("pending", OperationStatus.PENDING)
                    .setParameter("owner", owner)
                    .setParameter("lease", leaseUntil)
                    .setParameter("now", now)
                    .setParameter("id", id)
                    .executeUpdate();
            if (won == 0) {
                return Optional.empty();
            }
            OutboxEntity entity = em.find(OutboxEntity.class, id);
            return Optional.of(new Entry(entity.toOperation(), CardColumn.read(entity.card())));
        });
    }

    @Override
    public List<Entry> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
        requireOwner(owner);
        new Validation().check(limit > 0, "limit", "must be at least 1").throwIfInvalid();
        // Two queries, each a range of the (status, time) index: finished operations stay in the table as history,
        // and a condition with OR would make the database scan them all.
        List<String> due = transactions.run(em -> {
            List<String> ids = new ArrayList<>(em
                    .createQuery("select o.id from OutboxEntity o where o.status = :running and o.leaseUntil <= :now"
                            + " order by o.leaseUntil", String.class)
                    .setParameter("running", OperationStatus.RUNNING)
                    .setParameter("now", now)
                    .setMaxResults(limit)
                    .getResultList());
            if (ids.size() < limit) {
                ids.addAll(em.createQuery("select o.id from OutboxEntity o where o.status = :pending"
                                + " and o.nextAttemptAt <= :now order by o.nextAttemptAt", String.class)
                        .setParameter("pending", OperationStatus.PENDING)
                        .setParameter("now", now)
                        .setMaxResults(limit - ids.size())
                        .getResultList());
            }
            return ids;
        });
        List<Entry> claimed = new ArrayList<>();
        for (String id : due) {
            claim(id, owner, now, leaseUntil).ifPresent(claimed::add);
        }
        return claimed;
    }

    @Override
    public Optional<Operation> finish(String id, String owner, OperationStatus status, String remoteId,
            String provisioningException, Instant at) {
        requireOwner(owner);
        new Validation().check(status != null && status.finished(), "status", "must be SUCCEEDED or FAILED")
                .check(Columns.fits(remoteId, 100), "remoteId", Columns.tooLong(100))
                .throwIfInvalid();
        return transactions.run(em -> {
            int changed = em.createQuery("update OutboxEntity o set o.status = :status, o.remoteId = :remoteId,"
                    + " o.provisioningException = :failure, o.completedAt = :at, o.nextAttemptAt = null,"
                    + " o.claimedBy = null, o.leaseUntil = null"
                    + " where o.id = :id and o.status = :running and o.claimedBy = :owner")
                    .setParameter("status", status)
                    .setParameter("remoteId", remoteId)
                    .setParameter("failure", bounded(provisioningException))
                    .setParameter("at", at)
                    .setParameter("id", id)
                    .setParameter("running", OperationStatus.RUNNING)
                    .setParameter("owner", owner)
                    .executeUpdate();
            return reread(em, id, changed);
        });
    }

    @Override
    public Optional<Operation> retryLater(String id, String owner, Instant nextAttemptAt, String failure) {
        requireOwner(owner);
        return transactions.run(em -> {
            int changed = em.createQuery("update OutboxEntity o set o.status = :pending, o.nextAttemptAt = :next,"
                    + " o.provisioningException = :failure, o.claimedBy = null, o.leaseUntil = null"
                    + " where o.id = :id and o.status = :running and o.claimedBy = :owner")
                    .setParameter("pending", OperationStatus.PENDING)
                    .setParameter("next", nextAttemptAt)
                    .setParameter("failure", bounded(failure))
                    .setParameter("id", id)
                    .setParameter("running", OperationStatus.RUNNING)
                    .setParameter("owner", owner)
                    .executeUpdate();
            return reread(em, id, changed);
        });
    }

    @Override
    public int release(String owner) {
        requireOwner(owner);
        Instant now = Transactions.now();
        return transactions.run(em -> em
                .createQuery("update OutboxEntity o set o.status = :pending, o.nextAttemptAt = :now,"
                        + " o.claimedBy = null, o.leaseUntil = null where o.status = :running and o.claimedBy = :owner")
                .setParameter("pending", OperationStatus.PENDING)
                .setParameter("now", now)
                .setParameter("running", OperationStatus.RUNNING)
                .setParameter("owner", owner)
                .executeUpdate());
    }

    private static Optional<OutboxEntity> byKey(EntityManager em, String taskId, String key) {
        if (key == null) {
            return Optional.empty();
        }
        return em.createQuery("select o from OutboxEntity o where o.taskId = :t and o.idempotencyKey = :k",
                OutboxEntity.class)
                .setParameter("t", taskId)
                .setParameter("k", key)
                .getResultStream()
                .findFirst();
    }

    private static Optional<Operation> reread(EntityManager em, String id, int changed) {
        if (changed == 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(OutboxEntity.class, id)).map(OutboxEntity::toOperation);
    }

    private static String bounded(String text) {
        int max = OutboxEntity.MAX_PROVISIONING_EXCEPTION;
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static void requireOwner(String owner) {
        new Validation().require("owner", owner)
                .check(Columns.fits(owner, Columns.ID), "owner", Columns.tooLong(Columns.ID))
                .throwIfInvalid();
    }
}
