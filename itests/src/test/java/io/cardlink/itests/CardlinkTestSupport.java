package io.cardlink.itests;

import static org.ops4j.pax.exam.CoreOptions.environment;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import io.cardlink.testkit.Rest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Boots the Cardlink distribution built by karaf-assembly in Pax Exam, on ports of its own so that a Cardlink
 * started by hand on 8181 does not disturb the tests.
 */
public abstract class CardlinkTestSupport {
    // -Dcardlink.it.portBase=N moves all ports, so that several test runs can share a machine; each of failsafe's
    // forks (cardlink.it.fork, from 1) runs its classes 2,000 ports above the previous fork's
    static final int PORT_BASE = Integer.getInteger("cardlink.it.portBase", 18000)
            + 2_000 * (Integer.getInteger("cardlink.it.fork", 1) - 1);
    static final String HTTP_PORT = String.valueOf(PORT_BASE + 181);
    static final String SSH_PORT = String.valueOf(PORT_BASE + 101);

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    protected final Rest rest = new Rest("http://localhost:" + HTTP_PORT + "/cardlink/api/v1");

    @Configuration
    public Option[] config() throws Exception {
        awaitFreePorts(HTTP_PORT, SSH_PORT, String.valueOf(PORT_BASE + 199), String.valueOf(PORT_BASE + 198));
        String distribution = System.getProperty("cardlink.distribution");
        String karafVersion = System.getProperty("karaf.version");
        String localRepository = System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository");
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(distribution).toURI().toString())
                        .karafVersion(karafVersion)
                        .name("Cardlink")
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                // a loaded 2-core machine can take minutes to boot Karaf and start the probe
                systemTimeout(600_000),
                // the probe waits this long for Pax Exam's own services (10 s by default: too short on a busy machine)
                systemProperty("pax.exam.service.timeout").value("180000"),
                // Pax Exam's bundles start in the same boot stage as Cardlink's, where Hibernate alone can take more
                // than 10 s on a loaded machine; these look-ups then gave up and the test hung on its RMI call
                systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT").value("180000"),
                systemProperty("org.ops4j.pax.exam.invoker.junit.internal.JUnitProbeInvokerFactory.DEFAULT_TIMEOUT")
                        .value("180000"),
                systemProperty("org.ops4j.pax.swissbox.tracker.ServiceLookup.DEFAULT_TIMEOUT").value("180000"),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", HTTP_PORT),
                // bin/setenv, which makes the HTTPS certificate, does not run under Pax Exam: the process tests
                // (KarafDistribution) cover HTTPS
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.secure.enabled", "false"),
                // the first administrator, as an operator names its password at the first start
                environment("CARDLINK_ADMIN_PASSWORD=" + Rest.ADMIN_PASSWORD),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", SSH_PORT),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(PORT_BASE + 199)),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(PORT_BASE + 198)),
                // the workflow engine's, a read-only and a monitoring account beside the admin
                editConfigurationFilePut("etc/users.properties", Rest.WORKFLOW_USER, Rest.WORKFLOW_ACCOUNT),
                editConfigurationFilePut("etc/users.properties", Rest.VIEWER_USER, Rest.VIEWER_ACCOUNT),
                editConfigurationFilePut("etc/users.properties", Rest.MONITOR_USER, Rest.MONITOR_ACCOUNT),
                // Pax Exam provisions its own bundles (probe, JUnit) from the build's repository.
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        localRepository),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories",
                        "https://repo1.maven.org/maven2@id=central"),
                systemProperty("cardlink.shared").value(System.getProperty("cardlink.shared", "")),
                // the tests run inside Karaf and compute their ports from this too
                systemProperty("cardlink.it.portBase").value(String.valueOf(PORT_BASE))));
        // What bin/karaf passes on Java 9+; Pax Exam 4.14 does not.
        String[] jdk9Plus = {
            "--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
            "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
            "--add-opens", "java.base/java.security=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"};
        for (String option : jdk9Plus) {
            options.add(new VMOption(option));
        }
        return options.toArray(new Option[0]);
    }

    /**
     * Pax Exam only signals the previous test class's Karaf to stop; while that one shuts down it may still hold the
     * ports, and this class's Karaf would then fail to bind them while the tests talked to the dying one.
     */
    private static void awaitFreePorts(String... ports) throws Exception {
        for (String port : ports) {
            waitUntil("port " + port + " is free (a Karaf of an earlier test class still holds it)", 180_000, () -> {
                try (ServerSocket probe = new ServerSocket()) {
                    probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port)));
                    return true;
                } catch (IOException held) {
                    return false;
                }
            });
        }
    }

    /**
     * Runs a shell command as an admin would and returns what it printed (out and err). {@code typed} are the lines
     * the admin types at the command's prompts (secrets are asked for, never given on the command line); with them
     * the session has a terminal, without them it has none, as a script's.
     */
    protected String executeCommand(String command, String... typed) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = typed.length == 0 ? sessionFactory.create(System.in, printer, printer)
                : sessionFactory.create(new ByteArrayInputStream((String.join("\n", typed) + "\n")
                        // no terminal of our own: Karaf then makes a dumb one over the input, as for a pipe
                        .getBytes(StandardCharsets.UTF_8)), printer, printer, null, "UTF-8", null);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("karaf"));
        subject.getPrincipals().add(new RolePrincipal("admin"));
        subject.getPrincipals().add(new RolePrincipal("manager"));
        subject.getPrincipals().add(new RolePrincipal("viewer"));
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (java.security.PrivilegedActionException e) {
            printer.println("Error executing command: " + e.getException().getMessage());
        } catch (RuntimeException e) {
            // a refusal, as the shell prints it (doAs passes unchecked exceptions through unwrapped)
            printer.println("Error executing command: " + e.getMessage());
        } finally {
            session.close();
        }
        printer.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Karaf's features service as registered now. Karaf replaces it when its own bundle or configuration is
     * refreshed, and an instance looked up (or injected) before then refuses work: its executor is shut down.
     */
    protected FeaturesService features() throws Exception {
        AtomicReference<FeaturesService> found = new AtomicReference<>();
        waitUntil("Karaf's features service is registered", 60_000, () -> {
            ServiceReference<FeaturesService> reference = bundleContext.getServiceReference(FeaturesService.class);
            found.set(reference == null ? null : bundleContext.getService(reference));
            return found.get() != null;
        });
        return found.get();
    }

    /** Installs a feature, through the features service registered at that moment (see {@link #features()}). */
    protected void installFeature(String name) throws Exception {
        installFeature(name, EnumSet.noneOf(FeaturesService.Option.class));
    }

    /** Installs a feature, through the features service registered at that moment (see {@link #features()}). */
    protected void installFeature(String name, EnumSet<FeaturesService.Option> options) throws Exception {
        provision(name, options, true);
    }

    /** Uninstalls a feature, through the features service registered at that moment (see {@link #features()}). */
    protected void uninstallFeature(String name, EnumSet<FeaturesService.Option> options) throws Exception {
        provision(name, options, false);
    }

    private void provision(String name, EnumSet<FeaturesService.Option> options, boolean install) throws Exception {
        for (int attempt = 1; ; attempt++) {
            FeaturesService features = features();
            try {
                if (install) {
                    features.installFeature(name, options);
                } else {
                    features.uninstallFeature(name, options);
                }
                return;
            } catch (RejectedExecutionException e) {
                // the service was being replaced between the look-up and the call
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(1_000);
            }
        }
    }

    protected Bundle bundle(String symbolicName) {
        for (Bundle bundle : bundleContext.getBundles()) {
            if (bundle.getSymbolicName().equals(symbolicName)) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** Polls until the check returns true, failing after the timeout. */
    protected static void waitUntil(String what, long timeoutMillis, Callable<Boolean> check) throws Exception {
        waitUntil(what, timeoutMillis, check, () -> null);
    }

    /** Polls until the check returns true, failing after the timeout with what {@code lastSeen} then tells. */
    protected static void waitUntil(String what, long timeoutMillis, Callable<Boolean> check, Supplier<String> lastSeen)
            throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Exception last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (Boolean.TRUE.equals(check.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        String seen = lastSeen.get();
        throw new AssertionError("timed out waiting until " + what + (last == null ? "" : ": " + last)
                + (seen == null ? "" : "; last seen: " + seen), last);
    }

    protected void waitForApi() throws Exception {
        AtomicReference<String> lastReply = new AtomicReference<>();
        waitUntil("the REST API answers with connector management up", 90_000, () -> {
            Rest.Reply reply = rest.get("/connectors");
            lastReply.set(reply.status() + " " + reply.body());
            return reply.status() == 200;
        }, () -> lastReply.get() + "; components not active: " + inactiveComponents() + "; log: " + logProblems()
                + "; Cardlink's threads: " + cardlinkThreads());
    }

    /**
     * Gives the engine the emulator's local WebAPI user: the local instance is the engine's, reached with the engine's
     * credentials, not a connector's.
     */
    protected void useEmulatorLocalUser() throws Exception {
        useEmulatorLocalUser(rest);
    }

    /** The same through another REST client, such as that of a distribution started as a process. */
    static void useEmulatorLocalUser(Rest rest) throws Exception {
        useLocalUser(rest, "webapi");
    }

    /**
     * Gives the engine the local WebAPI user {@code webapi} with this password, unless it has that user and a password
     * already (tests call this before each test; the engine's settings then change only once).
     */
    static void useLocalUser(Rest rest, String password) throws Exception {
        Rest.Reply current = rest.get("/settings");
        if (current.status() == 200 && "webapi".equals(current.json().path("localUser").asText())
                && current.json().path("localPasswordSet").asBoolean()) {
            return;
        }
        Rest.Reply reply = rest.put("/settings", "{\"localUser\":\"webapi\",\"localPassword\":\"" + password + "\"}");
        if (reply.status() != 200) {
            throw new AssertionError("the engine's local user was not set: " + reply.status() + " " + reply.body());
        }
    }

    /** The threads of this Karaf that run Cardlink's code, with their stacks, to see where a boot hangs. */
    private static String cardlinkThreads() {
        List<String> threads = new ArrayList<>();
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            StackTraceElement[] stack = thread.getStackTrace();
            boolean cardlink = false;
            for (StackTraceElement frame : stack) {
                cardlink |= frame.getClassName().startsWith("io.cardlink")
                        && !frame.getClassName().startsWith("io.cardlink.itests")
                        && !frame.getClassName().startsWith("io.cardlink.testkit");
            }
            if (cardlink) {
                StringBuilder text = new StringBuilder(thread.getThreadName() + " " + thread.getThreadState()
                        + (thread.getLockName() == null ? "" : " on " + thread.getLockName()));
                for (int i = 0; i < Math.min(20, stack.length); i++) {
                    text.append("\n    at ").append(stack[i]);
                }
                threads.add(text.toString());
            }
        }
        return String.join("\n", threads);
    }

    /** The Declarative Services components of Cardlink's bundles that are not active, with their state. */
    private String inactiveComponents() {
        ServiceReference<ServiceComponentRuntime> reference =
                bundleContext.getServiceReference(ServiceComponentRuntime.class);
        if (reference == null) {
            return "(no ServiceComponentRuntime)";
        }
        ServiceComponentRuntime runtime = bundleContext.getService(reference);
        try {
            List<String> inactive = new ArrayList<>();
            for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
                if (!description.bundle.symbolicName.startsWith("io.cardlink")) {
                    continue;
                }
                for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                    if (configuration.state != ComponentConfigurationDTO.ACTIVE
                            && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                        List<String> missing = new ArrayList<>();
                        for (UnsatisfiedReferenceDTO unsatisfied : configuration.unsatisfiedReferences) {
                            missing.add(unsatisfied.name);
                        }
                        inactive.add(description.name + " (state " + configuration.state + ", missing " + missing
                                + (configuration.failure == null ? "" : ", failure " + configuration.failure) + ")");
                    }
                }
            }
            return inactive.toString();
        } finally {
            bundleContext.ungetService(reference);
        }
    }

    /** The last ERROR and WARN lines of this Karaf's log. */
    private static String logProblems() {
        Path log = Path.of(System.getProperty("karaf.data", "data"), "log", "karaf.log");
        try (Stream<String> lines = Files.lines(log)) {
            List<String> problems = lines.filter(line -> line.contains("| ERROR |") || line.contains("| WARN  |"))
                    .toList();
            return String.join("\n", problems.subList(Math.max(0, problems.size() - 15), problems.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(" + log + " unreadable: " + e + ")";
        }
    }
}
