package io.cardlink.api.connector;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a connector type needs to open a connection: the connector's plain settings, its secrets (already
 * unsealed, held only for the connection's life). {@link #toString()} shows no secret.
 */
public record ConnectionConfig(String connectorId, Map<String, String> settings, Map<String, String> secrets) {

    public ConnectionConfig {
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(settings));
        secrets = secrets == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(secrets));
    }

    public String setting(String key) {
        return settings.get(key);
    }

    public String secret(String key) {
        return secrets.get(key);
    }

    @Override
    public String toString() {
        return "ConnectionConfig[connector=" + connectorId + ", settings=" + settings + ", secrets=" + secrets.keySet() + "]";
    }
}
