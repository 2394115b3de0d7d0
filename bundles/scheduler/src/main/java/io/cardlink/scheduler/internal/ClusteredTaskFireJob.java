package io.cardlink.scheduler.internal;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * A task's trigger fired on this node of a cluster: hands the task id to the dispatcher and holds the Quartz thread
 * until the run ends, so that Quartz's cluster lock on the job ({@link DisallowConcurrentExecution}) keeps every
 * other node from starting a scheduled run of the task meanwhile, and a node whose threads are all busy leaves the
 * next fires to the others.
 */
@DisallowConcurrentExecution
final class ClusteredTaskFireJob implements Job {
    private final RunDispatcher dispatcher;

    ClusteredTaskFireJob(RunDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void execute(JobExecutionContext context) {
        dispatcher.fire(context.getJobDetail().getKey().getName()).join();
    }
}
