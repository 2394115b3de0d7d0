package io.cardlink.api.store;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Per scheduled task: the cache of what was loaded (unique key, fingerprint, local card id), read and written a page
 * of keys at a time so that a task is never held in memory as a whole; and the incremental watermark, which
 * clearing the cache leaves alone. Each method is one transaction.
 */
@ProviderType
public interface TaskCacheStore {

    /** The longest unique key the cache holds. */
    int MAX_KEY_LENGTH = 255;

    /** The entries of the given keys that the cache has, by key. */
    Map<String, CacheEntry> find(String taskId, Collection<String> uniqueKeys);

    /** Creates or replaces the entries of the given keys. */
    void save(String taskId, Collection<CacheEntry> entries);

    /**
     * Creates or replaces the entries of the given keys, where {@code cached} holds the keys that {@link #find} found
     * for this page: those are replaced, the others created without looking for them first. The outcome is that of
     * {@link #save(String, Collection)} even where {@code cached} is out of date.
     */
    default void save(String taskId, Collection<CacheEntry> entries, Set<String> cached) {
        save(taskId, entries);
    }

    /** Drops the entries of the given keys; returns how many there were. */
    long remove(String taskId, Collection<String> uniqueKeys);

    /** Drops every entry of a task; returns how many there were. */
    long clear(String taskId);

    /** Drops every entry of every task; returns how many there were. */
    long clearAll();

    /** How many entries a task has. */
    long count(String taskId);

    /**
     * The lower bound (inclusive) of the task's next incremental read: a change mark of the connector's far side
     * ({@link io.cardlink.api.connector.ChangedRead}), text the store keeps as given.
     */
    Optional<String> watermark(String taskId);

    /**
     * Keeps the task's watermark, a mark of at most {@link io.cardlink.api.connector.ChangedRead#MAX_MARK_LENGTH}
     * characters.
     */
    void saveWatermark(String taskId, String watermark);

    /** Forgets the watermark, so that the next incremental run reads everything; false when there was none. */
    boolean clearWatermark(String taskId);
}
