package io.cardlink.mapping.internal;

import java.util.Set;

/** Attributes of a target template that the instance sets itself and that a mapping therefore may not write. */
final class TargetAttributes {
    static final Set<String> GENERATED =
            Set.of("efecte_id", "created", "updated", "creator", "latest_update_by", "last_update_by");

    private TargetAttributes() {
    }

    static boolean generated(String code) {
        return GENERATED.contains(code);
    }
}
