package io.cardlink.scheduler.internal;

import io.cardlink.api.scheduler.RunRequest;
import io.cardlink.api.scheduler.RunTrigger;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's job fired on this node of a cluster: a scheduled fire, a run now from any node (its trigger carries the
 * request), or either again on another node after the node that ran it died (Quartz's recovery). Hands the request to
 * the dispatcher under the task's claim in the cluster ({@link TaskClaims}; Quartz's
 * {@link DisallowConcurrentExecution} alone lets two nodes overlap, it only keeps most fires of a running task from
 * being made) and holds the Quartz thread until the run ends, so that a node whose threads are all busy leaves the
 * next fires to the others. A recovered fire gets the request id of the fire it
 * repeats, so that the run a dead node left is taken over rather than left running.
 */
@DisallowConcurrentExecution
final class ClusteredTaskFireJob implements Job {
    static final String REQUEST_ID = "requestId";
    static final String DRY_RUN = "dryRun";
    static final String REQUESTED_AT = "requestedAt";

    private static final Logger LOG = LoggerFactory.getLogger(ClusteredTaskFireJob.class);

    private final RunDispatcher dispatcher;
    private final TaskClaims claims;
    private final BooleanSupplier closed;

    ClusteredTaskFireJob(RunDispatcher dispatcher, TaskClaims claims, BooleanSupplier closed) {
        this.dispatcher = dispatcher;
        this.claims = claims;
        this.closed = closed;
    }

    /**
     * Runs the request while holding the task's claim. A scheduled fire whose task runs on another node is skipped,
     * as a fire is on one node while its task runs; a run now, or a run a dead node left, waits for that run to end.
     */
    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        RunRequest request = request(context);
        boolean waits = request.trigger() == RunTrigger.MANUAL || context.isRecovering();
        try (TaskClaims.Claim claim = (waits ? claims.claim(request.taskId(), closed)
                : claims.tryClaim(request.taskId())).orElse(null)) {
            if (claim == null) {
                if (!waits) {
                    LOG.info("Task {}: schedule fire {} skipped, the task runs on another node", request.taskId(),
                            request.id());
                }
                return;
            }
            dispatcher.admit(request).join();
        } catch (SQLException e) {
            throw new JobExecutionException("task " + request.taskId() + ": its claim in the cluster could not be"
                    + " taken, request " + request.id() + " did not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
