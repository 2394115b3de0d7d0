package io.cardlink.storage.jpa.internal;

import io.cardlink.api.alert.Alert;
import io.cardlink.api.alert.AlertKind;
import io.cardlink.api.alert.AlertSeverity;
import io.cardlink.api.alert.AlertState;
import io.cardlink.api.alert.AlertSubject;
import io.cardlink.api.service.InstanceSide;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

/** One alert. {@code openKey} is its subject's key while it is open, null once resolved (see V9__alerts.sql). */
@Entity
@Table(name = "CARDLINK_ALERT")
public class AlertEntity {
    static final int MESSAGE_LENGTH = 2000;

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", length = 40, nullable = false, updatable = false)
    private AlertKind kind;

    @Column(name = "CONNECTOR_ID", length = 64, updatable = false)
    private String connectorId;

    @Column(name = "TASK_ID", length = 64, updatable = false)
    private String taskId;

    @Enumerated(EnumType.STRING)
    @Column(name = "SIDE", length = 10, updatable = false)
    private InstanceSide side;

    @Column(name = "OPEN_KEY", length = 250)
    private String openKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "SEVERITY", length = 10, nullable = false)
    private AlertSeverity severity;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATE", length = 10, nullable = false)
    private AlertState state;

    @Column(name = "MESSAGE", length = MESSAGE_LENGTH, nullable = false)
    private String message;

    @Column(name = "FIRST_SEEN_AT", nullable = false, updatable = false)
    private Instant firstSeenAt;

    @Column(name = "LAST_SEEN_AT", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "SEEN_COUNT", nullable = false)
    private long count;

    @Column(name = "RESOLVED_AT")
    private Instant resolvedAt;

    @Column(name = "ACKNOWLEDGED_AT")
    private Instant acknowledgedAt;

    @Column(name = "ACKNOWLEDGED_BY", length = 200)
    private String acknowledgedBy;

    protected AlertEntity() {
    }

    AlertEntity(String id, AlertSubject subject, AlertSeverity severity, String message, Instant at) {
        this.id = id;
        this.kind = subject.kind();
        this.connectorId = subject.connectorId();
        this.taskId = subject.taskId();
        this.side = subject.side();
        this.openKey = subject.key();
        this.severity = severity;
        this.state = AlertState.OPEN;
        this.message = bounded(message);
        this.firstSeenAt = at;
        this.lastSeenAt = at;
        this.count = 1;
    }

    /** The condition was seen again. */
    void seen(AlertSeverity newSeverity, String newMessage, Instant at) {
        severity = newSeverity;
        message = bounded(newMessage);
        lastSeenAt = at;
        count++;
    }

    void resolve(Instant at) {
        state = AlertState.RESOLVED;
        openKey = null;
        resolvedAt = at;
    }

    void acknowledge(String by, Instant at) {
        if (acknowledgedAt == null) {
            acknowledgedAt = at;
            acknowledgedBy = by == null ? null : by.substring(0, Math.min(by.length(), 200));
        }
    }

    Alert toAlert() {
        return new Alert(id, new AlertSubject(kind, connectorId, taskId, side), severity, state, message,
                firstSeenAt, lastSeenAt, count, resolvedAt, acknowledgedAt, acknowledgedBy);
    }

    private static String bounded(String text) {
        String value = text == null || text.isBlank() ? "-" : text;
        return value.length() <= MESSAGE_LENGTH ? value : value.substring(0, MESSAGE_LENGTH - 1) + "…";
    }
}
