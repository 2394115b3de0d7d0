package io.cardlink.storage.jpa.internal;

import io.cardlink.api.task.EventTask;
import java.time.Instant;
import java.util.List;
import javax.persistence.Column;
import javax.persistence.DiscriminatorValue;
import javax.persistence.Entity;

/**
 * An event task. Its workflow references are rows of their own ({@link WorkflowReferenceEntity}); the store reads
 * them with the task.
 */
@Entity
@DiscriminatorValue(EventTaskEntity.KIND)
public class EventTaskEntity extends TaskEntity {

    static final String KIND = "EVENT";

    @Column(name = "LOCAL_TEMPLATE", length = 200)
    private String localTemplate;

    @Column(name = "LOCAL_FOLDER", length = 200)
    private String localFolder;

    protected EventTaskEntity() {
    }

    EventTaskEntity(String id, String connectorId, Instant createdAt) {
        super(id, connectorId, createdAt);
    }

    void apply(EventTask task, Instant now) {
        applyCommon(task.name(), task.remoteTemplate(), task.remoteFolder(), task.mapping(), now);
        localTemplate = task.localTemplate();
        localFolder = task.localFolder();
    }

    EventTask toTask(List<String> workflowReferences) {
        return new EventTask(id, connectorId, name, localTemplate, localFolder, remoteTemplate, remoteFolder, mapping(),
                workflowReferences, createdAt, updatedAt);
    }
}
