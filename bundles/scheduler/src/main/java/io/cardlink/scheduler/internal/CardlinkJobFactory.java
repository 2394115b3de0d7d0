package io.cardlink.scheduler.internal;

import java.util.List;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/**
 * Hands Quartz our own job instances: Quartz never instantiates a job class itself, so nothing depends on which
 * class loader it would use for that inside OSGi.
 */
final class CardlinkJobFactory implements JobFactory {
    private final List<Job> jobs;

    CardlinkJobFactory(Job... jobs) {
        this.jobs = List.of(jobs);
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> type = bundle.getJobDetail().getJobClass();
        for (Job job : jobs) {
            if (job.getClass() == type) {
                return job;
            }
        }
        throw new SchedulerException("not a Cardlink job: " + type.getName());
    }
}
