package io.cardlink.accounts.internal;

import java.nio.file.Path;
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
        Optional<BackingEngine> users = usersOfRealm();
        if (users.isEmpty()) {
            LOG.debug("No users file of the realm '{}' yet (realms {}, engines {})", REALM, realms, engines);
            return;
        }
        done = true;
        Path file = Path.of(System.getProperty("karaf.etc", "etc"), PASSWORD_FILE);
        try {
            FirstAdministrator.Outcome outcome = new FirstAdministrator(users.get(),
                    Optional.ofNullable(System.getenv(FirstAdministrator.PASSWORD_VARIABLE)), file).ensure();
            switch (outcome) {
                case GENERATED -> LOG.warn("Made the administrator '{}' with a generated password, which is in {}"
                        + " (readable by its owner only): log in, change it, and delete the file",
                        FirstAdministrator.USER, file);
                case FROM_VARIABLE -> LOG.info("Made the administrator '{}' with the password from {}",
                        FirstAdministrator.USER, FirstAdministrator.PASSWORD_VARIABLE);
                default -> LOG.debug("The realm '{}' has an administrator already", REALM);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not make the first administrator in the realm '{}': {}", REALM, e.getMessage(), e);
        }
    }

    /** The engine of the realm's users file, when the realm keeps its users in one (not in LDAP, say). */
    private Optional<BackingEngine> usersOfRealm() {
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
                        Map<String, ?> options = entry.getOptions();
                        return Optional.of(factory.build(options));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
