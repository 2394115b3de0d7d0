package io.cardlink.storage.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The data step of schema version 5: the workflow references that event tasks kept as a JSON list in
 * {@code CARDLINK_TASK.WORKFLOW_REFERENCES} become rows of {@code CARDLINK_WORKFLOW_REFERENCE}, declared at the task's
 * last change (never used as far as Cardlink knows), and the old column is emptied.
 */
final class WorkflowReferenceCopy {

    private static final String READ = "SELECT ID, CONNECTOR_ID, UPDATED_AT, WORKFLOW_REFERENCES FROM CARDLINK_TASK"
            + " WHERE KIND = 'EVENT' AND WORKFLOW_REFERENCES IS NOT NULL";
    private static final String INSERT = "INSERT INTO CARDLINK_WORKFLOW_REFERENCE"
            + " (TASK_ID, WORKFLOW, CONNECTOR_ID, FIRST_USED_AT, LAST_USED_AT, USE_COUNT) VALUES (?, ?, ?, ?, ?, 0)";

    private WorkflowReferenceCopy() {
    }

    static void apply(Connection connection) throws SQLException {
        try (Statement read = connection.createStatement(); ResultSet tasks = read.executeQuery(READ);
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            boolean any = false;
            while (tasks.next()) {
                Timestamp declared = tasks.getTimestamp(3);
                Set<String> names = new LinkedHashSet<>();
                for (String name : Json.readStringList(tasks.getString(4))) {
                    if (name != null && !name.isBlank() && name.trim().length() <= Columns.NAME) {
                        names.add(name.trim());
                    }
                }
                for (String name : names) {
                    insert.setString(1, tasks.getString(1));
                    insert.setString(2, name);
                    insert.setString(3, tasks.getString(2));
                    insert.setTimestamp(4, declared);
                    insert.setTimestamp(5, declared);
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
        try (Statement clear = connection.createStatement()) {
            clear.executeUpdate("UPDATE CARDLINK_TASK SET WORKFLOW_REFERENCES = NULL WHERE WORKFLOW_REFERENCES IS NOT NULL");
        }
    }
}
