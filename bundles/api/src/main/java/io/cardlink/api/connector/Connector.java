package io.cardlink.api.connector;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A configured link to a remote instance, of one connector type. Plain settings are readable; secrets (passwords)
 * are kept apart, sealed (encrypted) by the engine before they reach a store, and never shown: a reader only
 * learns which secrets are set.
 */
public record Connector(String id, String name, String typeId, String description, Map<String, String> settings,
        Map<String, String> sealedSecrets, Instant createdAt, Instant updatedAt) {

    public Connector {
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(settings));
        sealedSecrets = sealedSecrets == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(sealedSecrets));
    }

    /** Names of the secrets that have a value. */
    public Set<String> secretsSet() {
        return sealedSecrets.keySet();
    }

    public String setting(String key) {
        return settings.get(key);
    }

    @Override
    public String toString() {
        return "Connector[id=" + id + ", name=" + name + ", type=" + typeId + ", settings=" + settings
                + ", secretsSet=" + secretsSet() + "]";
    }
}
