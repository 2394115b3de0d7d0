package io.cardlink.api.alert;

import java.time.Instant;

/**
 * An alert: its subject, severity and latest message, when it was first and last seen and how many times, and when
 * it was resolved and acknowledged (null while not).
 */
public record Alert(String id, AlertSubject subject, AlertSeverity severity, AlertState state, String message,
        Instant firstSeenAt, Instant lastSeenAt, long count, Instant resolvedAt, Instant acknowledgedAt,
        String acknowledgedBy) {

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }
}
