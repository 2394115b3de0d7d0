package io.cardlink.scheduler.internal;

import java.lang.annotation.Annotation;
import java.util.function.IntSupplier;

/** Configurations as Declarative Services hands them to the component. */
final class TestConfigs {
    private TestConfigs() {
    }

    static SchedulerConfig config(int maxConcurrentRuns, String cacheClearHours) {
        return config(() -> maxConcurrentRuns, cacheClearHours);
    }

    static SchedulerConfig config(IntSupplier maxConcurrentRuns, String cacheClearHours) {
        return new SchedulerConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SchedulerConfig.class;
            }

            @Override
            public int maxConcurrentRuns() {
                return maxConcurrentRuns.getAsInt();
            }

            @Override
            public String cacheClearHours() {
                return cacheClearHours;
            }

            @Override
            public String nodeId() {
                return "";
            }
        };
    }
}
