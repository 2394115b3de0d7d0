package io.cardlink.storage.jpa.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * A fresh in-memory Derby database, migrated by the bundle's scripts, with the bundle's persistence unit on top in
 * Hibernate's {@code validate} mode, so that a script that does not match the entities fails the tests. The data
 * source can be switched off to play a database that refuses connections.
 */
final class TestDatabase implements AutoCloseable {

    private final String name = "memory:cardlink-" + UUID.randomUUID();
    private final SwitchableDataSource dataSource;
    private EntityManagerFactory emf;

    TestDatabase() {
        EmbeddedDataSource create = new EmbeddedDataSource();
        create.setDatabaseName(name);
        create.setCreateDatabase("create");
        try (Connection ignored = create.getConnection()) {
            // created
        } catch (SQLException e) {
            throw new IllegalStateException("could not create " + name, e);
        }
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName(name);
        this.dataSource = new SwitchableDataSource(derby);
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
        EmbeddedDataSource drop = new EmbeddedDataSource();
        drop.setDatabaseName(name);
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
