package io.cardlink.storage.jpa.internal;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** The incremental watermark of one scheduled task: a change mark of its connector's far side. */
@Entity
@Table(name = "CARDLINK_TASK_WATERMARK")
public class TaskWatermarkEntity {

    @Id
    @Column(name = "TASK_ID", length = 64)
    private String taskId;

    @Column(name = "MARK", length = 200, nullable = false)
    private String watermark;

    @Column(name = "UPDATED_AT", nullable = false)
    private Instant updatedAt;

    protected TaskWatermarkEntity() {
    }

    TaskWatermarkEntity(String taskId) {
        this.taskId = taskId;
    }

    String watermark() {
        return watermark;
    }

    void set(String value, Instant now) {
        watermark = value;
        updatedAt = now;
    }
}
