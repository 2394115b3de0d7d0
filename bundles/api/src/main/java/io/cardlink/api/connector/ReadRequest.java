package io.cardlink.api.connector;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Which cards to read: a template, optionally a folder, the task's own settings (those of
 * {@link ConnectorType#taskSettings()}, opaque to the engine, translated by the type: such as a filter in its query
 * language), cards picked by id or key ({@link CardMatch}), and for incremental reads the
 * lower bound (inclusive) of the time the cards last changed. Every part given must hold. Empty
 * {@code attributes} means all of them. Cards in the instance's trash are read only with {@code includeRemoved}.
 */
public record ReadRequest(String templateCode, String folderCode, Map<String, String> taskSettings,
        Instant updatedSince, List<String> attributes, CardMatch match, boolean includeRemoved) {

    public ReadRequest {
        taskSettings = taskSettings == null ? Map.of() : Map.copyOf(taskSettings);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    public ReadRequest(String templateCode, String folderCode, Map<String, String> taskSettings,
            Instant updatedSince, List<String> attributes) {
        this(templateCode, folderCode, taskSettings, updatedSince, attributes, null, false);
    }

    public static ReadRequest all(String templateCode) {
        return new ReadRequest(templateCode, null, null, null, List.of());
    }

    /** The cards of a template that {@code match} picks, read with {@code attributes} (empty: all of them). */
    public static ReadRequest matching(String templateCode, String folderCode, CardMatch match,
            List<String> attributes) {
        return new ReadRequest(templateCode, folderCode, null, null, attributes, match, false);
    }

    /** This request, reading the cards in the instance's trash too. */
    public ReadRequest withRemoved() {
        return new ReadRequest(templateCode, folderCode, taskSettings, updatedSince, attributes, match, true);
    }
}
