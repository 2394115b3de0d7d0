package io.cardlink.connector.coreproiga.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cardlink.api.connector.ReadRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadFilterTest {

    @Test
    void combinesFilterFolderAndWatermark() {
        ReadRequest request = new ReadRequest("incident", "it's", "$a$ = 1 OR $b$ = 2",
                Instant.parse("2024-03-01T10:11:12.999Z"), List.of());
        assertEquals("($a$ = 1 OR $b$ = 2) AND folder.code = 'it''s' AND $updated$ >= '2024-03-01T10:11:12Z'",
                ReadFilter.of(request));
    }

    @Test
    void noConditionSelectsEverything() {
        assertNull(ReadFilter.of(ReadRequest.all("incident")));
        assertEquals("folder.code = 'x'", ReadFilter.of(new ReadRequest("t", "x", "  ", null, List.of())));
    }
}
