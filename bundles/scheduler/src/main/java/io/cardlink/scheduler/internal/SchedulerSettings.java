package io.cardlink.scheduler.internal;

import java.util.function.Consumer;

/** The validated settings in force; an invalid new value is reported and the value in force is kept. */
record SchedulerSettings(int maxConcurrentRuns, CacheClearHours cacheClearHours) {
    static final int DEFAULT_MAX_CONCURRENT_RUNS = 6;
    static final String DEFAULT_CACHE_CLEAR_HOURS = "0";
    static final int MAX_CONCURRENT_RUNS_LIMIT = 64;

    static final SchedulerSettings DEFAULTS =
            new SchedulerSettings(DEFAULT_MAX_CONCURRENT_RUNS, CacheClearHours.parse(DEFAULT_CACHE_CLEAR_HOURS));

    /**
     * The settings from a configuration: each invalid value is reported to {@code errors} and replaced by the
     * value in {@code current}.
     */
    static SchedulerSettings resolve(SchedulerConfig config, SchedulerSettings current, Consumer<String> errors) {
        int maxRuns = current.maxConcurrentRuns;
        try {
            int configured = config.maxConcurrentRuns();
            if (configured >= 1 && configured <= MAX_CONCURRENT_RUNS_LIMIT) {
                maxRuns = configured;
            } else {
                errors.accept("maxConcurrentRuns: " + configured + " is not between 1 and "
                        + MAX_CONCURRENT_RUNS_LIMIT + "; keeping " + maxRuns);
            }
        } catch (RuntimeException e) {
            // Config Admin holds a value that does not convert to a number.
            errors.accept("maxConcurrentRuns: not a number; keeping " + maxRuns);
        }
        CacheClearHours hours = current.cacheClearHours;
        try {
            hours = CacheClearHours.parse(config.cacheClearHours());
        } catch (IllegalArgumentException e) {
            errors.accept("cacheClearHours: " + e.getMessage() + "; keeping " + hours);
        }
        return new SchedulerSettings(maxRuns, hours);
    }
}
