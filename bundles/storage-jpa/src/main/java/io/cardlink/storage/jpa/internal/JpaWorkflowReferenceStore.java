package io.cardlink.storage.jpa.internal;

import io.cardlink.api.orchestration.WorkflowReference;
import io.cardlink.api.store.WorkflowReferenceStore;
import java.time.Instant;
import java.util.List;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Workflow references with their task's name, for "show workflow references". */
@Component(service = WorkflowReferenceStore.class,
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaWorkflowReferenceStore implements WorkflowReferenceStore {

    private static final String SELECT = "select r, t.name from WorkflowReferenceEntity r, EventTaskEntity t"
            + " where t.id = r.taskId and ";

    private final Transactions transactions;

    @Activate
    public JpaWorkflowReferenceStore(@Reference(target = "(osgi.unit.name=cardlink)") JpaTemplate jpa) {
        this.transactions = new Transactions(jpa);
    }

    @Override
    public List<WorkflowReference> forTask(String taskId, Instant staleBefore) {
        return transactions.run(em -> em.createQuery(SELECT + "r.taskId = :t order by r.lastUsedAt desc, r.workflow",
                Object[].class)
                .setParameter("t", taskId)
                .getResultStream()
                .map(row -> ((WorkflowReferenceEntity) row[0]).toReference((String) row[1], staleBefore))
                .toList());
    }

    @Override
    public List<WorkflowReference> forConnector(String connectorId, Instant staleBefore) {
        return transactions.run(em -> em.createQuery(SELECT + "r.connectorId = :c"
                + " order by t.name, r.lastUsedAt desc, r.workflow", Object[].class)
                .setParameter("c", connectorId)
                .getResultStream()
                .map(row -> ((WorkflowReferenceEntity) row[0]).toReference((String) row[1], staleBefore))
                .toList());
    }
}
