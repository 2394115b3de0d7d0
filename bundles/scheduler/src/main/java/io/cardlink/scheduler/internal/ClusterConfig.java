package io.cardlink.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Whether this node's scheduler shares its jobs with other nodes ({@code etc/io.cardlink.scheduler.cluster.cfg}); read when
 * the scheduler starts.
 */
@ObjectClassDefinition(id = ClusterConfig.PID, name = "Cardlink scheduler: cluster",
        description = "Whether several Cardlink nodes on one PostgreSQL database share the scheduled tasks")
public @interface ClusterConfig {
    String PID = "io.cardlink.scheduler.cluster";

    @AttributeDefinition(name = "Clustered", description = "Keep the jobs in the Cardlink database (Quartz's JDBC"
            + " job store, clustered): each scheduled run fires on one node, a task's scheduled runs never overlap"
            + " across the nodes, and cache clearing happens once per cluster. Needs PostgreSQL; false keeps them in"
            + " this node's memory")
    boolean clustered() default false;

    @AttributeDefinition(name = "Check-in interval (s)", min = "1",
            description = "How often a clustered node tells the others it lives; a node silent for longer is taken"
                    + " as dead and its scheduled runs are fired again elsewhere")
    int checkinIntervalSeconds() default 15;
}
