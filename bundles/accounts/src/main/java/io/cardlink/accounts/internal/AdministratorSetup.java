package io.cardlink.accounts.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.BackingEngineFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the first administrator ({@link FirstAdministrator}) in Karaf's {@code karaf} realm once the realm and the
 * engine that edits its users file are there. That work waits for the realm's password encryption service, so it
 * runs on a thread of its own rather than in activation.
 */
@Component(immediate = true)
public class AdministratorSetup {
    private static final Logger LOG = LoggerFactory.getLogger(AdministratorSetup.class);
    static final String REALM = "karaf";
    static final String PASSWORD_FILE = "cardlink-admin.password";
    /** The login module that keeps users and their passwords in etc/users.properties. */
    static final String PROPERTIES_MODULE = "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule";
    private static final Duration HASHING_WAIT = Duration.ofSeconds(20);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(500);
    private static final int AFTER_WRITE_CHECKS = 20;

    private final List<JaasRealm> realms = new CopyOnWriteArrayList<>();
    private final List<BackingEngineFactory> engines = new CopyOnWriteArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "cardlink-first-administrator");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean active;
    private boolean done;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRealm(JaasRealm realm) {
        realms.add(realm);
        trigger();
    }

    void removeRealm(JaasRealm realm) {
        realms.remove(realm);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEngineFactory(BackingEngineFactory factory) {
        engines.add(factory);
        trigger();
    }

    void removeEngineFactory(BackingEngineFactory factory) {
        engines.remove(factory);
    }

    @Activate
    void activate() {
        active = true;
        trigger();
    }

    @Deactivate
    void deactivate() {
        active = false;
        worker.shutdownNow();
    }

    private void trigger() {
        if (!active) {
            return;
        }
        try {
            worker.execute(this::setUp);
        } catch (RejectedExecutionException stopping) {
            // deactivated meanwhile
        }
    }

    private synchronized void setUp() {
        if (done) {
            return;
        }
        Optional<Realm> realm = realmOfUsersFile();
        if (realm.isEmpty()) {
            LOG.debug("No users file of the realm '{}' yet (realms {}, engines {})", REALM, realms, engines);
            return;
        }
        done = true;
        Path file = Path.of(System.getProperty("karaf.etc", "etc"), PASSWORD_FILE);
        try {
            awaitHashedPasswords(realm.get());
            FirstAdministrator administrator = new FirstAdministrator(realm.get().users(),
                    Optional.ofNullable(System.getenv(FirstAdministrator.PASSWORD_VARIABLE)), file);
            FirstAdministrator.Outcome outcome = administrator.ensure();
            switch (outcome) {
                case GENERATED -> LOG.warn("Made the administrator '{}' with a generated password, which is in {}"
                        + " (readable by its owner only): log in, change it, and delete the file",
                        FirstAdministrator.USER, file);
                case FROM_VARIABLE -> LOG.info("Made the administrator '{}' with the password from {}",
                        FirstAdministrator.USER, FirstAdministrator.PASSWORD_VARIABLE);
                default -> LOG.debug("The realm '{}' has an administrator already", REALM);
            }
            if (outcome != FirstAdministrator.Outcome.ALREADY_THERE) {
                keepWhatWasWritten(administrator, realm.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Could not make the first administrator in the realm '{}': {}", REALM, e.getMessage(), e);
        }
    }

    /**
     * Waits (boundedly) until Karaf has hashed the clear passwords of the users file: it does so by rewriting the
     * whole file from its own read, which would drop a user or group we wrote meanwhile.
     */
    private static void awaitHashedPasswords(Realm realm) throws InterruptedException {
        Optional<UsersFile> file = UsersFile.hashedBy(realm.options());
        long deadline = System.nanoTime() + HASHING_WAIT.toNanos();
        while (file.isPresent() && file.get().hasClearPasswords() && System.nanoTime() < deadline) {
            Thread.sleep(CHECK_INTERVAL.toMillis());
        }
    }

    /**
     * Reads the realm's users again a few times after the writes and puts back what a concurrent rewrite by Karaf
     * (a login hashing a clear password, say) took away, so that the administrator never ends up without its group.
     */
    private static void keepWhatWasWritten(FirstAdministrator administrator, Realm realm)
            throws InterruptedException {
        for (int check = 0; check < AFTER_WRITE_CHECKS; check++) {
            Thread.sleep(CHECK_INTERVAL.toMillis());
            List<String> repaired = administrator.repair(realm.users());
            if (!repaired.isEmpty()) {
                LOG.warn("The users file was rewritten under the first administrator's setup; Cardlink {}",
                        String.join(", ", repaired));
            }
        }
    }

    /** The realm's users file and the engine that edits it, when the realm keeps its users in one (not LDAP, say). */
    private Optional<Realm> realmOfUsersFile() {
        for (JaasRealm realm : realms) {
            if (!REALM.equals(realm.getName())) {
                continue;
            }
            for (AppConfigurationEntry entry : realm.getEntries()) {
                // Karaf wraps each module in a proxy that names the real one in an option
                Object module = entry.getOptions().get(ProxyLoginModule.PROPERTY_MODULE);
                String moduleClass = module == null ? entry.getLoginModuleName() : module.toString();
                for (BackingEngineFactory factory : engines) {
                    if (PROPERTIES_MODULE.equals(moduleClass) && factory.getModuleClass().equals(PROPERTIES_MODULE)) {
                        return Optional.of(new Realm(factory, entry.getOptions()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A properties realm: each {@link #users()} reads its file afresh. */
    private record Realm(BackingEngineFactory factory, Map<String, ?> options) {
        BackingEngine users() {
            return factory.build(options);
        }
    }
}
