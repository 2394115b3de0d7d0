package io.cardlink.engine.internal;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.alert.Alert;
import io.cardlink.api.alert.AlertSeverity;
import io.cardlink.api.alert.AlertState;
import io.cardlink.api.alert.AlertStore;
import io.cardlink.api.alert.AlertSubject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Alerts in memory, one open per subject, as the JPA store keeps them. */
final class MemoryAlerts implements AlertStore {
    final Map<String, Alert> byId = new LinkedHashMap<>();

    @Override
    public synchronized Raised raise(AlertSubject subject, AlertSeverity severity, String message, Instant at) {
        Optional<Alert> open = openOf(subject);
        Alert alert = open.map(a -> new Alert(a.id(), subject, severity, AlertState.OPEN, message, a.firstSeenAt(),
                at, a.count() + 1, null, a.acknowledgedAt(), a.acknowledgedBy()))
                .orElseGet(() -> new Alert(UUID.randomUUID().toString(), subject, severity, AlertState.OPEN, message,
                        at, at, 1, null, null, null));
        byId.put(alert.id(), alert);
        return new Raised(alert, open.isEmpty());
    }

    @Override
    public synchronized Optional<Alert> resolve(AlertSubject subject, Instant at) {
        return openOf(subject).map(a -> {
            Alert resolved = new Alert(a.id(), a.subject(), a.severity(), AlertState.RESOLVED, a.message(),
                    a.firstSeenAt(), a.lastSeenAt(), a.count(), at, a.acknowledgedAt(), a.acknowledgedBy());
            byId.put(a.id(), resolved);
            return resolved;
        });
    }

    private Optional<Alert> openOf(AlertSubject subject) {
        return byId.values().stream().filter(a -> a.state() == AlertState.OPEN && a.subject().equals(subject))
                .findFirst();
    }

    @Override
    public synchronized Optional<Alert> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<Alert> open() {
        return list(AlertState.OPEN, Integer.MAX_VALUE);
    }

    @Override
    public synchronized List<Alert> list(AlertState state, int limit) {
        List<Alert> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(Alert::lastSeenAt).reversed());
        return all.stream().filter(a -> state == null || a.state() == state).limit(limit).toList();
    }

    @Override
    public synchronized Alert acknowledge(String id, String by, Instant at) {
        Alert a = byId.get(id);
        if (a == null) {
            throw new NotFoundException("alert '" + id + "' does not exist");
        }
        Alert acknowledged = a.acknowledged() ? a : new Alert(a.id(), a.subject(), a.severity(), a.state(),
                a.message(), a.firstSeenAt(), a.lastSeenAt(), a.count(), a.resolvedAt(), at, by);
        byId.put(id, acknowledged);
        return acknowledged;
    }
}
