package io.cardlink.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * The standalone emulator (instances {@code local} and {@code remote} of the demo fixture) in a JVM of its own, so
 * that a Karaf killed or stopped by a test leaves the instances and their cards as they were, and so that the
 * emulator's CPU and heap are apart from the Karaf JVM's in a benchmark's figures. The tests' jar is the system
 * property {@code cardlink.emulatorJar}, set by the itests pom.
 */
public final class EmulatorJvm implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 120_000;

    private final Process process;
    private final int port;
    private final Path log;

    private EmulatorJvm(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the tests' emulator ({@code cardlink.emulatorJar}, 512 MB of heap) on port with the standalone main's
     * options (such as {@code --generate remote:person:20000:7} or {@code --fixture FILE}); see
     * {@link #start(Path, Path, int, List, String...)}.
     */
    public static EmulatorJvm start(Path directory, int port, String... options) throws Exception {
        return start(Path.of(System.getProperty("cardlink.emulatorJar")), directory, port, List.of("-Xmx512m"),
                options);
    }

    /**
     * Starts the emulator of {@code jar} on port with the JVM's options (heap, collector) and the standalone main's
     * options, and waits until it listens. It runs from a copy of the jar in {@code directory}, apart from a jar
     * rebuilt while it runs; its output goes to {@code directory/emulator.log}.
     */
    public static EmulatorJvm start(Path jar, Path directory, int port, List<String> jvmOptions, String... options)
            throws Exception {
        Files.createDirectories(directory);
        Path copy = Files.copy(jar, directory.resolve("emulator.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path log = directory.resolve("emulator.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", copy.toString(), "--port", String.valueOf(port)));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        EmulatorJvm emulator = new EmulatorJvm(process, port, log);
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the emulator exited: " + Files.readString(log));
            }
            if (Files.readString(log).contains("listening on port")) {
                return emulator;
            }
            Thread.sleep(200);
        }
        emulator.close();
        throw new AssertionError("the emulator did not start within " + START_TIMEOUT_MILLIS / 1000 + " s; see " + log);
    }

    /**
     * The demo fixture with passwords of the test's own for user webapi of the instances, instead of the demo's
     * webapi/webapi, written to {@code directory/fixture.json} for {@code --fixture}: passwords that can be searched
     * for on disk and in replies.
     */
    public static Path fixtureWithPasswords(Path directory, String remotePassword, String localPassword)
            throws Exception {
        ObjectNode fixture;
        try (ZipFile jar = new ZipFile(System.getProperty("cardlink.emulatorJar"))) {
            fixture = (ObjectNode) Rest.JSON.readTree(jar.getInputStream(
                    jar.getEntry("io/cardlink/emulator/internal/demo-fixture.json")));
        }
        for (JsonNode instance : fixture.get("instances")) {
            String password = instance.get("name").asText().equals("remote") ? remotePassword : localPassword;
            ArrayNode users = ((ObjectNode) instance).putArray("users");
            users.addObject().put("login", EmulatorAccess.USER).put("password", password).put("name", "Web API");
        }
        Files.createDirectories(directory);
        Path file = directory.resolve("fixture.json");
        Files.writeString(file, fixture.toString());
        return file;
    }

    /** Scheme, host, port and context of an instance: a connector's remoteUrl or the engine's localUrl. */
    public String url(String instance) {
        return "http://127.0.0.1:" + port + "/emulator/" + instance;
    }

    /** An instance's API as user webapi with the given password, and its admin endpoints. */
    public EmulatorAccess access(String instance, String password) {
        return EmulatorAccess.at(url(instance), password);
    }

    /** An instance of the demo fixture, whose user webapi has the password webapi. */
    public EmulatorAccess access(String instance) {
        return access(instance, EmulatorAccess.USER);
    }

    public long pid() {
        return process.pid();
    }

    /** The CPU time the emulator's JVM has used so far. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "emulator pid " + process.pid() + " on port " + port + " (log " + log + ")";
    }
}
