package io.cardlink.storage.jpa.internal;

import io.cardlink.api.Validation;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardLookup;
import io.cardlink.api.timeline.CardTimelineStore;
import io.cardlink.api.timeline.LastSeen;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The card timelines in plain JDBC, in pages ({@link CardEventPages}): a run's page or an operation's outcome is one
 * row (of up to {@link CardEventPages#MAX_ENTRIES} entries); a task's complete read is one row per task. A look-up
 * reads the Bloom filters of the connector's pages, newest first, and decodes only the pages that may hold the id.
 */
@Component(service = CardTimelineStore.class,
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaCardTimelineStore implements CardTimelineStore {

    static final String TABLE = "CARDLINK_CARD_EVENT_PAGE";
    static final String INSERT = "INSERT INTO " + TABLE
            + " (CONNECTOR_ID, OLDEST_AT, NEWEST_AT, ENTRY_COUNT, ID_FILTER, ENTRIES) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String FILTERS = "SELECT ID, ID_FILTER FROM " + TABLE + " WHERE CONNECTOR_ID = ?"
            + " ORDER BY ID DESC";
    private static final String ENTRIES = "SELECT ENTRIES FROM " + TABLE + " WHERE ID = ?";
    private static final String READ_UPDATE = "UPDATE CARDLINK_TASK_READ SET RUN_ID = ?, READ_AT = ? WHERE TASK_ID = ?";
    private static final String READ_INSERT = "INSERT INTO CARDLINK_TASK_READ (RUN_ID, READ_AT, TASK_ID) VALUES (?, ?, ?)";
    private static final String READS = "SELECT R.TASK_ID, R.READ_AT, R.RUN_ID FROM CARDLINK_TASK_READ R"
            + " JOIN CARDLINK_TASK T ON T.ID = R.TASK_ID WHERE T.CONNECTOR_ID = ?";
    private static final String COUNT_EXPIRED = "SELECT COALESCE(SUM(ENTRY_COUNT), 0) FROM " + TABLE
            + " WHERE NEWEST_AT < ?";
    private static final String REMOVE_EXPIRED = "DELETE FROM " + TABLE + " WHERE NEWEST_AT < ?";
    private static final String PARTLY_EXPIRED = "SELECT ID, CONNECTOR_ID, ENTRIES FROM " + TABLE
            + " WHERE OLDEST_AT < ?";
    private static final String REWRITE = "UPDATE " + TABLE + " SET OLDEST_AT = ?, NEWEST_AT = ?, ENTRY_COUNT = ?,"
            + " ID_FILTER = ?, ENTRIES = ? WHERE ID = ?";
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final JdbcTransactions jdbc;

    @Activate
    public JpaCardTimelineStore(@Reference(target = "(osgi.jndi.service.name=cardlink)") DataSource dataSource) {
        this.jdbc = new JdbcTransactions(dataSource);
    }

    @Override
    public void record(Collection<CardEvent> events) {
        Validation validation = new Validation();
        for (CardEvent event : events) {
            validation.require("connectorId", event.connectorId()).require("taskId", event.taskId())
                    .require("direction", event.direction()).require("cardKey", event.cardKey())
                    .require("at", event.at()).require("kind", event.kind());
            Columns.checkFits(validation, "cardKey", event.cardKey(), MAX_KEY_LENGTH);
            Columns.checkFits(validation, "connectorId", event.connectorId(), Columns.ID);
            Columns.checkFits(validation, "taskId", event.taskId(), Columns.ID);
        }
        validation.throwIfInvalid();
        if (events.isEmpty()) {
            return;
        }
        jdbc.run(connection -> {
            insert(connection, events);
            return null;
        });
    }

    /** Inserts the entries as pages of one connector each, in the order given, in one batch. */
    static void insert(Connection connection, Collection<CardEvent> events) throws SQLException {
        Map<String, List<CardEvent>> byConnector = new LinkedHashMap<>();
        events.forEach(event -> byConnector.computeIfAbsent(event.connectorId(), c -> new ArrayList<>()).add(event));
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Map.Entry<String, List<CardEvent>> connector : byConnector.entrySet()) {
                for (List<CardEvent> page : CardEventPages.split(connector.getValue())) {
                    insert.setString(1, connector.getKey());
                    bindPage(insert, 2, page);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** Binds OLDEST_AT, NEWEST_AT, ENTRY_COUNT, ID_FILTER and ENTRIES of a page, from parameter {@code first} on. */
    private static void bindPage(PreparedStatement statement, int first, List<CardEvent> page) throws SQLException {
        Instant oldest = page.get(0).at();
        Instant newest = oldest;
        for (CardEvent event : page) {
            oldest = event.at().isBefore(oldest) ? event.at() : oldest;
            newest = event.at().isAfter(newest) ? event.at() : newest;
        }
        JdbcTransactions.setInstant(statement, first, oldest);
        JdbcTransactions.setInstant(statement, first + 1, newest);
        statement.setInt(first + 2, page.size());
        statement.setBytes(first + 3, CardEventPages.filter(page));
        statement.setBytes(first + 4, CardEventPages.encode(page));
    }

    @Override
    public void completeRead(String taskId, String runId, Instant at) {
        new Validation().require("taskId", taskId).require("runId", runId).require("at", at).throwIfInvalid();
        jdbc.run(connection -> {
            if (write(connection, READ_UPDATE, taskId, runId, at) == 0) {
                write(connection, READ_INSERT, taskId, runId, at);
            }
            return null;
        });
    }

    private static int write(Connection connection, String statement, String taskId, String runId, Instant at)
            throws SQLException {
        try (PreparedStatement write = connection.prepareStatement(statement)) {
            write.setString(1, runId);
            JdbcTransactions.setInstant(write, 2, at);
            write.setString(3, taskId);
            return write.executeUpdate();
        }
    }

    @Override
    public List<CardEvent> find(String connectorId, String cardKey, int limit) {
        List<CardEvent> newestFirst = new ArrayList<>();
        if (limit > 0) {
            scan(connectorId, CardEventPages.Lookup.KEY, cardKey, event -> {
                newestFirst.add(event);
                return newestFirst.size() < limit;
            });
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public Optional<String> keyOf(String connectorId, CardLookup lookup, String id) {
        CardEventPages.Lookup by = switch (lookup) {
            case LOCAL_ID -> CardEventPages.Lookup.LOCAL_ID;
            case REMOTE_ID -> CardEventPages.Lookup.REMOTE_ID;
            case KEY -> null;
        };
        if (by == null) {
            return Optional.of(id);
        }
        List<String> keys = new ArrayList<>(1);
        scan(connectorId, by, id, event -> {
            keys.add(event.cardKey());
            return false;
        });
        return keys.stream().findFirst();
    }

    /** What a scan does with an entry that has the id, newest first; false ends the scan. */
    @FunctionalInterface
    private interface Visitor {
        boolean visit(CardEvent event);
    }

    /** Visits the connector's entries with this id, newest first, decoding only the pages whose filter may hold it. */
    private void scan(String connectorId, CardEventPages.Lookup lookup, String id, Visitor visitor) {
        jdbc.run(connection -> {
            try (PreparedStatement filters = connection.prepareStatement(FILTERS);
                    PreparedStatement entries = connection.prepareStatement(ENTRIES)) {
                filters.setString(1, connectorId);
                try (ResultSet pages = filters.executeQuery()) {
                    while (pages.next()) {
                        if (!CardEventPages.mayHold(pages.getBytes(2), lookup, id)) {
                            continue;
                        }
                        List<CardEvent> page = CardEventPages.decode(connectorId, entries(entries, pages.getLong(1)));
                        for (int i = page.size() - 1; i >= 0; i--) {
                            if (CardEventPages.has(page.get(i), lookup, id) && !visitor.visit(page.get(i))) {
                                return null;
                            }
                        }
                    }
                }
            }
            return null;
        });
    }

    private static byte[] entries(PreparedStatement entries, long pageId) throws SQLException {
        entries.setLong(1, pageId);
        try (ResultSet row = entries.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("card timeline page " + pageId + " went during the look-up");
            }
            return row.getBytes(1);
        }
    }

    @Override
    public List<LastSeen> completeReads(String connectorId) {
        return jdbc.run(connection -> {
            List<LastSeen> reads = new ArrayList<>();
            try (PreparedStatement find = connection.prepareStatement(READS)) {
                find.setString(1, connectorId);
                try (ResultSet rows = find.executeQuery()) {
                    while (rows.next()) {
                        reads.add(new LastSeen(rows.getString(1), instant(rows, 2), rows.getString(3)));
                    }
                }
            }
            return reads;
        });
    }

    /**
     * Removes the pages whose entries are all older, and rewrites the few pages that hold entries on both sides of
     * {@code before} without the older ones.
     */
    @Override
    public long removeOlderThan(Instant before) {
        long removed = jdbc.run(connection -> {
            long count;
            try (PreparedStatement expired = connection.prepareStatement(COUNT_EXPIRED)) {
                JdbcTransactions.setInstant(expired, 1, before);
                try (ResultSet rows = expired.executeQuery()) {
                    count = rows.next() ? rows.getLong(1) : 0;
                }
            }
            try (PreparedStatement remove = connection.prepareStatement(REMOVE_EXPIRED)) {
                JdbcTransactions.setInstant(remove, 1, before);
                remove.executeUpdate();
            }
            try (PreparedStatement partly = connection.prepareStatement(PARTLY_EXPIRED);
                    PreparedStatement rewrite = connection.prepareStatement(REWRITE)) {
                JdbcTransactions.setInstant(partly, 1, before);
                try (ResultSet pages = partly.executeQuery()) {
                    while (pages.next()) {
                        List<CardEvent> page = CardEventPages.decode(pages.getString(2), pages.getBytes(3));
                        List<CardEvent> kept = page.stream().filter(event -> !event.at().isBefore(before)).toList();
                        count += page.size() - kept.size();
                        bindPage(rewrite, 1, kept);
                        rewrite.setLong(6, pages.getLong(1));
                        rewrite.executeUpdate();
                    }
                }
            }
            return count;
        });
        if (removed > 0) {
            jdbc.purgeDeletedRows(TABLE);
        }
        return removed;
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp value = rows.getTimestamp(column, Calendar.getInstance(UTC));
        return value == null ? null : value.toInstant();
    }
}
