package io.cardlink.storage.jpa.internal;

import io.cardlink.api.ConflictException;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.Validation;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.store.ConfigurationStore;
import io.cardlink.api.store.ImportPlan;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Writes an import plan with one entity manager in one transaction, with the same checks the connector and task
 * stores make one item at a time; the first failure rolls everything back.
 */
@Component(service = ConfigurationStore.class,
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaConfigurationStore implements ConfigurationStore {

    private final Transactions transactions;

    @Activate
    public JpaConfigurationStore(@Reference(target = "(osgi.unit.name=cardlink)") JpaTemplate jpa) {
        this.transactions = new Transactions(jpa);
    }

    @Override
    public ImportPlan apply(ImportPlan plan) {
        validate(plan);
        return transactions.run(() -> "a connector or task of the import was created meanwhile under the same name;"
                + " nothing was imported", em -> {
                    Instant now = Transactions.now();
                    List<Connector> connectors = new ArrayList<>();
                    for (Connector connector : plan.newConnectors()) {
                        connectors.add(create(em, connector, now));
                    }
                    em.flush();
                    List<ScheduledTask> newScheduled = new ArrayList<>();
                    for (ScheduledTask task : plan.newScheduledTasks()) {
                        JpaTaskStore.claim(em, task.id(), task.connectorId(), task.name());
                        ScheduledTaskEntity entity = new ScheduledTaskEntity(task.id(), task.connectorId(), now);
                        entity.apply(task, now);
                        em.persist(entity);
                        newScheduled.add(entity.toTask());
                    }
                    List<ScheduledTask> changedScheduled = new ArrayList<>();
                    for (ScheduledTask task : plan.changedScheduledTasks()) {
                        ScheduledTaskEntity entity = JpaTaskStore.find(em, task.id(), ScheduledTaskEntity.class)
                                .orElseThrow(() -> new NotFoundException("no scheduled task with id '" + task.id()
                                        + "'"));
                        JpaTaskStore.checkRename(em, entity, task.connectorId(), task.name());
                        entity.apply(task, now);
                        changedScheduled.add(entity.toTask());
                    }
                    List<EventTask> newEvent = new ArrayList<>();
                    for (EventTask task : plan.newEventTasks()) {
                        JpaTaskStore.claim(em, task.id(), task.connectorId(), task.name());
                        EventTaskEntity entity = new EventTaskEntity(task.id(), task.connectorId(), now);
                        entity.apply(task, now);
                        em.persist(entity);
                        newEvent.add(JpaTaskStore.saveReferences(em, entity, task, now));
                    }
                    List<EventTask> changedEvent = new ArrayList<>();
                    for (EventTask task : plan.changedEventTasks()) {
                        EventTaskEntity entity = JpaTaskStore.find(em, task.id(), EventTaskEntity.class)
                                .orElseThrow(() -> new NotFoundException("no event task with id '" + task.id()
                                        + "'"));
                        JpaTaskStore.checkRename(em, entity, task.connectorId(), task.name());
                        entity.apply(task, now);
                        changedEvent.add(JpaTaskStore.saveReferences(em, entity, task, now));
                    }
                    em.flush();
                    return new ImportPlan(connectors, newScheduled, changedScheduled, newEvent, changedEvent);
                });
    }

    private static Connector create(EntityManager em, Connector connector, Instant now) {
        if (em.find(ConnectorEntity.class, connector.id()) != null) {
            throw new ConflictException("a connector with id '" + connector.id() + "' already exists");
        }
        if (JpaConnectorStore.idByName(em, connector.name()).isPresent()) {
            throw new ConflictException(JpaConnectorStore.nameTaken(connector.name()));
        }
        ConnectorEntity entity = new ConnectorEntity(connector.id(), now);
        entity.apply(connector, now);
        em.persist(entity);
        // flushed now so that a second connector of the plan with the same name is found by the query above
        em.flush();
        return entity.toConnector();
    }

    /** Everything that can be checked without the database, for every item, before the transaction starts. */
    private static void validate(ImportPlan plan) {
        Validation validation = new Validation();
        plan.newConnectors().forEach(c -> validation.require("newConnectors.id", c.id()));
        plan.newConnectors().forEach(JpaConnectorStore::validate);
        for (ScheduledTask task : plan.newScheduledTasks()) {
            validation.require("newScheduledTasks.id", task.id());
            validation.addAll(JpaTaskStore.validateScheduled(task).problems());
        }
        for (ScheduledTask task : plan.changedScheduledTasks()) {
            validation.require("changedScheduledTasks.id", task.id());
            validation.addAll(JpaTaskStore.validateScheduled(task).problems());
        }
        for (EventTask task : plan.newEventTasks()) {
            validation.require("newEventTasks.id", task.id());
            validation.addAll(eventProblems(task));
        }
        for (EventTask task : plan.changedEventTasks()) {
            validation.require("changedEventTasks.id", task.id());
            validation.addAll(eventProblems(task));
        }
        validation.throwIfInvalid();
    }

    private static List<FieldProblem> eventProblems(EventTask task) {
        return JpaTaskStore.validateEvent(task).problems();
    }
}
