package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.connector.EndpointCheck.Result;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.service.ComponentStatus;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.emulator.EmulatorOptions;
import io.cardlink.emulator.EmulatorServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's own gateway to the local instance: from the engine settings and the engine's sealed password. */
class LocalInstanceTest {
    private static EmulatorServer emulator;

    @TempDir
    Path dir;

    private final FixedSettings settings = new FixedSettings();
    private final HeldLocalCredentials credentials = new HeldLocalCredentials();
    private Secrets secrets;
    private LocalInstance local;
    private String localUrl;

    @BeforeAll
    static void start() {
        emulator = EmulatorServer.start(EmulatorOptions.defaults());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void setUp() {
        localUrl = emulator.rootUrl("local");
        settings.settings = new EngineSettings(localUrl, PipelineHarness.API, EngineSettings.Environment.TEST,
                List.of(), 2, false, null, "webapi", true);
        secrets = new Secrets(dir.resolve("key"), new MemoryConnectors(), TaskFakes.registry(
                new ExportImportManagerTest.SyncType(new TaskFakes.Gateway(), new TaskFakes.Gateway())), credentials);
        local = new LocalInstance(settings, credentials, secrets);
    }

    private void givePassword(String password, String forUrl) {
        credentials.storeLocalCredentials("webapi", secrets.seal(new SecretAddress(LocalCredentialStore.OWNER,
                "localPassword", Origin.of(forUrl).orElseThrow()), password));
    }

    @Test
    void withoutAUserOrPasswordItIsNotConfiguredAndSaysWhatToSet() {
        settings.settings = new EngineSettings(localUrl, PipelineHarness.API, EngineSettings.Environment.TEST,
                List.of(), 2, false);

        EndpointCheck check = local.gateway().check();

        assertEquals(Result.NOT_CONFIGURED, check.result());
        assertTrue(check.message().contains("localUser") && check.message().contains("localPassword"),
                check.message());
        ValidationException e = assertThrows(ValidationException.class, () -> local.gateway().templates());
        assertTrue(e.problems().stream().anyMatch(p -> p.field().equals("localUser")), e.problems().toString());
        ComponentStatus status = local.status();
        assertEquals(ComponentStatus.DOWN, status.state());
        assertTrue(status.detail().startsWith("misconfigured: not configured: "), status.detail());
    }

    @Test
    void withTheEnginesCredentialsItLogsInAndReadsTheLocalInstance() {
        givePassword("webapi", localUrl);

        EndpointCheck check = local.gateway().check();

        assertEquals(Result.OK, check.result(), check.message());
        assertEquals("local", check.endpoint());
        assertTrue(local.gateway().templates().stream().anyMatch(t -> t.code().equals("sync_failure")));
        ComponentStatus status = local.status();
        assertEquals(ComponentStatus.UP, status.state());
        assertTrue(status.detail().startsWith("connected: logged in as 'webapi'"), status.detail());
        assertTrue(local.callBudget().toSeconds() > 0);
    }

    @Test
    void aPasswordGivenForAnotherHostIsNotSentToThisOne() {
        givePassword("webapi", "https://other-local.example.com");

        EndpointCheck check = local.gateway().check();

        assertEquals(Result.NOT_CONFIGURED, check.result());
        assertTrue(check.message().contains("localPassword: was given for https://other-local.example.com:443, and"
                + " localUrl now points at " + Origin.of(localUrl).orElseThrow()), check.message());
    }

    @Test
    void aWrongPasswordIsWrongCredentials() {
        givePassword("not-the-password", localUrl);

        EndpointCheck check = local.gateway().check();

        assertEquals(Result.WRONG_CREDENTIALS, check.result(), check.message());
        assertTrue(local.status().detail().startsWith("misconfigured: "), local.status().detail());
    }

    @Test
    void theGatewayIsSharedUntilTheSettingsChangeAndThenBuiltAnew() {
        givePassword("webapi", localUrl);
        InstanceGateway first = local.gateway();
        assertSame(first, local.gateway());

        givePassword("webapi", localUrl);
        InstanceGateway afterNewPassword = local.gateway();
        assertNotSame(first, afterNewPassword);

        settings.settings = new EngineSettings(localUrl, "/other/api", EngineSettings.Environment.TEST, List.of(), 2,
                false, null, "webapi", true);
        assertNotSame(afterNewPassword, local.gateway());
        assertEquals(Result.WRONG_API_PATH, local.gateway().check().result());
    }
}
