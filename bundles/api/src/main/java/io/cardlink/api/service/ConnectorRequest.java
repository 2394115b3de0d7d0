package io.cardlink.api.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an operator sends to create or change a connector. {@code settings} holds plain settings and secrets
 * alike; the connector type says which are secret. On update, a secret that is absent keeps its stored value.
 * {@link #toString()} never shows a value.
 */
public record ConnectorRequest(String name, String type, String description, Map<String, String> settings) {

    public ConnectorRequest {
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    @Override
    public String toString() {
        return "ConnectorRequest[name=" + name + ", type=" + type + ", settings=" + settings.keySet() + "]";
    }
}
