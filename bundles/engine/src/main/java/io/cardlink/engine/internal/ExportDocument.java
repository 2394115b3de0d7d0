package io.cardlink.engine.internal;

import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import java.util.List;
import java.util.Map;

/**
 * The export file: readable JSON with the secrets encrypted. {@code authentication} is the HMAC of the document's
 * canonical form without it (see {@link ExportFormat#canonical}).
 */
record ExportDocument(String format, int version, String exportedAt, Encryption encryption,
        List<ExportedConnector> connectors, String authentication) {
    static final String FORMAT = "cardlink-export";
    /** Version 2: a scheduled task's type-specific fields are in its {@code settings}. */
    static final int VERSION = 2;
    /**
     * Version 1, still read: a scheduled task had its one type-specific field ({@code eqlFilter}) beside the others.
     */
    static final int TOP_LEVEL_SETTINGS = 1;

    ExportDocument {
        connectors = connectors == null ? List.of() : List.copyOf(connectors);
    }

    ExportDocument withAuthentication(String tag) {
        return new ExportDocument(format, version, exportedAt, encryption, connectors, tag);
    }

    /** How the secrets are encrypted; {@code keyCheck} lets an import tell a wrong password from a changed file. */
    record Encryption(String kdf, int iterations, String salt, String cipher, String keyCheck) {
    }

    /**
     * A connector with its tasks. Tasks are the API records without id, connector id and times; {@code secrets}
     * maps a secret setting's key to base64(iv || AES-GCM ciphertext).
     */
    record ExportedConnector(String name, String type, String description, Map<String, String> settings,
            Map<String, String> secrets, List<ScheduledTask> scheduledTasks, List<EventTask> eventTasks) {
        ExportedConnector {
            settings = settings == null ? Map.of() : settings;
            secrets = secrets == null ? Map.of() : secrets;
            scheduledTasks = scheduledTasks == null ? List.of() : List.copyOf(scheduledTasks);
            eventTasks = eventTasks == null ? List.of() : List.copyOf(eventTasks);
        }
    }
}
