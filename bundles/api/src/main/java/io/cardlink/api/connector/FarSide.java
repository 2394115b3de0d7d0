package io.cardlink.api.connector;

import java.util.Set;

/**
 * The far side of a connection: the instance a connector points at, as every connector type offers it (it can be
 * checked and tells its templates). What else a type can do with it is the operation interfaces its far side
 * implements besides ({@link FullRead}, {@link ChangedRead}, {@link KeyLookup}, {@link CardCreate},
 * {@link CardUpdate}, {@link CardDelete}, {@link FileTransfer}); the engine derives the type's
 * {@link Capability capabilities} from them and offers nothing more. Requests and cards are in Cardlink's terms;
 * the far side speaks its instance's own language. Failures are {@link io.cardlink.api.CardlinkException}s whose
 * {@code retryable()} tells an outage from a refusal.
 */
public interface FarSide extends ConnectionCheck, SchemaRead {

    /**
     * The attribute by which the instance itself names every card, stable across its life and unique within the
     * instance (a Matrix42 instance's {@code efecte_id}), or null when cards have no such attribute. Run messages
     * name cards by it; references to templates that no task reads are matched by it.
     */
    default String cardKeyAttribute() {
        return null;
    }

    /** The attributes the instance sets on every card itself: not in any template's schema, never written. */
    default Set<String> instanceAttributes() {
        return Set.of();
    }

    /** The calls this far side tried again since it was opened, by cause; one that never retries has none. */
    default RetryCounts retries() {
        return RetryCounts.NONE;
    }
}
