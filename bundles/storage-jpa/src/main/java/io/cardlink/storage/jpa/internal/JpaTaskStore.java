package io.cardlink.storage.jpa.internal;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.Validation;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Scheduled and event tasks in one table, their names unique within a connector across both kinds; the workflow
 * references of event tasks in a table of their own, read and declared with the task.
 */
@Component(service = TaskStore.class,
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaTaskStore implements TaskStore {

    private final Transactions transactions;

    @Activate
    public JpaTaskStore(@Reference(target = "(osgi.unit.name=cardlink)") JpaTemplate jpa) {
        this.transactions = new Transactions(jpa);
    }

    @Override
    public ScheduledTask createScheduled(ScheduledTask task) {
        validateScheduled(task).throwIfInvalid();
        String id = Ids.orNew(task.id());
        return transactions.run(() -> nameTaken(task.name()), em -> {
            claim(em, id, task.connectorId(), task.name());
            Instant now = Transactions.now();
            ScheduledTaskEntity entity = new ScheduledTaskEntity(id, task.connectorId(), now);
            entity.apply(task, now);
            em.persist(entity);
            em.flush();
            return entity.toTask();
        });
    }

    @Override
    public ScheduledTask updateScheduled(ScheduledTask task) {
        validateScheduled(task).require("id", task.id()).throwIfInvalid();
        return transactions.run(() -> nameTaken(task.name()), em -> {
            ScheduledTaskEntity entity = find(em, task.id(), ScheduledTaskEntity.class)
                    .orElseThrow(() -> new NotFoundException("no scheduled task with id '" + task.id() + "'"));
            checkRename(em, entity, task.connectorId(), task.name());
            entity.apply(task, Transactions.now());
            em.flush();
            return entity.toTask();
        });
    }

    @Override
    public Optional<ScheduledTask> findScheduled(String id) {
        return transactions.run(em -> find(em, id, ScheduledTaskEntity.class).map(ScheduledTaskEntity::toTask));
    }

    @Override
    public List<ScheduledTask> listScheduled(String connectorId) {
        return transactions.run(em -> em
                .createQuery("select t from ScheduledTaskEntity t where t.connectorId = :c order by t.name",
                        ScheduledTaskEntity.class)
                .setParameter("c", connectorId)
                .getResultStream()
                .map(ScheduledTaskEntity::toTask)
                .collect(Collectors.toList()));
    }

    @Override
    public List<ScheduledTask> listAllScheduled() {
        return transactions.run(em -> em
                .createQuery("select t from ScheduledTaskEntity t order by t.connectorId, t.name",
                        ScheduledTaskEntity.class)
                .getResultStream()
                .map(ScheduledTaskEntity::toTask)
                .collect(Collectors.toList()));
    }

    @Override
    public boolean deleteScheduled(String id) {
        return transactions.run(em -> {
            Optional<ScheduledTaskEntity> entity = find(em, id, ScheduledTaskEntity.class);
            if (entity.isEmpty()) {
                return false;
            }
            JpaTaskCacheStore.forgetTasks(em, ":v", id);
            em.createQuery("delete from RunEntity r where r.taskId = :id").setParameter("id", id).executeUpdate();
            em.remove(entity.get());
            return true;
        });
    }

    @Override
    public EventTask createEvent(EventTask task) {
        validateEvent(task).throwIfInvalid();
        String id = Ids.orNew(task.id());
        return transactions.run(() -> nameTaken(task.name()), em -> {
            claim(em, id, task.connectorId(), task.name());
            Instant now = Transactions.now();
            EventTaskEntity entity = new EventTaskEntity(id, task.connectorId(), now);
            entity.apply(task, now);
            em.persist(entity);
            return saveReferences(em, entity, task, now);
        });
    }

    @Override
    public EventTask updateEvent(EventTask task) {
        validateEvent(task).require("id", task.id()).throwIfInvalid();
        return transactions.run(() -> nameTaken(task.name()), em -> {
            EventTaskEntity entity = find(em, task.id(), EventTaskEntity.class)
                    .orElseThrow(() -> new NotFoundException("no event task with id '" + task.id() + "'"));
            checkRename(em, entity, task.connectorId(), task.name());
            Instant now = Transactions.now();
            entity.apply(task, now);
            return saveReferences(em, entity, task, now);
        });
    }

    /**
     * Declares the workflow references a saved task names and it does not have yet, flushes, and returns the task as
     * stored with all its references.
     */
    static EventTask saveReferences(EntityManager em, EventTaskEntity entity, EventTask task, Instant now) {
        em.flush();
        List<String> known = referenceNames(em, List.of(entity.id())).getOrDefault(entity.id(), List.of());
        for (String workflow : new LinkedHashSet<>(task.workflowReferences())) {
            if (!known.contains(workflow)) {
                em.persist(new WorkflowReferenceEntity(entity.id(), workflow, entity.connectorId(), now, 0));
            }
        }
        em.flush();
        return entity.toTask(referenceNames(em, List.of(entity.id())).getOrDefault(entity.id(), List.of()));
    }

    @Override
    public Optional<EventTask> findEvent(String id) {
        return transactions.run(em -> find(em, id, EventTaskEntity.class).map(entity -> entity.toTask(
                referenceNames(em, List.of(entity.id())).getOrDefault(entity.id(), List.of()))));
    }

    @Override
    public List<EventTask> listEvent(String connectorId) {
        return transactions.run(em -> withReferences(em, em
                .createQuery("select t from EventTaskEntity t where t.connectorId = :c order by t.name",
                        EventTaskEntity.class)
                .setParameter("c", connectorId)
                .getResultList()));
    }

    @Override
    public List<EventTask> listAllEvent() {
        return transactions.run(em -> withReferences(em, em
                .createQuery("select t from EventTaskEntity t order by t.connectorId, t.name", EventTaskEntity.class)
                .getResultList()));
    }

    @Override
    public boolean deleteEvent(String id) {
        return transactions.run(em -> {
            Optional<EventTaskEntity> entity = find(em, id, EventTaskEntity.class);
            if (entity.isEmpty()) {
                return false;
            }
            em.createQuery("delete from WorkflowReferenceEntity r where r.taskId = :id").setParameter("id", id)
                    .executeUpdate();
            em.createQuery("delete from OutboxCardEntity c where c.taskId = :id").setParameter("id", id)
                    .executeUpdate();
            JpaOutboxStore.removeFinishedOfTasks(em, ":v", id);
            em.remove(entity.get());
            return true;
        });
    }

    private static List<EventTask> withReferences(EntityManager em, List<EventTaskEntity> entities) {
        Map<String, List<String>> names = referenceNames(em, entities.stream().map(TaskEntity::id).toList());
        return entities.stream().map(e -> e.toTask(names.getOrDefault(e.id(), List.of()))).toList();
    }

    /** The workflow reference names of the tasks, by task id, the most recently used first. */
    static Map<String, List<String>> referenceNames(EntityManager em, List<String> taskIds) {
        Map<String, List<String>> names = new HashMap<>();
        for (List<String> chunk : JpaTaskCacheStore.chunks(taskIds)) {
            em.createQuery("select r.taskId, r.workflow from WorkflowReferenceEntity r where r.taskId in :ids"
                    + " order by r.lastUsedAt desc, r.workflow", Object[].class)
                    .setParameter("ids", chunk)
                    .getResultStream()
                    .forEach(row -> names.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((String) row[1]));
        }
        return names;
    }

    /** The task of that kind; a task of the other kind with the same id is not it. */
    static <T extends TaskEntity> Optional<T> find(EntityManager em, String id, Class<T> kind) {
        if (id == null) {
            return Optional.empty();
        }
        TaskEntity task = em.find(TaskEntity.class, id);
        return kind.isInstance(task) ? Optional.of(kind.cast(task)) : Optional.empty();
    }

    /** Checks that a new task's connector exists and that its id and name are free. */
    static void claim(EntityManager em, String id, String connectorId, String name) {
        if (em.find(ConnectorEntity.class, connectorId) == null) {
            throw JpaConnectorStore.notFound(connectorId);
        }
        if (em.find(TaskEntity.class, id) != null) {
            throw new ConflictException("a task with id '" + id + "' already exists");
        }
        if (nameHolder(em, connectorId, name).isPresent()) {
            throw new ConflictException(nameTaken(name));
        }
    }

    static void checkRename(EntityManager em, TaskEntity entity, String connectorId, String name) {
        if (connectorId != null && !connectorId.equals(entity.connectorId())) {
            new Validation().add("connectorId", "a task can't move to another connector").throwIfInvalid();
        }
        Optional<String> holder = nameHolder(em, entity.connectorId(), name);
        if (holder.isPresent() && !holder.get().equals(entity.id())) {
            throw new ConflictException(nameTaken(name));
        }
    }

    private static Optional<String> nameHolder(EntityManager em, String connectorId, String name) {
        return em.createQuery("select t.id from TaskEntity t where t.connectorId = :c and t.name = :n", String.class)
                .setParameter("c", connectorId)
                .setParameter("n", name)
                .getResultStream()
                .findFirst();
    }

    private static String nameTaken(String name) {
        return "a task named '" + name + "' already exists in this connector";
    }

    static Validation validateScheduled(ScheduledTask task) {
        Validation validation = validate(task.id(), task.connectorId(), task.name(), task.remoteTemplate(),
                task.remoteFolder())
                .check(Json.text(task.settings()).length() <= Json.MAX_TEXT, "settings",
                        "too large to store: at most " + Json.MAX_TEXT + " characters as JSON");
        if (task.schedule() != null) {
            shortText(validation, "schedule.cron", task.schedule().cron());
        }
        if (task.removal() != null) {
            shortText(validation, "removal.statusAttribute", task.removal().statusAttribute());
            shortText(validation, "removal.removedValue", task.removal().removedValue());
        }
        if (task.failureCard() != null) {
            shortText(validation, "failureCard.template", task.failureCard().template());
            shortText(validation, "failureCard.folder", task.failureCard().folder());
            shortText(validation, "failureCard.attribute", task.failureCard().attribute());
        }
        return validation;
    }

    private static void shortText(Validation validation, String field, String value) {
        validation.check(Columns.fits(value, Columns.SHORT_TEXT), field, Columns.tooLong(Columns.SHORT_TEXT));
    }

    static Validation validateEvent(EventTask task) {
        Validation validation = validate(task.id(), task.connectorId(), task.name(), task.remoteTemplate(),
                task.remoteFolder());
        shortText(validation, "localTemplate", task.localTemplate());
        shortText(validation, "localFolder", task.localFolder());
        for (int i = 0; i < task.workflowReferences().size(); i++) {
            String workflow = task.workflowReferences().get(i);
            validation.require("workflowReferences[" + i + "]", workflow)
                    .check(Columns.fits(workflow, Columns.NAME), "workflowReferences[" + i + "]",
                            Columns.tooLong(Columns.NAME));
        }
        return validation;
    }

    static Validation validate(String id, String connectorId, String name, String remoteTemplate,
            String remoteFolder) {
        return new Validation()
                .require("connectorId", connectorId)
                .require("name", name)
                .check(Columns.fits(id, Columns.ID), "id", Columns.tooLong(Columns.ID))
                .check(Columns.fits(name, Columns.NAME), "name", Columns.tooLong(Columns.NAME))
                .check(Columns.fits(remoteTemplate, Columns.SHORT_TEXT), "remoteTemplate",
                        Columns.tooLong(Columns.SHORT_TEXT))
                .check(Columns.fits(remoteFolder, Columns.SHORT_TEXT), "remoteFolder",
                        Columns.tooLong(Columns.SHORT_TEXT));
    }
}
