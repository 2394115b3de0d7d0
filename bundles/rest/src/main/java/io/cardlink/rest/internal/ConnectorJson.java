package io.cardlink.rest.internal;

import io.cardlink.api.connector.ConnectorStatus;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.service.ConnectorView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A connector as the API shows it. Each secret setting {@code x} appears only as {@code xSet: true|false}.
 */
public record ConnectorJson(String id, String name, String type, String description, ConnectorStatus status,
        Map<String, Object> settings, int scheduledTasks, int eventTasks, Instant createdAt, Instant updatedAt) {

    static ConnectorJson of(ConnectorView view, Optional<ConnectorType> type) {
        Map<String, Object> settings = new LinkedHashMap<>(view.settings());
        TreeSet<String> secretKeys = new TreeSet<>(view.secretsSet());
        type.ifPresent(t -> t.settings().stream().filter(SettingDescriptor::secret)
                .forEach(s -> secretKeys.add(s.key())));
        for (String key : secretKeys) {
            settings.put(key + "Set", view.secretsSet().contains(key));
        }
        return new ConnectorJson(view.id(), view.name(), view.type(), view.description(), view.status(), settings,
                view.scheduledTasks(), view.eventTasks(), view.createdAt(), view.updatedAt());
    }
}
