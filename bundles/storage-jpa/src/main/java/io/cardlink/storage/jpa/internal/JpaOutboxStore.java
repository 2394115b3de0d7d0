package io.cardlink.storage.jpa.internal;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.Validation;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.orchestration.HeldCard;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.store.OutboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.persistence.EntityManager;
import javax.persistence.Query;
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
 *
 * <p>Order per card: accepting an operation increments its card's {@code LAST_SEQ} ({@link OutboxCardEntity}) with
 * an update that locks the card's row until the accept commits, so that a second accept of the same card waits and
 * gets the next number: numbers follow the commit order, whatever the database's isolation. A claim first looks for
 * an earlier operation of the card that is still to be written (pending, running, dead or held); the set of those
 * only shrinks (new operations get higher numbers), so that a look that finds none stays true until the claim.
 */
@Component(service = OutboxStore.class,
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaOutboxStore implements OutboxStore {

    private static final List<OperationStatus> FINISHED = Arrays.stream(OperationStatus.values())
            .filter(OperationStatus::finished)
            .toList();

    private static final int KEY_LENGTH = 200;
    private static final int CARD_KEY_LENGTH = 255;
    private static final int LOCAL_ID_LENGTH = 100;
    private static final int FINGERPRINT_LENGTH = 64;
    private static final String CLAIMABLE = "((o.status = :pending and o.nextAttemptAt <= :now)"
            + " or (o.status = :running and o.leaseUntil <= :now))";
    /** The statuses of an earlier operation that keep a later one of the same card waiting. */
    static final Set<OperationStatus> BLOCKING = Set.of(OperationStatus.PENDING, OperationStatus.RUNNING,
            OperationStatus.DEAD, OperationStatus.HELD);
    private static final Set<OperationStatus> INITIAL = Set.of(OperationStatus.PENDING, OperationStatus.SUPPRESSED,
            OperationStatus.FAILED);
    private static final String NOT_BLOCKED = "not exists (select p.id from OutboxEntity p where p.taskId = o.taskId"
            + " and p.cardKey = o.cardKey and p.keySeq < o.keySeq and p.status in :blocking)";

    private final Transactions transactions;

    @Activate
    public JpaOutboxStore(@Reference(target = "(osgi.unit.name=cardlink)") JpaTemplate jpa) {
        this.transactions = new Transactions(jpa);
    }

    @Override
    public Operation add(Operation operation, DataCard card, String requestFingerprint) {
        return accept(operation, card, requestFingerprint, null).operation();
    }

    @Override
    public Accepted accept(Operation operation, DataCard card, String requestFingerprint, Claim claim) {
        new Validation()
                .require("taskId", operation.taskId())
                .require("operation", operation.operation())
                .require("card", card)
                .check(operation.status() != null && INITIAL.contains(operation.status()), "status",
                        "a new operation is PENDING, SUPPRESSED or FAILED")
                .check(Columns.fits(operation.idempotencyKey(), KEY_LENGTH), "idempotencyKey", Columns.tooLong(KEY_LENGTH))
                .check(Columns.fits(operation.workflow(), Columns.NAME), "workflow", Columns.tooLong(Columns.NAME))
                .check(Columns.fits(operation.cardKey(), CARD_KEY_LENGTH), "cardKey", Columns.tooLong(CARD_KEY_LENGTH))
                .check(Columns.fits(operation.localCardId(), LOCAL_ID_LENGTH), "localCardId",
                        Columns.tooLong(LOCAL_ID_LENGTH))
                .check(Columns.fits(operation.submittedBy(), Columns.NAME), "submittedBy", Columns.tooLong(Columns.NAME))
                .check(Columns.fits(requestFingerprint, FINGERPRINT_LENGTH), "requestFingerprint",
                        Columns.tooLong(FINGERPRINT_LENGTH))
                .check(claim == null || claim.leaseUntil() != null, "claim.leaseUntil", "required with a claim")
                .throwIfInvalid();
        if (claim != null) {
            requireOwner(claim.owner());
        }
        String cardJson = CardColumn.write(card);
        for (int attempt = 1;; attempt++) {
            try {
                return transactions.run(() -> "event task '" + operation.taskId() + "' took a new idempotency key,"
                        + " card or workflow at the same moment as another request", em -> insert(em, operation,
                                cardJson, requestFingerprint, claim));
            } catch (ConflictException e) {
                // Another request took the idempotency key, the card's first number or the workflow's first use
                // between our look and our insert: answer its operation, or try once more.
                Optional<Operation> existing = repeated(operation.taskId(), operation.idempotencyKey(),
                        requestFingerprint);
                if (existing.isPresent()) {
                    return new Accepted(existing.get(), false);
                }
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    private Accepted insert(EntityManager em, Operation operation, String cardJson, String requestFingerprint,
            Claim claim) {
        Optional<OutboxEntity> existing = byKey(em, operation.taskId(), operation.idempotencyKey());
        if (existing.isPresent()) {
            return new Accepted(sameRequest(existing.get(), requestFingerprint), false);
        }
        EventTaskEntity task = em.find(EventTaskEntity.class, operation.taskId());
        if (task == null) {
            throw new NotFoundException("no event task with id '" + operation.taskId() + "'");
        }
        Instant now = Transactions.now();
        OperationStatus status = operation.status();
        String reason = bounded(operation.reason(), OutboxEntity.MAX_REASON);
        Long seq = null;
        if (operation.cardKey() != null) {
            OutboxCardEntity cardRow = nextNumber(em, operation.taskId(), operation.cardKey(), task.connectorId());
            seq = cardRow.lastSeq();
            if (status == OperationStatus.PENDING && cardRow.held()) {
                status = OperationStatus.HELD;
                reason = cardRow.heldReason();
            }
        }
        Operation bounded = new Operation(null, operation.taskId(), task.connectorId(), operation.operation(),
                operation.cardKey(), operation.localCardId(), operation.idempotencyKey(), operation.workflow(),
                operation.submittedBy(), status, 0, null, null,
                bounded(operation.provisioningException(), OutboxEntity.MAX_PROVISIONING_EXCEPTION), null, null, null);
        OutboxEntity entity = new OutboxEntity(Ids.orNew(null), bounded, task.connectorId(), seq, status, reason,
                cardJson, requestFingerprint, now);
        // the card's row is locked by its new number: no earlier operation of the card can start waiting again
        boolean claimed = claim != null && status == OperationStatus.PENDING && !blocked(em, entity);
        if (claimed) {
            entity.claim(claim.owner(), claim.leaseUntil());
        }
        em.persist(entity);
        if (operation.workflow() != null) {
            WorkflowReferenceEntity reference = em.find(WorkflowReferenceEntity.class,
                    new WorkflowReferenceEntity.Key(operation.taskId(), operation.workflow()));
            if (reference == null) {
                em.persist(new WorkflowReferenceEntity(operation.taskId(), operation.workflow(), task.connectorId(),
                        now, 1));
            } else {
                reference.used(now);
            }
        }
        em.flush();
        return new Accepted(entity.toOperation(), claimed);
    }

    /** The card's row with its next number taken; the update locks the row until the transaction ends. */
    private static OutboxCardEntity nextNumber(EntityManager em, String taskId, String cardKey, String connectorId) {
        int counted = em.createQuery("update OutboxCardEntity c set c.lastSeq = c.lastSeq + 1"
                + " where c.taskId = :t and c.cardKey = :k")
                .setParameter("t", taskId)
                .setParameter("k", cardKey)
                .executeUpdate();
        if (counted == 0) {
            OutboxCardEntity first = new OutboxCardEntity(taskId, cardKey, connectorId);
            em.persist(first);
            em.flush();
            return first;
        }
        return em.find(OutboxCardEntity.class, new OutboxCardEntity.Key(taskId, cardKey));
    }

    @Override
    public Optional<Operation> repeated(String taskId, String idempotencyKey, String requestFingerprint) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return transactions.run(em -> byKey(em, taskId, idempotencyKey).map(e -> sameRequest(e, requestFingerprint)));
    }

    private static Operation sameRequest(OutboxEntity existing, String requestFingerprint) {
        // rows from before fingerprints were kept answer any request with their key, as they did then
        if (existing.requestFingerprint() != null && !Objects.equals(existing.requestFingerprint(), requestFingerprint)) {
            Operation first = existing.toOperation();
            throw new ConflictException("idempotency key '" + first.idempotencyKey() + "' was used for another request"
                    + " to this task (operation " + first.id() + "); send a new key with a changed request");
        }
        return existing.toOperation();
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
            OutboxEntity candidate = em.find(OutboxEntity.class, id);
            if (candidate == null || blocked(em, candidate)) {
                return Optional.empty();
            }
            em.detach(candidate);
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

    /** Whether an earlier operation of the same card is still to be written. */
    private static boolean blocked(EntityManager em, OutboxEntity operation) {
        if (operation.cardKey() == null || operation.keySeq() == null || operation.keySeq() == 1) {
            return false;
        }
        return !em.createQuery("select p.id from OutboxEntity p where p.taskId = :t and p.cardKey = :k"
                + " and p.keySeq < :seq and p.status in :blocking", String.class)
                .setParameter("t", operation.taskId())
                .setParameter("k", operation.cardKey())
                .setParameter("seq", operation.keySeq())
                .setParameter("blocking", BLOCKING)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    @Override
    public List<Entry> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
        requireOwner(owner);
        new Validation().check(limit > 0, "limit", "must be at least 1").throwIfInvalid();
        // Two queries, each a range of the (status, time) index: finished operations stay in the table as history,
        // and a condition with OR would make the database scan them all. A running operation was not blocked when it
        // was claimed, and nothing earlier of its card can be waiting again since.
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
                                + " and o.nextAttemptAt <= :now and " + NOT_BLOCKED + " order by o.nextAttemptAt",
                                String.class)
                        .setParameter("pending", OperationStatus.PENDING)
                        .setParameter("now", now)
                        .setParameter("blocking", BLOCKING)
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
        new Validation().check(status == OperationStatus.SUCCEEDED || status == OperationStatus.FAILED
                        || status == OperationStatus.DEAD, "status", "must be SUCCEEDED, FAILED or DEAD")
                .check(Columns.fits(remoteId, 100), "remoteId", Columns.tooLong(100))
                .throwIfInvalid();
        return updateWhileRunning(id, owner, "o.status = :status, o.remoteId = :remoteId,"
                + " o.provisioningException = :failure, o.completedAt = :at, o.nextAttemptAt = null",
                update -> update.setParameter("status", status)
                        .setParameter("remoteId", remoteId)
                        .setParameter("failure", bounded(provisioningException,
                                OutboxEntity.MAX_PROVISIONING_EXCEPTION))
                        .setParameter("at", at));
    }

    @Override
    public Optional<Operation> suppress(String id, String owner, String reason, Instant at) {
        requireOwner(owner);
        // the claim counted an attempt; nothing was written
        return updateWhileRunning(id, owner, "o.status = :suppressed, o.reason = :reason,"
                + " o.attempts = o.attempts - 1, o.completedAt = :at, o.nextAttemptAt = null,"
                + " o.provisioningException = null",
                update -> update.setParameter("suppressed", OperationStatus.SUPPRESSED)
                        .setParameter("reason", bounded(reason, OutboxEntity.MAX_REASON))
                        .setParameter("at", at));
    }

    @Override
    public Optional<Operation> retryLater(String id, String owner, Instant nextAttemptAt, String failure) {
        requireOwner(owner);
        return updateWhileRunning(id, owner, "o.status = :pending, o.nextAttemptAt = :next,"
                + " o.provisioningException = :failure",
                update -> update.setParameter("pending", OperationStatus.PENDING)
                        .setParameter("next", nextAttemptAt)
                        .setParameter("failure", bounded(failure, OutboxEntity.MAX_PROVISIONING_EXCEPTION)));
    }

    @Override
    public Optional<Operation> extendLease(String id, String owner, Instant leaseUntil) {
        requireOwner(owner);
        new Validation().require("leaseUntil", leaseUntil).throwIfInvalid();
        return transactions.run(em -> reread(em, id, em.createQuery("update OutboxEntity o set o.leaseUntil = :lease"
                + " where o.id = :id and o.status = :running and o.claimedBy = :owner")
                .setParameter("lease", leaseUntil)
                .setParameter("id", id)
                .setParameter("running", OperationStatus.RUNNING)
                .setParameter("owner", owner)
                .executeUpdate()));
    }

    /**
     * Applies {@code assignments} to operation {@code id} and ends its claim, only while {@code owner} runs it (a
     * dispatcher whose lease ran out changes nothing); the operation as it is now, empty when it was not its to change.
     */
    private Optional<Operation> updateWhileRunning(String id, String owner, String assignments,
            Consumer<Query> parameters) {
        return transactions.run(em -> {
            Query update = em.createQuery("update OutboxEntity o set " + assignments
                    + ", o.claimedBy = null, o.leaseUntil = null"
                    + " where o.id = :id and o.status = :running and o.claimedBy = :owner")
                    .setParameter("id", id)
                    .setParameter("running", OperationStatus.RUNNING)
                    .setParameter("owner", owner);
            parameters.accept(update);
            return reread(em, id, update.executeUpdate());
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

    @Override
    public long countWrites(String taskId, String cardKey, Instant since) {
        if (cardKey == null) {
            return 0;
        }
        return transactions.run(em -> {
            OutboxCardEntity card = em.find(OutboxCardEntity.class, new OutboxCardEntity.Key(taskId, cardKey));
            Instant from = card != null && card.releasedAt() != null && card.releasedAt().isAfter(since)
                    ? card.releasedAt() : since;
            return em.createQuery("select count(o) from OutboxEntity o where o.taskId = :t and o.cardKey = :k"
                    + " and o.status = :succeeded and o.completedAt >= :from", Long.class)
                    .setParameter("t", taskId)
                    .setParameter("k", cardKey)
                    .setParameter("succeeded", OperationStatus.SUCCEEDED)
                    .setParameter("from", from)
                    .getSingleResult();
        });
    }

    @Override
    public Optional<Operation> hold(String id, String owner, String reason, Instant at) {
        requireOwner(owner);
        String text = bounded(reason, OutboxEntity.MAX_REASON);
        return transactions.run(em -> {
            // the claim counted an attempt; a held operation was not tried
            int changed = em.createQuery("update OutboxEntity o set o.status = :held, o.reason = :reason,"
                    + " o.attempts = o.attempts - 1, o.nextAttemptAt = null, o.claimedBy = null, o.leaseUntil = null"
                    + " where o.id = :id and o.status = :running and o.claimedBy = :owner")
                    .setParameter("held", OperationStatus.HELD)
                    .setParameter("reason", text)
                    .setParameter("id", id)
                    .setParameter("running", OperationStatus.RUNNING)
                    .setParameter("owner", owner)
                    .executeUpdate();
            if (changed == 0) {
                return Optional.empty();
            }
            OutboxEntity held = em.find(OutboxEntity.class, id);
            if (held.cardKey() != null) {
                OutboxCardEntity card = em.find(OutboxCardEntity.class,
                        new OutboxCardEntity.Key(held.taskId(), held.cardKey()));
                if (card != null) {
                    card.hold(bounded(reason, OutboxCardEntity.MAX_REASON), at);
                }
                em.createQuery("update OutboxEntity o set o.status = :held, o.reason = :reason, o.nextAttemptAt = null"
                        + " where o.taskId = :t and o.cardKey = :k and o.status = :pending")
                        .setParameter("held", OperationStatus.HELD)
                        .setParameter("reason", text)
                        .setParameter("t", held.taskId())
                        .setParameter("k", held.cardKey())
                        .setParameter("pending", OperationStatus.PENDING)
                        .executeUpdate();
            }
            em.flush();
            em.refresh(held);
            return Optional.of(held.toOperation());
        });
    }

    @Override
    public Backlog backlog() {
        return transactions.run(em -> {
            Object[] waiting = em.createQuery("select count(o), min(o.createdAt) from OutboxEntity o"
                    + " where o.status in :waiting", Object[].class)
                    .setParameter("waiting", List.of(OperationStatus.PENDING, OperationStatus.RUNNING))
                    .getSingleResult();
            long dead = em.createQuery("select count(o) from OutboxEntity o where o.status = :dead", Long.class)
                    .setParameter("dead", OperationStatus.DEAD).getSingleResult();
            long held = em.createQuery("select count(c) from OutboxCardEntity c where c.heldAt is not null",
                    Long.class).getSingleResult();
            return new Backlog((Long) waiting[0], (Instant) waiting[1], dead, held);
        });
    }

    @Override
    public List<HeldCard> heldCards(String taskId) {
        return transactions.run(em -> {
            TypedQuery<Object[]> query = em.createQuery("select c, (select count(o) from OutboxEntity o"
                    + " where o.taskId = c.taskId and o.cardKey = c.cardKey and o.status = :held)"
                    + " from OutboxCardEntity c where c.heldAt is not null"
                    + (taskId == null ? "" : " and c.taskId = :t") + " order by c.heldAt desc", Object[].class)
                    .setParameter("held", OperationStatus.HELD);
            if (taskId != null) {
                query.setParameter("t", taskId);
            }
            return query.getResultStream().map(row -> {
                OutboxCardEntity card = (OutboxCardEntity) row[0];
                return new HeldCard(card.connectorId(), card.taskId(), card.cardKey(), card.heldAt(),
                        card.heldReason(), (Long) row[1]);
            }).toList();
        });
    }

    @Override
    public int releaseCard(String taskId, String cardKey, Instant at) {
        return transactions.run(em -> {
            OutboxCardEntity card = cardKey == null ? null
                    : em.find(OutboxCardEntity.class, new OutboxCardEntity.Key(taskId, cardKey));
            if (card == null || !card.held()) {
                throw new NotFoundException("card '" + cardKey + "' of event task '" + taskId + "' is not held");
            }
            card.release(at);
            return em.createQuery("update OutboxEntity o set o.status = :pending, o.nextAttemptAt = :at,"
                    + " o.reason = null where o.taskId = :t and o.cardKey = :k and o.status = :held")
                    .setParameter("pending", OperationStatus.PENDING)
                    .setParameter("at", at)
                    .setParameter("t", taskId)
                    .setParameter("k", cardKey)
                    .setParameter("held", OperationStatus.HELD)
                    .executeUpdate();
        });
    }

    @Override
    public Operation replay(String id, Instant at) {
        return transactions.run(em -> {
            OutboxEntity entity = require(em, id);
            if (entity.status() != OperationStatus.DEAD) {
                throw new ConflictException("operation " + id + " is " + entity.status() + "; only a DEAD operation"
                        + " can be replayed");
            }
            OutboxCardEntity card = entity.cardKey() == null ? null
                    : em.find(OutboxCardEntity.class, new OutboxCardEntity.Key(entity.taskId(), entity.cardKey()));
            boolean held = card != null && card.held();
            em.createQuery("update OutboxEntity o set o.status = :status, o.attempts = 0, o.nextAttemptAt = :next,"
                    + " o.completedAt = null, o.provisioningException = null, o.reason = :reason where o.id = :id")
                    .setParameter("status", held ? OperationStatus.HELD : OperationStatus.PENDING)
                    .setParameter("next", held ? null : at)
                    .setParameter("reason", held ? card.heldReason() : null)
                    .setParameter("id", id)
                    .executeUpdate();
            em.refresh(entity);
            return entity.toOperation();
        });
    }

    @Override
    public int replayDead(String taskId, Instant at) {
        return transactions.run(em -> em.createQuery("update OutboxEntity o set o.status = :pending, o.attempts = 0,"
                + " o.nextAttemptAt = :next, o.completedAt = null, o.provisioningException = null, o.reason = null"
                + " where o.taskId = :t and o.status = :dead and (o.cardKey is null or o.cardKey not in"
                + " (select c.cardKey from OutboxCardEntity c where c.taskId = :t and c.heldAt is not null))")
                .setParameter("pending", OperationStatus.PENDING)
                .setParameter("next", at)
                .setParameter("t", taskId)
                .setParameter("dead", OperationStatus.DEAD)
                .executeUpdate());
    }

    @Override
    public Operation discard(String id, String reason, Instant at) {
        return transactions.run(em -> {
            OutboxEntity entity = require(em, id);
            if (entity.status() != OperationStatus.DEAD && entity.status() != OperationStatus.HELD) {
                throw new ConflictException("operation " + id + " is " + entity.status() + "; only a DEAD or HELD"
                        + " operation can be discarded");
            }
            em.createQuery("update OutboxEntity o set o.status = :discarded, o.completedAt = :at,"
                    + " o.nextAttemptAt = null, o.reason = :reason where o.id = :id")
                    .setParameter("discarded", OperationStatus.DISCARDED)
                    .setParameter("at", at)
                    .setParameter("reason", bounded(reason, OutboxEntity.MAX_REASON))
                    .setParameter("id", id)
                    .executeUpdate();
            em.refresh(entity);
            return entity.toOperation();
        });
    }

    @Override
    public int discardAll(String taskId, OperationStatus status, String reason, Instant at) {
        new Validation().check(status == OperationStatus.DEAD || status == OperationStatus.HELD, "status",
                "only DEAD or HELD operations can be discarded").throwIfInvalid();
        return transactions.run(em -> em.createQuery("update OutboxEntity o set o.status = :discarded,"
                + " o.completedAt = :at, o.nextAttemptAt = null, o.reason = :reason where o.taskId = :t"
                + " and o.status = :status")
                .setParameter("discarded", OperationStatus.DISCARDED)
                .setParameter("at", at)
                .setParameter("reason", bounded(reason, OutboxEntity.MAX_REASON))
                .setParameter("t", taskId)
                .setParameter("status", status)
                .executeUpdate());
    }

    @Override
    public int removeFinished(Instant before) {
        new Validation().require("before", before).throwIfInvalid();
        return transactions.run(em -> em.createQuery("delete from OutboxEntity o where o.status in :finished"
                + " and o.completedAt < :before")
                .setParameter("finished", FINISHED)
                .setParameter("before", before)
                .executeUpdate());
    }

    /**
     * Removes the finished operations of the tasks whose ids {@code tasks} selects (a JPQL query with the parameter
     * {@code :v}), in the caller's transaction: they go with their task. Pending, running, dead and held ones stay:
     * they still fail, or wait for an operator, as the record of what was asked.
     */
    static void removeFinishedOfTasks(EntityManager em, String tasks, String value) {
        em.createQuery("delete from OutboxEntity o where o.status in :finished and o.taskId in (" + tasks + ")")
                .setParameter("finished", FINISHED)
                .setParameter("v", value)
                .executeUpdate();
    }

    private static OutboxEntity require(EntityManager em, String id) {
        OutboxEntity entity = id == null ? null : em.find(OutboxEntity.class, id);
        if (entity == null) {
            throw new NotFoundException("no operation with id '" + id + "'");
        }
        return entity;
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

    private static String bounded(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static void requireOwner(String owner) {
        new Validation().require("owner", owner)
                .check(Columns.fits(owner, Columns.ID), "owner", Columns.tooLong(Columns.ID))
                .throwIfInvalid();
    }
}
