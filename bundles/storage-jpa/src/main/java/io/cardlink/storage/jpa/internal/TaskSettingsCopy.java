package io.cardlink.storage.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The data step of schema version 16: the EQL filter that scheduled tasks kept in {@code CARDLINK_TASK.EQL_FILTER}
 * becomes their task setting {@code eqlFilter} (the key the CoreProIGA connector type, the only type there was,
 * describes it under) in the JSON object {@code SETTINGS}; then the old column goes. Done in Java because neither
 * database writes JSON text escapes from SQL alike.
 */
final class TaskSettingsCopy {

    static final String FILTER_KEY = "eqlFilter";
    private static final String READ = "SELECT ID, EQL_FILTER FROM CARDLINK_TASK WHERE EQL_FILTER IS NOT NULL";
    private static final String WRITE = "UPDATE CARDLINK_TASK SET SETTINGS = ? WHERE ID = ?";

    private TaskSettingsCopy() {
    }

    static void apply(Connection connection) throws SQLException {
        try (Statement read = connection.createStatement(); ResultSet tasks = read.executeQuery(READ);
                PreparedStatement write = connection.prepareStatement(WRITE)) {
            boolean any = false;
            while (tasks.next()) {
                String filter = tasks.getString(2);
                if (filter.isBlank()) {
                    continue;
                }
                write.setString(1, Json.text(Map.of(FILTER_KEY, filter)));
                write.setString(2, tasks.getString(1));
                write.addBatch();
                any = true;
            }
            if (any) {
                write.executeBatch();
            }
        }
        try (Statement drop = connection.createStatement()) {
            drop.executeUpdate("ALTER TABLE CARDLINK_TASK DROP COLUMN EQL_FILTER");
        }
    }
}
