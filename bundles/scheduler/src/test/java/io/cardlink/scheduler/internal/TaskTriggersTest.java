package io.cardlink.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.task.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quartz.spi.OperableTrigger;

class TaskTriggersTest {
    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

    private static List<String> fields(Schedule schedule) {
        return TaskTriggers.validate(schedule, NOW).stream().map(FieldProblem::field).toList();
    }

    @Test
    void validSchedulesHaveNoProblems() {
        assertEquals(List.of(), fields(Schedule.cron("0 0/15 * * * ?")));
        assertEquals(List.of(), fields(Schedule.cron("0 30 2 ? * MON-FRI")));
        assertEquals(List.of(), fields(Schedule.every(10)));
        assertEquals(List.of(), fields(Schedule.every(366L * 24 * 3600)));
    }

    @Test
    void anInvalidCronExpressionIsAProblemOfScheduleCron() {
        List<FieldProblem> problems = TaskTriggers.validate(Schedule.cron("0 0 25 * * ?"), NOW);
        assertEquals(List.of("schedule.cron"), problems.stream().map(FieldProblem::field).toList());
        assertTrue(problems.get(0).problem().startsWith("not a valid Quartz cron expression"));
        assertEquals(List.of("schedule.cron"), fields(Schedule.cron("every day")));
        assertEquals(List.of("schedule.cron"), fields(Schedule.cron("* * * * *")), "Unix cron has no seconds field");
        assertEquals(List.of("schedule.cron"), fields(Schedule.cron(" ")));
    }

    @Test
    void aCronExpressionThatNeverFiresAgainIsAProblem() {
        List<FieldProblem> problems = TaskTriggers.validate(Schedule.cron("0 0 0 1 1 ? 2020"), NOW);
        assertEquals(List.of(new FieldProblem("schedule.cron", "never fires again")), problems);
    }

    @Test
    void intervalsAreBetweenTenSecondsAndOneYear() {
        assertEquals(List.of("schedule.intervalSeconds"), fields(Schedule.every(9)));
        assertEquals(List.of("schedule.intervalSeconds"), fields(Schedule.every(0)));
        assertEquals(List.of("schedule.intervalSeconds"), fields(Schedule.every(366L * 24 * 3600 + 1)));
    }

    @Test
    void exactlyOneOfCronAndIntervalIsGiven() {
        assertEquals(List.of("schedule"), fields(new Schedule("0 0 * * * ?", 60L)));
        assertEquals(List.of("schedule"), fields(new Schedule(null, null)));
        assertEquals(List.of("schedule"), fields(null));
    }

    @Test
    void cronIsEvaluatedInUtc() {
        Instant next = TaskTriggers.trigger("t", Schedule.cron("0 30 4 * * ?"), NOW).getFireTimeAfter(Date.from(NOW)).toInstant();
        assertEquals(Instant.parse("2025-06-02T04:30:00Z"), next);
    }

    @Test
    void anIntervalFirstFiresOneIntervalAfterScheduling() {
        assertEquals(NOW.plusSeconds(600),
                TaskTriggers.trigger("t", Schedule.every(600), NOW).getStartTime().toInstant());
    }

    @Test
    void afterDowntimeATriggerFiresOnceNowInsteadOfOncePerMissedSlot() {
        Instant fiveHoursAgo = Instant.now().minus(Duration.ofHours(5));
        for (Schedule schedule : List.of(Schedule.every(3600), Schedule.cron("0 0 * * * ?"))) {
            OperableTrigger trigger = (OperableTrigger) TaskTriggers.trigger("t", schedule, fiveHoursAgo);
            trigger.computeFirstFireTime(null);
            assertTrue(trigger.getNextFireTime().toInstant().isBefore(Instant.now().minusSeconds(3600)),
                    "slots were missed");

            Instant beforeMisfire = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            trigger.updateAfterMisfire(null);
            Instant fire = trigger.getNextFireTime().toInstant();
            assertFalse(fire.isBefore(beforeMisfire), schedule + ": fires now, not at a missed slot: " + fire);
            assertFalse(fire.isAfter(Instant.now()), schedule + ": fires at once: " + fire);

            trigger.triggered(null);
            assertTrue(trigger.getNextFireTime().toInstant().isAfter(Instant.now()),
                    schedule + ": the missed slots are not made up");
        }
    }

    @Test
    void thePreviewListsTheTimesTheTriggerFiresAt() {
        Schedule weekdays = Schedule.cron("0 30 2 ? * MON-FRI");
        List<Instant> preview = TaskTriggers.nextRuns(weekdays, NOW, 4);
        // 2025-06-01 is a Sunday
        assertEquals(List.of(Instant.parse("2025-06-02T02:30:00Z"), Instant.parse("2025-06-03T02:30:00Z"),
                Instant.parse("2025-06-04T02:30:00Z"), Instant.parse("2025-06-05T02:30:00Z")), preview);

        OperableTrigger trigger = (OperableTrigger) TaskTriggers.trigger("t", weekdays, NOW);
        Date first = trigger.computeFirstFireTime(null);
        assertEquals(preview.get(0), first.toInstant());
        assertEquals(preview.get(1), trigger.getFireTimeAfter(first).toInstant());
    }

    @Test
    void anIntervalPreviewCountsFromNow() {
        assertEquals(List.of(NOW.plusSeconds(300), NOW.plusSeconds(600), NOW.plusSeconds(900)),
                TaskTriggers.nextRuns(Schedule.every(300), NOW, 3));
    }

    @Test
    void aPreviewEndsWithTheSchedule() {
        assertEquals(List.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")),
                TaskTriggers.nextRuns(Schedule.cron("0 0 0 1 1 ? 2026-2027"), NOW, 5));
    }
}
