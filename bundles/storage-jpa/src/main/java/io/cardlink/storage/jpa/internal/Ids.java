package io.cardlink.storage.jpa.internal;

import java.util.UUID;

/** Row ids: the caller's when it brings one, a random UUID otherwise. */
final class Ids {

    private Ids() {
    }

    static String orNew(String id) {
        return id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
    }
}
