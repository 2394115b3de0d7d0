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
 * {@code leaseUntil} say which node is writing a running operation and until when its claim holds; {@code keySeq}
 * is its number among the operations of its card ({@link OutboxCardEntity}).
 */
@Entity
@Table(name = "CARDLINK_OUTBOX")
public class OutboxEntity {

    static final int MAX_PROVISIONING_EXCEPTION = 4_000;
    static final int MAX_REASON = 1_000;

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

    @Column(name = "CARD_KEY", length = 255, updatable = false)
    private String cardKey;

    @Column(name = "KEY_SEQ", updatable = false)
    private Long keySeq;

    @Column(name = "LOCAL_CARD_ID", length = 100, updatable = false)
    private String localCardId;

    @Column(name = "IDEMPOTENCY_KEY", length = 200, updatable = false)
    private String idempotencyKey;

    @Column(name = "REQUEST_FINGERPRINT", length = 64, updatable = false)
    private String requestFingerprint;

    @Column(name = "SUBMITTED_BY", length = 200, updatable = false)
    private String submittedBy;

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

    @Column(name = "REASON", length = MAX_REASON)
    private String reason;

    @Column(name = "CREATED_AT", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "COMPLETED_AT")
    private Instant completedAt;

    protected OutboxEntity() {
    }

    /**
     * A new operation in {@code status}: a pending one is due at {@code createdAt}, a finished one (suppressed, failed)
     * completed then, a held one waits for its card's release.
     */
    OutboxEntity(String id, Operation operation, String connectorId, Long keySeq, OperationStatus status,
            String reason, String card, String requestFingerprint, Instant createdAt) {
        this.id = id;
        this.taskId = operation.taskId();
        this.connectorId = connectorId;
        this.operation = operation.operation();
        this.cardKey = operation.cardKey();
        this.keySeq = keySeq;
        this.localCardId = operation.localCardId();
        this.idempotencyKey = operation.idempotencyKey();
        this.requestFingerprint = requestFingerprint;
        this.workflow = operation.workflow();
        this.submittedBy = operation.submittedBy();
        this.card = card;
        this.status = status;
        this.attempts = 0;
        this.nextAttemptAt = status == OperationStatus.PENDING ? createdAt : null;
        this.provisioningException = operation.provisioningException();
        this.reason = reason;
        this.createdAt = createdAt;
        this.completedAt = status.finished() ? createdAt : null;
    }

    String card() {
        return card;
    }

    String taskId() {
        return taskId;
    }

    String cardKey() {
        return cardKey;
    }

    /** Claims the new operation for {@code owner} before it is first stored: running, its first attempt counted. */
    void claim(String owner, Instant lease) {
        status = OperationStatus.RUNNING;
        attempts = 1;
        nextAttemptAt = null;
        claimedBy = owner;
        leaseUntil = lease;
    }

    Long keySeq() {
        return keySeq;
    }

    OperationStatus status() {
        return status;
    }

    String requestFingerprint() {
        return requestFingerprint;
    }

    Operation toOperation() {
        return new Operation(id, taskId, connectorId, operation, cardKey, localCardId, idempotencyKey, workflow,
                submittedBy, status, attempts, nextAttemptAt, remoteId, provisioningException, reason, createdAt,
                completedAt);
    }
}
