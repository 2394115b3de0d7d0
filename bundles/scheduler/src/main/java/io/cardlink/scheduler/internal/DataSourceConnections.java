package io.cardlink.scheduler.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Quartz's connections from the Cardlink data source, which comes and goes with the storage feature: while it is
 * gone, Quartz's calls fail and it tries again at its next check-in or acquisition.
 */
final class DataSourceConnections implements ConnectionProvider {
    private final Supplier<DataSource> dataSource;

    DataSourceConnections(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DataSource current = dataSource.get();
        if (current == null) {
            throw new SQLException("the Cardlink data source (osgi.jndi.service.name=cardlink) is not available");
        }
        return current.getConnection();
    }

    /** The data source's pool is its owner's to close. */
    @Override
    public void shutdown() {
    }

    @Override
    public void initialize() {
    }
}
