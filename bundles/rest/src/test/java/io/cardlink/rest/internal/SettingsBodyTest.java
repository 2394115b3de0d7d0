package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsBodyTest {
    private final ObjectMapper json = RestServer.objectMapper();

    @Test
    void valuesBecomeTheTextOfTheCfgFile() throws Exception {
        Map<String, String> changes = SettingsResource.changes(json.readTree(
                "{\"environment\":\"PROD\",\"cacheClearHours\":[6,12],\"maxConcurrentRuns\":4,\"demo\":true}"));
        assertEquals(Map.of("environment", "PROD", "cacheClearHours", "6,12", "maxConcurrentRuns", "4",
                "demo", "true"), changes);
    }

    @Test
    void valuesOfOtherShapesAreRefusedByKey() throws Exception {
        ValidationException e = assertThrows(ValidationException.class, () -> SettingsResource.changes(
                json.readTree("{\"localUrl\":null,\"environment\":{\"a\":1},\"cacheClearHours\":[[1]]}")));
        assertEquals(List.of("localUrl", "environment", "cacheClearHours"),
                e.problems().stream().map(FieldProblem::field).toList());
        assertThrows(ValidationException.class, () -> SettingsResource.changes(json.readTree("{}")));
        assertThrows(ValidationException.class, () -> SettingsResource.changes(json.readTree("[1]")));
    }
}
