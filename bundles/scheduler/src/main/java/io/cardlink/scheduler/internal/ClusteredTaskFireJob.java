package io.cardlink.scheduler.internal;

import io.cardlink.api.scheduler.RunRequest;
import io.cardlink.api.scheduler.RunTrigger;
import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.Trigger;

/**
 * A task's job fired on this node of a cluster: a scheduled fire, a run now from any node (its trigger carries the
 * request), or either again on another node after the node that ran it died (Quartz's recovery). Hands the request to
 * the dispatcher and holds the Quartz thread until the run ends, so that Quartz's cluster lock on the job
 * ({@link DisallowConcurrentExecution}) keeps every other node from starting a run of the task meanwhile, and a node
 * whose threads are all busy leaves the next fires to the others. A recovered fire gets the request id of the fire it
 * repeats, so that the run a dead node left is taken over rather than left running.
 */
@DisallowConcurrentExecution
final class ClusteredTaskFireJob implements Job {
    static final String REQUEST_ID = "requestId";
    static final String DRY_RUN = "dryRun";
    static final String REQUESTED_AT = "requestedAt";

    private final RunDispatcher dispatcher;

    ClusteredTaskFireJob(RunDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void execute(JobExecutionContext context) {
        dispatcher.admit(request(context)).join();
    }

    static RunRequest request(JobExecutionContext context) {
        String taskId = context.getJobDetail().getKey().getName();
        JobDataMap data = context.getMergedJobDataMap();
        if (data.getString(REQUEST_ID) != null) {
            return manual(data, taskId);
        }
        String recoveredFire = data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
        long scheduledAt = context.isRecovering() && recoveredFire != null ? Long.parseLong(recoveredFire)
                : context.getScheduledFireTime().getTime();
        return new RunRequest(scheduledRunId(taskId, scheduledAt), taskId, RunTrigger.SCHEDULED,
                Instant.ofEpochMilli(scheduledAt));
    }

    /** The run now a waiting one-time trigger of the task carries. */
    static RunRequest request(Trigger runNow, String taskId) {
        return manual(runNow.getJobDataMap(), taskId);
    }

    private static RunRequest manual(JobDataMap data, String taskId) {
        return new RunRequest(data.getString(REQUEST_ID), taskId, RunTrigger.MANUAL,
                Instant.ofEpochMilli(Long.parseLong(data.getString(REQUESTED_AT))),
                Boolean.parseBoolean(data.getString(DRY_RUN)));
    }

    /** The id of a task's scheduled run: the same on whichever node fires it, and again when it is recovered. */
    static String scheduledRunId(String taskId, long scheduledAtMillis) {
        return "scheduled-" + taskId + "-" + scheduledAtMillis;
    }
}
