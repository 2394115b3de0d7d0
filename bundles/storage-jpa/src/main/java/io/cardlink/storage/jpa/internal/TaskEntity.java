package io.cardlink.storage.jpa.internal;

import io.cardlink.api.task.Mapping;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.DiscriminatorColumn;
import javax.persistence.DiscriminatorType;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Inheritance;
import javax.persistence.InheritanceType;
import javax.persistence.Table;
import org.hibernate.annotations.Type;

/**
 * What scheduled and event tasks have in common. Both kinds share one table so that the database itself keeps task
 * names unique within a connector across kinds. The mapping is a JSON column: it is read and written whole with its
 * task, never queried by its parts, and its shape follows the API record without a schema migration.
 */
@Entity
@Table(name = "CARDLINK_TASK")
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
@DiscriminatorColumn(name = "KIND", length = 20, discriminatorType = DiscriminatorType.STRING)
public abstract class TaskEntity {

    @Id
    @Column(name = "ID", length = 64)
    protected String id;

    @Column(name = "CONNECTOR_ID", length = 64, nullable = false, updatable = false)
    protected String connectorId;

    @Column(name = "NAME", length = 200, nullable = false)
    protected String name;

    @Column(name = "REMOTE_TEMPLATE", length = 200)
    protected String remoteTemplate;

    @Column(name = "REMOTE_FOLDER", length = 200)
    protected String remoteFolder;

    @Type(type = "text")
    @Column(name = "MAPPING")
    protected String mapping;

    @Column(name = "CREATED_AT", nullable = false)
    protected Instant createdAt;

    @Column(name = "UPDATED_AT", nullable = false)
    protected Instant updatedAt;

    protected TaskEntity() {
    }

    protected TaskEntity(String id, String connectorId, Instant createdAt) {
        this.id = id;
        this.connectorId = connectorId;
        this.createdAt = createdAt;
    }

    String id() {
        return id;
    }

    String connectorId() {
        return connectorId;
    }

    String name() {
        return name;
    }

    protected void applyCommon(String name, String remoteTemplate, String remoteFolder, Mapping mapping,
            Instant now) {
        this.name = name;
        this.remoteTemplate = remoteTemplate;
        this.remoteFolder = remoteFolder;
        this.mapping = mapping == null ? null : Json.write("mapping", mapping);
        this.updatedAt = now;
    }

    protected Mapping mapping() {
        return mapping == null ? null : Json.read(mapping, Mapping.class);
    }
}
