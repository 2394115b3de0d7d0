package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import io.cardlink.api.service.EngineSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineConfigurationTest {

    private static Map<String, String> valid() {
        Map<String, String> values = new HashMap<>();
        values.put("localUrl", "https://local.example.com");
        values.put("localApiPath", "/rest-api/itsm/v1");
        values.put("environment", "prod");
        values.put("cacheClearHours", "12, 6,6");
        values.put("maxConcurrentRuns", "6");
        values.put("demo", "false");
        return values;
    }

    @Test
    void parsesAValidConfiguration() {
        EngineSettings settings = EngineConfiguration.parse(valid(), false);
        assertEquals(EngineSettings.Environment.PROD, settings.environment());
        assertEquals(List.of(6, 12), settings.cacheClearHours());
        assertEquals(6, settings.maxConcurrentRuns());
    }

    @Test
    void reportsEveryBadSettingAtOnce() {
        Map<String, String> values = valid();
        values.put("localUrl", "ftp://x");
        values.put("localApiPath", "api");
        values.put("environment", "staging");
        values.put("cacheClearHours", "25,x");
        values.put("maxConcurrentRuns", "0");
        values.put("demo", "maybe");
        values.put("nodeId", "node one");
        ValidationException e = assertThrows(ValidationException.class, () -> EngineConfiguration.parse(values, false));
        List<String> fields = e.problems().stream().map(FieldProblem::field).toList();
        assertTrue(fields.containsAll(List.of("localUrl", "localApiPath", "environment", "cacheClearHours",
                "maxConcurrentRuns", "demo", "nodeId")), fields.toString());
    }

    @Test
    void theEnvironmentIsRequired() {
        Map<String, String> values = valid();
        values.put("environment", " ");
        ValidationException e = assertThrows(ValidationException.class, () -> EngineConfiguration.parse(values, false));
        assertEquals("environment", e.problems().get(0).field());
    }

    @Test
    void theNodeIsNamedAsKarafNamesItsInstanceUnlessSet() {
        String karafName = System.getProperty("karaf.name");
        System.setProperty("karaf.name", "karaf-7");
        try {
            assertEquals("karaf-7", EngineConfiguration.parse(valid(), false).nodeId());
            Map<String, String> values = valid();
            values.put("nodeId", " ");
            assertEquals("karaf-7", EngineConfiguration.parse(values, false).nodeId());
            values.put("nodeId", "node-b.eu_1");
            assertEquals("node-b.eu_1", EngineConfiguration.parse(values, false).nodeId());
            System.clearProperty("karaf.name");
            assertEquals("root", EngineConfiguration.parse(valid(), false).nodeId());
        } finally {
            if (karafName == null) {
                System.clearProperty("karaf.name");
            } else {
                System.setProperty("karaf.name", karafName);
            }
        }
    }
}
