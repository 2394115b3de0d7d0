package io.cardlink.scheduler.internal;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.simpl.RAMJobStore;
import org.quartz.utils.DBConnectionManager;

/**
 * Where Quartz keeps the jobs of node {@code nodeId}: in its memory (one node), or clustered in the Cardlink database,
 * where the node is the Quartz instance {@code nodeId} and checks in every {@code checkinInterval}. Quartz's own pools are not
 * used: the connections are the Cardlink data source's.
 */
record JobStore(boolean clustered, String nodeId, Duration checkinInterval) {

    /** The locks (rows of {@code QRTZ_LOCKS}) with which Quartz's nodes take turns on the triggers and check-ins. */
    static final List<String> CLUSTER_LOCKS = List.of("TRIGGER_ACCESS", "STATE_ACCESS");

    /** The jobs in the memory of node {@code nodeId}, alone. */
    static JobStore inMemory(String nodeId) {
        return new JobStore(false, nodeId, null);
    }

    static JobStore clustered(String nodeId, Duration checkinInterval) {
        return new JobStore(true, nodeId, checkinInterval);
    }

    /** Adds the job store's properties; a clustered store also makes {@code dataSource} known to Quartz. */
    void configure(Properties properties, Supplier<DataSource> dataSource) {
        if (!clustered) {
            properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, RAMJobStore.class.getName());
            return;
        }
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName(), new DataSourceConnections(dataSource));
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, nodeId);
        properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, JobStoreTX.class.getName());
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", PostgreSQLDelegate.class.getName());
        properties.setProperty("org.quartz.jobStore.dataSource", dataSourceName());
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval",
                String.valueOf(checkinInterval.toMillis()));
        // job data are strings only, so that no Java serialisation ties the rows to class versions
        properties.setProperty("org.quartz.jobStore.useProperties", "true");
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // a failed check-in is tried again after this, not after Quartz's default of 15 s
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_DB_FAILURE_RETRY_INTERVAL,
                String.valueOf(checkinInterval.toMillis()));
    }

    /**
     * The name under which Quartz finds this node's connections. Quartz keeps its connection providers JVM-wide by
     * name: a name shared by two nodes in one JVM (or a restarted scheduler beside the one it replaces) would give
     * one node the other's data source, and a node whose first check-in fails that way fires triggers without being
     * known to the cluster.
     */
    String dataSourceName() {
        return "cardlink-" + nodeId;
    }
}
