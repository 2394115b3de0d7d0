package io.cardlink.scheduler.internal;

import io.cardlink.api.service.EngineSettings;
import java.util.function.Consumer;

/**
 * What the scheduler takes from the engine settings, which the engine reads and validates
 * ({@link io.cardlink.api.service.SettingsService}, the one reader of {@link EngineSettings#PID}).
 */
record SchedulerSettings(int maxConcurrentRuns, CacheClearHours cacheClearHours) {

    /**
     * The scheduler's part of the engine settings. Hours the clearing can't use (none at all) are reported to
     * {@code errors} and the ones of {@code current} kept: the engine's own checks normally refuse them first.
     */
    static SchedulerSettings of(EngineSettings engine, SchedulerSettings current, Consumer<String> errors) {
        CacheClearHours hours;
        try {
            hours = new CacheClearHours(engine.cacheClearHours());
        } catch (IllegalArgumentException e) {
            if (current == null) {
                throw e;
            }
            errors.accept("cacheClearHours: " + e.getMessage() + "; keeping " + current.cacheClearHours());
            hours = current.cacheClearHours();
        }
        return new SchedulerSettings(engine.maxConcurrentRuns(), hours);
    }
}
