package io.cardlink.storage.jpa.internal;

import io.cardlink.api.Validation;
import io.cardlink.api.connector.ChangedRead;
import io.cardlink.api.store.CacheEntry;
import io.cardlink.api.store.TaskCacheStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.persistence.EntityManager;
import javax.sql.DataSource;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Task caches and watermarks. Keys are looked up in chunks, so that an IN list stays small for every database. */
@Component(service = TaskCacheStore.class,
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaTaskCacheStore implements TaskCacheStore {

    static final int CHUNK = 500;

    /**
     * Derby probes an IN list only through an index that leads with its column, and it may plan the look-up while
     * the table is still small (then it scans the task's rows and the run slows down as it reads). The index is
     * therefore named; the override is a line comment, which PostgreSQL ignores.
     */
    private static final String FIND = "SELECT UNIQUE_KEY, FINGERPRINT, LOCAL_ID FROM CARDLINK_TASK_CACHE"
            + " --DERBY-PROPERTIES index=IX_CARDLINK_TASK_CACHE_KEY\n WHERE TASK_ID = ? AND UNIQUE_KEY IN (%s)";
    private static final String TABLE = "CARDLINK_TASK_CACHE";
    private static final String UPDATE = "UPDATE CARDLINK_TASK_CACHE SET FINGERPRINT = ?, LOCAL_ID = ?, UPDATED_AT = ?"
            + " WHERE TASK_ID = ? AND UNIQUE_KEY = ?";
    private static final String INSERT = "INSERT INTO CARDLINK_TASK_CACHE"
            + " (TASK_ID, UNIQUE_KEY, FINGERPRINT, LOCAL_ID, UPDATED_AT) VALUES (?, ?, ?, ?, ?)";

    private final Transactions transactions;
    private final JdbcTransactions jdbc;

    @Activate
    public JpaTaskCacheStore(@Reference(target = "(osgi.unit.name=cardlink)") JpaTemplate jpa,
            @Reference(target = "(osgi.jndi.service.name=cardlink)") DataSource dataSource) {
        this.transactions = new Transactions(jpa);
        this.jdbc = new JdbcTransactions(dataSource);
    }

    @Override
    public Map<String, CacheEntry> find(String taskId, Collection<String> uniqueKeys) {
        if (uniqueKeys.isEmpty()) {
            return Map.of();
        }
        return jdbc.run(connection -> {
            Map<String, CacheEntry> found = new HashMap<>();
            for (List<String> chunk : chunks(uniqueKeys)) {
                try (PreparedStatement find = connection.prepareStatement(
                        String.format(FIND, JdbcTransactions.placeholders(chunk.size())))) {
                    find.setString(1, taskId);
                    JdbcTransactions.bind(find, 2, chunk);
                    try (ResultSet rows = find.executeQuery()) {
                        while (rows.next()) {
                            found.put(rows.getString(1), new CacheEntry(rows.getString(1), rows.getString(2),
                                    rows.getString(3)));
                        }
                    }
                }
            }
            return found;
        });
    }

    @Override
    public void save(String taskId, Collection<CacheEntry> entries) {
        save(taskId, entries, null);
    }

    @Override
    public void save(String taskId, Collection<CacheEntry> entries, Set<String> cached) {
        Validation validation = new Validation().require("taskId", taskId);
        for (CacheEntry entry : entries) {
            Columns.checkFits(validation, "uniqueKey", entry.uniqueKey(), MAX_KEY_LENGTH);
            Columns.checkFits(validation, "localId", entry.localId(), Columns.RUN_ID);
        }
        validation.throwIfInvalid();
        if (entries.isEmpty()) {
            return;
        }
        Map<String, CacheEntry> byKey = new LinkedHashMap<>();
        entries.forEach(entry -> byKey.put(entry.uniqueKey(), entry));
        // In key order: Derby locks the previous key of each insert and walks left to find it, past every deleted
        // row; in order, that previous key is the one just written.
        List<CacheEntry> all = new ArrayList<>(new TreeMap<>(byKey).values());
        jdbc.run(connection -> {
            Instant now = Transactions.now();
            if (cached == null) {
                upsert(connection, taskId, all, now);
                return null;
            }
            // The keys the page found in the cache are updated, the others inserted at once: a full sync into an
            // empty cache no longer probes for 200 rows that are not there. Should a key have arrived since the
            // page read the cache, the insert fails on the primary key and the page is written the careful way.
            List<CacheEntry> known = new ArrayList<>();
            List<CacheEntry> fresh = new ArrayList<>();
            all.forEach(entry -> (cached.contains(entry.uniqueKey()) ? known : fresh).add(entry));
            try {
                List<CacheEntry> missing = update(connection, taskId, known, now);
                if (!missing.isEmpty()) {
                    fresh.addAll(missing);
                    fresh.sort(Comparator.comparing(CacheEntry::uniqueKey));
                }
                insert(connection, taskId, fresh, now);
            } catch (SQLException e) {
                String state = Transactions.sqlState(e);
                if (state == null || !state.startsWith("23")) {
                    throw e;
                }
                connection.rollback();
                upsert(connection, taskId, all, now);
            }
            return null;
        });
    }

    /** Updates first and inserts what no row took: no read before the write, both as batches. */
    private static void upsert(Connection connection, String taskId, List<CacheEntry> entries, Instant now)
            throws SQLException {
        insert(connection, taskId, update(connection, taskId, entries, now), now);
    }

    /** Updates the entries' rows; returns the entries that had none (Derby and PostgreSQL count rows per batch item). */
    private static List<CacheEntry> update(Connection connection, String taskId, List<CacheEntry> entries,
            Instant now) throws SQLException {
        if (entries.isEmpty()) {
            return List.of();
        }
        int[] updated;
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (CacheEntry entry : entries) {
                update.setString(1, entry.fingerprint());
                update.setString(2, entry.localId());
                JdbcTransactions.setInstant(update, 3, now);
                update.setString(4, taskId);
                update.setString(5, entry.uniqueKey());
                update.addBatch();
            }
            updated = update.executeBatch();
        }
        List<CacheEntry> missing = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (updated[i] == 0) {
                missing.add(entries.get(i));
            }
        }
        return missing;
    }

    private static void insert(Connection connection, String taskId, List<CacheEntry> entries, Instant now)
            throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (CacheEntry entry : entries) {
                insert.setString(1, taskId);
                insert.setString(2, entry.uniqueKey());
                insert.setString(3, entry.fingerprint());
                insert.setString(4, entry.localId());
                JdbcTransactions.setInstant(insert, 5, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
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
        long cleared = transactions.run(em -> (long) em.createQuery("delete from TaskCacheEntity c where c.taskId = :t")
                .setParameter("t", taskId).executeUpdate());
        jdbc.purgeDeletedRows(TABLE);
        return cleared;
    }

    @Override
    public long clearAll() {
        long cleared = transactions.run(em -> (long) em.createQuery("delete from TaskCacheEntity c").executeUpdate());
        jdbc.purgeDeletedRows(TABLE);
        return cleared;
    }

    @Override
    public long count(String taskId) {
        return transactions.run(em -> em
                .createQuery("select count(c) from TaskCacheEntity c where c.taskId = :t", Long.class)
                .setParameter("t", taskId).getSingleResult());
    }

    @Override
    public Optional<String> watermark(String taskId) {
        return transactions.run(em -> Optional.ofNullable(em.find(TaskWatermarkEntity.class, taskId))
                .map(TaskWatermarkEntity::watermark));
    }

    @Override
    public void saveWatermark(String taskId, String watermark) {
        Validation validation = new Validation().require("taskId", taskId).require("watermark", watermark);
        if (watermark != null && watermark.length() > ChangedRead.MAX_MARK_LENGTH) {
            validation.add("watermark", "longer than " + ChangedRead.MAX_MARK_LENGTH + " characters");
        }
        validation.throwIfInvalid();
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
