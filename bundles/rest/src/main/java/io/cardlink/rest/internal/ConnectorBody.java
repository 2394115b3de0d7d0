package io.cardlink.rest.internal;

import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.service.ConnectorRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The body of POST and PUT /connectors. Secrets go in {@code settings} with the others and are never echoed; the
 * {@code xSet} flags that a GET shows for each secret {@code x} are dropped, so that a connector read, changed and
 * sent back is taken as it is.
 */
public record ConnectorBody(String name, String type, String description, Map<String, String> settings) {

    ConnectorRequest toRequest(Optional<ConnectorType> connectorType) {
        if (settings == null || connectorType.isEmpty()) {
            return new ConnectorRequest(name, type, description, settings);
        }
        Map<String, String> given = new LinkedHashMap<>(settings);
        connectorType.get().settings().stream().filter(SettingDescriptor::secret).map(s -> s.key() + "Set")
                .filter(flag -> "true".equals(given.get(flag)) || "false".equals(given.get(flag)))
                .forEach(given::remove);
        return new ConnectorRequest(name, type, description, given);
    }

    @Override
    public String toString() {
        return "ConnectorBody[name=" + name + ", type=" + type + "]";
    }
}
