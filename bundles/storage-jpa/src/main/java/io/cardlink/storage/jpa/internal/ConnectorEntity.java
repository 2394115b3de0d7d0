package io.cardlink.storage.jpa.internal;

import io.cardlink.api.connector.Connector;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.MapKeyColumn;
import javax.persistence.Table;
import org.hibernate.annotations.Type;

/** A connector row; its sealed secrets live in their own table, one row per secret. */
@Entity
@Table(name = "CARDLINK_CONNECTOR")
public class ConnectorEntity {

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "NAME", length = 200, nullable = false)
    private String name;

    @Column(name = "TYPE_ID", length = 100, nullable = false)
    private String typeId;

    @Column(name = "DESCRIPTION", length = 2000)
    private String description;

    @Type(type = "text")
    @Column(name = "SETTINGS", nullable = false)
    private String settings;

    @ElementCollection
    @CollectionTable(name = "CARDLINK_CONNECTOR_SECRET", joinColumns = @JoinColumn(name = "CONNECTOR_ID"))
    @MapKeyColumn(name = "NAME", length = 200)
    @Column(name = "SEALED_VALUE", length = 8000, nullable = false)
    private Map<String, String> sealedSecrets = new HashMap<>();

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    @Column(name = "UPDATED_AT", nullable = false)
    private Instant updatedAt;

    protected ConnectorEntity() {
    }

    ConnectorEntity(String id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    /** Copies every field but the id and the creation time. */
    void apply(Connector connector, Instant now) {
        name = connector.name();
        typeId = connector.typeId();
        description = connector.description();
        settings = Json.write("settings", connector.settings());
        sealedSecrets.clear();
        sealedSecrets.putAll(connector.sealedSecrets());
        updatedAt = now;
    }

    /** Puts other sealed values in place of the secrets, such as the same secrets under a new key. */
    void replaceSecrets(Map<String, String> sealed) {
        sealedSecrets.clear();
        sealedSecrets.putAll(sealed);
    }

    /** Drops the settings and secrets named {@code keys}; true when it held any of them. */
    boolean removeKeys(Set<String> keys) {
        Map<String, String> plain = new HashMap<>(Json.readStringMap(settings));
        boolean changed = plain.keySet().removeAll(keys) | sealedSecrets.keySet().removeAll(keys);
        if (changed) {
            settings = Json.write("settings", plain);
        }
        return changed;
    }

    Connector toConnector() {
        return new Connector(id, name, typeId, description, Json.readStringMap(settings), sealedSecrets, createdAt,
                updatedAt);
    }
}
