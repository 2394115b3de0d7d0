package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ConflictException;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorStatus;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.connector.SettingDescriptor.Kind;
import io.cardlink.api.service.ConnectorRequest;
import io.cardlink.api.service.ConnectorView;
import io.cardlink.api.store.ConnectorStore;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorManagerTest {

    @TempDir
    Path dir;

    private final MemoryConnectors connectors = new MemoryConnectors();
    private final Map<String, ConnectorType> installed = new LinkedHashMap<>();
    private final List<String> scheduledTasksOf = new ArrayList<>();
    private final FixedSettings settings = new FixedSettings();
    private final Map<String, io.cardlink.api.run.Run> latestRuns = new LinkedHashMap<>();
    private ConnectorManager manager;
    private Secrets secrets;

    @BeforeEach
    void setUp() {
        installed.put("demo", new DemoType());
        ConnectorTypeRegistry registry = new ConnectorTypeRegistry() {
            @Override
            public Optional<ConnectorType> find(String typeId) {
                return Optional.ofNullable(installed.get(typeId));
            }

            @Override
            public List<ConnectorType> installed() {
                return List.copyOf(installed.values());
            }
        };
        secrets = new Secrets(dir.resolve("key"), connectors, registry, new HeldLocalCredentials());
        manager = new ConnectorManager(connectors, emptyTaskStore(), emptyRunStore(), registry, secrets, settings,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    /** A task store that knows only how many scheduled tasks a connector has (enough for status and delete). */
    private io.cardlink.api.store.TaskStore emptyTaskStore() {
        return (io.cardlink.api.store.TaskStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {io.cardlink.api.store.TaskStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listScheduled")) {
                        return scheduledTasksOf.contains((String) args[0]) ? List.of(
                                new io.cardlink.api.task.ScheduledTask("t1", (String) args[0], "task", true, null,
                                        null, null, null, null, null, null, null, null, null)) : List.of();
                    }
                    if (method.getName().startsWith("list")) {
                        return List.of();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private io.cardlink.api.store.RunStore emptyRunStore() {
        return (io.cardlink.api.store.RunStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {io.cardlink.api.store.RunStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("latest")) {
                        return Optional.ofNullable(latestRuns.get((String) args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ConnectorRequest request(String name, Map<String, String> settings) {
        return new ConnectorRequest(name, "demo", "a description", settings);
    }

    private static Map<String, String> goodSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("url", "https://remote.example.com");
        settings.put("user", "webapi");
        settings.put("password", "Secret-1");
        return settings;
    }

    @Test
    void createsWithSealedSecretsAndDefaults() {
        ConnectorView view = manager.create(request("HR sync", goodSettings()));
        assertEquals("HR sync", view.name());
        assertEquals(Set.of("password"), view.secretsSet());
        assertEquals("/api", view.settings().get("path"), "the default applies");
        assertFalse(view.settings().containsKey("password"));
        Connector stored = connectors.find(view.id()).orElseThrow();
        assertFalse(stored.sealedSecrets().get("password").contains("Secret-1"));
        assertEquals("Secret-1", secrets.unseal(stored.id(), "password", stored.sealedSecrets().get("password")));
        assertFalse(stored.toString().contains("Secret-1"));
        assertEquals(ConnectorStatus.NO_SCHEDULED_TASK, view.status());
    }

    @Test
    void aNumberSettingIsAWholeNumberOfOneOrMore() {
        for (String bad : List.of("0", "-1", "abc", "1.5", "99999999999")) {
            Map<String, String> settings = goodSettings();
            settings.put("tries", bad);
            ValidationException e = assertThrows(ValidationException.class,
                    () -> manager.create(request("Numbers", settings)), bad);
            assertEquals(List.of(new FieldProblem("settings.tries", "must be a whole number of 1 or more")),
                    e.problems(), bad);
        }
        Map<String, String> settings = goodSettings();
        settings.put("tries", " 12 ");
        assertEquals("12", manager.create(request("Numbers", settings)).settings().get("tries"));
        assertEquals("6", manager.create(request("Defaults", goodSettings())).settings().get("tries"));
    }

    @Test
    void aNumberSettingWithAMaximumTakesNoMore() {
        for (String bad : List.of("0", "17", "abc")) {
            Map<String, String> settings = goodSettings();
            settings.put("writes", bad);
            ValidationException e = assertThrows(ValidationException.class,
                    () -> manager.create(request("Writes", settings)), bad);
            assertEquals(List.of(new FieldProblem("settings.writes", "must be a whole number from 1 to 16")),
                    e.problems(), bad);
        }
        Map<String, String> settings = goodSettings();
        settings.put("writes", "16");
        assertEquals("16", manager.create(request("Writes", settings)).settings().get("writes"));
        assertEquals("4", manager.create(request("Defaults", goodSettings())).settings().get("writes"));
    }

    @Test
    void aSettingTheTypeGainedAfterTheConnectorWasSavedShowsItsDefault() {
        Instant saved = Instant.parse("2025-06-01T00:00:00Z");
        connectors.create(new Connector("c-old", "Old", "demo", null, Map.of("url", "https://old.example.com",
                "path", "/api", "user", "webapi"), Map.of(), saved, saved));

        ConnectorView view = manager.get("Old");

        assertEquals("6", view.settings().get("tries"));
        assertEquals("https://old.example.com", view.settings().get("url"));
        assertFalse(view.settings().containsKey("password"));
    }

    @Test
    void reportsEveryProblemAtOnceAndWritesNothing() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("url", "ftp://nowhere");
        settings.put("path", "no-slash");
        settings.put("colour", "red");
        ValidationException e = assertThrows(ValidationException.class, () -> manager.create(request(" ", settings)));
        List<String> fields = e.problems().stream().map(FieldProblem::field).toList();
        assertEquals(List.of("name", "settings.colour", "settings.url", "settings.path", "settings.user",
                "settings.password"), fields);
        assertFalse(e.getMessage().contains("Secret"));
        assertTrue(connectors.byId.isEmpty());
    }

    @Test
    void refusesAnUnknownTypeNamingTheInstalledOnes() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.create(new ConnectorRequest("X", "sap", null, Map.of())));
        assertEquals("type", e.problems().get(0).field());
        assertTrue(e.problems().get(0).problem().contains("installed: demo"));
    }

    @Test
    void anUpdateWithoutSecretsKeepsThem() {
        ConnectorView created = manager.create(request("A", goodSettings()));
        Map<String, String> changed = new LinkedHashMap<>(goodSettings());
        changed.remove("password");
        changed.put("user", "other");
        ConnectorView updated = manager.update("A", new ConnectorRequest("A2", null, null, changed));
        assertEquals("A2", updated.name());
        assertEquals("other", updated.settings().get("user"));
        assertEquals(Set.of("password"), updated.secretsSet());
        assertEquals(created.id(), manager.get("A2").id());
    }

    @Test
    void aPasswordIsNotKeptWhenTheUrlMovesToAnotherHost() {
        ConnectorView created = manager.create(request("A", goodSettings()));
        Map<String, String> moved = new LinkedHashMap<>(goodSettings());
        moved.remove("password");
        moved.put("url", "https://attacker.example.net");

        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.update("A", new ConnectorRequest("A", null, null, moved)));
        assertEquals(List.of(new FieldProblem("settings.password", "required again: url now points at"
                + " https://attacker.example.net:443, and the stored value was given for https://remote.example.com:443")),
                e.problems());
        assertEquals("https://remote.example.com", manager.get("A").settings().get("url"), "nothing was written");

        Map<String, String> samePlace = new LinkedHashMap<>(goodSettings());
        samePlace.remove("password");
        samePlace.put("url", "HTTPS://Remote.Example.com:443/other/context");
        assertEquals(Set.of("password"), manager.update("A", new ConnectorRequest("A", null, null, samePlace))
                .secretsSet(), "same scheme, host and port: the password stays");

        moved.put("password", "Attacker-knows-this-one");
        manager.update("A", new ConnectorRequest("A", null, null, moved));
        String sealed = connectors.byId.get(created.id()).sealedSecrets().get("password");
        assertEquals("https://attacker.example.net:443", secrets.boundOrigin(sealed).orElseThrow());
    }

    @Test
    void theLocalCredentialsAreRefusedOnAConnectorWithWhereTheyAreSetNow() {
        Map<String, String> withLocal = new LinkedHashMap<>(goodSettings());
        withLocal.put("localUser", "webapi");
        withLocal.put("localPassword", "Local-1");
        ValidationException created = assertThrows(ValidationException.class,
                () -> manager.create(request("A", withLocal)));
        assertEquals(List.of(
                new FieldProblem("settings.localUser", "set in the engine settings: cardlink:settings-set localUser"
                        + " ... (the local instance belongs to the engine, not to a connector)"),
                new FieldProblem("settings.localPassword", "set in the engine settings: cardlink:settings-set"
                        + " localPassword (the local instance belongs to the engine, not to a connector)")),
                created.problems());
        assertTrue(connectors.byId.isEmpty(), "nothing is stored");

        manager.create(request("A", goodSettings()));
        ValidationException updated = assertThrows(ValidationException.class,
                () -> manager.update("A", new ConnectorRequest("A", null, null, withLocal)));
        assertEquals(List.of("settings.localUser", "settings.localPassword"),
                updated.problems().stream().map(FieldProblem::field).toList());
    }

    @Test
    void theProdEnvironmentRefusesPlainHttpToAnotherHost() {
        settings.settings = new io.cardlink.api.service.EngineSettings("https://local.example.com", "/api",
                io.cardlink.api.service.EngineSettings.Environment.PROD, List.of(), 2, false);
        Map<String, String> plain = new LinkedHashMap<>(goodSettings());
        plain.put("url", "http://remote.example.com");
        ValidationException e = assertThrows(ValidationException.class, () -> manager.create(request("A", plain)));
        assertEquals(List.of(new FieldProblem("settings.url",
                "http:// to another host is refused in the Prod environment: use https://")), e.problems());

        plain.put("url", "http://localhost:9090");
        manager.create(request("Local emulator", plain));
        plain.put("url", "http://127.0.0.1:9090");
        manager.create(request("Loopback", plain));
    }

    @Test
    void trustedCertificatesMustBePem() {
        Map<String, String> withCa = new LinkedHashMap<>(goodSettings());
        withCa.put("ca", "not a certificate");
        ValidationException e = assertThrows(ValidationException.class, () -> manager.create(request("A", withCa)));
        assertEquals("settings.ca", e.problems().get(0).field());

        withCa.put("ca", SELF_SIGNED_PEM);
        assertEquals(SELF_SIGNED_PEM, manager.create(request("A", withCa)).settings().get("ca"));
    }

    /** A self-signed certificate for hr.example.com, valid until 2126. */
    static final String SELF_SIGNED_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBSzCB8qADAgECAgkAlzP+vozxZp8wCgYIKoZIzj0EAwIwGTEXMBUGA1UEAxMO
            aHIuZXhhbXBsZS5jb20wIBcNMjYxMjA0MTUxNTAwWhgPMjEyNjExMTAxNTE1MDBa
            MBkxFzAVBgNVBAMTDmhyLmV4YW1wbGUuY29tMFkwEwYHKoZIzj0CAQYIKoZIzj0D
            AQcDQgAEw2G4eRXNn08vcvkeqYJWjOXyLRUCUM96pamM7pzmp2ZaibEqNDJNHp3r
            cYdwttQKvi5qhU97R6emw7hYVASpdqMhMB8wHQYDVR0OBBYEFH0X7Kd78oeq71Oi
            7zZGTClLVBaNMAoGCCqGSM49BAMCA0gAMEUCIAgwUiSS8EQEpyZRALpwKisTDagG
            OJPdx/oZPCz7aPwYAiEAgpe+rCgsYwGuy2sg6Wi/0VU++EF/4sD6Ta+hEZJ9n4g=
            -----END CERTIFICATE-----""";

    @Test
    void theTypeCannotChange() {
        manager.create(request("A", goodSettings()));
        ValidationException e = assertThrows(ValidationException.class,
                () -> manager.update("A", new ConnectorRequest("A", "other", null, goodSettings())));
        assertEquals("type", e.problems().get(0).field());
    }

    @Test
    void aConnectorWithTasksNeedsConfirmationToGo() {
        ConnectorView view = manager.create(request("A", goodSettings()));
        scheduledTasksOf.add(view.id());
        ConflictException refused = assertThrows(ConflictException.class, () -> manager.delete("A", false));
        assertTrue(refused.getMessage().contains("1 scheduled"));
        manager.delete("A", true);
        assertThrows(NotFoundException.class, () -> manager.get("A"));
    }

    @Test
    void completedWithErrorsOrAnOpenAlertOfATaskIsAWarningAndAFailureStaysFailing() {
        String id = manager.create(request("A", goodSettings())).id();
        scheduledTasksOf.add(id);
        latestRuns.put("t1", lastRun(io.cardlink.api.run.RunStatus.SUCCESS));
        assertEquals(ConnectorStatus.OK, manager.get("A").status());

        latestRuns.put("t1", lastRun(io.cardlink.api.run.RunStatus.COMPLETED_WITH_ERRORS));
        assertEquals(ConnectorStatus.WARNING, manager.get("A").status());
        assertEquals(1, manager.list("warning").size());

        latestRuns.put("t1", lastRun(io.cardlink.api.run.RunStatus.ERROR));
        assertEquals(ConnectorStatus.FAILING, manager.get("A").status());

        MemoryAlerts alerts = new MemoryAlerts();
        manager.alerts = new AlertManager(alerts, settings, connectors, null, null, null, null, null, null,
                Clock.systemUTC(), AlertManagerTest.config());
        latestRuns.put("t1", lastRun(io.cardlink.api.run.RunStatus.SUCCESS));
        alerts.raise(new io.cardlink.api.alert.AlertSubject(io.cardlink.api.alert.AlertKind.TASK_OVERDUE, id, "t1",
                null), io.cardlink.api.alert.AlertSeverity.WARNING, "late", Instant.EPOCH);
        assertEquals(ConnectorStatus.WARNING, manager.get("A").status());
    }

    private static io.cardlink.api.run.Run lastRun(io.cardlink.api.run.RunStatus status) {
        return new io.cardlink.api.run.Run("r", "t1", null, "manual", status, null, null, null, null, List.of(),
                null);
    }

    @Test
    void aConnectorWhoseTypeLeftSaysSoAndIsKept() {
        manager.create(request("A", goodSettings()));
        installed.clear();
        assertEquals(ConnectorStatus.TYPE_NOT_INSTALLED, manager.get("A").status());
        assertEquals(1, manager.list("type_not").size());
        installed.put("demo", new DemoType());
        assertEquals(ConnectorStatus.NO_SCHEDULED_TASK, manager.get("A").status());
    }

    @Test
    void searchesIdNameTypeAndStatus() {
        manager.create(request("Payroll", goodSettings()));
        manager.create(request("HR", goodSettings()));
        assertEquals(1, manager.list("payr").size());
        assertEquals(2, manager.list("DEMO").size());
        assertEquals(2, manager.list("no scheduled").size());
        assertEquals(0, manager.list("zzz").size());
    }

    private static final class DemoType implements ConnectorType {
        @Override
        public String id() {
            return "demo";
        }

        @Override
        public String displayName() {
            return "Demo";
        }

        @Override
        public List<SettingDescriptor> settings() {
            return List.of(new SettingDescriptor("url", "URL", Kind.URL, true, null, ""),
                    new SettingDescriptor("path", "Path", Kind.PATH, true, "/api", ""),
                    new SettingDescriptor("user", "User", Kind.TEXT, true, null, ""),
                    new SettingDescriptor("password", "Password", Kind.SECRET, true, null, "", "url"),
                    new SettingDescriptor("ca", "Trusted certificates", Kind.CERTIFICATES, false, null, ""),
                    new SettingDescriptor("tries", "Tries", Kind.NUMBER, true, "6", ""),
                    SettingDescriptor.number("writes", "Writes", true, 4, 16, ""));
        }

        @Override
        public Class<? extends FarSide> farSide() {
            return FarSideSubset.classOf(EnumSet.of(Capability.READ_FULL));
        }

        @Override
        public Connection connect(ConnectionConfig config) {
            throw new UnsupportedOperationException("not needed here");
        }
    }

}
