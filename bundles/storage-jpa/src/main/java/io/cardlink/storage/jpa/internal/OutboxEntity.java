package io.cardlink.storage.jpa.internal;

import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.task.EventOperation;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import org.hibernate.annotations.Type;

/**
 * One operation of the outbox. The local card is a JSON column ({@link CardColumn}); {@code claimedBy} and
 * {@code leaseUntil} say which node is writing a running operation and until when its claim holds.
 */
@Entity
@Table(name = "CARDLINK_OUTBOX")
public class OutboxEntity {

    static final int MAX_PROVISIONING_EXCEPTION = 4_000;

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "TASK_ID", length = 64, nullable = false, updatable = false)
    private String taskId;

    @Column(name = "CONNECTOR_ID", length = 64, nullable = false, updatable = false)
    private String connectorId;

    @Enumerated(EnumType.STRING)
    @Column(name = "OPERATION", length = 10, nullable = false, updatable = false)
    private EventOperation operation;

    @Column(name = "IDEMPOTENCY_KEY", length = 200, updatable = false)
    private String idempotencyKey;

    @Column(name = "WORKFLOW", length = 200, updatable = false)
    private String workflow;

    @Type(type = "text")
    @Column(name = "CARD", nullable = false, updatable = false)
    private String card;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", length = 10, nullable = false)
    private OperationStatus status;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "NEXT_ATTEMPT_AT")
    private Instant nextAttemptAt;

    @Column(name = "CLAIMED_BY", length = 64)
    private String claimedBy;

    @Column(name = "LEASE_UNTIL")
    private Instant leaseUntil;

    @Column(name = "REMOTE_ID", length = 100)
    private String remoteId;

    @Column(name = "PROVISIONING_EXCEPTION", length = MAX_PROVISIONING_EXCEPTION)
    private String provisioningException;

    @Column(name = "CREATED_AT", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "COMPLETED_AT")
    private Instant completedAt;

    protected OutboxEntity() {
    }

    /** A new pending operation, due at {@code createdAt}. */
    OutboxEntity(String id, Operation operation, String connectorId, String card, Instant createdAt) {
        this.id = id;
        this.taskId = operation.taskId();
        this.connectorId = connectorId;
        this.operation = operation.operation();
        this.idempotencyKey = operation.idempotencyKey();
        this.workflow = operation.workflow();
        this.card = card;
        this.status = OperationStatus.PENDING;
        this.attempts = 0;
        this.nextAttemptAt = createdAt;
        this.createdAt = createdAt;
    }

    String card() {
        return card;
    }

    Operation toOperation() {
        return new Operation(id, taskId, connectorId, operation, idempotencyKey, workflow, status, attempts,
                nextAttemptAt, remoteId, provisioningException, createdAt, completedAt);
    }
}
