package io.cardlink.engine.internal;

import io.cardlink.api.store.CacheEntry;
import io.cardlink.api.store.TaskCacheStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The task cache as a run writes it: a page's entries are saved on a thread of the run's own, one page after the
 * other, while the run goes on with the next page (the saves were a quarter of the run thread's time). At most
 * {@link #QUEUED} pages wait; the run's thread waits for room beyond that, so memory stays bounded. Look-ups go
 * straight to the store.
 *
 * <p>A save that lags or is lost can only make the cache miss a card that landed, and the next run writes that card
 * again by its key: no card is skipped that did not land. {@link #flush()} waits for every save and throws the first
 * that failed, so a run reports its outcome, moves its watermark and marks removals only with its cache written.
 */
final class CacheWrites implements AutoCloseable {

    static final int QUEUED = 2;

    private final TaskCacheStore cache;
    private final ExecutorService writer;
    private final Semaphore room = new Semaphore(QUEUED + 1);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    CacheWrites(TaskCacheStore cache, String threadName) {
        this.cache = cache;
        // the thread starts with the first save, from the run's thread, whose log context it carries
        this.writer = Executors.newSingleThreadExecutor(task -> LogContext.daemonCarryingCurrent(threadName, task));
    }

    /** Saves a page's entries, as {@link TaskCacheStore#save(String, Collection)}. */
    void save(String taskId, Collection<CacheEntry> entries) {
        save(taskId, entries, null);
    }

    /** Saves a page's entries, as {@link TaskCacheStore#save(String, Collection, Set)}; {@code cached} may be null. */
    void save(String taskId, Collection<CacheEntry> entries, Set<String> cached) {
        throwIfFailed();
        if (entries.isEmpty()) {
            return;
        }
        List<CacheEntry> page = List.copyOf(entries);
        Set<String> found = cached == null ? null : Set.copyOf(cached);
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to save the task cache", e);
        }
        writer.execute(() -> {
            try {
                if (failure.get() == null) {
                    if (found == null) {
                        cache.save(taskId, page);
                    } else {
                        cache.save(taskId, page, found);
                    }
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                room.release();
            }
        });
    }

    /** Waits until every page handed over is saved; throws what made a save fail. No save is taken after it. */
    void flush() {
        close();
        throwIfFailed();
    }

    private void throwIfFailed() {
        RuntimeException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
    }

    /** Waits for the saves handed over; a run that failed keeps what its landed pages wrote to the cache. */
    @Override
    public void close() {
        ThreadsOfARun.end(writer);
    }

    /**
     * The entries of a page's keys that the cache has, from the store: a run's pages hold different keys, so no save
     * still pending holds one of them.
     */
    Map<String, CacheEntry> find(String taskId, Collection<String> uniqueKeys) {
        return cache.find(taskId, uniqueKeys);
    }
}
