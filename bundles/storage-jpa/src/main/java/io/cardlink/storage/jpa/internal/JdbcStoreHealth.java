package io.cardlink.storage.jpa.internal;

import io.cardlink.api.store.StoreHealth;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Asks the {@code cardlink} data source a trivial query. The probe runs on its own thread with a deadline, because
 * taking a connection from the pool or opening one to a remote database can itself hang.
 */
@Component(service = StoreHealth.class)
public final class JdbcStoreHealth implements StoreHealth {

    static final int TIMEOUT_SECONDS = 3;

    private final DataSource dataSource;
    private final ExecutorService probes = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "cardlink-store-health");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String database;

    @Activate
    public JdbcStoreHealth(@Reference(target = "(osgi.jndi.service.name=cardlink)") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Deactivate
    void deactivate() {
        probes.shutdownNow();
    }

    @Override
    public boolean reachable() {
        Future<String> probe = probes.submit(this::probe);
        try {
            database = probe.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            probe.cancel(true);
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The product and version from the last successful probe; probes once if there was none. */
    @Override
    public String database() {
        if (database == null && !reachable()) {
            return "unknown (the database has not answered)";
        }
        return database;
    }

    private String probe() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            DatabaseMetaData metaData = connection.getMetaData();
            String product = metaData.getDatabaseProductName();
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.execute("Apache Derby".equals(product) ? "VALUES 1" : "SELECT 1");
            return product + " " + firstWord(metaData.getDatabaseProductVersion());
        }
    }

    /** Derby reports {@code 10.14.2.0 - (1828579)} and PostgreSQL may add its build; the first word is the version. */
    private static String firstWord(String version) {
        String trimmed = version.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }
}
