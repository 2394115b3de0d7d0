package io.cardlink.esm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cardlink.api.connector.CardMatch;
import io.cardlink.api.connector.ReadRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadFilterTest {

    @Test
    void combinesFilterFolderAndWatermark() {
        ReadRequest request = new ReadRequest("incident", "it's", Map.of("eqlFilter", "$a$ = 1 OR $b$ = 2"),
                List.of());
        assertEquals("($a$ = 1 OR $b$ = 2) AND folder.code = 'it''s' AND $updated$ >= '2024-03-01T10:11:12Z'",
                ReadFilter.of(request, Instant.parse("2024-03-01T10:11:12.999Z"), null));
    }

    @Test
    void keysAreQuotedSoThatTheyCannotChangeTheCondition() {
        ReadRequest request = ReadRequest.of("person", null, List.of("source_key"));
        assertEquals("($source_key$ = 'a' OR $source_key$ = 'O''Brien'' OR ''1''=''1')", ReadFilter.of(request, null,
                CardMatch.attribute("source_key", List.of("a", "O'Brien' OR '1'='1"))));
    }

    @Test
    void idsAreNumbersAndTheTrashIsReadOnlyWhenAsked() {
        ReadRequest request = ReadRequest.of("incident", "it", List.of());
        CardMatch ids = CardMatch.ids(List.of("100001", "7"));
        assertEquals("folder.code = 'it' AND (entity.id = 100001 OR entity.id = 7)",
                ReadFilter.of(request, null, ids));
        assertEquals("folder.code = 'it' AND (entity.id = 100001 OR entity.id = 7)"
                + " AND (entity.deleted = 0 OR entity.deleted = 1)", ReadFilter.of(request.withRemoved(), null, ids));
        assertThrows(IllegalArgumentException.class, () -> ReadFilter.of(ReadRequest.all("incident"), null,
                CardMatch.ids(List.of("1 OR 1=1"))));
    }

    @Test
    void noConditionSelectsEverything() {
        assertNull(ReadFilter.of(ReadRequest.all("incident")));
        assertEquals("folder.code = 'x'",
                ReadFilter.of(new ReadRequest("t", "x", Map.of("eqlFilter", "  "), List.of())));
    }
}
