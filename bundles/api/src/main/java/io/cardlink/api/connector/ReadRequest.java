package io.cardlink.api.connector;

import java.util.List;
import java.util.Map;

/**
 * Which cards to read: a template, optionally a folder, and the task's own settings (those of
 * {@link ConnectorType#taskSettings()}, opaque to the engine, translated by the type: such as a filter in its query
 * language). Every part given must hold. Empty {@code attributes} means all of them. Cards in the instance's trash
 * are read only with {@code includeRemoved}. A changed-since bound ({@link ChangedRead}) or a match by ids or keys
 * ({@link KeyLookup}) is given beside the request, to the operation that takes it.
 */
public record ReadRequest(String templateCode, String folderCode, Map<String, String> taskSettings,
        List<String> attributes, boolean includeRemoved) {

    public ReadRequest {
        taskSettings = taskSettings == null ? Map.of() : Map.copyOf(taskSettings);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    public ReadRequest(String templateCode, String folderCode, Map<String, String> taskSettings,
            List<String> attributes) {
        this(templateCode, folderCode, taskSettings, attributes, false);
    }

    public static ReadRequest all(String templateCode) {
        return new ReadRequest(templateCode, null, null, List.of());
    }

    /** The cards of a template in a folder (null: any), read with {@code attributes} (empty: all of them). */
    public static ReadRequest of(String templateCode, String folderCode, List<String> attributes) {
        return new ReadRequest(templateCode, folderCode, null, attributes);
    }

    /** This request, reading the cards in the instance's trash too. */
    public ReadRequest withRemoved() {
        return new ReadRequest(templateCode, folderCode, taskSettings, attributes, true);
    }
}
