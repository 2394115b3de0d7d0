package io.cardlink.engine.internal;

import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.SettingDescriptor;
import java.util.Map;
import java.util.Optional;

/** The origin each secret of a connector is sent to, as its type's descriptor says ({@link SettingDescriptor#sentTo()}). */
final class SecretOrigins {
    private SecretOrigins() {
    }

    /** The origin of the URL setting the secret goes to, from the connector's plain settings. */
    static String of(SettingDescriptor secret, Map<String, String> settings) {
        String sentTo = secret.sentTo();
        return sentTo == null ? "" : Origin.of(settings.get(sentTo)).orElse("");
    }

    /** The same for a setting key of a type; empty for a key the type does not know. */
    static Optional<String> of(ConnectorType type, String key, Map<String, String> settings) {
        return type.setting(key).map(secret -> of(secret, settings));
    }
}
