package io.cardlink.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.esm.client.EsmClient;
import io.cardlink.esm.client.EsmClientConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The standalone emulator in its own JVM (instances {@code local} and {@code remote} of the demo fixture), so that
 * its CPU and heap are apart from the Karaf JVM's and can be told apart in the figures.
 */
final class EmulatorProcess implements AutoCloseable {
    static final String USER = "webapi";

    private final Process process;
    private final int port;
    private final Path log;

    private EmulatorProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static EmulatorProcess start(Path jar, int port, String heap, int threads, Path workDir) throws Exception {
        Path log = workDir.resolve("emulator.log");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xms" + heap, "-Xmx" + heap, "-XX:+UseParallelGC",
                "-jar", jar.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--threads", String.valueOf(threads)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        EmulatorProcess emulator = new EmulatorProcess(process, port, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the emulator exited: " + Files.readString(log));
            }
            if (Files.readString(log).contains("listening on port")) {
                return emulator;
            }
            Thread.sleep(200);
        }
        emulator.close();
        throw new IllegalStateException("the emulator did not start within 60 s; see " + log);
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    long pid() {
        return process.pid();
    }

    /** Scheme, host, port and context of an instance, as a connector's remoteUrl or the engine's localUrl. */
    String instanceUrl(String instance) {
        return "http://127.0.0.1:" + port + "/emulator/" + instance;
    }

    EsmClient client(String instance) {
        return EsmClient.create(EsmClientConfig.builder().baseUrl(instanceUrl(instance)).login(USER).password(USER)
                .requestTimeout(Duration.ofMinutes(5)).build());
    }

    private Http admin(String instance) {
        return new Http(instanceUrl(instance) + "/_admin", null, null);
    }

    /** Back to the fixture: cards, counters and faults. */
    void reset(String instance) throws IOException {
        admin(instance).post("/reset", "{}").expectOk("reset of " + instance);
    }

    void generate(String instance, String template, int count, long seed) throws IOException {
        int chunk = 100_000;
        for (int done = 0; done < count; done += chunk) {
            int n = Math.min(chunk, count - done);
            admin(instance).post("/generate?template=" + template + "&count=" + n + "&seed=" + (seed + done), "{}")
                    .expectOk("generate on " + instance);
        }
    }

    /** Switches on the faults of the JSON body (the emulator's admin API; see its README). */
    void faults(String instance, String json) throws IOException {
        admin(instance).post("/faults", json).expectOk("faults of " + instance);
    }

    void clearFaults(String instance) throws IOException {
        admin(instance).delete("/faults").expectOk("fault reset of " + instance);
    }

    /** Cards created, updated and deleted through the API since the last {@link #resetCounters}. */
    JsonNode counters(String instance) throws IOException {
        return admin(instance).get("/counters").expectOk("counters of " + instance).json();
    }

    void resetCounters(String instance) throws IOException {
        admin(instance).delete("/counters").expectOk("counter reset of " + instance);
    }

    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "emulator pid " + process.pid() + " on port " + port + " (log " + log + ")";
    }
}
