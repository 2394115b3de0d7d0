package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.UnavailableException;
import io.cardlink.api.connector.Connector;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connectors' local credentials move to the engine once: the oldest connector's, sealed for the engine. */
class LocalCredentialsMigrationTest {

    @TempDir
    Path dir;

    private final MemoryConnectors connectors = new MemoryConnectors();
    private final HeldLocalCredentials engine = new HeldLocalCredentials();
    private final FixedSettings settings = new FixedSettings();
    private Secrets secrets;

    @BeforeEach
    void setUp() {
        secrets = new Secrets(dir.resolve("key"), connectors, TaskFakes.registry(new ExportImportManagerTest.SyncType(
                new TaskFakes.Gateway(), new TaskFakes.Gateway())), engine);
    }

    /** A connector as stored before the local instance was the engine's. */
    private void stored(String id, String name, Instant created, String localUser, String localPassword) {
        Map<String, String> plain = new LinkedHashMap<>(Map.of("remoteUrl", "https://" + id + ".example.com"));
        Map<String, String> sealed = new LinkedHashMap<>(Map.of("remotePassword", secrets.seal(
                new SecretAddress(id, "remotePassword", "https://" + id + ".example.com:443"), "remote-" + id)));
        if (localUser != null) {
            plain.put("localUser", localUser);
        }
        if (localPassword != null) {
            sealed.put("localPassword", secrets.seal(new SecretAddress(id, "localPassword", "http://old-local:80"),
                    localPassword));
        }
        connectors.byId.put(id, new Connector(id, name, ExportImportManagerTest.SyncType.ID, null, plain, sealed,
                created, created));
    }

    /** The migration as the bundle's start runs it. */
    private LocalCredentialsMigration started(MemoryConnectors store) {
        return new LocalCredentialsMigration(store, secrets, engine, settings);
    }

    private LocalCredentialsMigration notStarted() {
        return new LocalCredentialsMigration(connectors, secrets, engine, settings, false);
    }

    private String enginePassword() {
        return secrets.unseal(LocalCredentialStore.OWNER, "localPassword", engine.sealedLocalPassword());
    }

    private void assertNoConnectorHoldsLocalCredentials() {
        for (Connector connector : connectors.byId.values()) {
            assertEquals(Set.of("remoteUrl"), connector.settings().keySet(), connector.name());
            assertEquals(Set.of("remotePassword"), connector.sealedSecrets().keySet(), connector.name());
        }
    }

    @Test
    void atStartTheOldestConnectorsCredentialsBecomeTheEnginesAndTheKeysAreDroppedFromEveryConnector() {
        stored("b", "Newer", Instant.parse("2026-02-01T00:00:00Z"), "webapi", "Other-Pw");
        stored("a", "Oldest", Instant.parse("2026-01-01T00:00:00Z"), "webapi", "Local-Pw");
        stored("c", "Same", Instant.parse("2026-03-01T00:00:00Z"), "webapi", "Local-Pw");
        stored("d", "Remote only", Instant.parse("2025-01-01T00:00:00Z"), null, null);

        started(connectors);

        assertEquals("webapi", engine.localUser());
        assertEquals("Local-Pw", enginePassword());
        assertEquals("http://local:80", EngineConfiguration.boundOrigin(engine.sealedLocalPassword()),
                "bound to the engine's localUrl");
        assertNoConnectorHoldsLocalCredentials();
        assertEquals("remote-a", secrets.unseal("a", "remotePassword",
                connectors.byId.get("a").sealedSecrets().get("remotePassword")), "the other secrets stay");
    }

    @Test
    void theOutcomeNamesWhereTheyCameFromWhichDifferedAndWhichWereDropped() {
        stored("b", "Other user", Instant.parse("2026-02-01T00:00:00Z"), "other-user", "Local-Pw");
        stored("a", "Oldest", Instant.parse("2026-01-01T00:00:00Z"), "webapi", "Local-Pw");
        stored("c", "Same", Instant.parse("2026-03-01T00:00:00Z"), "webapi", "Local-Pw");
        stored("e", "Other password", Instant.parse("2026-04-01T00:00:00Z"), "webapi", "Changed-Pw");
        stored("d", "Remote only", Instant.parse("2025-01-01T00:00:00Z"), null, null);

        LocalCredentialsMigration.Outcome outcome = notStarted().migrate();

        assertEquals("Oldest", outcome.takenFrom());
        assertEquals(List.of("Other user", "Other password"), outcome.differing());
        assertEquals(Set.of("Other user", "Oldest", "Same", "Other password"), Set.copyOf(outcome.dropped()));
    }

    @Test
    void aSecondRunFindsNothingToMoveAndChangesNothing() {
        stored("a", "Oldest", Instant.parse("2026-01-01T00:00:00Z"), "webapi", "Local-Pw");
        LocalCredentialsMigration migration = notStarted();
        migration.migrate();
        String sealed = engine.sealedLocalPassword();
        Map<String, Connector> after = Map.copyOf(connectors.byId);

        assertEquals(LocalCredentialsMigration.Outcome.NOTHING, migration.migrate());
        assertEquals(sealed, engine.sealedLocalPassword());
        assertEquals("webapi", engine.localUser());
        assertEquals(after, connectors.byId);
    }

    @Test
    void anEngineWithCredentialsKeepsThemAndTheConnectorsKeysAreDroppedAllTheSame() {
        engine.storeLocalCredentials("engine-user", secrets.seal(new SecretAddress(LocalCredentialStore.OWNER,
                "localPassword", "http://local:80"), "Engine-Pw"));
        String sealed = engine.sealedLocalPassword();
        stored("a", "Oldest", Instant.parse("2026-01-01T00:00:00Z"), "webapi", "Local-Pw");
        stored("b", "Like the engine", Instant.parse("2026-02-01T00:00:00Z"), "engine-user", "Engine-Pw");

        LocalCredentialsMigration.Outcome outcome = notStarted().migrate();

        assertNull(outcome.takenFrom());
        assertEquals(List.of("Oldest"), outcome.differing());
        assertEquals(Set.of("Oldest", "Like the engine"), Set.copyOf(outcome.dropped()));
        assertEquals(sealed, engine.sealedLocalPassword());
        assertEquals("engine-user", engine.localUser());
        assertNoConnectorHoldsLocalCredentials();
    }

    @Test
    void whenTheConnectorsCantBeWrittenEverythingIsAsItWas() {
        stored("a", "Oldest", Instant.parse("2026-01-01T00:00:00Z"), "webapi", "Local-Pw");
        MemoryConnectors failing = new MemoryConnectors() {
            @Override
            public List<String> removeSettings(Set<String> keys) {
                throw new UnavailableException("the database does not answer");
            }
        };
        failing.byId.putAll(connectors.byId);
        Map<String, Connector> before = Map.copyOf(failing.byId);

        // at start a failure is logged, not thrown: the bundle starts, and the next start tries again
        LocalCredentialsMigration migration = started(failing);
        assertNull(engine.localUser());
        assertNull(engine.sealedLocalPassword());
        assertThrows(UnavailableException.class, migration::migrate);
        assertNull(engine.localUser());
        assertNull(engine.sealedLocalPassword());
        assertEquals(before, failing.byId);
    }

    @Test
    void aPasswordThatCantBeOpenedChangesNothing() {
        stored("a", "Oldest", Instant.parse("2026-01-01T00:00:00Z"), "webapi", "Local-Pw");
        Connector a = connectors.byId.get("a");
        Map<String, String> broken = new LinkedHashMap<>(a.sealedSecrets());
        // sealed for another connector: it does not open for this one
        broken.put("localPassword", secrets.seal(new SecretAddress("x", "localPassword", ""), "Local-Pw"));
        connectors.byId.put("a", new Connector("a", a.name(), a.typeId(), null, a.settings(), broken, a.createdAt(),
                a.updatedAt()));
        Map<String, Connector> before = Map.copyOf(connectors.byId);

        assertThrows(IllegalStateException.class, () -> notStarted().migrate());

        assertNull(engine.sealedLocalPassword());
        assertEquals(before, connectors.byId);
    }
}
