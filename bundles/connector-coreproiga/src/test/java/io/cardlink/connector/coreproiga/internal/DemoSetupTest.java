package io.cardlink.connector.coreproiga.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ValidationException;
import io.cardlink.api.service.ConnectorRequest;
import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.task.AttributePair;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSetupTest {

    @Test
    void theRemoteInstanceIsTheEmulatorsBesideTheLocalOne() {
        assertEquals("http://localhost:8282/emulator/remote",
                DemoSetup.remoteUrl("http://localhost:8282/emulator/local"));
        assertEquals("http://localhost:8181/emulator/remote", DemoSetup.remoteUrl("https://acme.example.test"));
    }

    /** A task save (and so an import of an exported demo) requires the remote folder. */
    @Test
    void theDemoTasksNameTheirRemoteFolders() {
        assertEquals("persons", DemoSetup.persons("c").remoteFolder());
        assertEquals("incident_management", DemoSetup.incidents("c").remoteFolder());
    }

    @Test
    void theDemoTasksMapIntoTheLocalTemplatesWithTheirKeys() {
        assertEquals("source_key", DemoSetup.persons("c").mapping().uniqueKeyAttribute());
        assertEquals("source_key", DemoSetup.incidents("c").mapping().uniqueKeyAttribute());
        assertTrue(DemoSetup.incidents("c").mapping().pairs().contains(new AttributePair("efecte_id", "source_key")),
                "the remote card's id is the key");
    }

    /** The engine settings, recording each change; a local password is only ever shown as set. */
    private static final class Settings implements SettingsService {
        final List<Map<String, String>> updates = new ArrayList<>();
        EngineSettings current;

        Settings(String localUser, boolean passwordSet) {
            current = new EngineSettings("http://localhost:8181/emulator/local", "/rest-api/itsm/v1",
                    EngineSettings.Environment.DEMO, List.of(0), 6, true, null, localUser, passwordSet);
        }

        @Override
        public EngineSettings current() {
            return current;
        }

        @Override
        public EngineSettings update(Map<String, String> changes) {
            updates.add(changes);
            current = new EngineSettings(current.localUrl(), current.localApiPath(), current.environment(),
                    current.cacheClearHours(), current.maxConcurrentRuns(), current.demo(), current.nodeId(),
                    changes.get(LOCAL_USER), true);
            return current;
        }
    }

    /** No connector yet; the demo connector's creation is recorded and then refused, which ends the set-up. */
    private static ConnectorService noConnectors(List<ConnectorRequest> created) {
        return (ConnectorService) Proxy.newProxyInstance(DemoSetupTest.class.getClassLoader(),
                new Class<?>[] {ConnectorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("list")) {
                        return List.of();
                    }
                    if (method.getName().equals("create")) {
                        created.add((ConnectorRequest) args[0]);
                        throw new ValidationException("name", "refused by the test");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aFirstRunGivesTheEngineTheEmulatorsLocalUserAndTheConnectorOnlyTheRemoteSide() {
        Settings settings = new Settings(null, false);
        List<ConnectorRequest> created = new ArrayList<>();

        DemoSetup.setUp(settings, noConnectors(created), null, null);

        assertEquals(List.of(Map.of("localUser", "webapi", "localPassword", "webapi")), settings.updates);
        assertEquals(1, created.size());
        assertTrue(created.get(0).settings().keySet().stream().noneMatch(key -> key.startsWith("local")),
                created.get(0).settings().keySet().toString());
    }

    @Test
    void anEngineWithALocalUserKeepsIt() {
        Settings settings = new Settings("acme-webapi", true);

        DemoSetup.setUp(settings, noConnectors(new ArrayList<>()), null, null);

        assertEquals(List.of(), settings.updates);
    }
}
