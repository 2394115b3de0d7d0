package io.cardlink.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The scheduler's view of the engine settings ({@code etc/io.cardlink.engine.cfg}); changes apply at once. The
 * engine's metatype is the one description of that PID, so this type is not designated: it only types the
 * properties the scheduler reads.
 */
@ObjectClassDefinition(id = "io.cardlink.scheduler", name = "Cardlink engine: scheduling",
        description = "How many task runs a node executes at once and when task caches are cleared")
public @interface SchedulerConfig {
    String PID = "io.cardlink.engine";

    @AttributeDefinition(name = "Concurrent runs", min = "1", max = "64",
            description = "Task runs executed at once on this node; further runs wait in arrival order")
    int maxConcurrentRuns() default SchedulerSettings.DEFAULT_MAX_CONCURRENT_RUNS;

    @AttributeDefinition(name = "Cache clear hours",
            description = "Hours of the day (UTC, 0-23, comma-separated such as 6,12) at which every task cache "
                    + "is cleared, so that the next runs load all cards again")
    String cacheClearHours() default SchedulerSettings.DEFAULT_CACHE_CLEAR_HOURS;

    @AttributeDefinition(name = "Node", description = "This node's name in a cluster; empty = Karaf's instance name")
    String nodeId() default "";
}
