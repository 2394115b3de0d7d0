package io.cardlink.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One unpacked Cardlink distribution run as an operator runs it: {@code bin/karaf server}, {@code bin/stop},
 * {@code bin/client}, or killed with SIGKILL as a power cut would. Its ports are a base plus 101 (ssh), 181 (http),
 * 443 (https), 198 and 199 (rmi), so that installations with different bases run side by side; the tests' base is
 * {@code cardlink.it.portBase + 10000 + portOffset}, plus 2,000 for each failsafe fork after the first
 * ({@code cardlink.it.fork}). Its first administrator gets {@link Rest#ADMIN_PASSWORD}
 * through {@code CARDLINK_ADMIN_PASSWORD}, unless {@link #withAdminPassword} names another or
 * {@link #generatedAdminPassword()} lets the distribution make one.
 */
public final class KarafDistribution implements AutoCloseable {
    /** Above the ports of the Pax Exam tests of the same run; each fork of a parallel run on ports of its own. */
    public static final int PORT_BASE = Integer.getInteger("cardlink.it.portBase", 18000) + 10_000
            + 2_000 * (Integer.getInteger("cardlink.it.fork", 1) - 1);
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(240);

    private final Path home;
    private final int ports;
    /** Null: the distribution makes one at its first start. */
    private String adminPassword = Rest.ADMIN_PASSWORD;
    /** Null: bin/karaf's own heap and no GC log. */
    private String heap;
    private String javaOptions = "";
    private Process karaf;
    private ProcessHandle java;

    private KarafDistribution(Path home, int ports) {
        this.home = home;
        this.ports = ports;
    }

    /**
     * Unpacks the tests' distribution (the system property {@code cardlink.distribution}) under target/{directory}
     * on the ports {@link #PORT_BASE} + portOffset.
     */
    public static KarafDistribution unpack(String directory, int portOffset) throws Exception {
        return unpack(Path.of(System.getProperty("cardlink.distribution")),
                Path.of("target", directory).toAbsolutePath(), PORT_BASE + portOffset);
    }

    /**
     * Unpacks the distribution into {@code target} (replacing what was there), moves its ports to {@code portBase}
     * plus the offsets above and adds the workflow engine's account, as an operator edits etc/ before the first start.
     */
    public static KarafDistribution unpack(Path distribution, Path target, int portBase) throws Exception {
        if (Files.exists(target)) {
            run(target.getParent(), List.of("rm", "-rf", target.toString()), 120, null);
        }
        Files.createDirectories(target);
        String untar = run(target, List.of("tar", "xzf", distribution.toString(), "-C", target.toString()), 300, null);
        Path home;
        try (var entries = Files.list(target)) {
            home = entries.filter(Files::isDirectory).findFirst().orElse(target);
        }
        // a distribution rebuilt while it is unpacked leaves a partial tree
        if (!Files.isExecutable(home.resolve("bin/karaf"))) {
            throw new AssertionError("unpacking " + distribution + " gave no bin/karaf: " + untar);
        }
        KarafDistribution karaf = new KarafDistribution(home, portBase);
        karaf.configure("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(karaf.httpPort()));
        karaf.configure("org.ops4j.pax.web.cfg", "org.osgi.service.http.port.secure",
                String.valueOf(karaf.httpsPort()));
        karaf.configure("org.apache.karaf.shell.cfg", "sshPort", String.valueOf(karaf.sshPort()));
        karaf.configure("org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(portBase + 199));
        karaf.configure("org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(portBase + 198));
        karaf.configure("users.properties", Rest.WORKFLOW_USER, Rest.WORKFLOW_ACCOUNT);
        return karaf;
    }

    public Path home() {
        return home;
    }

    public int httpPort() {
        return ports + 181;
    }

    public int sshPort() {
        return ports + 101;
    }

    public int httpsPort() {
        return ports + 443;
    }

    /** Starts without {@code CARDLINK_ADMIN_PASSWORD}: the first start writes a password to etc/cardlink-admin.password. */
    public KarafDistribution generatedAdminPassword() {
        adminPassword = null;
        return this;
    }

    /** Gives the first administrator this password through {@code CARDLINK_ADMIN_PASSWORD}, such as one of a run. */
    public KarafDistribution withAdminPassword(String password) {
        adminPassword = password;
        return this;
    }

    /**
     * Runs the JVM with this initial and maximum heap (such as {@code 1g}) and its GC log in {@link #gcLog()},
     * through {@code EXTRA_JAVA_OPTS}.
     */
    public KarafDistribution withHeap(String maxHeap) {
        heap = maxHeap;
        return this;
    }

    /** Adds these options (separated by spaces) to the JVM's, through {@code EXTRA_JAVA_OPTS}. */
    public KarafDistribution withJavaOptions(String options) {
        javaOptions = (javaOptions + " " + options).strip();
        return this;
    }

    /** The GC log of a distribution started {@link #withHeap}. */
    public Path gcLog() {
        return home.resolve("gc.log");
    }

    /** The first administrator's password: the tests' own, or what the distribution wrote (null before it did). */
    public String adminPassword() throws IOException {
        if (adminPassword != null) {
            return adminPassword;
        }
        Path file = home.resolve("etc/cardlink-admin.password");
        return Files.exists(file) ? Files.readString(file).trim() : null;
    }

    /** The REST API over plain HTTP as the first administrator. */
    public Rest rest() throws IOException {
        return new Rest("http://localhost:" + httpPort() + "/cardlink/api/v1")
                .as(Rest.basic(Rest.ADMIN_USER, String.valueOf(adminPassword())));
    }

    /** Sets a key in a file of etc/, as an operator edits it before the start. */
    public void configure(String etcFile, String key, String value) throws IOException {
        Path cfg = home.resolve("etc").resolve(etcFile);
        StringBuilder out = new StringBuilder();
        boolean replaced = false;
        List<String> lines = Files.exists(cfg) ? Files.readAllLines(cfg, StandardCharsets.ISO_8859_1) : List.of();
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.startsWith(key) && trimmed.substring(key.length()).trim().startsWith("=")) {
                out.append(key).append(" = ").append(value).append('\n');
                replaced = true;
            } else {
                out.append(line).append('\n');
            }
        }
        if (!replaced) {
            out.append(key).append(" = ").append(value).append('\n');
        }
        Files.writeString(cfg, out.toString(), StandardCharsets.ISO_8859_1);
    }

    /** Adds the user {@link Rest#VIEWER_USER} with the role cardlink-viewer to the realm, before the start. */
    public void addViewer() throws IOException {
        configure("users.properties", Rest.VIEWER_USER, Rest.VIEWER_ACCOUNT);
    }

    /** Starts bin/karaf and waits (up to 4 minutes) until the REST API lists connectors and knows the CoreProIGA type. */
    public void start() throws Exception {
        start(BOOT_TIMEOUT);
    }

    /** Starts bin/karaf and waits up to {@code bound} until the REST API lists connectors and knows the CoreProIGA type. */
    public void start(Duration bound) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bin/karaf", "server").directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (adminPassword != null) {
            builder.environment().put("CARDLINK_ADMIN_PASSWORD", adminPassword);
        } else {
            builder.environment().remove("CARDLINK_ADMIN_PASSWORD");
        }
        String extra = (heap == null ? "" : "-Xms" + heap + " -Xmx" + heap + " -Xlog:gc*:file=" + gcLog()
                + ":uptime,level,tags ") + javaOptions;
        if (!extra.isBlank()) {
            builder.environment().put("EXTRA_JAVA_OPTS", extra.strip());
        }
        karaf = builder.start();
        long deadline = System.nanoTime() + bound.toNanos();
        String lastReplies = "none";
        while (System.nanoTime() < deadline) {
            try {
                Rest rest = rest();
                Rest.Reply connectors = rest.get("/connectors");
                Rest.Reply types = rest.get("/connector-types");
                lastReplies = "/connectors " + connectors.status() + " " + connectors.body() + ", /connector-types "
                        + types.status() + " " + types.body();
                if (connectors.status() == 200 && types.body().contains("coreproiga")) {
                    java = jvm();
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!karaf.isAlive()) {
                throw new AssertionError("Karaf exited early; see " + home.resolve("console.log"));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Cardlink did not answer within " + bound.toSeconds() + " s; see "
                + home.resolve("data/log/karaf.log") + "; last replies: " + lastReplies + "; Cardlink's threads: "
                + cardlinkThreads());
    }

    /** The threads of the Karaf JVM that run Cardlink's code, from a thread dump (jcmd), to see where a boot hangs. */
    private String cardlinkThreads() {
        try {
            String pid = Files.readString(home.resolve("karaf.pid")).trim();
            String text = run(home, List.of(jcmd(), pid, "Thread.print"), 30, null);
            Files.writeString(home.resolve("thread-dump.txt"), text);
            List<String> threads = new ArrayList<>();
            for (String thread : text.split("\n\n")) {
                if (thread.contains("io.cardlink")) {
                    threads.add(thread.lines().limit(25).collect(Collectors.joining("\n")));
                }
            }
            return threads.isEmpty() ? "none (" + home.resolve("thread-dump.txt") + ")" : String.join("\n\n", threads);
        } catch (Exception | AssertionError e) {
            return "(no thread dump: " + e + ")";
        }
    }

    /** Stops Karaf with bin/stop and waits until it has exited. */
    public void stop() throws Exception {
        run(home, List.of("bin/stop"), 60, null);
        if (!karaf.waitFor(120, TimeUnit.SECONDS)) {
            throw new AssertionError("Karaf stops");
        }
    }

    /** Whether the Karaf JVM is up (after {@link #start()}). */
    public boolean running() {
        return java != null && java.isAlive();
    }

    /** The pid of the Karaf JVM (after {@link #start()}): the one in karaf.pid. */
    public long pid() {
        return java.pid();
    }

    /** The CPU time the Karaf JVM has used so far. */
    public Duration cpuTime() {
        return java.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Runs {@code jcmd} against the Karaf JVM (such as {@code JFR.start ...}) and returns its output. */
    public String jcmd(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(jcmd(), String.valueOf(pid())));
        command.addAll(List.of(arguments));
        Result result = execute(home, command, 120, null);
        if (result.exit() != 0) {
            throw new IllegalStateException(command + " exited " + result.exit() + ": " + result.output());
        }
        return result.output();
    }

    private static String jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

    /** The JVM started by bin/karaf: the process whose pid Karaf wrote to karaf.pid. */
    private ProcessHandle jvm() throws IOException {
        long pid = Long.parseLong(Files.readString(home.resolve("karaf.pid")).trim());
        return karaf.toHandle().descendants().filter(p -> p.pid() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("karaf.pid names " + pid + ", not a process under bin/karaf"));
    }

    /**
     * Kills the Karaf JVM with SIGKILL (as kill -9 does), as a power cut or the OOM killer would: no shutdown hook,
     * no bundle stops. bin/karaf, its parent, then exits.
     */
    public void kill() throws Exception {
        java.destroyForcibly();
        java.onExit().get(60, TimeUnit.SECONDS);
        if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("bin/karaf exits with its JVM");
        }
    }

    /** Runs shell commands through bin/client (ssh as the first administrator) and returns what they printed. */
    public String client(String commands) throws Exception {
        return run(home, List.of("bin/client", "-a", String.valueOf(sshPort()), "-u", Rest.ADMIN_USER, "-p",
                adminPassword(), "-r", "10", "-b"), 60, commands);
    }

    @Override
    public void close() throws Exception {
        if (karaf == null || !karaf.isAlive()) {
            return;
        }
        try {
            run(home, List.of("bin/stop"), 60, null);
        } catch (AssertionError | IOException e) {
            karaf.destroy();
        }
        if (!karaf.waitFor(90, TimeUnit.SECONDS)) {
            karaf.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
    }

    private record Result(int exit, String output) {
    }

    /** Runs a command to its end (stdin from the given text, if any) and returns its output and error. */
    public static String run(Path directory, List<String> command, int timeoutSeconds, String stdin) throws Exception {
        return execute(directory, command, timeoutSeconds, stdin).output();
    }

    /** Runs a command to its end (stdin from the given text, if any) and returns its exit value, output and error. */
    private static Result execute(Path directory, List<String> command, int timeoutSeconds, String stdin)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path output = Files.createTempFile("cardlink-testkit", ".out");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        String text = Files.readString(output);
        Files.delete(output);
        return new Result(process.exitValue(), text);
    }
}
