package io.cardlink.api.connector;

import java.time.Instant;
import java.util.List;

/**
 * Which cards to read: a template, optionally a folder and an EQL condition, and for incremental reads the lower
 * bound (inclusive) of the {@code updated} attribute. Empty {@code attributes} means all of them.
 */
public record ReadRequest(String templateCode, String folderCode, String eqlFilter, Instant updatedSince,
        List<String> attributes) {

    public ReadRequest {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    public static ReadRequest all(String templateCode) {
        return new ReadRequest(templateCode, null, null, null, List.of());
    }
}
