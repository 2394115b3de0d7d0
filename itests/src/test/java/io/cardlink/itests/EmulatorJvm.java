package io.cardlink.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * The standalone emulator (instances {@code local} and {@code remote}) in a JVM of its own, so that a Karaf killed
 * or stopped by a test leaves the instances and their cards as they were. Its jar is the system property
 * {@code cardlink.emulatorJar}, set by the itests pom.
 */
final class EmulatorJvm implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 120_000;

    private final Process process;
    private final int port;

    private EmulatorJvm(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the emulator on 127.0.0.1:port with the standalone main's options (such as
     * {@code --generate remote:person:20000:7} or {@code --fixture FILE}) and waits until it listens. It runs from
     * a copy of the jar in {@code directory}, apart from a jar rebuilt while it runs; its output goes to
     * {@code directory/emulator.log}.
     */
    static EmulatorJvm start(Path directory, int port, String... options) throws Exception {
        Files.createDirectories(directory);
        Path jar = Files.copy(Path.of(System.getProperty("cardlink.emulatorJar")), directory.resolve("emulator.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        Path log = directory.resolve("emulator.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "--port", String.valueOf(port)));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        EmulatorJvm emulator = new EmulatorJvm(process, port);
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
    static Path fixtureWithPasswords(Path directory, String remotePassword, String localPassword) throws Exception {
        ObjectNode fixture;
        try (ZipFile jar = new ZipFile(System.getProperty("cardlink.emulatorJar"))) {
            fixture = (ObjectNode) Rest.JSON.readTree(jar.getInputStream(
                    jar.getEntry("io/cardlink/emulator/internal/demo-fixture.json")));
        }
        for (JsonNode instance : fixture.get("instances")) {
            String password = instance.get("name").asText().equals("remote") ? remotePassword : localPassword;
            ArrayNode users = ((ObjectNode) instance).putArray("users");
            users.addObject().put("login", "webapi").put("password", password).put("name", "Web API");
        }
        Files.createDirectories(directory);
        Path file = directory.resolve("fixture.json");
        Files.writeString(file, fixture.toString());
        return file;
    }

    /** Scheme, host, port and context of an instance: a connector's remoteUrl or the engine's localUrl. */
    String url(String instance) {
        return "http://127.0.0.1:" + port + "/emulator/" + instance;
    }

    /** An instance's API as user webapi with the given password, and its admin endpoints. */
    EmulatorAccess access(String instance, String password) {
        return EmulatorAccess.at(url(instance), password);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
