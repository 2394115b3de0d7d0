package io.cardlink.engine.internal;

import io.cardlink.api.SecretKeyUnavailableException;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.service.ComponentStatus;
import io.cardlink.api.service.SecretKeyService;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.store.ConnectorStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's secrets key ({@code etc/cardlink-secrets.key}, readable by its owner only) and what it seals. The key is
 * made at first start, but never while the database holds secrets sealed with another key: a lost or replaced file
 * would otherwise make every stored secret unreadable for good, and secrets saved afterwards would be sealed under a
 * key the other nodes don't have. Then everything that needs a secret fails with a
 * {@link SecretKeyUnavailableException} naming the file, and the status says so, until the right file is back; that
 * is checked again at each use, so no restart is needed.
 *
 * <p>The engine's own secret, the local WebAPI password ({@link LocalCredentialStore}), is sealed with the same key
 * for the owner {@link LocalCredentialStore#OWNER}, and counts among the stored secrets.
 *
 * <p>Values sealed before secrets were bound to their address ({@code v1}) are sealed again, bound, once the key is
 * known to be right and the connector's type is installed to say where each secret goes.
 */
@Component(service = {Secrets.class, SecretKeyService.class})
public class Secrets implements SecretKeyService {
    private static final Logger LOG = LoggerFactory.getLogger(Secrets.class);
    static final String KEY_FILE_NAME = "cardlink-secrets.key";

    private final SecretKeyFile keyFile;
    private final ConnectorStore connectors;
    private final ConnectorTypeRegistry types;
    private final LocalCredentialStore engine;
    private final ExecutorService migrations = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "cardlink-secrets-migration");
        thread.setDaemon(true);
        return thread;
    });

    /** The usable key, or null while {@link #problem} says why there is none. */
    private SecretSealer sealer;
    private String problem;

    @Activate
    public Secrets(@Reference ConnectorStore connectors, @Reference ConnectorTypeRegistry types,
            @Reference LocalCredentialStore engine) {
        this(Path.of(System.getProperty("karaf.etc", "etc"), KEY_FILE_NAME), connectors, types, engine);
    }

    Secrets(Path keyFile, ConnectorStore connectors, ConnectorTypeRegistry types, LocalCredentialStore engine) {
        this.keyFile = new SecretKeyFile(keyFile);
        this.connectors = connectors;
        this.types = types;
        this.engine = engine;
        try {
            evaluate();
            if (sealer != null) {
                migrateLegacy();
            }
        } catch (RuntimeException e) {
            // the database did not answer: the key is checked again at its first use
            problem = "the stored secrets could not be read to check " + this.keyFile.display() + ": "
                    + e.getMessage();
            LOG.warn("Secrets key not checked yet: {}", e.getMessage());
        }
    }

    /** A type that arrives may be the one that tells where a connector's legacy secrets go. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "typeRemoved")
    void typeAdded(ConnectorType type) {
        try {
            migrations.execute(this::migrateLegacyQuietly);
        } catch (RejectedExecutionException stopping) {
            // deactivated meanwhile
        }
    }

    void typeRemoved(ConnectorType type) {
        // nothing sealed depends on a type being there
    }

    @Deactivate
    void deactivate() {
        migrations.shutdownNow();
    }

    /** Seals a secret for its address under the current key. */
    public synchronized String seal(SecretAddress address, String plain) {
        return usable().seal(address, plain);
    }

    /**
     * Opens a stored value of a connector's setting (or of the engine's, owner {@link LocalCredentialStore#OWNER}); it
     * opens only for the address it was sealed for.
     */
    public synchronized String unseal(String connectorId, String setting, String sealed) {
        SealedSecret value = SealedSecret.parse(sealed);
        SecretSealer current = usable();
        if (value.legacy()) {
            return current.openLegacy(value);
        }
        if (!value.keyId().equals(current.keyId())) {
            evaluate();
            current = usable();
        }
        return current.open(connectorId, setting, value);
    }

    /** The origin a stored value is bound to; empty for a value from before secrets were bound. */
    public Optional<String> boundOrigin(String sealed) {
        return Optional.ofNullable(SealedSecret.parse(sealed).origin());
    }

    /** The key's state for the status page: up with the file's name, or down with what to do. */
    public synchronized ComponentStatus status() {
        if (sealer == null) {
            try {
                evaluate();
            } catch (RuntimeException e) {
                return new ComponentStatus("secrets key", ComponentStatus.DOWN, "the stored secrets could not be"
                        + " read to check " + keyFile.display() + ": " + e.getMessage());
            }
        }
        return sealer == null ? new ComponentStatus("secrets key", ComponentStatus.DOWN, problem)
                : new ComponentStatus("secrets key", ComponentStatus.UP, keyFile.display() + " (key id "
                        + sealer.keyId() + ")");
    }

    @Override
    public synchronized Rotation rotate() {
        evaluate();
        SecretSealer old = usable();
        byte[] nextKey = SecretSealer.newKey();
        SecretSealer next = SecretSealer.of(nextKey);
        Map<String, Map<String, String>> resealed = new LinkedHashMap<>();
        int count = 0;
        for (Connector connector : connectors.search(null)) {
            if (connector.sealedSecrets().isEmpty()) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, String> secret : connector.sealedSecrets().entrySet()) {
                SealedSecret value = SealedSecret.parse(secret.getValue());
                String origin = value.legacy() ? legacyOrigin(connector, secret.getKey()) : value.origin();
                String plain = value.legacy() ? old.openLegacy(value)
                        : old.open(connector.id(), secret.getKey(), value);
                values.put(secret.getKey(), next.seal(new SecretAddress(connector.id(), secret.getKey(), origin), plain));
                count++;
            }
            resealed.put(connector.id(), values);
        }
        String user = engine.localUser();
        String engineSealed = engine.sealedLocalPassword();
        String engineResealed = engineSealed == null ? null : reseal(old, next, engineSealed);
        keyFile.writePending(nextKey);
        try {
            if (engineResealed != null) {
                engine.storeLocalCredentials(user, engineResealed);
                count++;
            }
            connectors.replaceSealedSecrets(resealed);
        } catch (RuntimeException e) {
            if (engineResealed != null) {
                engine.storeLocalCredentials(user, engineSealed);
            }
            keyFile.dropPending();
            throw e;
        }
        keyFile.promotePending();
        sealer = next;
        LOG.info("Secrets key rotated: {} secret(s) of {} connector(s) sealed again under key id {}", count,
                resealed.size(), next.keyId());
        return new Rotation(resealed.size(), count, keyFile.path().toString());
    }

    /** The engine's local password under the next key, bound to the same origin. */
    private static String reseal(SecretSealer old, SecretSealer next, String sealed) {
        SealedSecret value = SealedSecret.parse(sealed);
        return next.seal(new SecretAddress(LocalCredentialStore.OWNER, SettingsService.LOCAL_PASSWORD, value.origin()),
                old.open(LocalCredentialStore.OWNER, SettingsService.LOCAL_PASSWORD, value));
    }

    private String legacyOrigin(Connector connector, String key) {
        ConnectorType type = types.find(connector.typeId()).orElseThrow(() -> new SecretKeyUnavailableException(
                "connector '" + connector.name() + "' holds secrets sealed before they were bound to their address,"
                        + " and its type '" + connector.typeId() + "' is not installed to say where they go: install"
                        + " it, then rotate the key"));
        return SecretOrigins.of(type, key, connector.settings()).orElse("");
    }

    private SecretSealer usable() {
        if (sealer == null) {
            evaluate();
        }
        if (sealer == null) {
            throw new SecretKeyUnavailableException(problem);
        }
        return sealer;
    }

    /**
     * Decides whether the key file can be used: finishes a rotation that was cut short, makes the key when there is
     * neither a file nor a sealed secret, and checks the key against the key ids of the stored secrets.
     */
    private synchronized void evaluate() {
        List<Connector> stored = connectors.search(null);
        Set<String> storedIds = new TreeSet<>();
        int secretCount = 0;
        int holders = 0;
        for (Connector connector : stored) {
            if (!connector.sealedSecrets().isEmpty()) {
                holders++;
            }
            for (String value : connector.sealedSecrets().values()) {
                secretCount++;
                SealedSecret sealed = SealedSecret.parse(value);
                if (!sealed.legacy()) {
                    storedIds.add(sealed.keyId());
                }
            }
        }
        String engineSealed = engine.sealedLocalPassword();
        if (engineSealed != null) {
            try {
                SealedSecret sealed = SealedSecret.parse(engineSealed);
                secretCount++;
                storedIds.add(sealed.keyId());
            } catch (IllegalArgumentException notSealed) {
                // typed into the cfg file by hand: the local instance's status says to set it again
            }
        }
        finishRotation(storedIds);
        Optional<byte[]> raw;
        try {
            raw = keyFile.read();
        } catch (IllegalStateException e) {
            refuse(e.getMessage() + ": put the right " + keyFile.display() + " back");
            return;
        }
        if (raw.isEmpty()) {
            if (secretCount > 0) {
                refuse(keyFile.display() + " is missing, and the database holds " + secretCount + " secret(s) of "
                        + holders + " connector(s) sealed with it: put the file back (from a backup or another node"
                        + " sharing the database); no new key is made while sealed secrets exist");
                return;
            }
            if (keyFile.create(SecretSealer.newKey())) {
                LOG.info("Made a new secrets key in {}", keyFile.path());
            }
            raw = keyFile.read();
        }
        SecretSealer candidate = SecretSealer.of(raw.orElseThrow());
        storedIds.remove(candidate.keyId());
        if (!storedIds.isEmpty()) {
            refuse(keyFile.display() + " is not the key the stored secrets were sealed with (they name key id "
                    + String.join(", ", storedIds) + "; the file holds key id " + candidate.keyId()
                    + "): put the right file back");
            return;
        }
        Optional<String> legacyFailure = openLegacyWith(candidate, stored);
        if (legacyFailure.isPresent()) {
            refuse(keyFile.display() + " does not open the secrets of connector '" + legacyFailure.get()
                    + "': put the right file back");
            return;
        }
        if (sealer == null || !sealer.keyId().equals(candidate.keyId())) {
            LOG.info("Secrets key {} in use (key id {})", keyFile.path(), candidate.keyId());
        }
        sealer = candidate;
        problem = null;
    }

    /** A rotation writes the next key beside the key; if the stored secrets use it already, the move was cut short. */
    private void finishRotation(Set<String> storedIds) {
        Optional<byte[]> pending;
        try {
            pending = keyFile.readPending();
        } catch (IllegalStateException e) {
            keyFile.dropPending();
            return;
        }
        if (pending.isEmpty()) {
            return;
        }
        if (!storedIds.isEmpty() && storedIds.equals(Set.of(SecretSealer.of(pending.get()).keyId()))) {
            keyFile.promotePending();
            LOG.warn("A key rotation was cut short after the secrets were sealed again; its new key is now in {}",
                    keyFile.path());
        } else {
            keyFile.dropPending();
        }
    }

    /** The name of a connector with a legacy value the key does not open, if any. */
    private static Optional<String> openLegacyWith(SecretSealer candidate, List<Connector> stored) {
        for (Connector connector : stored) {
            for (String value : connector.sealedSecrets().values()) {
                SealedSecret sealed = SealedSecret.parse(value);
                if (sealed.legacy()) {
                    try {
                        candidate.openLegacy(sealed);
                    } catch (IllegalStateException e) {
                        return Optional.of(connector.name());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private void refuse(String why) {
        if (sealer != null || !why.equals(problem)) {
            LOG.error("Connector secrets can't be used: {}", why);
        }
        sealer = null;
        problem = why;
    }

    private void migrateLegacyQuietly() {
        try {
            synchronized (this) {
                if (sealer != null) {
                    migrateLegacy();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Legacy secrets were not sealed again yet: {}", e.getMessage());
        }
    }

    /** Seals legacy values again, bound to their address, for every connector whose type is installed. */
    private synchronized void migrateLegacy() {
        Map<String, Map<String, String>> resealed = new HashMap<>();
        for (Connector connector : connectors.search(null)) {
            Optional<ConnectorType> type = types.find(connector.typeId());
            boolean legacy = connector.sealedSecrets().values().stream()
                    .anyMatch(value -> SealedSecret.parse(value).legacy());
            if (!legacy || type.isEmpty()) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, String> secret : connector.sealedSecrets().entrySet()) {
                SealedSecret value = SealedSecret.parse(secret.getValue());
                if (!value.legacy()) {
                    values.put(secret.getKey(), secret.getValue());
                    continue;
                }
                String origin = SecretOrigins.of(type.get(), secret.getKey(), connector.settings()).orElse("");
                values.put(secret.getKey(), sealer.seal(new SecretAddress(connector.id(), secret.getKey(), origin),
                        sealer.openLegacy(value)));
            }
            resealed.put(connector.id(), values);
        }
        if (!resealed.isEmpty()) {
            connectors.replaceSealedSecrets(resealed);
            LOG.info("Secrets of {} connector(s) sealed again, bound to their connector, setting and address",
                    resealed.size());
        }
    }
}
