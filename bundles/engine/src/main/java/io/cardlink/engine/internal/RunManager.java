package io.cardlink.engine.internal;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.Validation;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.run.DryRunReport;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.scheduler.RunAdmission;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.service.RunService;
import io.cardlink.api.service.TaskRunState;
import io.cardlink.api.store.ConnectorStore;
import io.cardlink.api.store.RunStore;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.ScheduledTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Runs as operators drive them (REST, shell): thin over the scheduler, the run store and the sync engine. */
@Component(service = RunService.class)
public class RunManager implements RunService {
    private final ConnectorStore connectors;
    private final TaskStore tasks;
    private final RunStore runs;
    private final TaskScheduler scheduler;
    private final SyncEngine engine;

    @Activate
    public RunManager(@Reference ConnectorStore connectors, @Reference TaskStore tasks, @Reference RunStore runs,
            @Reference TaskScheduler scheduler, @Reference SyncEngine engine) {
        this.connectors = connectors;
        this.tasks = tasks;
        this.runs = runs;
        this.scheduler = scheduler;
        this.engine = engine;
    }

    @Override
    public Run runNow(String connector, String task, boolean confirmRemovals) {
        return runNow(connector, task, confirmRemovals, false);
    }

    @Override
    public Run runNow(String connector, String task, boolean confirmRemovals, boolean dryRun) {
        ScheduledTask found = task(connector, task);
        RunAdmission admission = scheduler.runNow(found.id(), dryRun);
        RunStatus status = admission.outcome() == RunAdmission.Outcome.STARTED ? RunStatus.SCHEDULED
                : RunStatus.WAITING;
        Run run = engine.record(admission.request(), status, confirmRemovals);
        if (run == null) {
            throw new NotFoundException("scheduled task '" + task + "' does not exist");
        }
        return run;
    }

    /** Stops the task's run on this node, and asks the node that runs it, whichever that is, through its record. */
    @Override
    public boolean stop(String connector, String task) {
        String taskId = task(connector, task).id();
        boolean here = scheduler.stop(taskId);
        return runs.requestStop(taskId) > 0 || here;
    }

    @Override
    public long clearCache(String connector, String task) {
        return engine.clear(task(connector, task).id());
    }

    @Override
    public TaskRunState state(String connector, String task) {
        ScheduledTask found = task(connector, task);
        return new TaskRunState(found.id(), scheduler.isRunning(found.id()),
                scheduler.nextFireTime(found.id()).orElse(null), runs.latest(found.id()).orElse(null));
    }

    @Override
    public List<Run> history(String connector, String task, int limit) {
        new Validation().check(limit >= 1 && limit <= MAX_HISTORY, "limit", "must be between 1 and " + MAX_HISTORY)
                .throwIfInvalid();
        return runs.listForTask(task(connector, task).id(), limit);
    }

    @Override
    public Run get(String runId) {
        return runs.find(runId).orElseThrow(() -> new NotFoundException("run '" + runId + "' does not exist"));
    }

    @Override
    public Path extractFile(String runId) {
        Run run = get(runId);
        return engine.extracts().find(run.extractFile()).orElseThrow(() -> new NotFoundException(
                "run '" + runId + "' has no extract file" + (run.extractFile() == null ? "" : " any more")));
    }

    @Override
    public DryRunReport dryRunReport(String runId) {
        Run run = get(runId);
        return DryRunFiles.read(dryRunFile(run), run.id(), run.taskId(), run.counts());
    }

    @Override
    public Path dryRunFile(String runId) {
        return dryRunFile(get(runId));
    }

    private Path dryRunFile(Run run) {
        if (!run.dryRun()) {
            throw new NotFoundException("run '" + run.id() + "' is not a dry run");
        }
        if (!run.status().finished()) {
            throw new NotFoundException("dry run '" + run.id() + "' has not ended yet");
        }
        Path file = engine.extracts().dryRunFile(run.taskId(), run.id());
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("dry run '" + run.id() + "' has no file"
                    + (run.status() == RunStatus.SUCCESS || run.status() == RunStatus.COMPLETED_WITH_ERRORS
                            ? " any more" : ": it ended " + run.status()));
        }
        return file;
    }

    /** A scheduled task of a connector, each given by id or name. */
    ScheduledTask task(String connector, String task) {
        Connector owner = connectors.find(connector).or(() -> connectors.findByName(connector))
                .orElseThrow(() -> new NotFoundException("connector '" + connector + "' does not exist"));
        return tasks.listScheduled(owner.id()).stream()
                .filter(t -> t.id().equals(task) || t.name().equals(task))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("connector '" + owner.name() + "' has no scheduled task '"
                        + task + "'"));
    }
}
