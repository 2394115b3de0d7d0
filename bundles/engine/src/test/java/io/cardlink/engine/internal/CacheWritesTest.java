package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.store.CacheEntry;
import io.cardlink.api.store.TaskCacheStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CacheWritesTest {

    private static List<CacheEntry> page(int number) {
        List<CacheEntry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            entries.add(new CacheEntry("key-" + number + "-" + i, "fingerprint", "local-" + number + "-" + i));
        }
        return entries;
    }

    @Test
    void pagesAreSavedInTheOrderGivenAndAFlushWaitsForThemAll() {
        List<String> saved = Collections.synchronizedList(new ArrayList<>());
        MemoryStores store = new MemoryStores();
        TaskCacheStore hooked = hooked(store, entries -> {
            sleep(20);
            entries.forEach(entry -> saved.add(entry.uniqueKey()));
        });
        CacheWrites writes = new CacheWrites(hooked, "cache-test");
        for (int page = 0; page < 6; page++) {
            writes.save("task", page(page), Set.of());
        }

        writes.flush();

        assertEquals(18, saved.size());
        for (int i = 0; i < saved.size(); i++) {
            assertEquals("key-" + i / 3 + "-" + i % 3, saved.get(i));
        }
        assertEquals(18, store.count("task"));
    }

    @Test
    void aFailedSaveIsThrownToTheRunAndTheSavesAfterItAreNotMade() {
        RuntimeException broken = new IllegalStateException("the database is gone");
        AtomicInteger saves = new AtomicInteger();
        CountDownLatch secondHandedOver = new CountDownLatch(1);
        MemoryStores store = new MemoryStores();
        TaskCacheStore hooked = hooked(store, entries -> {
            if (saves.incrementAndGet() == 1) {
                await(secondHandedOver);
                throw broken;
            }
        });
        CacheWrites writes = new CacheWrites(hooked, "cache-test");
        writes.save("task", page(0));
        writes.save("task", page(1));
        secondHandedOver.countDown();

        assertSame(broken, assertThrows(IllegalStateException.class, writes::flush));
        assertSame(broken, assertThrows(IllegalStateException.class, () -> writes.save("task", page(2))));
        assertEquals(1, saves.get());
        assertEquals(0, store.count("task"));
    }

    @Test
    void theRunWaitsWhenThePagesToSaveFillTheQueue() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        MemoryStores store = new MemoryStores();
        TaskCacheStore hooked = hooked(store, entries -> await(release));
        CacheWrites writes = new CacheWrites(hooked, "cache-test");
        CountDownLatch handedOver = new CountDownLatch(CacheWrites.QUEUED + 2);
        Thread run = new Thread(() -> {
            for (int page = 0; page < CacheWrites.QUEUED + 2; page++) {
                writes.save("task", page(page));
                handedOver.countDown();
            }
        });
        run.start();

        // one page being saved and QUEUED waiting: the next one waits for room
        assertFalse(handedOver.await(300, TimeUnit.MILLISECONDS));
        assertEquals(1, handedOver.getCount());
        release.countDown();
        assertTrue(handedOver.await(5, TimeUnit.SECONDS));
        run.join(5_000);
        writes.flush();
        assertEquals(3L * (CacheWrites.QUEUED + 2), store.count("task"));
    }

    /** The store, with something done before each save (a wait, a failure). */
    private static TaskCacheStore hooked(MemoryStores store, Consumer<Collection<CacheEntry>> beforeSave) {
        return (TaskCacheStore) Proxy.newProxyInstance(CacheWritesTest.class.getClassLoader(),
                new Class<?>[] {TaskCacheStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("save")) {
                        @SuppressWarnings("unchecked")
                        Collection<CacheEntry> entries = (Collection<CacheEntry>) args[1];
                        beforeSave.accept(entries);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
