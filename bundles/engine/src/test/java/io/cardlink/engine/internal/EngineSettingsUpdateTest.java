package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import io.cardlink.api.service.EngineSettings;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Changing settings through the service: validated as a whole, written to Config Admin, applied at once. */
class EngineSettingsUpdateTest {
    private Dictionary<String, Object> saved;

    @SuppressWarnings("unchecked")
    private EngineConfiguration configuration() {
        Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getProperties":
                            return saved;
                        case "update":
                            saved = (Dictionary<String, Object>) args[0];
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
        ConfigurationAdmin admin = (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> configuration);
        // the annotation's defaults, as DS passes them when there is no configuration yet
        EngineConfiguration.Config defaults = (EngineConfiguration.Config) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {EngineConfiguration.Config.class},
                (proxy, method, args) -> method.getDefaultValue());
        return new EngineConfiguration(admin, defaults);
    }

    @Test
    void aChangeIsSavedAndAppliesAtOnce() {
        EngineConfiguration settings = configuration();
        EngineSettings changed = settings.update(Map.of("environment", "prod", "cacheClearHours", "12,6"));
        assertEquals(EngineSettings.Environment.PROD, changed.environment());
        assertEquals(List.of(6, 12), settings.current().cacheClearHours());
        assertEquals("PROD", saved.get("environment"));
        assertEquals("6,12", saved.get("cacheClearHours"));
        assertEquals("http://localhost:8181/emulator/local", saved.get("localUrl"), "unchanged keys keep their values");
    }

    @Test
    void unknownKeysAndBadValuesAreReportedTogetherAndNothingIsSaved() {
        EngineConfiguration settings = configuration();
        ValidationException e = assertThrows(ValidationException.class,
                () -> settings.update(Map.of("colour", "red", "maxConcurrentRuns", "0", "environment", "staging")));
        List<String> fields = e.problems().stream().map(FieldProblem::field).toList();
        assertTrue(fields.containsAll(List.of("colour", "maxConcurrentRuns", "environment")), fields.toString());
        assertNull(saved);
        assertEquals(EngineSettings.Environment.DEMO, settings.current().environment());
    }
}
