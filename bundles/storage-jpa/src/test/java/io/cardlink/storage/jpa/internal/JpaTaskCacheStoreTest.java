package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.ChangedRead;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.store.CacheEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JpaTaskCacheStoreTest extends StoreTestBase {

    @Test
    void findsOnlyTheAskedKeysOfTheTask() {
        String connector = newConnector("acme");
        String task = tasks.createScheduled(Fixtures.scheduled(connector, "persons")).id();
        String other = tasks.createScheduled(Fixtures.scheduled(connector, "incidents")).id();
        caches.save(task, List.of(new CacheEntry("PER-1", "f1", "501"), new CacheEntry("PER-2", "f2", null)));
        caches.save(other, List.of(new CacheEntry("PER-1", "other", "777")));

        Map<String, CacheEntry> found = caches.find(task, List.of("PER-1", "PER-2", "PER-3"));

        assertEquals(Map.of("PER-1", new CacheEntry("PER-1", "f1", "501"), "PER-2", new CacheEntry("PER-2", "f2", null)),
                found);
        assertEquals(2, caches.count(task));
    }

    @Test
    void saveReplacesAnEntryAndLooksUpMoreKeysThanOneChunk() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("acme"), "persons")).id();
        List<CacheEntry> many = IntStream.range(0, JpaTaskCacheStore.CHUNK + 50)
                .mapToObj(i -> new CacheEntry("K-" + i, "f" + i, String.valueOf(i)))
                .collect(Collectors.toList());
        caches.save(task, many);
        caches.save(task, List.of(new CacheEntry("K-3", "changed", "3")));

        Map<String, CacheEntry> found = caches.find(task, many.stream().map(CacheEntry::uniqueKey).toList());

        assertEquals(many.size(), found.size());
        assertEquals("changed", found.get("K-3").fingerprint());
        assertEquals(many.size(), caches.count(task));
    }

    @Test
    void savingWithTheKeysThePageFoundInsertsTheOthersAndUpdatesThose() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("acme"), "persons")).id();
        caches.save(task, List.of(new CacheEntry("A", "a1", "1"), new CacheEntry("B", "b1", "2")));

        caches.save(task, List.of(new CacheEntry("B", "b2", "2"), new CacheEntry("C", "c1", "3"),
                new CacheEntry("A", "a2", "1")), Set.of("A", "B"));

        assertEquals(Map.of("A", new CacheEntry("A", "a2", "1"), "B", new CacheEntry("B", "b2", "2"),
                "C", new CacheEntry("C", "c1", "3")), caches.find(task, List.of("A", "B", "C")));
        assertEquals(3, caches.count(task));
    }

    @Test
    void savingWithKeysThatAreOutOfDateStillCreatesOrReplacesEachEntry() {
        String connector = newConnector("acme");
        String task = tasks.createScheduled(Fixtures.scheduled(connector, "persons")).id();
        String other = tasks.createScheduled(Fixtures.scheduled(connector, "incidents")).id();
        caches.save(task, List.of(new CacheEntry("A", "a1", "1")));
        caches.save(other, List.of(new CacheEntry("B", "other", "9")));

        // A arrived after the page read the cache; B was said to be cached but is not (it is another task's).
        caches.save(task, List.of(new CacheEntry("A", "a2", "1"), new CacheEntry("B", "b1", "2"),
                new CacheEntry("C", "c1", "3")), Set.of("B"));

        assertEquals(Map.of("A", new CacheEntry("A", "a2", "1"), "B", new CacheEntry("B", "b1", "2"),
                "C", new CacheEntry("C", "c1", "3")), caches.find(task, List.of("A", "B", "C")));
        assertEquals(3, caches.count(task));
        assertEquals(Map.of("B", new CacheEntry("B", "other", "9")), caches.find(other, List.of("A", "B", "C")));
    }

    @Test
    void clearingTheCacheKeepsTheWatermarkAndOtherTasks() {
        String connector = newConnector("acme");
        String task = tasks.createScheduled(Fixtures.scheduled(connector, "persons")).id();
        String other = tasks.createScheduled(Fixtures.scheduled(connector, "incidents")).id();
        caches.save(task, List.of(new CacheEntry("A", "f", "1"), new CacheEntry("B", "f", "2")));
        caches.save(other, List.of(new CacheEntry("A", "f", "1")));
        String mark = "2026-02-01T08:00:00.123Z";
        caches.saveWatermark(task, mark);

        assertEquals(2, caches.clear(task));

        assertEquals(0, caches.count(task));
        assertEquals(1, caches.count(other));
        assertEquals(Optional.of(mark), caches.watermark(task));
        assertEquals(1, caches.clearAll());
        assertEquals(0, caches.count(other));
    }

    @Test
    void removesSomeKeys() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("acme"), "persons")).id();
        caches.save(task, List.of(new CacheEntry("A", "f", "1"), new CacheEntry("B", "f", "2")));

        assertEquals(1, caches.remove(task, List.of("A", "C")));

        assertEquals(Set.of("B"), caches.find(task, List.of("A", "B")).keySet());
    }

    @Test
    void theWatermarkMovesAndCanBeForgotten() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("acme"), "persons")).id();
        assertEquals(Optional.empty(), caches.watermark(task));

        caches.saveWatermark(task, "2026-02-01T08:00:00Z");
        caches.saveWatermark(task, "change-7");

        assertEquals(Optional.of("change-7"), caches.watermark(task), "a mark is kept as given");
        ValidationException tooLong = assertThrows(ValidationException.class,
                () -> caches.saveWatermark(task, "x".repeat(ChangedRead.MAX_MARK_LENGTH + 1)));
        assertEquals("watermark", tooLong.problems().get(0).field());
        assertEquals(Optional.of("change-7"), caches.watermark(task));
        assertTrue(caches.clearWatermark(task));
        assertFalse(caches.clearWatermark(task));
        assertEquals(Optional.empty(), caches.watermark(task));
    }

    @Test
    void aKeyLongerThanTheColumnIsRefused() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("acme"), "persons")).id();

        assertThrows(ValidationException.class,
                () -> caches.save(task, List.of(new CacheEntry("k".repeat(256), "f", null))));
    }

    @Test
    void deletingATaskOrItsConnectorDropsItsCacheAndWatermark() {
        String connector = newConnector("acme");
        String task = tasks.createScheduled(Fixtures.scheduled(connector, "persons")).id();
        String other = tasks.createScheduled(Fixtures.scheduled(connector, "incidents")).id();
        caches.save(task, List.of(new CacheEntry("A", "f", "1")));
        caches.save(other, List.of(new CacheEntry("A", "f", "1")));
        caches.saveWatermark(task, "2026-02-01T08:00:00Z");

        assertTrue(tasks.deleteScheduled(task));

        assertEquals(0, caches.count(task));
        assertEquals(Optional.empty(), caches.watermark(task));
        assertTrue(connectors.delete(connector));
        assertEquals(0, caches.count(other));
    }

    @Test
    void theLatestStartedRunSkipsRunsThatStillWait() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("acme"), "persons")).id();
        String done = runs.create(Fixtures.run(task, RunStatus.SUCCESS)).id();
        List<String> waiting = new ArrayList<>();
        waiting.add(runs.create(new io.cardlink.api.run.Run(null, task, null, "manual", RunStatus.WAITING,
                Instant.now(), null, null, null, List.of(), null)).id());

        assertEquals(waiting.get(0), runs.latest(task).orElseThrow().id());
        assertEquals(done, runs.latestStarted(task).orElseThrow().id());
    }
}
