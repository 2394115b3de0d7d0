package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.DateValue;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesTheCardsAsJsonAndSaysWhetherTheExtractWasComplete() throws Exception {
        ExtractFiles files = new ExtractFiles(dir, 5);
        DataCard card = new DataCard("100001", "incident", "incident_management", "Printer jam", false, false,
                Map.of("subject", List.of(new StringValue("Printer jam")),
                        "priority", List.of(new NumberValue(new BigDecimal("2"))),
                        "due_date", List.of(new DateValue(LocalDate.parse("2026-03-24"))),
                        "status", List.of(new StaticValue("01 - New", "new")),
                        "customer", List.of(new ReferenceValue("100007", "Ann Lee", "person"))));
        String name;
        try (ExtractFiles.Writer writer = files.open("task-1", "run-1", "incident", Instant.EPOCH)) {
            writer.write(card);
            name = writer.name();
        }

        JsonNode json = new ObjectMapper().readTree(files.find(name).orElseThrow().toFile());
        assertFalse(json.get("complete").asBoolean());
        assertEquals(1, json.get("count").asInt());
        JsonNode written = json.get("cards").get(0);
        assertEquals("100001", written.get("id").asText());
        assertEquals("new", written.get("attributes").get("status").get(0).get("code").asText());
        assertEquals("100007", written.get("attributes").get("customer").get(0).get("dataCardId").asText());
        assertEquals("2026-03-24", written.get("attributes").get("due_date").get(0).asText());
    }

    @Test
    void keepsTheNewestFilesOfATaskAndRefusesPathsOutsideItsFolder() throws Exception {
        ExtractFiles files = new ExtractFiles(dir, 2);
        for (int i = 0; i < 4; i++) {
            try (ExtractFiles.Writer writer = files.open("task-1", "run-" + i, "incident", Instant.EPOCH)) {
                writer.finish(true);
            }
            Files.setLastModifiedTime(dir.resolve("task-1/run-" + i + ".json"), FileTime.fromMillis(1000L * i));
        }

        files.prune("task-1");

        assertFalse(files.find("task-1/run-0.json").isPresent());
        assertFalse(files.find("task-1/run-1.json").isPresent());
        assertTrue(files.find("task-1/run-3.json").isPresent());
        assertFalse(files.find("../outside.json").isPresent());
    }
}
