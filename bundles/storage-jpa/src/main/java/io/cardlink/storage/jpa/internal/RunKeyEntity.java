package io.cardlink.storage.jpa.internal;

import java.io.Serializable;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** A unique key that a run has read. */
@Entity
@Table(name = "CARDLINK_RUN_KEY")
@IdClass(RunKeyEntity.Key.class)
public class RunKeyEntity {

    @Id
    @Column(name = "RUN_ID", length = 100)
    private String runId;

    @Id
    @Column(name = "UNIQUE_KEY", length = 255)
    private String uniqueKey;

    protected RunKeyEntity() {
    }

    RunKeyEntity(String runId, String uniqueKey) {
        this.runId = runId;
        this.uniqueKey = uniqueKey;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String runId;
        private String uniqueKey;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(runId, key.runId)
                    && Objects.equals(uniqueKey, key.uniqueKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, uniqueKey);
        }
    }
}
