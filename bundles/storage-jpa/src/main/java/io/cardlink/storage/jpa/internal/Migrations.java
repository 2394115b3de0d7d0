package io.cardlink.storage.jpa.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The bundle's versioned SQL scripts ({@code db/<database>/V<n>__<description>.sql}) and how they are applied:
 * each not yet recorded in {@code CARDLINK_SCHEMA_VERSION}, in order, in its own transaction together with its
 * version row. The version row is inserted first, so a second node migrating at the same moment waits on it and
 * then finds the version taken, instead of running the script twice.
 */
final class Migrations {

    /** Work on the rows that SQL alone can't do, run after a script's statements in the same transaction. */
    @FunctionalInterface
    interface DataStep {
        void apply(Connection connection) throws SQLException;
    }

    /**
     * One script, and optionally the data step that follows its statements. Statements end with a semicolon at the
     * end of a line; lines starting with -- are comments.
     */
    record Script(int version, String description, DataStep step) {
        Script(int version, String description) {
            this(version, description, null);
        }

        String path(String database) {
            return "db/" + database + "/V" + version + "__" + description + ".sql";
        }
    }

    /** Every script, oldest first. A new schema version is a new script in both folders and a line here. */
    static final List<Script> SCRIPTS = List.of(new Script(1, "initial"), new Script(2, "task_cache"),
            new Script(3, "key_indexes"), new Script(4, "outbox"),
            new Script(5, "write_path", WorkflowReferenceCopy::apply),
            new Script(7, "reactivate_returning"), new Script(9, "alerts"), new Script(11, "run_keys_in_memory"),
            new Script(12, "dry_runs"), new Script(13, "card_timeline"), new Script(14, "run_nodes"),
            new Script(15, "quartz"), new Script(16, "task_settings", TaskSettingsCopy::apply),
            new Script(17, "card_event_pages", CardEventRowsCopy::apply),
            new Script(18, "watermark_marks", WatermarkMarksCopy::apply));

    static final String VERSION_TABLE = "CARDLINK_SCHEMA_VERSION";

    private static final String CREATE_VERSION_TABLE = "CREATE TABLE " + VERSION_TABLE
            + " (VERSION INTEGER NOT NULL PRIMARY KEY, DESCRIPTION VARCHAR(200) NOT NULL,"
            + " APPLIED_AT TIMESTAMP NOT NULL)";

    private Migrations() {
    }

    static int latestVersion() {
        return SCRIPTS.get(SCRIPTS.size() - 1).version();
    }

    /** Applies the scripts not applied yet; returns the versions this call applied, none when it was current. */
    static List<Integer> migrate(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String database = folderFor(connection.getMetaData().getDatabaseProductName());
            boolean autoCommit = connection.getAutoCommit();
            try {
                connection.setAutoCommit(true);
                ensureVersionTable(connection);
                connection.setAutoCommit(false);
                List<Integer> applied = new ArrayList<>();
                for (Script script : SCRIPTS) {
                    if (!appliedVersions(connection).contains(script.version()) && apply(connection, database, script)) {
                        applied.add(script.version());
                    }
                }
                return applied;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** The versions recorded as applied. */
    static Set<Integer> appliedVersions(Connection connection) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT VERSION FROM " + VERSION_TABLE)) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        return versions;
    }

    /** The script folder for a database product name as JDBC reports it. */
    static String folderFor(String productName) throws SQLException {
        if ("Apache Derby".equals(productName)) {
            return "derby";
        }
        if ("PostgreSQL".equals(productName)) {
            return "postgresql";
        }
        throw new SQLFeatureNotSupportedException(
                "Cardlink's schema exists for Apache Derby and PostgreSQL, not for " + productName);
    }

    /** The statements of a script, in order. */
    static List<String> statements(Script script, String database) throws SQLException {
        String text;
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(script.path(database))) {
            if (in == null) {
                throw new SQLException("the bundle has no migration script " + script.path(database));
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("can't read the migration script " + script.path(database), e);
        }
        String withoutComments = text.lines()
                .filter(line -> !line.strip().startsWith("--"))
                .collect(Collectors.joining("\n"));
        return Arrays.stream(withoutComments.split(";\\s*(\\n|$)"))
                .map(String::strip)
                .filter(statement -> !statement.isEmpty())
                .collect(Collectors.toList());
    }

    private static boolean apply(Connection connection, String database, Script script) throws SQLException {
        List<String> statements = statements(script, database);
        try (PreparedStatement claim = connection.prepareStatement(
                "INSERT INTO " + VERSION_TABLE + " (VERSION, DESCRIPTION, APPLIED_AT) VALUES (?, ?, ?)")) {
            claim.setInt(1, script.version());
            claim.setString(2, script.description());
            claim.setTimestamp(3, Timestamp.from(Instant.now()));
            claim.executeUpdate();
        } catch (SQLException e) {
            connection.rollback();
            if (isIntegrityViolation(e)) {
                return false;
            }
            throw e;
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            if (script.step() != null) {
                script.step().apply(connection);
            }
            connection.commit();
            return true;
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("migration " + script.path(database) + " failed: " + e.getMessage(),
                    e.getSQLState(), e);
        }
    }

    private static void ensureVersionTable(Connection connection) throws SQLException {
        if (versionTableExists(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_VERSION_TABLE);
        } catch (SQLException e) {
            // Another node may have created it between the look and the create.
            if (!versionTableExists(connection)) {
                throw e;
            }
        }
    }

    private static boolean versionTableExists(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String table = metaData.storesLowerCaseIdentifiers() ? VERSION_TABLE.toLowerCase(Locale.ROOT) : VERSION_TABLE;
        try (ResultSet tables = metaData.getTables(null, connection.getSchema(), table, new String[] {"TABLE"})) {
            return tables.next();
        }
    }

    private static boolean isIntegrityViolation(SQLException e) {
        String state = Transactions.sqlState(e);
        return state != null && state.startsWith("23");
    }
}
