package io.cardlink.storage.jpa.internal;

import io.cardlink.api.Validation;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardEventKind;
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
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The card timelines in plain JDBC: a run's page or an operation's outcome is one batch insert; a task's complete read
 * is one row per task.
 */
@Component(service = CardTimelineStore.class,
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaCardTimelineStore implements CardTimelineStore {

    static final int ATTRIBUTES_LENGTH = 2_000;
    static final int MESSAGE_LENGTH = 2_000;
    private static final String COLUMNS = "CONNECTOR_ID, TASK_ID, DIRECTION, CARD_KEY, LOCAL_ID, REMOTE_ID,"
            + " OCCURRED_AT, KIND, RUN_ID, OPERATION_ID, WORKFLOW, ATTRIBUTES, MESSAGE";
    private static final String INSERT = "INSERT INTO CARDLINK_CARD_EVENT (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM CARDLINK_CARD_EVENT"
            + " WHERE CONNECTOR_ID = ? AND CARD_KEY = ? ORDER BY ID DESC";
    private static final String KEY_BY_LOCAL_ID = "SELECT CARD_KEY FROM CARDLINK_CARD_EVENT"
            + " WHERE CONNECTOR_ID = ? AND LOCAL_ID = ? ORDER BY ID DESC";
    private static final String KEY_BY_REMOTE_ID = "SELECT CARD_KEY FROM CARDLINK_CARD_EVENT"
            + " WHERE CONNECTOR_ID = ? AND REMOTE_ID = ? ORDER BY ID DESC";
    private static final String READ_UPDATE = "UPDATE CARDLINK_TASK_READ SET RUN_ID = ?, READ_AT = ? WHERE TASK_ID = ?";
    private static final String READ_INSERT = "INSERT INTO CARDLINK_TASK_READ (RUN_ID, READ_AT, TASK_ID) VALUES (?, ?, ?)";
    private static final String READS = "SELECT R.TASK_ID, R.READ_AT, R.RUN_ID FROM CARDLINK_TASK_READ R"
            + " JOIN CARDLINK_TASK T ON T.ID = R.TASK_ID WHERE T.CONNECTOR_ID = ?";
    private static final String REMOVE = "DELETE FROM CARDLINK_CARD_EVENT WHERE OCCURRED_AT < ?";
    private static final String TABLE = "CARDLINK_CARD_EVENT";
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
                    .require("at", event.at()).require("kind", event.kind())
                    .check(Columns.fits(event.cardKey(), MAX_KEY_LENGTH), "cardKey", Columns.tooLong(MAX_KEY_LENGTH));
        }
        validation.throwIfInvalid();
        if (events.isEmpty()) {
            return;
        }
        jdbc.run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (CardEvent event : events) {
                    insert.setString(1, event.connectorId());
                    insert.setString(2, event.taskId());
                    insert.setString(3, event.direction().name());
                    insert.setString(4, event.cardKey());
                    insert.setString(5, cut(event.localId(), Columns.RUN_ID));
                    insert.setString(6, cut(event.remoteId(), Columns.RUN_ID));
                    JdbcTransactions.setInstant(insert, 7, event.at());
                    insert.setString(8, event.kind().name());
                    insert.setString(9, event.runId());
                    insert.setString(10, event.operationId());
                    insert.setString(11, cut(event.workflow(), Columns.SHORT_TEXT));
                    insert.setString(12, event.attributes().isEmpty() ? null
                            : cut(String.join(",", event.attributes()), ATTRIBUTES_LENGTH));
                    insert.setString(13, cut(event.message(), MESSAGE_LENGTH));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
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
        return jdbc.run(connection -> {
            List<CardEvent> events = new ArrayList<>();
            try (PreparedStatement find = connection.prepareStatement(FIND)) {
                find.setMaxRows(limit);
                find.setString(1, connectorId);
                find.setString(2, cardKey);
                try (ResultSet rows = find.executeQuery()) {
                    while (rows.next()) {
                        events.add(event(rows));
                    }
                }
            }
            Collections.reverse(events);
            return events;
        });
    }

    @Override
    public Optional<String> keyOf(String connectorId, CardLookup lookup, String id) {
        String query = switch (lookup) {
            case LOCAL_ID -> KEY_BY_LOCAL_ID;
            case REMOTE_ID -> KEY_BY_REMOTE_ID;
            case KEY -> null;
        };
        if (query == null) {
            return Optional.of(id);
        }
        return jdbc.run(connection -> {
            try (PreparedStatement find = connection.prepareStatement(query)) {
                find.setMaxRows(1);
                find.setString(1, connectorId);
                find.setString(2, id);
                try (ResultSet rows = find.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
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

    @Override
    public long removeOlderThan(Instant before) {
        long removed = jdbc.run(connection -> {
            try (PreparedStatement remove = connection.prepareStatement(REMOVE)) {
                JdbcTransactions.setInstant(remove, 1, before);
                return (long) remove.executeUpdate();
            }
        });
        if (removed > 0) {
            jdbc.purgeDeletedRows(TABLE);
        }
        return removed;
    }

    private static CardEvent event(ResultSet rows) throws SQLException {
        String attributes = rows.getString(12);
        return new CardEvent(rows.getString(1), rows.getString(2), Direction.valueOf(rows.getString(3)),
                rows.getString(4), rows.getString(5), rows.getString(6), instant(rows, 7),
                CardEventKind.valueOf(rows.getString(8)), rows.getString(9), rows.getString(10), rows.getString(11),
                attributes == null ? List.of() : Arrays.asList(attributes.split(",")), rows.getString(13));
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp value = rows.getTimestamp(column, Calendar.getInstance(UTC));
        return value == null ? null : value.toInstant();
    }

    /** A text that fits its column; a timeline entry is worth keeping with its message cut short. */
    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 3) + "...";
    }
}
