package io.cardlink.storage.jpa.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema of the {@code cardlink} data source to the bundle's latest version, then registers
 * {@link SchemaReady}. It migrates on its own thread, so that activation does not wait for a remote database, and
 * tries again with a growing delay while the database can't be reached.
 */
@Component(service = {})
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final long FIRST_RETRY_SECONDS = 1;
    private static final long MAX_RETRY_SECONDS = 60;

    private final DataSource dataSource;
    private final BundleContext context;
    private final ScheduledExecutorService executor;
    private ServiceRegistration<SchemaReady> registration;
    private boolean closed;
    private long retrySeconds = FIRST_RETRY_SECONDS;

    @Activate
    public SchemaMigrator(@Reference(target = "(osgi.jndi.service.name=cardlink)") DataSource dataSource,
            BundleContext context) {
        this.dataSource = dataSource;
        this.context = context;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cardlink-schema-migrator");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::migrate);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
        synchronized (this) {
            closed = true;
            if (registration != null) {
                registration.unregister();
                registration = null;
            }
        }
    }

    private void migrate() {
        try {
            List<Integer> applied = Migrations.migrate(dataSource);
            int version = Migrations.latestVersion();
            if (applied.isEmpty()) {
                LOG.info("Cardlink schema is at version {}", version);
            } else {
                LOG.info("Cardlink schema migrated to version {} (applied {})", version, applied);
            }
            synchronized (this) {
                if (!closed) {
                    registration = context.registerService(SchemaReady.class, new SchemaReady(version), null);
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Cardlink schema migration failed, trying again in {} s: {}", retrySeconds, e.getMessage());
            if (!executor.isShutdown()) {
                executor.schedule(this::migrate, retrySeconds, TimeUnit.SECONDS);
                retrySeconds = Math.min(retrySeconds * 2, MAX_RETRY_SECONDS);
            }
        }
    }
}
