package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

class SchemaMigratorTest {

    // How long the tests wait for the migrator's thread at most; it normally takes well under a second.
    private static final long PATIENCE_SECONDS = 30;

    @Test
    void registersSchemaReadyOnceMigratedAndWithdrawsItOnDeactivation() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            FakeContext context = new FakeContext();

            SchemaMigrator migrator = new SchemaMigrator(database.dataSource(), context.proxy());

            assertTrue(context.registered.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertEquals(Migrations.latestVersion(), context.ready.get().version());
            try (Connection connection = database.dataSource().getConnection()) {
                assertEquals(Migrations.SCRIPTS.stream().map(Migrations.Script::version).collect(Collectors.toSet()),
                        Migrations.appliedVersions(connection));
            }
            migrator.deactivate();
            assertTrue(context.unregistered.get());
        }
    }

    @Test
    void waitsForADatabaseThatIsDownAtStart() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            database.dataSource().down(true);
            FakeContext context = new FakeContext();

            SchemaMigrator migrator = new SchemaMigrator(database.dataSource(), context.proxy());
            try {
                assertFalse(context.registered.await(500, TimeUnit.MILLISECONDS));

                database.dataSource().down(false);
                assertTrue(context.registered.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
            } finally {
                migrator.deactivate();
            }
        }
    }

    /** The part of a BundleContext the migrator uses: registering one service and withdrawing it. */
    private static final class FakeContext {
        final CountDownLatch registered = new CountDownLatch(1);
        final AtomicReference<SchemaReady> ready = new AtomicReference<>();
        final AtomicBoolean unregistered = new AtomicBoolean();

        BundleContext proxy() {
            ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (self, method, args) -> {
                        if (method.getName().equals("unregister")) {
                            unregistered.set(true);
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {BundleContext.class}, (self, method, args) -> {
                        if (method.getName().equals("registerService") && args[0] == SchemaReady.class) {
                            ready.set((SchemaReady) args[1]);
                            registered.countDown();
                            return registration;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
