package io.cardlink.storage.jpa.internal;

import io.cardlink.api.Validation;
import io.cardlink.api.store.CacheEntry;
import io.cardlink.api.store.TaskCacheStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Task caches and watermarks. Keys are looked up in chunks, so that an IN list stays small for every database. */
@Component(service = TaskCacheStore.class,
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaTaskCacheStore implements TaskCacheStore {

    static final int CHUNK = 500;

    private final Transactions transactions;

    @Activate
    public JpaTaskCacheStore(@Reference(target = "(osgi.unit.name=cardlink)") JpaTemplate jpa) {
        this.transactions = new Transactions(jpa);
    }

    @Override
    public Map<String, CacheEntry> find(String taskId, Collection<String> uniqueKeys) {
        if (uniqueKeys.isEmpty()) {
            return Map.of();
        }
        return transactions.run(em -> {
            Map<String, CacheEntry> found = new HashMap<>();
            for (TaskCacheEntity entity : load(em, taskId, uniqueKeys)) {
                found.put(entity.uniqueKey(), entity.toEntry());
            }
            return found;
        });
    }

    @Override
    public void save(String taskId, Collection<CacheEntry> entries) {
        Validation validation = new Validation().require("taskId", taskId);
        for (CacheEntry entry : entries) {
            validation.check(Columns.fits(entry.uniqueKey(), MAX_KEY_LENGTH), "uniqueKey",
                    Columns.tooLong(MAX_KEY_LENGTH));
            validation.check(Columns.fits(entry.localId(), Columns.RUN_ID), "localId", Columns.tooLong(Columns.RUN_ID));
        }
        validation.throwIfInvalid();
        if (entries.isEmpty()) {
            return;
        }
        Map<String, CacheEntry> byKey = new LinkedHashMap<>();
        entries.forEach(entry -> byKey.put(entry.uniqueKey(), entry));
        transactions.run(em -> {
            Instant now = Transactions.now();
            for (TaskCacheEntity existing : load(em, taskId, byKey.keySet())) {
                existing.apply(byKey.remove(existing.uniqueKey()), now);
            }
            for (CacheEntry entry : byKey.values()) {
                TaskCacheEntity entity = new TaskCacheEntity(taskId, entry.uniqueKey());
                entity.apply(entry, now);
                em.persist(entity);
            }
            return null;
        });
    }

    @Override
    public long remove(String taskId, Collection<String> uniqueKeys) {
        if (uniqueKeys.isEmpty()) {
            return 0;
        }
        return transactions.run(em -> {
            long removed = 0;
            for (List<String> chunk : chunks(uniqueKeys)) {
                removed += em.createQuery("delete from TaskCacheEntity c where c.taskId = :t and c.uniqueKey in :k")
                        .setParameter("t", taskId).setParameter("k", chunk).executeUpdate();
            }
            return removed;
        });
    }

    @Override
    public long clear(String taskId) {
        return transactions.run(em -> (long) em.createQuery("delete from TaskCacheEntity c where c.taskId = :t")
                .setParameter("t", taskId).executeUpdate());
    }

    @Override
    public long clearAll() {
        return transactions.run(em -> (long) em.createQuery("delete from TaskCacheEntity c").executeUpdate());
    }

    @Override
    public long count(String taskId) {
        return transactions.run(em -> em
                .createQuery("select count(c) from TaskCacheEntity c where c.taskId = :t", Long.class)
                .setParameter("t", taskId).getSingleResult());
    }

    @Override
    public Optional<Instant> watermark(String taskId) {
        return transactions.run(em -> Optional.ofNullable(em.find(TaskWatermarkEntity.class, taskId))
                .map(TaskWatermarkEntity::watermark));
    }

    @Override
    public void saveWatermark(String taskId, Instant watermark) {
        new Validation().require("taskId", taskId).require("watermark", watermark).throwIfInvalid();
        transactions.run(em -> {
            TaskWatermarkEntity entity = em.find(TaskWatermarkEntity.class, taskId);
            if (entity == null) {
                entity = new TaskWatermarkEntity(taskId);
                entity.set(watermark, Transactions.now());
                em.persist(entity);
            } else {
                entity.set(watermark, Transactions.now());
            }
            return null;
        });
    }

    @Override
    public boolean clearWatermark(String taskId) {
        return transactions.run(em -> em.createQuery("delete from TaskWatermarkEntity w where w.taskId = :t")
                .setParameter("t", taskId).executeUpdate() > 0);
    }

    /**
     * Removes the caches, watermarks and run keys of the tasks that {@code taskIds} selects (a JPQL subquery or
     * list with the parameter {@code v}), inside the caller's transaction, before the tasks and runs go.
     */
    static void forgetTasks(EntityManager em, String taskIds, String value) {
        em.createQuery("delete from TaskCacheEntity c where c.taskId in (" + taskIds + ")")
                .setParameter("v", value).executeUpdate();
        em.createQuery("delete from TaskWatermarkEntity w where w.taskId in (" + taskIds + ")")
                .setParameter("v", value).executeUpdate();
        em.createQuery("delete from RunKeyEntity k where k.runId in (select r.id from RunEntity r where r.taskId in ("
                + taskIds + "))").setParameter("v", value).executeUpdate();
    }

    private static List<TaskCacheEntity> load(EntityManager em, String taskId, Collection<String> keys) {
        List<TaskCacheEntity> found = new ArrayList<>();
        for (List<String> chunk : chunks(keys)) {
            found.addAll(em.createQuery("select c from TaskCacheEntity c where c.taskId = :t and c.uniqueKey in :k",
                    TaskCacheEntity.class).setParameter("t", taskId).setParameter("k", chunk).getResultList());
        }
        return found;
    }

    static List<List<String>> chunks(Collection<String> keys) {
        List<String> all = new ArrayList<>(keys);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }
}
