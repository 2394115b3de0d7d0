package io.cardlink.storage.jpa.internal;

import io.cardlink.api.orchestration.WorkflowReference;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** A workflow that uses an event task: first and last use and how many requests named it (0: declared by an admin). */
@Entity
@Table(name = "CARDLINK_WORKFLOW_REFERENCE")
@IdClass(WorkflowReferenceEntity.Key.class)
public class WorkflowReferenceEntity {

    /** The primary key: task and workflow. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String taskId;
        private String workflow;

        public Key() {
        }

        Key(String taskId, String workflow) {
            this.taskId = taskId;
            this.workflow = workflow;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(taskId, key.taskId)
                    && Objects.equals(workflow, key.workflow);
        }

        @Override
        public int hashCode() {
            return Objects.hash(taskId, workflow);
        }
    }

    @Id
    @Column(name = "TASK_ID", length = 64)
    private String taskId;

    @Id
    @Column(name = "WORKFLOW", length = 200)
    private String workflow;

    @Column(name = "CONNECTOR_ID", length = 64, nullable = false, updatable = false)
    private String connectorId;

    @Column(name = "FIRST_USED_AT", nullable = false, updatable = false)
    private Instant firstUsedAt;

    @Column(name = "LAST_USED_AT", nullable = false)
    private Instant lastUsedAt;

    @Column(name = "USE_COUNT", nullable = false)
    private long useCount;

    protected WorkflowReferenceEntity() {
    }

    WorkflowReferenceEntity(String taskId, String workflow, String connectorId, Instant at, long useCount) {
        this.taskId = taskId;
        this.workflow = workflow;
        this.connectorId = connectorId;
        this.firstUsedAt = at;
        this.lastUsedAt = at;
        this.useCount = useCount;
    }

    String workflow() {
        return workflow;
    }

    void used(Instant at) {
        lastUsedAt = at;
        useCount++;
    }

    WorkflowReference toReference(String taskName, Instant staleBefore) {
        return new WorkflowReference(connectorId, taskId, taskName, workflow, firstUsedAt, lastUsedAt, useCount,
                lastUsedAt.isBefore(staleBefore));
    }
}
