package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.task.TaskMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleAdviceTest {

    /** The vendor's sizing table, row by row, on both sides of each limit. */
    @ParameterizedTest(name = "{0} {1} cards every {2} min -> warning: {3}")
    @CsvSource({
            "FULL, 499, 30, false",
            "FULL, 499, 29, true",
            "FULL, 500, 30, true",
            "FULL, 1999, 60, false",
            "FULL, 4999, 240, false",
            "FULL, 4999, 120, true",
            "FULL, 9999, 720, false",
            "FULL, 10000, 720, true",
            "FULL, 49999, 1440, false",
            "FULL, 60000, 1440, false",
            "FULL, 60000, 720, true",
            "INCREMENTAL, 499, 10, false",
            "INCREMENTAL, 499, 5, true",
            "INCREMENTAL, 4999, 15, false",
            "INCREMENTAL, 9999, 15, true",
            "INCREMENTAL, 49999, 60, false",
    })
    void theSizingTableDecides(TaskMode mode, long cards, long minutes, boolean warned) {
        Optional<String> advice = ScheduleAdvice.sizing("Users", mode, cards, Duration.ofMinutes(minutes));
        assertEquals(warned, advice.isPresent(), advice.orElse("no warning"));
    }

    @Test
    void theWarningNamesTheTaskTheNumbersAndWhatToDo() {
        String advice = ScheduleAdvice.sizing("HR users", TaskMode.FULL, 3200L, Duration.ofMinutes(10)).orElseThrow();
        assertEquals("task 'HR users' runs every 10 min but its last run read 3200 cards: the vendor's sizing table"
                + " advises a full task with fewer than 5000 cards to run at most every 4 h; schedule it less often,"
                + " or add an incremental task for the changes in between", advice);
    }

    @Test
    void aTaskThatNeverRanHasAnUnknownSizeAndNoSizingWarning() {
        assertTrue(ScheduleAdvice.sizing("New", TaskMode.FULL, null, Duration.ofMinutes(1)).isEmpty());
    }

    @Test
    void moreTasksInOneMinuteThanTheSchedulerRunsAtOnceIsWarnedWithTheirNames() {
        Instant nine = Instant.parse("2026-12-05T09:00:00Z");
        Map<String, List<Instant>> others = Map.of(
                "A", List.of(nine.plusSeconds(10)),
                "B", List.of(nine.plusSeconds(40)),
                "C", List.of(nine.plusSeconds(3600)));
        String advice = ScheduleAdvice.concurrency("Mine", List.of(nine.minusSeconds(3600), nine), others, 2)
                .orElseThrow();
        assertEquals("task 'Mine' starts at 2026-12-05T09:00:00Z together with 2 other task(s) (A, B): 3 tasks in"
                + " one minute, more than the 2 the scheduler runs at once, so some wait; shift its schedule by a few"
                + " minutes or raise the scheduler's maxConcurrentRuns", advice);
        assertTrue(ScheduleAdvice.concurrency("Mine", List.of(nine), others, 3).isEmpty());
    }

    @Test
    void theShortestGapOfACronScheduleIsItsTightestStep() {
        Instant t = Instant.parse("2026-12-05T09:00:00Z");
        assertEquals(Duration.ofMinutes(5), ScheduleAdvice.shortestGap(List.of(t, t.plusSeconds(3600),
                t.plusSeconds(3900), t.plusSeconds(7200))));
        assertEquals(null, ScheduleAdvice.shortestGap(List.of(t)));
    }
}
