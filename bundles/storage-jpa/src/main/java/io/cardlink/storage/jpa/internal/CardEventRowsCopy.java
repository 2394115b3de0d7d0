package io.cardlink.storage.jpa.internal;

import io.cardlink.api.mapping.Direction;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardEventKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

/**
 * The data step of schema version 17: the card timeline entries of version 13's table, a row each, become pages of
 * {@code CARDLINK_CARD_EVENT_PAGE} (per connector, oldest first, so that the newest entries stay the newest), and that
 * table goes.
 */
final class CardEventRowsCopy {

    private static final String READ = "SELECT CONNECTOR_ID, TASK_ID, DIRECTION, CARD_KEY, LOCAL_ID, REMOTE_ID,"
            + " OCCURRED_AT, KIND, RUN_ID, OPERATION_ID, WORKFLOW, ATTRIBUTES, MESSAGE FROM CARDLINK_CARD_EVENT"
            + " ORDER BY CONNECTOR_ID, ID";
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private CardEventRowsCopy() {
    }

    static void apply(Connection connection) throws SQLException {
        try (Statement read = connection.createStatement(); ResultSet rows = read.executeQuery(READ)) {
            List<CardEvent> page = new ArrayList<>();
            while (rows.next()) {
                CardEvent event = event(rows);
                if (!page.isEmpty() && (page.size() == CardEventPages.MAX_ENTRIES
                        || !page.get(0).connectorId().equals(event.connectorId()))) {
                    JpaCardTimelineStore.insert(connection, page);
                    page.clear();
                }
                page.add(event);
            }
            if (!page.isEmpty()) {
                JpaCardTimelineStore.insert(connection, page);
            }
        }
        try (Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE CARDLINK_CARD_EVENT");
        }
    }

    private static CardEvent event(ResultSet rows) throws SQLException {
        String attributes = rows.getString(12);
        Timestamp at = rows.getTimestamp(7, Calendar.getInstance(UTC));
        return new CardEvent(rows.getString(1), rows.getString(2), Direction.valueOf(rows.getString(3)),
                rows.getString(4), rows.getString(5), rows.getString(6), at.toInstant(),
                CardEventKind.valueOf(rows.getString(8)), rows.getString(9), rows.getString(10), rows.getString(11),
                attributes == null ? List.of() : Arrays.asList(attributes.split(",")), rows.getString(13));
    }
}
