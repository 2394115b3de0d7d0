package io.cardlink.scheduler.internal;

import java.time.Duration;
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

    /** The name under which Quartz finds the Cardlink data source. */
    static final String DATA_SOURCE = "cardlink";

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
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new DataSourceConnections(dataSource));
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, nodeId);
        properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, JobStoreTX.class.getName());
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", PostgreSQLDelegate.class.getName());
        properties.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval",
                String.valueOf(checkinInterval.toMillis()));
        // job data are strings only, so that no Java serialisation ties the rows to class versions
        properties.setProperty("org.quartz.jobStore.useProperties", "true");
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    }
}
