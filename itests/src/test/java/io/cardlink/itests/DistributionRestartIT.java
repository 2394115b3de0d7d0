package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/**
 * The distribution as an operator runs it: unpacked, started with bin/karaf, stopped with bin/stop, started again.
 * A connector created over REST is still there after the restart, and the shell (bin/client) lists it.
 */
public class DistributionRestartIT {
    private static final int PORT_BASE = Integer.getInteger("cardlink.it.portBase", 18000) + 10_000;
    private static final String HTTP_PORT = String.valueOf(PORT_BASE + 181);
    private static final String SSH_PORT = String.valueOf(PORT_BASE + 101);

    private final Rest rest = new Rest("http://localhost:" + HTTP_PORT + "/cardlink/api/v1");
    private Path home;
    private Process karaf;

    @After
    public void stopKaraf() throws Exception {
        if (karaf != null && karaf.isAlive()) {
            run(List.of("bin/stop"), 60);
            if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
                karaf.destroyForcibly();
            }
        }
    }

    @Test
    public void aConnectorSurvivesARestartAndTheShellSeesIt() throws Exception {
        home = unpack();
        start();
        Rest.Reply created = rest.post("/connectors", ConnectorManagementIT.connectorJson("Survivor", "https://s.example.com"));
        assertEquals(created.body(), 201, created.status());

        run(List.of("bin/stop"), 60);
        assertTrue("Karaf stops", karaf.waitFor(90, TimeUnit.SECONDS));
        start();

        Rest.Reply after = rest.get("/connectors/Survivor");
        assertEquals(after.body(), 200, after.status());
        assertTrue(after.json().at("/settings/remotePasswordSet").asBoolean());

        String shell = run(List.of("bin/client", "-a", SSH_PORT, "-u", "karaf", "-p", "karaf", "-r", "10", "-b"),
                60, "cardlink:connector-list\n");
        assertTrue(shell, shell.contains("Survivor"));
    }

    private Path unpack() throws Exception {
        Path target = Path.of("target", "restart-it").toAbsolutePath();
        if (Files.exists(target)) {
            run(target.getParent(), List.of("rm", "-rf", target.toString()), 60, null);
        }
        Files.createDirectories(target);
        String distribution = System.getProperty("cardlink.distribution");
        run(target, List.of("tar", "xzf", distribution, "-C", target.toString()), 120, null);
        try (var entries = Files.list(target)) {
            Path unpacked = entries.filter(Files::isDirectory).findFirst().orElseThrow();
            setPort(unpacked.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", HTTP_PORT);
            setPort(unpacked.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", SSH_PORT);
            setPort(unpacked.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort", String.valueOf(PORT_BASE + 199));
            setPort(unpacked.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort", String.valueOf(PORT_BASE + 198));
            return unpacked;
        }
    }

    private static void setPort(Path cfg, String key, String value) throws IOException {
        StringBuilder out = new StringBuilder();
        boolean replaced = false;
        for (String line : Files.readAllLines(cfg, StandardCharsets.ISO_8859_1)) {
            if (line.trim().startsWith(key) && line.contains("=")) {
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

    private void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bin/karaf", "server").directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = builder.start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (rest.get("/connectors").status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertTrue("Karaf exited early; see " + home.resolve("console.log"), karaf.isAlive());
            Thread.sleep(500);
        }
        throw new AssertionError("Cardlink did not answer within 180 s; see " + home.resolve("data/log/karaf.log"));
    }

    private String run(List<String> command, int timeoutSeconds) throws Exception {
        return run(home, command, timeoutSeconds, null);
    }

    private String run(List<String> command, int timeoutSeconds, String stdin) throws Exception {
        return run(home, command, timeoutSeconds, stdin);
    }

    private static String run(Path directory, List<String> command, int timeoutSeconds, String stdin) throws Exception {
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
