package io.cardlink.scheduler.internal;

import static io.cardlink.scheduler.internal.TestSettings.engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerSettingsTest {
    private final List<String> errors = new ArrayList<>();

    @Test
    void theEngineSettingsGiveTheRunLimitAndTheClearingHours() {
        SchedulerSettings settings = SchedulerSettings.of(engine(3, List.of(12, 6)), null, errors::add);
        assertEquals(3, settings.maxConcurrentRuns());
        assertEquals(List.of(6, 12), settings.cacheClearHours().hours());
        assertEquals(List.of(), errors);
    }

    @Test
    void noClearingHourIsReportedAndTheHoursInForceKept() {
        SchedulerSettings current = new SchedulerSettings(4, CacheClearHours.parse("3"));
        SchedulerSettings settings = SchedulerSettings.of(engine(5, List.of()), current, errors::add);
        assertEquals(new SchedulerSettings(5, current.cacheClearHours()), settings);
        assertEquals(List.of("cacheClearHours: give at least one hour; keeping 3"), errors);
    }

    @Test
    void withoutHoursInForceNoClearingHourCannotStart() {
        assertThrows(IllegalArgumentException.class, () -> SchedulerSettings.of(engine(5, List.of()), null,
                errors::add));
    }
}
