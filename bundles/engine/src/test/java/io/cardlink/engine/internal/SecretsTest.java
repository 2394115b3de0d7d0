package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.SecretKeyUnavailableException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.service.ComponentStatus;
import io.cardlink.api.service.SecretKeyService.Rotation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets key file: made once, never made again over sealed secrets, rotated in one transaction. */
class SecretsTest {

    @TempDir
    Path dir;

    private Path keyFile;
    private final MemoryConnectors connectors = new MemoryConnectors();
    private final Map<String, ConnectorType> installed = new HashMap<>();
    private final ConnectorTypeRegistry registry = new ConnectorTypeRegistry() {
        @Override
        public Optional<ConnectorType> find(String typeId) {
            return Optional.ofNullable(installed.get(typeId));
        }

        @Override
        public List<ConnectorType> installed() {
            return List.copyOf(installed.values());
        }
    };
    private final FixedSettings settings = new FixedSettings();

    @BeforeEach
    void setUp() {
        keyFile = dir.resolve("etc").resolve(Secrets.KEY_FILE_NAME);
        installed.put("web", syncType());
    }

    private Secrets start() {
        return new Secrets(keyFile, connectors, registry, new HeldLocalCredentials());
    }

    /** A connector of type web with its password sealed for https://hr.example.com. */
    private Connector hr(Secrets secrets, String id, String password) {
        Connector connector = new Connector(id, "HR " + id, "web", null, Map.of("remoteUrl", "https://hr.example.com"),
                Map.of("remotePassword", secrets.seal(new SecretAddress(id, "remotePassword",
                        "https://hr.example.com:443"), password)), Instant.EPOCH, Instant.EPOCH);
        connectors.byId.put(id, connector);
        return connector;
    }

    private String password(Secrets secrets, String id) {
        return secrets.unseal(id, "remotePassword", connectors.byId.get(id).sealedSecrets().get("remotePassword"));
    }

    @Test
    void theFirstStartMakesAKeyReadableByItsOwnerOnly() throws Exception {
        Secrets secrets = start();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        hr(secrets, "c1", "Pw-1");
        assertEquals("Pw-1", password(start(), "c1"), "the key survives a restart");
        assertEquals(ComponentStatus.UP, secrets.status().state());
        assertTrue(secrets.status().detail().startsWith("etc/cardlink-secrets.key (key id "), secrets.status().detail());
    }

    @Test
    void aMissingKeyIsNotMadeAgainWhileSealedSecretsExistAndIsUsedAgainOnceItIsBack() throws Exception {
        hr(start(), "c1", "Pw-1");
        byte[] saved = Files.readAllBytes(keyFile);
        Files.delete(keyFile);

        Secrets secrets = start();
        assertFalse(Files.exists(keyFile), "no new key over sealed secrets");
        ComponentStatus status = secrets.status();
        assertEquals(ComponentStatus.DOWN, status.state());
        assertTrue(status.detail().startsWith("etc/cardlink-secrets.key is missing, and the database holds 1 secret(s)"
                + " of 1 connector(s) sealed with it"), status.detail());
        SecretKeyUnavailableException refused = assertThrows(SecretKeyUnavailableException.class,
                () -> password(secrets, "c1"));
        assertEquals(status.detail(), refused.getMessage());
        assertFalse(refused.retryable(), "an outbox must not retry it as if the remote were down");
        assertTrue(refused instanceof UnavailableException, "REST answers 503");
        assertThrows(SecretKeyUnavailableException.class,
                () -> secrets.seal(new SecretAddress("c2", "password", ""), "new"), "nothing is sealed meanwhile");
        assertFalse(Files.exists(keyFile));

        Files.write(keyFile, saved);
        assertEquals("Pw-1", password(secrets, "c1"), "back without a restart");
        assertEquals(ComponentStatus.UP, secrets.status().state());
    }

    @Test
    void aKeyFileThatIsNotTheOneTheSecretsWereSealedWithIsRefused() throws Exception {
        hr(start(), "c1", "Pw-1");
        byte[] saved = Files.readAllBytes(keyFile);
        Files.write(keyFile, Base64.getEncoder().encode(SecretSealer.newKey()));

        Secrets secrets = start();
        ComponentStatus status = secrets.status();
        assertEquals(ComponentStatus.DOWN, status.state());
        assertTrue(status.detail().startsWith("etc/cardlink-secrets.key is not the key the stored secrets were sealed"
                + " with"), status.detail());
        assertThrows(SecretKeyUnavailableException.class, () -> password(secrets, "c1"));

        Files.write(keyFile, saved);
        assertEquals("Pw-1", password(secrets, "c1"));
    }

    @Test
    void legacyValuesAreSealedAgainBoundToTheirConnectorSettingAndOrigin() throws Exception {
        byte[] key = SecretSealer.newKey();
        Files.createDirectories(keyFile.getParent());
        Files.write(keyFile, Base64.getEncoder().encode(key));
        connectors.byId.put("c1", new Connector("c1", "HR", "web", null, Map.of("remoteUrl", "https://hr.example.com"),
                Map.of("remotePassword", legacy(key, "Pw-1")), Instant.EPOCH, Instant.EPOCH));
        connectors.byId.put("c2", new Connector("c2", "Other", "gone", null, Map.of(), Map.of("remotePassword",
                legacy(key, "Pw-2")), Instant.EPOCH, Instant.EPOCH));

        Secrets secrets = start();

        Map<String, String> migrated = connectors.byId.get("c1").sealedSecrets();
        assertEquals("https://hr.example.com:443", secrets.boundOrigin(migrated.get("remotePassword")).orElseThrow());
        assertEquals("Pw-1", password(secrets, "c1"));
        assertThrows(IllegalStateException.class, () -> secrets.unseal("c2", "remotePassword",
                migrated.get("remotePassword")),
                "bound to its connector now");
        assertTrue(connectors.byId.get("c2").sealedSecrets().get("remotePassword").startsWith("v1:"),
                "its type is not installed to say where the secret goes: still as it was, and still readable");
        assertEquals("Pw-2", password(secrets, "c2"));

        installed.put("gone", syncType());
        secrets.typeAdded(installed.get("gone"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (connectors.byId.get("c2").sealedSecrets().get("remotePassword").startsWith("v1:")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(connectors.byId.get("c2").sealedSecrets().get("remotePassword").startsWith("v2:"),
                "sealed again when its type arrived");
        assertEquals("Pw-2", password(secrets, "c2"));
    }

    @Test
    void aRotationSealsEverySecretAgainUnderANewKeyAndReplacesTheFile() throws Exception {
        Secrets secrets = start();
        hr(secrets, "c1", "Pw-1");
        hr(secrets, "c2", "Pw-2");
        String oldKey = Files.readString(keyFile);
        String oldValue = connectors.byId.get("c1").sealedSecrets().get("remotePassword");

        Rotation rotation = secrets.rotate();

        assertEquals(new Rotation(2, 2, keyFile.toString()), rotation);
        assertNotEquals(oldKey, Files.readString(keyFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertFalse(Files.exists(keyFile.resolveSibling(Secrets.KEY_FILE_NAME + ".new")));
        assertEquals("Pw-1", password(secrets, "c1"));
        assertEquals("Pw-2", password(start(), "c2"), "a restart reads the new file");
        SecretSealer old = SecretSealer.of(Base64.getDecoder().decode(oldKey.trim()));
        String newValue = connectors.byId.get("c1").sealedSecrets().get("remotePassword");
        assertThrows(IllegalStateException.class, () -> old.open("c1", "remotePassword", SealedSecret.parse(newValue)));
        assertEquals("https://hr.example.com:443", secrets.boundOrigin(newValue).orElseThrow());
        assertNotEquals(oldValue, newValue);
    }

    @Test
    void aRotationWhoseTransactionFailsKeepsTheOldKeyAndValues() throws Exception {
        Secrets secrets = start();
        hr(secrets, "c1", "Pw-1");
        String oldKey = Files.readString(keyFile);
        Map<String, String> before = connectors.byId.get("c1").sealedSecrets();
        MemoryConnectors failing = new MemoryConnectors() {
            @Override
            public void replaceSealedSecrets(Map<String, Map<String, String>> sealed) {
                throw new UnavailableException("the database went away");
            }
        };
        failing.byId.putAll(connectors.byId);
        Secrets onFailingStore = new Secrets(keyFile, failing, registry, new HeldLocalCredentials());

        assertThrows(UnavailableException.class, onFailingStore::rotate);

        assertEquals(oldKey, Files.readString(keyFile));
        assertFalse(Files.exists(keyFile.resolveSibling(Secrets.KEY_FILE_NAME + ".new")));
        assertEquals(before, failing.byId.get("c1").sealedSecrets());
        assertEquals("Pw-1", onFailingStore.unseal("c1", "remotePassword", before.get("remotePassword")));
    }

    @Test
    void aRotationCutShortAfterItsTransactionIsFinishedAtTheNextStart() throws Exception {
        Secrets secrets = start();
        hr(secrets, "c1", "Pw-1");
        // what a rotation leaves when the node dies between the commit and the move of the new file
        byte[] next = SecretSealer.newKey();
        SecretSealer nextSealer = SecretSealer.of(next);
        Path pending = keyFile.resolveSibling(Secrets.KEY_FILE_NAME + ".new");
        Files.write(pending, Base64.getEncoder().encode(next));
        connectors.replaceSealedSecrets(Map.of("c1", Map.of("remotePassword", nextSealer.seal(
                new SecretAddress("c1", "remotePassword", "https://hr.example.com:443"), "Pw-1"))));

        Secrets restarted = start();

        assertEquals(ComponentStatus.UP, restarted.status().state());
        assertFalse(Files.exists(pending));
        assertEquals("Pw-1", password(restarted, "c1"));
    }

    /** How values were sealed before they were bound to an address: AES-GCM without authenticated data. */
    private static String legacy(byte[] key, String plain) throws Exception {
        byte[] iv = new byte[12];
        new java.security.SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv)
                .put(sealed).array());
    }

    /** A type with the settings of CoreProIGA: remoteUrl and remotePassword sent to it, localPassword. */
    private static ConnectorType syncType() {
        return new ExportImportManagerTest.SyncType(new TaskFakes.Gateway(), new TaskFakes.Gateway());
    }
}
