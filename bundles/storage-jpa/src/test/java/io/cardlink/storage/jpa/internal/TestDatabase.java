package io.cardlink.storage.jpa.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database, migrated by the bundle's scripts, with the bundle's persistence unit on top in Hibernate's
 * {@code validate} mode, so that a script that does not match the entities fails the tests. In-memory Derby by
 * default; with the system property {@code cardlink.test.database=postgresql} a schema of its own in the PostgreSQL
 * database that the environment variable {@code CARDLINK_TEST_POSTGRES_URL} names (the build's {@code postgresql}
 * profile runs every store test that way). The data source can be switched off to play a database that refuses
 * connections.
 */
final class TestDatabase implements AutoCloseable {
    static final String POSTGRES_URL = "CARDLINK_TEST_POSTGRES_URL";

    private final String name = "cardlink_" + UUID.randomUUID().toString().replace("-", "");
    private final boolean postgresql = onPostgresql();
    private final SwitchableDataSource dataSource;
    private EntityManagerFactory emf;

    TestDatabase() {
        if (postgresql) {
            PGSimpleDataSource admin = postgres(null);
            try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create schema " + name, e);
            }
            this.dataSource = new SwitchableDataSource(postgres(name));
            return;
        }
        EmbeddedDataSource create = new EmbeddedDataSource();
        create.setDatabaseName("memory:" + name);
        create.setCreateDatabase("create");
        try (Connection ignored = create.getConnection()) {
            // created
        } catch (SQLException e) {
            throw new IllegalStateException("could not create " + name, e);
        }
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:" + name);
        this.dataSource = new SwitchableDataSource(derby);
    }

    /** Whether this run's store tests use PostgreSQL rather than Derby. */
    static boolean onPostgresql() {
        if (!"postgresql".equals(System.getProperty("cardlink.test.database"))) {
            return false;
        }
        String url = System.getenv(POSTGRES_URL);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("cardlink.test.database=postgresql needs " + POSTGRES_URL);
        }
        return true;
    }

    private static PGSimpleDataSource postgres(String schema) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(System.getenv(POSTGRES_URL));
        if (schema != null) {
            source.setCurrentSchema(schema);
        }
        return source;
    }

    /** The database's product name as its driver reports it. */
    String product() {
        return postgresql ? "PostgreSQL" : "Apache Derby";
    }

    /** Whether the migrated schema has a table of that (upper case) name. */
    boolean hasTable(String table) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet found = connection.getMetaData().getTables(null, postgresql ? name : "APP",
                        postgresql ? table.toLowerCase(Locale.ROOT) : table, null)) {
            return found.next();
        }
    }

    /** Migrates the schema and opens the persistence unit. */
    TestDatabase start() throws SQLException {
        Migrations.migrate(dataSource);
        emf = persistenceUnit(dataSource, "validate");
        return this;
    }

    static EntityManagerFactory persistenceUnit(DataSource dataSource, String schemaMode) {
        return new HibernatePersistenceProvider().createEntityManagerFactory("cardlink", Map.of(
                "javax.persistence.nonJtaDataSource", dataSource,
                "hibernate.hbm2ddl.auto", schemaMode));
    }

    SwitchableDataSource dataSource() {
        return dataSource;
    }

    EmfJpaTemplate jpa() {
        return new EmfJpaTemplate(emf);
    }

    @Override
    public void close() {
        if (emf != null) {
            emf.close();
        }
        if (postgresql) {
            try (Connection connection = postgres(null).getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + name + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop schema " + name, e);
            }
            return;
        }
        EmbeddedDataSource drop = new EmbeddedDataSource();
        drop.setDatabaseName("memory:" + name);
        drop.setConnectionAttributes("drop=true");
        try (Connection ignored = drop.getConnection()) {
            throw new IllegalStateException("Derby did not drop " + name);
        } catch (SQLException dropped) {
            // Derby reports a successful drop as an SQLException with state 08006.
            if (!"08006".equals(dropped.getSQLState())) {
                throw new IllegalStateException("could not drop " + name, dropped);
            }
        }
    }

    /** Runs plain SQL, for tests that look at the tables themselves. */
    void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A data source that refuses connections while it is down, as a stopped database server does. */
    static final class SwitchableDataSource implements DataSource {
        private final DataSource target;
        private volatile boolean down;

        SwitchableDataSource(DataSource target) {
            this.target = target;
        }

        void down(boolean down) {
            this.down = down;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLNonTransientConnectionException("Connection refused", "08001");
            }
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return target.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return target.isWrapperFor(type);
        }
    }
}
