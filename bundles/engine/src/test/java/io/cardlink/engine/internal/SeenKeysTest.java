package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeenKeysTest {

    @Test
    void aKeyReadAgainIsADuplicateWithinAPageAndAcrossPages() {
        SeenKeys seen = new SeenKeys();

        assertEquals(Set.of(), seen.markSeen(List.of("A", "B")));
        assertEquals(Set.of("B", "C"), seen.markSeen(List.of("B", "C", "C")));
        assertEquals(Set.of("A", "C"), seen.seen(List.of("A", "C", "D")));
        assertEquals(3, seen.size());
    }

    @Test
    void aHundredThousandKeysAreAllKeptThroughGrowthAndNoOtherKeyIsTakenForOne() {
        SeenKeys seen = new SeenKeys();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            keys.add("incident-" + i);
        }
        for (int from = 0; from < keys.size(); from += 200) {
            assertEquals(Set.of(), seen.markSeen(keys.subList(from, from + 200)));
        }
        List<String> others = keys.stream().map(key -> key + "x").toList();

        assertEquals(100_000, seen.size());
        assertEquals(Set.copyOf(keys), seen.seen(keys));
        assertEquals(Set.of(), seen.seen(others));
        assertEquals(Set.copyOf(keys.subList(500, 700)), seen.markSeen(keys.subList(500, 700)));
    }

    @Test
    void keysDifferingOnlyInCaseOrUnicodeFormAreDifferentKeys() {
        SeenKeys seen = new SeenKeys();
        seen.markSeen(List.of("Key", "é"));

        assertEquals(Set.of(), seen.seen(List.of("key", "e\u0301", "")));
    }
}
