package io.cardlink.engine.internal;

import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.SettingDescriptor;
import java.util.Map;
import java.util.Optional;

/** The origin each secret of a connector is sent to, as its type's descriptor says ({@link SettingDescriptor#sentTo()}). */
final class SecretOrigins {
    private SecretOrigins() {
    }

    /** The origin of the URL the secret goes to, from the connector's plain settings or the engine's local URL. */
    static String of(SettingDescriptor secret, Map<String, String> settings, String localUrl) {
        String sentTo = secret.sentTo();
        if (sentTo == null) {
            return "";
        }
        String url = SettingDescriptor.LOCAL_INSTANCE.equals(sentTo) ? localUrl : settings.get(sentTo);
        return Origin.of(url).orElse("");
    }

    /** The same for a setting key of a type; empty for a key the type does not know. */
    static Optional<String> of(ConnectorType type, String key, Map<String, String> settings, String localUrl) {
        return type.setting(key).map(secret -> of(secret, settings, localUrl));
    }

    /** What a message calls the URL a secret goes to. */
    static String urlName(SettingDescriptor secret) {
        return SettingDescriptor.LOCAL_INSTANCE.equals(secret.sentTo()) ? "the engine setting localUrl"
                : secret.sentTo();
    }
}
