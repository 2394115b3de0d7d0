package io.cardlink.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The Cardlink distribution as an operator runs it: unpacked fresh (empty Derby database), ports moved, started
 * with {@code bin/karaf server}, heap and GC logging set through {@code EXTRA_JAVA_OPTS}.
 */
final class KarafProcess implements AutoCloseable {
    /** The first administrator the distribution makes, with a password of this run (CARDLINK_ADMIN_PASSWORD). */
    static final String USER = "admin";
    static final String PASSWORD = "bench-" + UUID.randomUUID();

    private final Path home;
    private final int httpPort;
    private final Path gcLog;
    private Process process;
    private ProcessHandle java;

    private KarafProcess(Path home, int httpPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.gcLog = home.resolve("gc.log");
    }

    /**
     * Unpacks the distribution into {@code dir} (replacing what was there) and writes the ports and the engine
     * settings into its etc/ before the first start.
     */
    static KarafProcess unpack(Path distribution, Path dir, int portBase, Map<String, String> engineSettings)
            throws Exception {
        if (Files.exists(dir)) {
            run(dir.getParent(), List.of("rm", "-rf", dir.toString()), 120);
        }
        Files.createDirectories(dir);
        run(dir, List.of("tar", "xzf", distribution.toString(), "-C", dir.toString()), 300);
        Path home;
        try (var entries = Files.list(dir)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        int http = portBase + 181;
        setKey(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", String.valueOf(http));
        setKey(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port.secure",
                String.valueOf(portBase + 443));
        setKey(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(portBase + 101));
        setKey(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort", String.valueOf(portBase + 199));
        setKey(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort", String.valueOf(portBase + 198));
        Path engine = home.resolve("etc/io.cardlink.engine.cfg");
        for (Map.Entry<String, String> e : engineSettings.entrySet()) {
            setKey(engine, e.getKey(), e.getValue());
        }
        return new KarafProcess(home, http);
    }

    private static void setKey(Path cfg, String key, String value) throws IOException {
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

    Path home() {
        return home;
    }

    Path gcLog() {
        return gcLog;
    }

    Http rest() {
        return new Http("http://127.0.0.1:" + httpPort + "/cardlink/api/v1", USER, PASSWORD);
    }

    /** Starts Karaf with the given maximum heap and waits until the REST API lists connectors and the CoreProIGA type. */
    void start(String maxHeap, Duration bound) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bin/karaf", "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("console.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CARDLINK_ADMIN_PASSWORD", PASSWORD);
        builder.environment().put("EXTRA_JAVA_OPTS", "-Xms" + maxHeap + " -Xmx" + maxHeap
                + " -Xlog:gc*:file=" + gcLog + ":uptime,level,tags");
        process = builder.start();
        Http rest = rest();
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Karaf exited early; see " + home.resolve("console.log"));
            }
            try {
                Http.Reply types = rest.get("/connector-types");
                if (types.status() == 200 && types.body().contains("coreproiga")
                        && rest.get("/connectors").status() == 200) {
                    java = findJava().orElseThrow(() -> new IllegalStateException("no java process under bin/karaf"));
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Cardlink did not answer within " + bound.toSeconds() + " s; see "
                + home.resolve("data/log/karaf.log"));
    }

    private Optional<ProcessHandle> findJava() {
        ProcessHandle root = process.toHandle();
        if (isJava(root)) {
            return Optional.of(root);
        }
        return root.descendants().filter(KarafProcess::isJava).findFirst();
    }

    private static boolean isJava(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    long pid() {
        return java.pid();
    }

    boolean alive() {
        return java != null && java.isAlive();
    }

    Duration cpuTime() {
        return java.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Runs {@code jcmd} against the Karaf JVM and returns its output. */
    String jcmd(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(String.valueOf(pid()));
        command.addAll(List.of(args));
        return run(home, command, 120);
    }

    @Override
    public void close() throws Exception {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            run(home, List.of("bin/stop"), 60);
        } catch (RuntimeException | IOException e) {
            process.destroy();
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            if (java != null) {
                java.destroyForcibly();
            }
            process.destroyForcibly();
        }
    }

    static String run(Path directory, List<String> command, int timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path output = Files.createTempFile("cardlink-bench", ".out");
        builder.redirectOutput(output.toFile());
        Process p = builder.start();
        p.getOutputStream().close();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s");
        }
        String text = Files.readString(output);
        Files.delete(output);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command + " exited " + p.exitValue() + ": " + text);
        }
        return text;
    }
}
