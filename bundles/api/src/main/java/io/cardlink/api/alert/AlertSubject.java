package io.cardlink.api.alert;

import io.cardlink.api.service.InstanceSide;
import java.util.Objects;

/**
 * What an alert is about: its condition and where (a connector, a task of it, one instance side; any may be null).
 * One open alert at most exists per subject.
 */
public record AlertSubject(AlertKind kind, String connectorId, String taskId, InstanceSide side) {

    public AlertSubject {
        Objects.requireNonNull(kind, "kind");
    }

    /** The subject as one text, the key of its open alert. */
    public String key() {
        return kind + "|" + nullToEmpty(connectorId) + "|" + nullToEmpty(taskId) + "|"
                + (side == null ? "" : side.name());
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
