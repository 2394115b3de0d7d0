package io.cardlink.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.mapping.Direction;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardEventKind;
import io.cardlink.api.timeline.CardTimeline;
import io.cardlink.api.timeline.LastSeen;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CardTimelineCommandTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void everyEntryShowsWhatHappenedByWhichRunOrOperationAndTheLastSeenFollows() {
        CardTimeline timeline = new CardTimeline("c1", "K-1", List.of(
                new CardEvent("c1", "pull", Direction.READ, "K-1", "L-1", "R-1", T0, CardEventKind.CREATED, "run-1",
                        null, null, List.of("email", "status"), null),
                new CardEvent("c1", "push", Direction.WRITE, "K-1", null, "R-1", T0.plusSeconds(5),
                        CardEventKind.WRITTEN, null, "op-1", "Close ticket", List.of(), "update")),
                List.of(new LastSeen("pull", T0.plusSeconds(60), "run-2")), false);

        String printed = print(timeline);

        List<String> lines = printed.lines().toList();
        assertEquals("Card K-1", lines.get(0));
        assertTrue(lines.get(2).contains("created") && lines.get(2).contains("run run-1")
                && lines.get(2).contains("attributes: email, status"), lines.get(2));
        assertTrue(lines.get(3).contains("written") && lines.get(3).contains("operation op-1")
                && lines.get(3).contains("workflow: Close ticket; update"), lines.get(3));
        assertTrue(lines.get(2).contains("Tickets in") && lines.get(3).contains(" push "), printed);
        assertEquals("Last seen by task Tickets in at 2026-05-01T10:01:00Z in run run-2", lines.get(4));
    }

    @Test
    void anIdNoEntryHoldsSaysSo() {
        assertEquals("No card with that id has a timeline in this connector", print(new CardTimeline("c1", null,
                List.of(), List.of(), false)).trim());
    }

    private static String print(CardTimeline timeline) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CardTimelineCommand.print(timeline, Map.of("pull", "Tickets in"), new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
