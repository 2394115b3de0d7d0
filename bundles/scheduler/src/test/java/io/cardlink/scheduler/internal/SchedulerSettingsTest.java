package io.cardlink.scheduler.internal;

import static io.cardlink.scheduler.internal.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerSettingsTest {
    private final List<String> errors = new ArrayList<>();

    @Test
    void validValuesReplaceTheCurrentOnes() {
        SchedulerSettings settings = SchedulerSettings.resolve(config(3, "6,12"), SchedulerSettings.DEFAULTS,
                errors::add);
        assertEquals(3, settings.maxConcurrentRuns());
        assertEquals(List.of(6, 12), settings.cacheClearHours().hours());
        assertEquals(List.of(), errors);
    }

    @Test
    void defaultsAreSixRunsAndMidnight() {
        assertEquals(6, SchedulerSettings.DEFAULTS.maxConcurrentRuns());
        assertEquals(List.of(0), SchedulerSettings.DEFAULTS.cacheClearHours().hours());
    }

    @Test
    void invalidValuesAreReportedAndTheCurrentOnesKept() {
        SchedulerSettings current = new SchedulerSettings(4, CacheClearHours.parse("3"));
        SchedulerSettings settings = SchedulerSettings.resolve(config(0, "3,25"), current, errors::add);
        assertEquals(current, settings);
        assertEquals(2, errors.size());
        assertTrue(errors.get(0).startsWith("maxConcurrentRuns: 0 is not between 1 and 64; keeping 4"), errors.get(0));
        assertTrue(errors.get(1).startsWith("cacheClearHours: '25' is not an hour"), errors.get(1));
        assertTrue(errors.get(1).endsWith("keeping 3"), errors.get(1));
    }

    @Test
    void aValueThatIsNotANumberIsReported() {
        SchedulerSettings settings = SchedulerSettings.resolve(config(() -> {
            throw new NumberFormatException("For input string: \"many\"");
        }, "0"), SchedulerSettings.DEFAULTS, errors::add);
        assertEquals(6, settings.maxConcurrentRuns());
        assertEquals(List.of("maxConcurrentRuns: not a number; keeping 6"), errors);
    }
}
