package io.cardlink.storage.jpa.internal;

import io.cardlink.api.run.RunStatus;
import io.cardlink.api.store.RunKeyStore;
import io.cardlink.api.store.TaskCacheStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The keys each run has read. */
@Component(service = RunKeyStore.class,
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaRunKeyStore implements RunKeyStore {

    private static final List<RunStatus> FINISHED = Arrays.stream(RunStatus.values())
            .filter(RunStatus::finished)
            .collect(Collectors.toUnmodifiableList());

    /**
     * Derby probes an IN list only through an index that leads with its column, and it may plan the look-up while
     * the table is still small (then it scans the run's rows and the run slows down as it reads). The index is
     * therefore named; the override is a line comment, which PostgreSQL ignores.
     */
    private static final String SEEN = "SELECT UNIQUE_KEY FROM CARDLINK_RUN_KEY --DERBY-PROPERTIES index=IX_CARDLINK_RUN_KEY_KEY\n"
            + " WHERE RUN_ID = ? AND UNIQUE_KEY IN (%s)";
    private static final String TABLE = "CARDLINK_RUN_KEY";
    private static final String INSERT = "INSERT INTO CARDLINK_RUN_KEY (RUN_ID, UNIQUE_KEY) VALUES (?, ?)";

    private final Transactions transactions;
    private final JdbcTransactions jdbc;

    @Activate
    public JpaRunKeyStore(@Reference(target = "(osgi.unit.name=cardlink)") JpaTemplate jpa,
            @Reference(target = "(osgi.jndi.service.name=cardlink)") DataSource dataSource) {
        this.transactions = new Transactions(jpa);
        this.jdbc = new JdbcTransactions(dataSource);
    }

    @Override
    public Set<String> markSeen(String runId, Collection<String> uniqueKeys) {
        for (String key : uniqueKeys) {
            if (!Columns.fits(key, TaskCacheStore.MAX_KEY_LENGTH)) {
                throw new io.cardlink.api.ValidationException("uniqueKey",
                        Columns.tooLong(TaskCacheStore.MAX_KEY_LENGTH));
            }
        }
        if (uniqueKeys.isEmpty()) {
            return Set.of();
        }
        // One read and one batch of inserts per page: a sync run marks every card it reads.
        return jdbc.run(connection -> {
            Set<String> before = seen(connection, runId, uniqueKeys);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                boolean any = false;
                // In key order: Derby locks the previous key of each insert and walks left to find it, past every
                // deleted row of earlier runs; in order, that previous key is the one just inserted.
                for (String key : new TreeSet<>(uniqueKeys)) {
                    if (!before.contains(key)) {
                        insert.setString(1, runId);
                        insert.setString(2, key);
                        insert.addBatch();
                        any = true;
                    }
                }
                if (any) {
                    insert.executeBatch();
                }
            }
            return before;
        });
    }

    @Override
    public Set<String> seen(String runId, Collection<String> uniqueKeys) {
        if (uniqueKeys.isEmpty()) {
            return Set.of();
        }
        return jdbc.run(connection -> seen(connection, runId, uniqueKeys));
    }

    @Override
    public long forget(String runId) {
        long forgotten = transactions.run(em -> (long) em.createQuery("delete from RunKeyEntity k where k.runId = :r")
                .setParameter("r", runId).executeUpdate());
        jdbc.purgeDeletedRows(TABLE);
        return forgotten;
    }

    @Override
    public long forgetFinished() {
        long forgotten = transactions.run(em -> (long) em.createQuery("delete from RunKeyEntity k where k.runId not in"
                + " (select r.id from RunEntity r where r.status not in :finished)")
                .setParameter("finished", FINISHED).executeUpdate());
        jdbc.purgeDeletedRows(TABLE);
        return forgotten;
    }

    private static Set<String> seen(Connection connection, String runId, Collection<String> keys) throws SQLException {
        Set<String> seen = new HashSet<>();
        for (List<String> chunk : JpaTaskCacheStore.chunks(keys)) {
            try (PreparedStatement query = connection.prepareStatement(
                    String.format(SEEN, JdbcTransactions.placeholders(chunk.size())))) {
                query.setString(1, runId);
                JdbcTransactions.bind(query, 2, chunk);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        seen.add(rows.getString(1));
                    }
                }
            }
        }
        return seen;
    }
}
