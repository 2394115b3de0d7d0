package io.cardlink.storage.jpa.internal;

import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.run.RunFailure;
import io.cardlink.api.run.RunStatus;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import org.hibernate.annotations.Type;

/**
 * One run of a scheduled task. {@code createdAt} is the store's own insertion time and orders a task's runs; the
 * info messages are a JSON array, bounded by {@link RunInfo}.
 */
@Entity
@Table(name = "CARDLINK_RUN")
public class RunEntity {

    @Id
    @Column(name = "ID", length = 100)
    private String id;

    @Column(name = "TASK_ID", length = 64, nullable = false, updatable = false)
    private String taskId;

    @Column(name = "CONNECTOR_ID", length = 64, nullable = false, updatable = false)
    private String connectorId;

    @Column(name = "TRIGGER_KIND", length = 50)
    private String trigger;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", length = 30, nullable = false)
    private RunStatus status;

    @Column(name = "PLANNED_AT")
    private Instant plannedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "EXTRACT_STATUS", length = 30)
    private RunStatus extractStatus;

    @Column(name = "EXTRACT_STARTED_AT")
    private Instant extractStartedAt;

    @Column(name = "EXTRACT_COMPLETED_AT")
    private Instant extractCompletedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "LOAD_STATUS", length = 30)
    private RunStatus loadStatus;

    @Column(name = "LOAD_STARTED_AT")
    private Instant loadStartedAt;

    @Column(name = "LOAD_COMPLETED_AT")
    private Instant loadCompletedAt;

    @Column(name = "READ_COUNT", nullable = false)
    private long readCount;

    @Column(name = "CREATED_COUNT", nullable = false)
    private long createdCount;

    @Column(name = "UPDATED_COUNT", nullable = false)
    private long updatedCount;

    @Column(name = "UNCHANGED_COUNT", nullable = false)
    private long unchangedCount;

    @Column(name = "REMOVED_COUNT", nullable = false)
    private long removedCount;

    @Column(name = "FAILED_COUNT", nullable = false)
    private long failedCount;

    @Type(type = "text")
    @Column(name = "INFO", nullable = false)
    private String info;

    @Column(name = "EXTRACT_FILE", length = 1000)
    private String extractFile;

    @Column(name = "CREATED_AT", nullable = false, updatable = false)
    private Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "FAILURE", length = 30)
    private RunFailure failure;

    /** A dry run, set when the run is created: an update can't turn one run into the other kind. */
    @Column(name = "DRY_RUN", nullable = false, updatable = false)
    private boolean dryRun;

    /** The node that queued or runs the run; null for runs recorded before nodes were. */
    @Column(name = "NODE", length = Columns.NODE)
    private String node;

    @Column(name = "CONFIRM_REMOVALS", nullable = false)
    private boolean confirmRemovals;

    /** Set by {@code JpaRunStore#requestStop} only, whichever node runs the run. */
    @Column(name = "STOP_REQUESTED", nullable = false)
    private boolean stopRequested;

    protected RunEntity() {
    }

    RunEntity(String id, String taskId, String connectorId, Instant createdAt, boolean dryRun,
            boolean confirmRemovals) {
        this.id = id;
        this.taskId = taskId;
        this.connectorId = connectorId;
        this.createdAt = createdAt;
        this.dryRun = dryRun;
        this.confirmRemovals = confirmRemovals;
    }

    void confirmRemovals() {
        confirmRemovals = true;
    }

    /**
     * Copies what a run changes as it goes; the id, task, connector and the confirmation of removals stay, and so
     * does the node when the run names none.
     */
    void apply(Run run) {
        if (run.node() != null) {
            node = run.node();
        }
        trigger = run.trigger();
        status = run.status();
        plannedAt = run.plannedAt();
        Phase extract = run.extract();
        extractStatus = extract == null ? null : extract.status();
        extractStartedAt = extract == null ? null : extract.startedAt();
        extractCompletedAt = extract == null ? null : extract.completedAt();
        Phase load = run.load();
        loadStatus = load == null ? null : load.status();
        loadStartedAt = load == null ? null : load.startedAt();
        loadCompletedAt = load == null ? null : load.completedAt();
        RunCounts counts = run.counts();
        readCount = counts.read();
        createdCount = counts.created();
        updatedCount = counts.updated();
        unchangedCount = counts.unchanged();
        removedCount = counts.removed();
        failedCount = counts.failed();
        info = RunInfo.toJson(run.info());
        extractFile = run.extractFile();
        failure = run.failure();
    }

    /** Marks the run, and each phase it left unfinished, as interrupted. */
    void interrupt() {
        status = RunStatus.INTERRUPTED;
        if (extractStatus != null && !extractStatus.finished()) {
            extractStatus = RunStatus.INTERRUPTED;
        }
        if (loadStatus != null && !loadStatus.finished()) {
            loadStatus = RunStatus.INTERRUPTED;
        }
    }

    Run toRun() {
        Phase extract = extractStatus == null ? null : new Phase(extractStatus, extractStartedAt, extractCompletedAt);
        Phase load = loadStatus == null ? null : new Phase(loadStatus, loadStartedAt, loadCompletedAt);
        RunCounts counts = new RunCounts(readCount, createdCount, updatedCount, unchangedCount, removedCount,
                failedCount);
        return new Run(id, taskId, connectorId, trigger, status, plannedAt, extract, load, counts,
                Json.readStringList(info), extractFile, failure, dryRun, node, confirmRemovals);
    }
}
