package io.cardlink.storage.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * The data step of schema version 18: each stored watermark, a time (UTC, as the entities store instants), becomes
 * its ISO-8601 text in {@code MARK}, the change mark the CoreProIGA connector type makes of the same time; then
 * {@code WATERMARK} goes and {@code MARK} is required. Done in Java because the two databases neither format times
 * nor make a column required alike.
 */
final class WatermarkMarksCopy {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private static final String READ = "SELECT TASK_ID, WATERMARK FROM CARDLINK_TASK_WATERMARK";
    private static final String WRITE = "UPDATE CARDLINK_TASK_WATERMARK SET MARK = ? WHERE TASK_ID = ?";

    private WatermarkMarksCopy() {
    }

    static void apply(Connection connection) throws SQLException {
        try (Statement read = connection.createStatement(); ResultSet rows = read.executeQuery(READ);
                PreparedStatement write = connection.prepareStatement(WRITE)) {
            boolean any = false;
            while (rows.next()) {
                Timestamp watermark = rows.getTimestamp(2, Calendar.getInstance(UTC));
                write.setString(1, DateTimeFormatter.ISO_INSTANT.format(watermark.toInstant()));
                write.setString(2, rows.getString(1));
                write.addBatch();
                any = true;
            }
            if (any) {
                write.executeBatch();
            }
        }
        boolean derby = "derby".equals(Migrations.folderFor(connection.getMetaData().getDatabaseProductName()));
        try (Statement alter = connection.createStatement()) {
            alter.executeUpdate("ALTER TABLE CARDLINK_TASK_WATERMARK DROP COLUMN WATERMARK");
            alter.executeUpdate("ALTER TABLE CARDLINK_TASK_WATERMARK ALTER COLUMN MARK "
                    + (derby ? "NOT NULL" : "SET NOT NULL"));
        }
    }
}
