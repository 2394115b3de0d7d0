package io.cardlink.storage.jpa.internal;

import io.cardlink.api.task.EventTask;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.DiscriminatorValue;
import javax.persistence.Entity;
import org.hibernate.annotations.Type;

/** An event task; the workflows that use it are a JSON array, read and written with the task. */
@Entity
@DiscriminatorValue(EventTaskEntity.KIND)
public class EventTaskEntity extends TaskEntity {

    static final String KIND = "EVENT";

    @Type(type = "text")
    @Column(name = "WORKFLOW_REFERENCES")
    private String workflowReferences;

    protected EventTaskEntity() {
    }

    EventTaskEntity(String id, String connectorId, Instant createdAt) {
        super(id, connectorId, createdAt);
    }

    void apply(EventTask task, Instant now) {
        applyCommon(task.name(), task.remoteTemplate(), task.remoteFolder(), task.mapping(), now);
        workflowReferences = Json.write("workflowReferences", task.workflowReferences());
    }

    EventTask toTask() {
        return new EventTask(id, connectorId, name, remoteTemplate, remoteFolder, mapping(),
                Json.readStringList(workflowReferences), createdAt, updatedAt);
    }
}
