package io.cardlink.engine.internal;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.store.CacheEntry;
import io.cardlink.api.store.RunStore;
import io.cardlink.api.store.TaskCacheStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The stores the pipeline uses, in memory, recording every run update so that tests can look at progress. */
final class MemoryStores implements RunStore, TaskCacheStore {

    final Map<String, Run> runs = new LinkedHashMap<>();
    final List<Run> updates = new ArrayList<>();
    final Map<String, Map<String, CacheEntry>> caches = new ConcurrentHashMap<>();
    final Map<String, String> watermarks = new ConcurrentHashMap<>();
    final Set<String> knownTasks = new HashSet<>();

    @Override
    public synchronized Run create(Run run) {
        if (!knownTasks.contains(run.taskId())) {
            throw new NotFoundException("no scheduled task with id '" + run.taskId() + "'");
        }
        String id = run.id() == null ? UUID.randomUUID().toString() : run.id();
        if (runs.containsKey(id)) {
            throw new ConflictException("a run with id '" + id + "' already exists");
        }
        Run created = new Run(id, run.taskId(), "connector", run.trigger(), run.status(), run.plannedAt(),
                run.extract(), run.load(), run.counts(), run.info(), run.extractFile(), run.failure(), run.dryRun(),
                run.node(), run.confirmRemovals());
        runs.put(id, created);
        return created;
    }

    @Override
    public synchronized Run update(Run run) {
        if (!runs.containsKey(run.id())) {
            throw new NotFoundException("no run with id '" + run.id() + "'");
        }
        // As in the database, the kind of a run and its confirmation are set when it is created, and an update that
        // names no node keeps the run's.
        Run before = runs.get(run.id());
        Run stored = new Run(run.id(), run.taskId(), run.connectorId(), run.trigger(), run.status(), run.plannedAt(),
                run.extract(), run.load(), run.counts(), run.info(), run.extractFile(), run.failure(),
                before.dryRun(), run.node() == null ? before.node() : run.node(), before.confirmRemovals());
        runs.put(run.id(), stored);
        updates.add(stored);
        return stored;
    }

    final Set<String> stopsRequested = new HashSet<>();

    @Override
    public synchronized int requestStop(String taskId) {
        int asked = 0;
        for (Run run : runs.values()) {
            if (run.taskId().equals(taskId) && !run.status().finished()) {
                stopsRequested.add(run.id());
                asked++;
            }
        }
        return asked;
    }

    @Override
    public synchronized List<Run> running() {
        return runs.values().stream().filter(run -> run.status() == RunStatus.RUNNING).toList();
    }

    @Override
    public synchronized boolean stopRequested(String id) {
        return stopsRequested.contains(id);
    }

    @Override
    public synchronized Run confirmRemovals(String id) {
        Run run = runs.get(id);
        if (run == null) {
            throw new NotFoundException("no run with id '" + id + "'");
        }
        Run confirmed = new Run(run.id(), run.taskId(), run.connectorId(), run.trigger(), run.status(),
                run.plannedAt(), run.extract(), run.load(), run.counts(), run.info(), run.extractFile(), run.failure(),
                run.dryRun(), run.node(), true);
        runs.put(id, confirmed);
        return confirmed;
    }

    @Override
    public synchronized Optional<Run> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public synchronized List<Run> listForTask(String taskId, int limit) {
        List<Run> list = new ArrayList<>(runs.values().stream().filter(r -> r.taskId().equals(taskId)).toList());
        java.util.Collections.reverse(list);
        return list.subList(0, Math.min(limit, list.size()));
    }

    @Override
    public Optional<Run> latest(String taskId) {
        return listForTask(taskId, Integer.MAX_VALUE).stream().filter(r -> !r.dryRun()).findFirst();
    }

    @Override
    public Optional<Run> latestSucceeded(String taskId) {
        return listForTask(taskId, Integer.MAX_VALUE).stream()
                .filter(r -> !r.dryRun() && r.status() == RunStatus.SUCCESS).findFirst();
    }

    @Override
    public Optional<Run> latestStarted(String taskId) {
        return listForTask(taskId, Integer.MAX_VALUE).stream()
                .filter(r -> !r.dryRun() && r.extract() != null && r.extract().startedAt() != null).findFirst();
    }

    /** A clean-up's call: which task, how many kept, the cut-off. */
    record Removal(String taskId, int keepNewest, Instant recordedBefore) {
    }

    final List<Removal> removals = new ArrayList<>();

    /** Takes a run's planned time as the time it was recorded. */
    @Override
    public synchronized int removeFinished(String taskId, int keepNewest, Instant recordedBefore) {
        removals.add(new Removal(taskId, keepNewest, recordedBefore));
        List<Run> newestFirst = listForTask(taskId, Integer.MAX_VALUE);
        int removed = 0;
        for (Run run : newestFirst.subList(Math.min(keepNewest, newestFirst.size()), newestFirst.size())) {
            if (run.status().finished() && run.plannedAt().isBefore(recordedBefore)) {
                runs.remove(run.id());
                removed++;
            }
        }
        return removed;
    }

    @Override
    public synchronized Map<String, Run> latestStartedOfConnector(String connectorId) {
        Map<String, Run> latest = new HashMap<>();
        runs.values().stream().filter(r -> connectorId.equals(r.connectorId())).map(Run::taskId).distinct()
                .forEach(task -> latestStarted(task).ifPresent(run -> latest.put(task, run)));
        return latest;
    }

    @Override
    public synchronized int markUnfinishedInterrupted(String node) {
        int n = 0;
        for (Run run : new ArrayList<>(runs.values())) {
            if (!run.status().finished() && (run.node() == null || run.node().equals(node))) {
                runs.put(run.id(), new Run(run.id(), run.taskId(), run.connectorId(), run.trigger(),
                        RunStatus.INTERRUPTED, run.plannedAt(), run.extract(), run.load(), run.counts(), run.info(),
                        run.extractFile(), run.failure(), run.dryRun(), run.node(), run.confirmRemovals()));
                n++;
            }
        }
        return n;
    }

    @Override
    public Map<String, CacheEntry> find(String taskId, Collection<String> uniqueKeys) {
        Map<String, CacheEntry> cache = caches.getOrDefault(taskId, Map.of());
        Map<String, CacheEntry> found = new HashMap<>();
        uniqueKeys.forEach(key -> {
            if (cache.containsKey(key)) {
                found.put(key, cache.get(key));
            }
        });
        return found;
    }

    @Override
    public void save(String taskId, Collection<CacheEntry> entries) {
        Map<String, CacheEntry> cache = caches.computeIfAbsent(taskId, t -> new ConcurrentHashMap<>());
        entries.forEach(entry -> cache.put(entry.uniqueKey(), entry));
    }

    @Override
    public long remove(String taskId, Collection<String> uniqueKeys) {
        Map<String, CacheEntry> cache = caches.getOrDefault(taskId, new HashMap<>());
        return uniqueKeys.stream().filter(key -> cache.remove(key) != null).count();
    }

    @Override
    public long clear(String taskId) {
        Map<String, CacheEntry> removed = caches.remove(taskId);
        return removed == null ? 0 : removed.size();
    }

    @Override
    public long clearAll() {
        long n = caches.values().stream().mapToLong(Map::size).sum();
        caches.clear();
        return n;
    }

    @Override
    public long count(String taskId) {
        return caches.getOrDefault(taskId, Map.of()).size();
    }

    @Override
    public Optional<String> watermark(String taskId) {
        return Optional.ofNullable(watermarks.get(taskId));
    }

    @Override
    public void saveWatermark(String taskId, String watermark) {
        watermarks.put(taskId, watermark);
    }

    @Override
    public boolean clearWatermark(String taskId) {
        return watermarks.remove(taskId) != null;
    }
}
