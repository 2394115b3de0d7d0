package io.cardlink.storage.jpa.internal;

import io.cardlink.api.store.CacheEntry;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** One unique key of a scheduled task's cache. */
@Entity
@Table(name = "CARDLINK_TASK_CACHE")
@IdClass(TaskCacheEntity.Key.class)
public class TaskCacheEntity {

    @Id
    @Column(name = "TASK_ID", length = 64)
    private String taskId;

    @Id
    @Column(name = "UNIQUE_KEY", length = 255)
    private String uniqueKey;

    @Column(name = "FINGERPRINT", length = 64, nullable = false)
    private String fingerprint;

    @Column(name = "LOCAL_ID", length = 100)
    private String localId;

    @Column(name = "UPDATED_AT", nullable = false)
    private Instant updatedAt;

    protected TaskCacheEntity() {
    }

    TaskCacheEntity(String taskId, String uniqueKey) {
        this.taskId = taskId;
        this.uniqueKey = uniqueKey;
    }

    String uniqueKey() {
        return uniqueKey;
    }

    void apply(CacheEntry entry, Instant now) {
        fingerprint = entry.fingerprint();
        localId = entry.localId();
        updatedAt = now;
    }

    CacheEntry toEntry() {
        return new CacheEntry(uniqueKey, fingerprint, localId);
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String taskId;
        private String uniqueKey;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(taskId, key.taskId)
                    && Objects.equals(uniqueKey, key.uniqueKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(taskId, uniqueKey);
        }
    }
}
