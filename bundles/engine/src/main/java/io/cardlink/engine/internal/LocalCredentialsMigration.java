package io.cardlink.engine.internal;

import io.cardlink.api.connector.Connector;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.store.ConnectorStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the local credentials that connectors held before the local instance became the engine's
 * ({@code localUser}, {@code localPassword}) to the engine, once, at start: when the engine has none yet, the oldest
 * connector's become the engine's (its password opened and sealed again for the engine, bound to {@code localUrl});
 * the connectors whose credentials differ are named in a warning, never their passwords; then both keys are dropped
 * from every connector in one transaction. A failure leaves the engine settings and the connectors as they were, and
 * the next start tries again; once done, there is nothing left to move.
 */
@Component(immediate = true)
public class LocalCredentialsMigration {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCredentialsMigration.class);

    /**
     * What a migration did.
     *
     * @param takenFrom the connector whose credentials became the engine's, or null when the engine kept its own
     * @param differing connectors whose local credentials were not the engine's
     * @param dropped   connectors the two keys were dropped from
     */
    record Outcome(String takenFrom, List<String> differing, List<String> dropped) {
        static final Outcome NOTHING = new Outcome(null, List.of(), List.of());
    }

    private final ConnectorStore connectors;
    private final Secrets secrets;
    private final LocalCredentialStore credentials;
    private final SettingsService settings;

    /** Moves them at the bundle's start; a failure is logged, and the next start tries again. */
    @Activate
    public LocalCredentialsMigration(@Reference ConnectorStore connectors, @Reference Secrets secrets,
            @Reference LocalCredentialStore credentials, @Reference SettingsService settings) {
        this(connectors, secrets, credentials, settings, true);
    }

    LocalCredentialsMigration(ConnectorStore connectors, Secrets secrets, LocalCredentialStore credentials,
            SettingsService settings, boolean now) {
        this.connectors = connectors;
        this.secrets = secrets;
        this.credentials = credentials;
        this.settings = settings;
        if (!now) {
            return;
        }
        try {
            migrate();
        } catch (RuntimeException e) {
            LOG.error("The connectors' local credentials were not moved to the engine settings (nothing changed;"
                    + " tried again at the next start): {}", e.getMessage());
        }
    }

    /** Moves the credentials, if any connector still holds them. */
    synchronized Outcome migrate() {
        List<Connector> holders = connectors.search(null).stream()
                .filter(c -> c.settings().containsKey(SettingsService.LOCAL_USER)
                        || c.sealedSecrets().containsKey(SettingsService.LOCAL_PASSWORD))
                .sorted(Comparator.comparing(Connector::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Connector::name))
                .toList();
        if (holders.isEmpty()) {
            return Outcome.NOTHING;
        }
        String previousUser = credentials.localUser();
        String previousSealed = credentials.sealedLocalPassword();
        boolean engineHasThem = previousUser != null && previousSealed != null;
        // every password is opened before anything is written: a key problem changes nothing
        String engineUser = previousUser;
        String enginePassword = engineHasThem ? openEngine(previousSealed) : null;
        String takenFrom = null;
        String sealed = previousSealed;
        if (!engineHasThem) {
            for (Connector connector : holders) {
                String user = connector.setting(SettingsService.LOCAL_USER);
                String password = open(connector);
                if (user != null && !user.isBlank() && password != null) {
                    takenFrom = connector.name();
                    engineUser = user.trim();
                    enginePassword = password;
                    String origin = Origin.of(settings.current().localUrl()).orElse("");
                    sealed = secrets.seal(new SecretAddress(LocalCredentialStore.OWNER,
                            SettingsService.LOCAL_PASSWORD, origin), password);
                    break;
                }
            }
        }
        List<String> differing = new ArrayList<>();
        for (Connector connector : holders) {
            if (!connector.name().equals(takenFrom)
                    && (!Objects.equals(trimmed(connector.setting(SettingsService.LOCAL_USER)), engineUser)
                            || !Objects.equals(open(connector), enginePassword))) {
                differing.add(connector.name());
            }
        }
        if (takenFrom != null) {
            credentials.storeLocalCredentials(engineUser, sealed);
        }
        List<String> dropped;
        try {
            dropped = connectors.removeSettings(ConnectorChecks.ENGINE_SETTINGS);
        } catch (RuntimeException e) {
            if (takenFrom != null) {
                credentials.storeLocalCredentials(previousUser, previousSealed);
            }
            throw e;
        }
        if (takenFrom != null) {
            LOG.info("The local WebAPI user '{}' and password of connector '{}' (the oldest that had them) are now the"
                    + " engine's", engineUser, takenFrom);
        }
        if (!differing.isEmpty()) {
            LOG.warn("Connectors {} had other local credentials than the engine's (user '{}'); they now use the"
                    + " engine's: change them with cardlink:settings-set localUser / localPassword if needed",
                    differing, engineUser);
        }
        LOG.info("Local credentials dropped from {} connector(s): the local instance is set in the engine settings",
                dropped.size());
        return new Outcome(takenFrom, differing, dropped.stream().map(this::name).toList());
    }

    private String open(Connector connector) {
        String sealed = connector.sealedSecrets().get(SettingsService.LOCAL_PASSWORD);
        return sealed == null ? null : secrets.unseal(connector.id(), SettingsService.LOCAL_PASSWORD, sealed);
    }

    /** The engine's own password, to compare with the connectors'; null when it is no sealed value (set by hand). */
    private String openEngine(String sealed) {
        try {
            return secrets.unseal(LocalCredentialStore.OWNER, SettingsService.LOCAL_PASSWORD, sealed);
        } catch (IllegalArgumentException notSealed) {
            return null;
        }
    }

    private String name(String connectorId) {
        return connectors.find(connectorId).map(Connector::name).orElse(connectorId);
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
