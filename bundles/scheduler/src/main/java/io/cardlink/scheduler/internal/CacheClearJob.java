package io.cardlink.scheduler.internal;

import io.cardlink.api.scheduler.CacheMaintenance;
import java.util.function.Supplier;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A cache clear hour came: asks the engine to clear every task cache. */
final class CacheClearJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(CacheClearJob.class);

    private final Supplier<CacheMaintenance> maintenance;

    CacheClearJob(Supplier<CacheMaintenance> maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public void execute(JobExecutionContext context) {
        CacheMaintenance target = maintenance.get();
        if (target == null) {
            LOG.warn("Cache clear hour: no engine is running, task caches were not cleared");
            return;
        }
        try {
            target.clearAllTaskCaches();
            LOG.info("Cache clear hour: every task cache was cleared");
        } catch (RuntimeException e) {
            LOG.error("Cache clear hour: clearing the task caches failed", e);
        }
    }
}
