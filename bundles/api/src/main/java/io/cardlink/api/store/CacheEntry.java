package io.cardlink.api.store;

import java.util.Objects;

/**
 * What a scheduled task last loaded for one unique key: the fingerprint of the mapped card and the id of the card
 * in the local instance (null when not known).
 */
public record CacheEntry(String uniqueKey, String fingerprint, String localId) {
    public CacheEntry {
        Objects.requireNonNull(uniqueKey, "uniqueKey");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
