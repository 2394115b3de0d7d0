package io.cardlink.engine.internal;

import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.service.EngineSettings.Environment;
import io.cardlink.api.store.ConnectorStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What a change of the engine settings means for the stored connectors: which of them hold local passwords given for
 * another local instance, which would send passwords in clear in the Prod environment, and setting a new local
 * password on all of them at once. {@link EngineConfiguration} asks before it saves a change.
 */
@Component(service = ConnectorsForSettings.class)
public class ConnectorsForSettings {
    private final ConnectorStore connectors;
    private final ConnectorTypeRegistry types;
    private final Secrets secrets;

    @Activate
    public ConnectorsForSettings(@Reference ConnectorStore connectors, @Reference ConnectorTypeRegistry types,
            @Reference Secrets secrets) {
        this.connectors = connectors;
        this.types = types;
        this.secrets = secrets;
    }

    /** Names of the connectors holding a local-instance secret that was given for another origin than this one. */
    List<String> localSecretsNotFor(String origin, String currentLocalUrl) {
        List<String> names = new ArrayList<>();
        for (Connector connector : connectors.search(null)) {
            localSecrets(connector).forEach((key, sealed) -> {
                String given = secrets.boundOrigin(sealed).orElseGet(() -> Origin.of(currentLocalUrl).orElse(""));
                if (!given.equals(origin) && !names.contains(connector.name())) {
                    names.add(connector.name());
                }
            });
        }
        return names;
    }

    /**
     * Seals {@code password} as the local-instance secret of every connector that holds one, bound to the origin of
     * {@code localUrl}, in one transaction; returns how many connectors changed.
     */
    int replaceLocalSecrets(String password, String localUrl) {
        String origin = Origin.of(localUrl).orElse("");
        Map<String, Map<String, String>> replaced = new LinkedHashMap<>();
        for (Connector connector : connectors.search(null)) {
            Map<String, String> local = localSecrets(connector);
            if (local.isEmpty()) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>(connector.sealedSecrets());
            local.keySet().forEach(key -> values.put(key,
                    secrets.seal(new SecretAddress(connector.id(), key, origin), password)));
            replaced.put(connector.id(), values);
        }
        if (!replaced.isEmpty()) {
            connectors.replaceSealedSecrets(replaced);
        }
        return replaced.size();
    }

    /** Connectors, by name, with a URL that the given environment refuses (http:// to another host in Prod). */
    List<String> refusedUrls(Environment environment) {
        List<String> names = new ArrayList<>();
        for (Connector connector : connectors.search(null)) {
            Optional<ConnectorType> type = types.find(connector.typeId());
            boolean refused = type.isPresent() && type.get().settings().stream()
                    .filter(setting -> setting.kind() == SettingDescriptor.Kind.URL)
                    .map(setting -> connector.setting(setting.key()))
                    .anyMatch(url -> url != null && ConnectorChecks.plainRefused(url, environment) != null);
            if (refused) {
                names.add(connector.name());
            }
        }
        return names;
    }

    private Map<String, String> localSecrets(Connector connector) {
        Map<String, String> local = new LinkedHashMap<>();
        types.find(connector.typeId()).ifPresent(type -> connector.sealedSecrets().forEach((key, sealed) -> {
            if (type.setting(key).map(s -> SettingDescriptor.LOCAL_INSTANCE.equals(s.sentTo())).orElse(false)) {
                local.put(key, sealed);
            }
        }));
        return local;
    }
}
