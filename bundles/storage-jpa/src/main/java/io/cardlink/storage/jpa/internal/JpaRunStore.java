package io.cardlink.storage.jpa.internal;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.Validation;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.store.RunStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Runs of scheduled tasks, newest first by the time the store recorded them; dry runs are never a task's latest. */
@Component(service = RunStore.class,
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaRunStore implements RunStore {

    private static final List<RunStatus> FINISHED = Arrays.stream(RunStatus.values())
            .filter(RunStatus::finished)
            .collect(Collectors.toUnmodifiableList());
    private static final List<RunStatus> UNFINISHED = Arrays.stream(RunStatus.values())
            .filter(status -> !status.finished())
            .collect(Collectors.toUnmodifiableList());

    private final Transactions transactions;
    // The creation time of the last run this store recorded: the next one gets a later time, so that two runs
    // created within one clock tick still sort in the order they were created.
    private final AtomicReference<Instant> lastCreated = new AtomicReference<>(Instant.EPOCH);

    @Activate
    public JpaRunStore(@Reference(target = "(osgi.unit.name=cardlink)") JpaTemplate jpa) {
        this.transactions = new Transactions(jpa);
    }

    @Override
    public Run create(Run run) {
        validate(run).throwIfInvalid();
        String id = Ids.orNew(run.id());
        return transactions.run(() -> "a run with id '" + id + "' already exists", em -> {
            ScheduledTaskEntity task = em.find(ScheduledTaskEntity.class, run.taskId());
            if (task == null) {
                throw new NotFoundException("no scheduled task with id '" + run.taskId() + "'");
            }
            if (em.find(RunEntity.class, id) != null) {
                throw new ConflictException("a run with id '" + id + "' already exists");
            }
            // The task decides the connector, whatever the caller passed.
            RunEntity entity = new RunEntity(id, task.id(), task.connectorId(), nextCreatedAt(), run.dryRun(),
                    run.confirmRemovals());
            entity.apply(run);
            em.persist(entity);
            em.flush();
            return entity.toRun();
        });
    }

    @Override
    public Run update(Run run) {
        validate(run).require("id", run.id()).throwIfInvalid();
        return transactions.run(em -> {
            RunEntity entity = em.find(RunEntity.class, run.id());
            if (entity == null) {
                throw new NotFoundException("no run with id '" + run.id() + "'");
            }
            entity.apply(run);
            em.flush();
            return entity.toRun();
        });
    }

    @Override
    public Run confirmRemovals(String id) {
        new Validation().require("id", id).throwIfInvalid();
        return transactions.run(em -> {
            RunEntity entity = em.find(RunEntity.class, id);
            if (entity == null) {
                throw new NotFoundException("no run with id '" + id + "'");
            }
            entity.confirmRemovals();
            em.flush();
            return entity.toRun();
        });
    }

    @Override
    public int requestStop(String taskId) {
        new Validation().require("taskId", taskId).throwIfInvalid();
        return transactions.run(em -> em.createQuery("update RunEntity r set r.stopRequested = true"
                + " where r.taskId = :t and r.status in :unfinished")
                .setParameter("t", taskId)
                .setParameter("unfinished", UNFINISHED)
                .executeUpdate());
    }

    @Override
    public List<Run> running() {
        return transactions.run(em -> em
                .createQuery("select r from RunEntity r where r.status = :running order by r.createdAt, r.id",
                        RunEntity.class)
                .setParameter("running", RunStatus.RUNNING)
                .getResultStream()
                .map(RunEntity::toRun)
                .collect(Collectors.toList()));
    }

    @Override
    public boolean stopRequested(String id) {
        return id != null && transactions.run(em -> em
                .createQuery("select r.stopRequested from RunEntity r where r.id = :id", Boolean.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst()
                .orElse(false));
    }

    @Override
    public Optional<Run> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return transactions.run(em -> Optional.ofNullable(em.find(RunEntity.class, id)).map(RunEntity::toRun));
    }

    @Override
    public List<Run> listForTask(String taskId, int limit) {
        new Validation().check(limit > 0, "limit", "must be at least 1").throwIfInvalid();
        return transactions.run(em -> em
                .createQuery("select r from RunEntity r where r.taskId = :t order by r.createdAt desc, r.id desc",
                        RunEntity.class)
                .setParameter("t", taskId)
                .setMaxResults(limit)
                .getResultStream()
                .map(RunEntity::toRun)
                .collect(Collectors.toList()));
    }

    @Override
    public Optional<Run> latest(String taskId) {
        return transactions.run(em -> em
                .createQuery("select r from RunEntity r where r.taskId = :t and r.dryRun = false"
                        + " order by r.createdAt desc, r.id desc", RunEntity.class)
                .setParameter("t", taskId)
                .setMaxResults(1)
                .getResultStream()
                .map(RunEntity::toRun)
                .findFirst());
    }

    @Override
    public Optional<Run> latestSucceeded(String taskId) {
        return transactions.run(em -> em
                .createQuery("select r from RunEntity r where r.taskId = :t and r.status = :s and r.dryRun = false"
                        + " order by r.createdAt desc, r.id desc", RunEntity.class)
                .setParameter("t", taskId)
                .setParameter("s", RunStatus.SUCCESS)
                .setMaxResults(1)
                .getResultStream()
                .map(RunEntity::toRun)
                .findFirst());
    }

    @Override
    public Optional<Run> latestStarted(String taskId) {
        return transactions.run(em -> em
                .createQuery("select r from RunEntity r where r.taskId = :t and r.extractStartedAt is not null"
                        + " and r.dryRun = false order by r.createdAt desc, r.id desc", RunEntity.class)
                .setParameter("t", taskId)
                .setMaxResults(1)
                .getResultStream()
                .map(RunEntity::toRun)
                .findFirst());
    }

    @Override
    public Map<String, Run> latestStartedOfConnector(String connectorId) {
        return transactions.run(em -> em
                .createQuery("select r from RunEntity r where r.connectorId = :c and r.extractStartedAt is not null"
                        + " and r.dryRun = false and r.createdAt = (select max(l.createdAt) from RunEntity l"
                        + " where l.taskId = r.taskId and l.extractStartedAt is not null and l.dryRun = false)",
                        RunEntity.class)
                .setParameter("c", connectorId)
                .getResultStream()
                .map(RunEntity::toRun)
                .collect(Collectors.toMap(Run::taskId, run -> run, (a, b) -> a.id().compareTo(b.id()) > 0 ? a : b)));
    }

    @Override
    public int markUnfinishedInterrupted(String node) {
        new Validation().require("node", node).throwIfInvalid();
        return transactions.run(em -> {
            // the runs that name no node were recorded before runs named theirs, by a node that is gone
            List<RunEntity> unfinished = em
                    .createQuery("select r from RunEntity r where r.status in :unfinished"
                            + " and (r.node = :node or r.node is null)", RunEntity.class)
                    .setParameter("unfinished", UNFINISHED)
                    .setParameter("node", node)
                    .getResultList();
            unfinished.forEach(RunEntity::interrupt);
            return unfinished.size();
        });
    }

    @Override
    public int removeFinished(String taskId, int keepNewest, Instant recordedBefore) {
        new Validation().require("taskId", taskId).require("recordedBefore", recordedBefore)
                .check(keepNewest >= 0, "keepNewest", "must be 0 or more").throwIfInvalid();
        return transactions.run(em -> {
            Set<String> newest = keepNewest == 0 ? Set.of() : new HashSet<>(em
                    .createQuery("select r.id from RunEntity r where r.taskId = :t order by r.createdAt desc, r.id desc",
                            String.class)
                    .setParameter("t", taskId)
                    .setMaxResults(keepNewest)
                    .getResultList());
            List<String> expired = em
                    .createQuery("select r.id from RunEntity r where r.taskId = :t and r.createdAt < :before"
                            + " and r.status in :finished", String.class)
                    .setParameter("t", taskId)
                    .setParameter("before", recordedBefore)
                    .setParameter("finished", FINISHED)
                    .getResultStream()
                    .filter(id -> !newest.contains(id))
                    .collect(Collectors.toList());
            int removed = 0;
            // in slices: databases bound the number of values in one IN list
            for (int from = 0; from < expired.size(); from += 500) {
                removed += em.createQuery("delete from RunEntity r where r.id in :ids")
                        .setParameter("ids", expired.subList(from, Math.min(from + 500, expired.size())))
                        .executeUpdate();
            }
            return removed;
        });
    }

    private Instant nextCreatedAt() {
        Instant now = Transactions.now();
        return lastCreated.updateAndGet(last -> now.isAfter(last) ? now : last.plusNanos(1_000));
    }

    private static Validation validate(Run run) {
        return new Validation()
                .require("taskId", run.taskId())
                .require("status", run.status())
                .check(Columns.fits(run.id(), Columns.RUN_ID), "id", Columns.tooLong(Columns.RUN_ID))
                .check(Columns.fits(run.trigger(), Columns.TRIGGER), "trigger", Columns.tooLong(Columns.TRIGGER))
                .check(Columns.fits(run.node(), Columns.NODE), "node", Columns.tooLong(Columns.NODE))
                .check(Columns.fits(run.extractFile(), Columns.EXTRACT_FILE), "extractFile",
                        Columns.tooLong(Columns.EXTRACT_FILE));
    }
}
