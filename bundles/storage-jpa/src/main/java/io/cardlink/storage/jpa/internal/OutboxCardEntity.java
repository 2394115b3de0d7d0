package io.cardlink.storage.jpa.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/**
 * One card of an event task in the outbox: the last number given to one of its operations, and whether the loop
 * guard holds it. See {@link JpaOutboxStore} for how the numbers keep the order per card.
 */
@Entity
@Table(name = "CARDLINK_OUTBOX_CARD")
@IdClass(OutboxCardEntity.Key.class)
public class OutboxCardEntity {

    /** The primary key: task and card key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String taskId;
        private String cardKey;

        public Key() {
        }

        Key(String taskId, String cardKey) {
            this.taskId = taskId;
            this.cardKey = cardKey;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(taskId, key.taskId)
                    && Objects.equals(cardKey, key.cardKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(taskId, cardKey);
        }
    }

    static final int MAX_REASON = 1_000;

    @Id
    @Column(name = "TASK_ID", length = 64)
    private String taskId;

    @Id
    @Column(name = "CARD_KEY", length = 255)
    private String cardKey;

    @Column(name = "CONNECTOR_ID", length = 64, nullable = false, updatable = false)
    private String connectorId;

    @Column(name = "LAST_SEQ", nullable = false)
    private long lastSeq;

    @Column(name = "HELD_AT")
    private Instant heldAt;

    @Column(name = "HELD_REASON", length = MAX_REASON)
    private String heldReason;

    @Column(name = "RELEASED_AT")
    private Instant releasedAt;

    protected OutboxCardEntity() {
    }

    /** A card's row when its first operation is accepted: that operation is number 1. */
    OutboxCardEntity(String taskId, String cardKey, String connectorId) {
        this.taskId = taskId;
        this.cardKey = cardKey;
        this.connectorId = connectorId;
        this.lastSeq = 1;
    }

    String taskId() {
        return taskId;
    }

    String cardKey() {
        return cardKey;
    }

    String connectorId() {
        return connectorId;
    }

    long lastSeq() {
        return lastSeq;
    }

    boolean held() {
        return heldAt != null;
    }

    Instant heldAt() {
        return heldAt;
    }

    String heldReason() {
        return heldReason;
    }

    Instant releasedAt() {
        return releasedAt;
    }

    void hold(String reason, Instant at) {
        heldAt = at;
        heldReason = reason;
    }

    void release(Instant at) {
        heldAt = null;
        heldReason = null;
        releasedAt = at;
    }
}
