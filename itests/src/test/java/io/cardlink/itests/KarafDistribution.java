package io.cardlink.itests;

import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One unpacked Cardlink distribution run as an operator runs it: {@code bin/karaf server}, {@code bin/stop},
 * {@code bin/client}, or killed with SIGKILL as a power cut would. Its ports are
 * {@code cardlink.it.portBase + 10000 + portOffset} plus 101 (ssh), 181 (http), 443 (https), 198 and 199 (rmi), so
 * that installations with different offsets run side by side. Its first administrator gets
 * {@link Rest#ADMIN_PASSWORD} through {@code CARDLINK_ADMIN_PASSWORD}, unless {@link #generatedAdminPassword()}
 * lets the distribution make one.
 */
final class KarafDistribution implements AutoCloseable {
    /** Above the ports of the Pax Exam tests of the same run. */
    static final int PORT_BASE = Integer.getInteger("cardlink.it.portBase", 18000) + 10_000;
    private static final long BOOT_TIMEOUT_MILLIS = 240_000;

    private final Path home;
    private final int ports;
    private boolean passwordFromVariable = true;
    private Process karaf;
    private ProcessHandle java;

    private KarafDistribution(Path home, int ports) {
        this.home = home;
        this.ports = ports;
    }

    /** Unpacks the distribution under target/{directory} (replacing what was there) and moves its ports. */
    static KarafDistribution unpack(String directory, int portOffset) throws Exception {
        Path target = Path.of("target", directory).toAbsolutePath();
        if (Files.exists(target)) {
            run(target.getParent(), List.of("rm", "-rf", target.toString()), 120, null);
        }
        Files.createDirectories(target);
        String distribution = System.getProperty("cardlink.distribution");
        String untar = run(target, List.of("tar", "xzf", distribution, "-C", target.toString()), 300, null);
        Path home;
        try (var entries = Files.list(target)) {
            home = entries.filter(Files::isDirectory).findFirst().orElse(target);
        }
        // a distribution rebuilt while it is unpacked leaves a partial tree
        assertTrue("unpacking " + distribution + " gave no bin/karaf: " + untar,
                Files.isExecutable(home.resolve("bin/karaf")));
        KarafDistribution karaf = new KarafDistribution(home, PORT_BASE + portOffset);
        karaf.configure("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(karaf.httpPort()));
        karaf.configure("org.ops4j.pax.web.cfg", "org.osgi.service.http.port.secure",
                String.valueOf(karaf.httpsPort()));
        karaf.configure("org.apache.karaf.shell.cfg", "sshPort", String.valueOf(karaf.sshPort()));
        karaf.configure("org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(karaf.ports + 199));
        karaf.configure("org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(karaf.ports + 198));
        karaf.configure("users.properties", Rest.WORKFLOW_USER, Rest.WORKFLOW_ACCOUNT);
        return karaf;
    }

    Path home() {
        return home;
    }

    int httpPort() {
        return ports + 181;
    }

    int sshPort() {
        return ports + 101;
    }

    int httpsPort() {
        return ports + 443;
    }

    /** Starts without {@code CARDLINK_ADMIN_PASSWORD}: the first start writes a password to etc/cardlink-admin.password. */
    KarafDistribution generatedAdminPassword() {
        passwordFromVariable = false;
        return this;
    }

    /** The first administrator's password: the tests' own, or what the distribution wrote (null before it did). */
    String adminPassword() throws IOException {
        if (passwordFromVariable) {
            return Rest.ADMIN_PASSWORD;
        }
        Path file = home.resolve("etc/cardlink-admin.password");
        return Files.exists(file) ? Files.readString(file).trim() : null;
    }

    /** The REST API over plain HTTP as the first administrator. */
    Rest rest() throws IOException {
        return new Rest("http://localhost:" + httpPort() + "/cardlink/api/v1")
                .as(Rest.basic(Rest.ADMIN_USER, String.valueOf(adminPassword())));
    }

    /** Sets a key in a file of etc/, as an operator edits it before the start. */
    void configure(String etcFile, String key, String value) throws IOException {
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
    void addViewer() throws IOException {
        configure("users.properties", Rest.VIEWER_USER, Rest.VIEWER_ACCOUNT);
    }

    /** Starts bin/karaf and waits until the REST API lists connectors and knows the CoreProIGA type. */
    void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bin/karaf", "server").directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (passwordFromVariable) {
            builder.environment().put("CARDLINK_ADMIN_PASSWORD", Rest.ADMIN_PASSWORD);
        } else {
            builder.environment().remove("CARDLINK_ADMIN_PASSWORD");
        }
        karaf = builder.start();
        long deadline = System.currentTimeMillis() + BOOT_TIMEOUT_MILLIS;
        String lastReplies = "none";
        while (System.currentTimeMillis() < deadline) {
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
            assertTrue("Karaf exited early; see " + home.resolve("console.log"), karaf.isAlive());
            Thread.sleep(500);
        }
        throw new AssertionError("Cardlink did not answer within " + BOOT_TIMEOUT_MILLIS / 1000 + " s; see "
                + home.resolve("data/log/karaf.log") + "; last replies: " + lastReplies + "; Cardlink's threads: "
                + cardlinkThreads());
    }

    /** The threads of the Karaf JVM that run Cardlink's code, from a thread dump (jcmd), to see where a boot hangs. */
    private String cardlinkThreads() {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            String pid = Files.readString(home.resolve("karaf.pid")).trim();
            Process dump = new ProcessBuilder(jcmd.toString(), pid, "Thread.print").redirectErrorStream(true).start();
            String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(30, TimeUnit.SECONDS);
            Files.writeString(home.resolve("thread-dump.txt"), text);
            List<String> threads = new ArrayList<>();
            for (String thread : text.split("\n\n")) {
                if (thread.contains("io.cardlink")) {
                    threads.add(thread.lines().limit(25).collect(Collectors.joining("\n")));
                }
            }
            return threads.isEmpty() ? "none (" + home.resolve("thread-dump.txt") + ")" : String.join("\n\n", threads);
        } catch (IOException | RuntimeException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    /** Stops Karaf with bin/stop and waits until it has exited. */
    void stop() throws Exception {
        run(List.of("bin/stop"), 60);
        assertTrue("Karaf stops", karaf.waitFor(120, TimeUnit.SECONDS));
    }

    /** Whether the Karaf JVM is up (after {@link #start()}). */
    boolean running() {
        return java != null && java.isAlive();
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
    void kill() throws Exception {
        java.destroyForcibly();
        java.onExit().get(60, TimeUnit.SECONDS);
        assertTrue("bin/karaf exits with its JVM", karaf.waitFor(60, TimeUnit.SECONDS));
    }

    /** Runs shell commands through bin/client (ssh as the first administrator) and returns what they printed. */
    String client(String commands) throws Exception {
        return run(home, List.of("bin/client", "-a", String.valueOf(sshPort()), "-u", Rest.ADMIN_USER, "-p",
                adminPassword(), "-r", "10", "-b"), 60, commands);
    }

    @Override
    public void close() throws Exception {
        if (karaf == null || !karaf.isAlive()) {
            return;
        }
        try {
            run(List.of("bin/stop"), 60);
        } catch (AssertionError | IOException e) {
            karaf.destroy();
        }
        if (!karaf.waitFor(90, TimeUnit.SECONDS)) {
            karaf.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
    }

    private String run(List<String> command, int timeoutSeconds) throws Exception {
        return run(home, command, timeoutSeconds, null);
    }

    /** Runs a command to its end (stdin from the given text, if any) and returns its output and error. */
    static String run(Path directory, List<String> command, int timeoutSeconds, String stdin) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        File output = File.createTempFile("cardlink-it", ".out");
        builder.redirectOutput(output);
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        String text = Files.readString(output.toPath());
        Files.delete(output.toPath());
        return text;
    }
}
