package io.cardlink.engine.internal;

import io.cardlink.api.alert.Alert;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An alert as flat fields (names as in the REST answer), for Event Admin properties and the webhook's JSON. */
final class AlertFields {
    private AlertFields() {
    }

    static Map<String, Object> of(AlertEvent event, Alert alert) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", event.name());
        fields.put("id", alert.id());
        fields.put("kind", alert.subject().kind().name());
        putIfSet(fields, "connectorId", alert.subject().connectorId());
        putIfSet(fields, "taskId", alert.subject().taskId());
        putIfSet(fields, "side", alert.subject().side() == null ? null : alert.subject().side().name());
        fields.put("severity", alert.severity().name());
        fields.put("state", alert.state().name());
        fields.put("message", alert.message());
        fields.put("firstSeenAt", text(alert.firstSeenAt()));
        fields.put("lastSeenAt", text(alert.lastSeenAt()));
        fields.put("count", alert.count());
        putIfSet(fields, "resolvedAt", text(alert.resolvedAt()));
        putIfSet(fields, "acknowledgedAt", text(alert.acknowledgedAt()));
        putIfSet(fields, "acknowledgedBy", alert.acknowledgedBy());
        return fields;
    }

    // Event Admin properties can't be null: a field not set is left out.
    private static void putIfSet(Map<String, Object> fields, String key, Object value) {
        if (value != null) {
            fields.put(key, value);
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
