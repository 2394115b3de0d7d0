package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunInfoTest {

    @Test
    void fewShortMessagesStayAsTheyAre() {
        List<String> messages = List.of("one", "two");

        assertEquals(messages, RunInfo.bounded(messages));
    }

    @Test
    void longMessagesAreCut() {
        String cut = RunInfo.bounded(List.of("x".repeat(5_000))).get(0);

        assertEquals(RunInfo.MAX_MESSAGE, cut.length());
        assertTrue(cut.endsWith("…"));
    }

    @Test
    void theJsonAlwaysFitsTheColumn() {
        // Quotes are escaped in JSON, so these messages take more room stored than they have characters.
        List<String> messages = Collections.nCopies(150, "\"".repeat(RunInfo.MAX_MESSAGE));

        List<String> kept = RunInfo.bounded(messages);

        assertTrue(RunInfo.toJson(messages).length() <= Json.MAX_TEXT);
        assertEquals((messages.size() - kept.size() + 1) + " more messages were not kept",
                kept.get(kept.size() - 1));
    }
}
