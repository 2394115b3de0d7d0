package io.cardlink.scheduler.internal;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** A task's trigger fired: hands the task id (the job's name, its only data) to the dispatcher. */
final class TaskFireJob implements Job {
    private final RunDispatcher dispatcher;

    TaskFireJob(RunDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void execute(JobExecutionContext context) {
        dispatcher.fire(context.getJobDetail().getKey().getName());
    }
}
