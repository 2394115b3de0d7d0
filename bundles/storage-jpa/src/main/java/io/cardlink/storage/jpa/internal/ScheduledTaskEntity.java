package io.cardlink.storage.jpa.internal;

import io.cardlink.api.task.FailureCardTarget;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.time.Instant;
import java.util.Map;
import javax.persistence.Column;
import javax.persistence.DiscriminatorValue;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import org.hibernate.annotations.Type;

/**
 * A scheduled task: schedule, mode, removal policy and failure card target as plain columns; the connector type's task
 * settings as one JSON column.
 */
@Entity
@DiscriminatorValue(ScheduledTaskEntity.KIND)
public class ScheduledTaskEntity extends TaskEntity {

    static final String KIND = "SCHEDULED";

    @Column(name = "ENABLED")
    private boolean enabled;

    @Column(name = "SCHEDULE_CRON", length = 200)
    private String scheduleCron;

    @Column(name = "SCHEDULE_INTERVAL_SECONDS")
    private Long scheduleIntervalSeconds;

    @Enumerated(EnumType.STRING)
    @Column(name = "TASK_MODE", length = 20)
    private TaskMode mode;

    /** The task settings of the connector type as a JSON object; null when there are none. */
    @Type(type = "text")
    @Column(name = "SETTINGS")
    private String settings;

    @Column(name = "REMOVAL_STATUS_ATTRIBUTE", length = 200)
    private String removalStatusAttribute;

    @Column(name = "REMOVAL_REMOVED_VALUE", length = 200)
    private String removalRemovedValue;

    @Column(name = "REMOVAL_THRESHOLD_PERCENT")
    private Integer removalThresholdPercent;

    @Column(name = "REMOVAL_REACTIVATE_RETURNING")
    private Boolean removalReactivateReturning;

    @Column(name = "FAILURE_TEMPLATE", length = 200)
    private String failureTemplate;

    @Column(name = "FAILURE_FOLDER", length = 200)
    private String failureFolder;

    @Column(name = "FAILURE_ATTRIBUTE", length = 200)
    private String failureAttribute;

    protected ScheduledTaskEntity() {
    }

    ScheduledTaskEntity(String id, String connectorId, Instant createdAt) {
        super(id, connectorId, createdAt);
    }

    void apply(ScheduledTask task, Instant now) {
        applyCommon(task.name(), task.remoteTemplate(), task.remoteFolder(), task.mapping(), now);
        enabled = task.enabled();
        Schedule schedule = task.schedule();
        scheduleCron = schedule == null ? null : schedule.cron();
        scheduleIntervalSeconds = schedule == null ? null : schedule.intervalSeconds();
        mode = task.mode();
        settings = task.settings().isEmpty() ? null : Json.write("settings", task.settings());
        RemovalPolicy removal = task.removal();
        removalStatusAttribute = removal == null ? null : removal.statusAttribute();
        removalRemovedValue = removal == null ? null : removal.removedValue();
        removalThresholdPercent = removal == null ? null : removal.thresholdPercent();
        removalReactivateReturning = removal == null ? null : removal.reactivateReturning();
        FailureCardTarget failure = task.failureCard();
        failureTemplate = failure == null ? null : failure.template();
        failureFolder = failure == null ? null : failure.folder();
        failureAttribute = failure == null ? null : failure.attribute();
    }

    ScheduledTask toTask() {
        Schedule schedule = scheduleCron == null && scheduleIntervalSeconds == null ? null
                : new Schedule(scheduleCron, scheduleIntervalSeconds);
        RemovalPolicy removal = removalThresholdPercent == null ? null
                : new RemovalPolicy(removalStatusAttribute, removalRemovedValue, removalThresholdPercent,
                        Boolean.TRUE.equals(removalReactivateReturning));
        FailureCardTarget failure = failureTemplate == null && failureFolder == null && failureAttribute == null
                ? null : new FailureCardTarget(failureTemplate, failureFolder, failureAttribute);
        return new ScheduledTask(id, connectorId, name, enabled, schedule, mode,
                settings == null ? Map.of() : Json.readStringMap(settings), remoteTemplate,
                remoteFolder, mapping(), removal, failure, createdAt, updatedAt);
    }
}
