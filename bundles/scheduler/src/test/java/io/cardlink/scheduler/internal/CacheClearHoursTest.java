package io.cardlink.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

class CacheClearHoursTest {

    @Test
    void parsesAListOfHoursSortedWithoutDuplicates() {
        assertEquals(List.of(6, 12), CacheClearHours.parse(" 12, 6 ,12").hours());
        assertEquals(List.of(0), CacheClearHours.parse("0").hours());
        assertEquals("0 0 6,12 * * ?", CacheClearHours.parse("12,6").cronExpression());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "24", "-1", "6,,12", "6;12", "noon", "6,"})
    void rejectsWhatIsNotAListOfHours(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CacheClearHours.parse(text));
        assertTrue(e.getMessage().contains("0-23"), e.getMessage());
    }

    @Test
    void nextClearingIsTheNextListedHourInUtc() {
        CacheClearHours hours = CacheClearHours.parse("6,12");
        assertEquals(Instant.parse("2025-03-10T06:00:00Z"), hours.nextAfter(Instant.parse("2025-03-10T05:59:59Z")));
        assertEquals(Instant.parse("2025-03-10T12:00:00Z"), hours.nextAfter(Instant.parse("2025-03-10T06:00:00Z")));
        assertEquals(Instant.parse("2025-03-11T06:00:00Z"), hours.nextAfter(Instant.parse("2025-03-10T12:00:00Z")));
        assertEquals(Instant.parse("2025-01-01T06:00:00Z"), hours.nextAfter(Instant.parse("2024-12-31T23:30:00Z")));
    }

    @Test
    void theQuartzTriggerFiresWhenNextAfterSays() {
        CacheClearHours hours = CacheClearHours.parse("0,6,12,23");
        Trigger trigger = TriggerBuilder.newTrigger()
                .startAt(Date.from(Instant.parse("2024-01-01T00:00:00Z")))
                .withSchedule(QuartzTaskScheduler.cacheClearCron(hours))
                .build();
        Instant time = Instant.parse("2024-02-28T22:17:00Z");
        for (int i = 0; i < 40; i++) {
            Instant expected = hours.nextAfter(time);
            assertEquals(expected, trigger.getFireTimeAfter(Date.from(time)).toInstant());
            time = expected;
        }
    }
}
