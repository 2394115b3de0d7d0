package io.cardlink.storage.jpa.internal;

import io.cardlink.api.Validation;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.store.EchoLedger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The echo ledger in plain JDBC: a scheduled run records a page of written cards at a time, as batches (update
 * first, insert what no row took), like the task cache.
 */
@Component(service = EchoLedger.class,
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaEchoLedger implements EchoLedger {

    private static final String FIND = "SELECT UNIQUE_KEY, TASK_ID, ATTRIBUTES, WRITTEN_AT FROM CARDLINK_ECHO_LEDGER"
            + " WHERE CONNECTOR_ID = ? AND DIRECTION = ? AND KEY_ATTRIBUTE = ? AND WRITTEN_AT >= ?"
            + " AND UNIQUE_KEY IN (%s)";
    private static final String UPDATE = "UPDATE CARDLINK_ECHO_LEDGER SET TASK_ID = ?, ATTRIBUTES = ?, WRITTEN_AT = ?"
            + " WHERE CONNECTOR_ID = ? AND DIRECTION = ? AND KEY_ATTRIBUTE = ? AND UNIQUE_KEY = ?";
    private static final String INSERT = "INSERT INTO CARDLINK_ECHO_LEDGER (CONNECTOR_ID, DIRECTION,"
            + " KEY_ATTRIBUTE, UNIQUE_KEY, TASK_ID, ATTRIBUTES, WRITTEN_AT) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String FORGET = "DELETE FROM CARDLINK_ECHO_LEDGER WHERE CONNECTOR_ID = ?"
            + " AND KEY_ATTRIBUTE = ? AND UNIQUE_KEY = ?";
    private static final String PURGE = "DELETE FROM CARDLINK_ECHO_LEDGER WHERE WRITTEN_AT < ?";
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final JdbcTransactions jdbc;

    @Activate
    public JpaEchoLedger(@Reference(target = "(osgi.jndi.service.name=cardlink)") DataSource dataSource) {
        this.jdbc = new JdbcTransactions(dataSource);
    }

    @Override
    public void record(Collection<Entry> entries) {
        Validation validation = new Validation();
        for (Entry entry : entries) {
            Columns.checkFits(validation, "uniqueKey", entry.uniqueKey(), MAX_KEY_LENGTH);
            Columns.checkFits(validation, "keyAttribute", entry.keyAttribute(), Columns.SHORT_TEXT)
                    .require("writtenAt", entry.writtenAt());
        }
        validation.throwIfInvalid();
        if (entries.isEmpty()) {
            return;
        }
        // one entry per card, the last one written; in key order, for the reason given at JpaTaskCacheStore.save
        Map<String, Entry> byCard = new TreeMap<>();
        entries.forEach(entry -> byCard.put(entry.connectorId() + '\u0000' + entry.direction() + '\u0000'
                + entry.keyAttribute() + '\u0000' + entry.uniqueKey(), entry));
        List<Entry> all = new ArrayList<>(byCard.values());
        List<String> attributes = all.stream().map(entry -> Json.write("attributes", entry.attributes())).toList();
        jdbc.run(connection -> {
            int[] updated;
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                for (int i = 0; i < all.size(); i++) {
                    Entry entry = all.get(i);
                    update.setString(1, entry.taskId());
                    update.setString(2, attributes.get(i));
                    JdbcTransactions.setInstant(update, 3, entry.writtenAt());
                    bindCard(update, 4, entry.connectorId(), entry.direction(), entry.keyAttribute(), entry.uniqueKey());
                    update.addBatch();
                }
                updated = update.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                boolean any = false;
                for (int i = 0; i < all.size(); i++) {
                    if (updated[i] == 0) {
                        Entry entry = all.get(i);
                        bindCard(insert, 1, entry.connectorId(), entry.direction(), entry.keyAttribute(),
                                entry.uniqueKey());
                        insert.setString(5, entry.taskId());
                        insert.setString(6, attributes.get(i));
                        JdbcTransactions.setInstant(insert, 7, entry.writtenAt());
                        insert.addBatch();
                        any = true;
                    }
                }
                if (any) {
                    insert.executeBatch();
                }
            }
            return null;
        });
    }

    @Override
    public Map<String, Entry> find(String connectorId, Direction direction, String keyAttribute,
            Collection<String> keys, Instant since) {
        List<String> wanted = keys.stream().filter(key -> key != null && key.length() <= MAX_KEY_LENGTH).distinct()
                .toList();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        return jdbc.run(connection -> {
            Map<String, Entry> found = new HashMap<>();
            for (List<String> chunk : JpaTaskCacheStore.chunks(wanted)) {
                try (PreparedStatement find = connection.prepareStatement(
                        String.format(FIND, JdbcTransactions.placeholders(chunk.size())))) {
                    find.setString(1, connectorId);
                    find.setString(2, direction.name());
                    find.setString(3, keyAttribute);
                    JdbcTransactions.setInstant(find, 4, since);
                    JdbcTransactions.bind(find, 5, chunk);
                    try (ResultSet rows = find.executeQuery()) {
                        while (rows.next()) {
                            Timestamp written = rows.getTimestamp(4, Calendar.getInstance(UTC));
                            found.put(rows.getString(1), new Entry(connectorId, direction, keyAttribute,
                                    rows.getString(1), rows.getString(2),
                                    new LinkedHashMap<>(Json.readStringMap(rows.getString(3))), written.toInstant()));
                        }
                    }
                }
            }
            return found;
        });
    }

    @Override
    public void forget(String connectorId, String keyAttribute, String key) {
        jdbc.run(connection -> {
            try (PreparedStatement forget = connection.prepareStatement(FORGET)) {
                forget.setString(1, connectorId);
                forget.setString(2, keyAttribute);
                forget.setString(3, key);
                return forget.executeUpdate();
            }
        });
    }

    @Override
    public long purge(Instant before) {
        return jdbc.run(connection -> {
            try (PreparedStatement purge = connection.prepareStatement(PURGE)) {
                JdbcTransactions.setInstant(purge, 1, before);
                return (long) purge.executeUpdate();
            }
        });
    }

    private static void bindCard(PreparedStatement statement, int first, String connectorId, Direction direction,
            String keyAttribute, String key) throws java.sql.SQLException {
        statement.setString(first, connectorId);
        statement.setString(first + 1, direction.name());
        statement.setString(first + 2, keyAttribute);
        statement.setString(first + 3, key);
    }
}
