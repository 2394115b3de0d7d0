package io.cardlink.api.store;

import io.cardlink.api.run.Run;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The history of scheduled-task runs. Each method is one transaction. Whether a run is a dry run is set when it is
 * created; {@link #listForTask} lists dry runs with the others, the "latest" methods leave them out. A run's node
 * ({@link Run#node()}) is set when it is created and by an update that names one; an update that names none keeps
 * it. Its confirmation of removals ({@link Run#confirmRemovals()}) is set when it is created or by
 * {@link #confirmRemovals}, and an update keeps it.
 */
@ProviderType
public interface RunStore {

    Run create(Run run);

    Run update(Run run);

    Optional<Run> find(String id);

    /**
     * Lets a run mark removed cards beyond its task's threshold, touching nothing else of it (its node may be
     * running it); returns the run.
     */
    Run confirmRemovals(String id);

    /**
     * Asks the unfinished runs of a task to stop, whichever node runs them; returns how many. The node that runs one
     * reads it with {@link #stopRequested}.
     */
    int requestStop(String taskId);

    /** The runs running now, on whichever node, the oldest first. */
    List<Run> running();

    /** Whether a stop of the run was asked for; false for a run that does not exist. */
    boolean stopRequested(String id);

    /** The newest runs of a task first, at most {@code limit}. */
    List<Run> listForTask(String taskId, int limit);

    /** The newest run of a task that is not a dry run, if it ever ran. */
    Optional<Run> latest(String taskId);

    /** The newest run of a task that ended in success and is not a dry run: when it last did its job. */
    Optional<Run> latestSucceeded(String taskId);

    /**
     * The newest run of a task that got past waiting (its extract phase started): the last extract and load status
     * of the task list.
     */
    Optional<Run> latestStarted(String taskId);

    /**
     * {@link #latestStarted} of every task of a connector that ever started a run, by task id, in one query: the
     * columns of a task list.
     */
    Map<String, Run> latestStartedOfConnector(String connectorId);

    /**
     * Marks the runs of {@code node} left unfinished by its crash or stop as interrupted, and only those: another
     * node's runs go on. Returns how many.
     */
    int markUnfinishedInterrupted(String node);

    /**
     * Removes the finished runs of a task that are both beyond its newest {@code keepNewest} runs and recorded before
     * {@code recordedBefore}; returns how many.
     */
    int removeFinished(String taskId, int keepNewest, Instant recordedBefore);
}
