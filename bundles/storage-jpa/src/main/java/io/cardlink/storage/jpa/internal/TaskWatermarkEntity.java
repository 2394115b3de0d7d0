package io.cardlink.storage.jpa.internal;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** The incremental watermark of one scheduled task. */
@Entity
@Table(name = "CARDLINK_TASK_WATERMARK")
public class TaskWatermarkEntity {

    @Id
    @Column(name = "TASK_ID", length = 64)
    private String taskId;

    @Column(name = "WATERMARK", nullable = false)
    private Instant watermark;

    @Column(name = "UPDATED_AT", nullable = false)
    private Instant updatedAt;

    protected TaskWatermarkEntity() {
    }

    TaskWatermarkEntity(String taskId) {
        this.taskId = taskId;
    }

    Instant watermark() {
        return watermark;
    }

    void set(Instant value, Instant now) {
        watermark = value;
        updatedAt = now;
    }
}
