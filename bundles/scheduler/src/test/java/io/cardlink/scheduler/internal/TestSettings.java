package io.cardlink.scheduler.internal;

import io.cardlink.api.service.EngineSettings;
import java.util.List;

/** Engine settings as the engine's settings service hands them to the scheduler. */
final class TestSettings {
    private TestSettings() {
    }

    static EngineSettings engine(int maxConcurrentRuns, List<Integer> cacheClearHours) {
        return new EngineSettings("http://localhost:8181/emulator/local", "/rest-api/itsm/v1",
                EngineSettings.Environment.TEST, cacheClearHours, maxConcurrentRuns, false);
    }

    /** The scheduler's part of the engine's defaults: six runs at once, caches cleared at midnight. */
    static SchedulerSettings defaults() {
        return SchedulerSettings.of(engine(6, List.of(0)), null, message -> {
            throw new AssertionError(message);
        });
    }
}
