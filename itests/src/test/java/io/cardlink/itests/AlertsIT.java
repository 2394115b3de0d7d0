package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.emulator.EmulatorOptions;
import io.cardlink.emulator.EmulatorServer;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.Rest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Alerts in the assembled Karaf with the emulator, in the Prod environment (severity CRITICAL): a wrong password, an
 * unreachable remote and a run completed with errors each raise their alert, which reaches an Event Admin handler
 * registered by this test and a webhook receiver of this test (which refuses the first post, so the webhook retries),
 * and is resolved once fixed; acknowledging works from the shell and REST; the connector shows WARNING while a run
 * completed with errors; a remote whose TLS certificate expires in 10 days raises its alert on the connection test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AlertsIT extends CardlinkTestSupport {
    private static final int WEBHOOK_PORT = PORT_BASE + 171;
    private static final int TLS_PORT = PORT_BASE + 172;
    private static final int CLOSED_PORT = PORT_BASE + 173;
    /**
     * The emulator runs embedded in the test, on a port of its own: the emulator feature's servlet answers only 503
     * where the environment is Prod, which this test needs for its severities.
     */
    private static final int EMULATOR_PORT = PORT_BASE + 174;
    private static final long TIMEOUT = 120_000;
    private static final char[] KEYSTORE_PASSWORD = "changeit".toCharArray();

    private final EmulatorAccess remote = EmulatorAccess.at(emulatorRoot("remote"), "webapi");
    private final EmulatorAccess local = EmulatorAccess.at(emulatorRoot("local"), "webapi");
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusedPosts = new AtomicInteger();
    private final List<AutoCloseable> servers = new ArrayList<>();
    private ServiceRegistration<EventHandler> handler;

    @Override
    @Configuration
    public Option[] config() throws Exception {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.cfg", "localUrl",
                emulatorRoot("local")));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.cfg", "environment", "PROD"));
        options.add(editConfigurationFilePut("etc/io.cardlink.alerts.cfg", "webhookUrl",
                "http://localhost:" + WEBHOOK_PORT + "/alerts"));
        options.add(editConfigurationFilePut("etc/io.cardlink.alerts.cfg", "webhookFirstRetryMillis", "200"));
        return options.toArray(new Option[0]);
    }

    @After
    public void stopServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
        if (handler != null) {
            handler.unregister();
        }
    }

    @Test
    public void alertsAreRaisedDeliveredAcknowledgedAndResolved() throws Exception {
        // the feature brings the emulator's package; its servlet answers only 503 in Prod, as it should
        installFeature("cardlink-emulator");
        servers.add(EmulatorServer.start(EmulatorOptions.defaults().withHost("127.0.0.1").withPort(EMULATOR_PORT)));
        waitUntil("the emulator answers", TIMEOUT, () -> remote.answers() && local.answers());
        waitForApi();
        useEmulatorLocalUser();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "io/cardlink/alert/*");
        handler = bundleContext.registerService(EventHandler.class, this::received, topics);
        startWebhookReceiver();

        // a wrong remote password: the run fails, and the check after it names the remote side's login
        String connector = created(rest.post("/connectors", connectorBody("Alerting", remote.url(), "wrong")));
        String tasks = "/connectors/Alerting/scheduled-tasks";
        Rest.Reply task = rest.post(tasks, SyncPipelineIT.personsTask());
        assertEquals(task.body(), 201, task.status());
        String taskId = task.json().at("/task/id").asText();
        String persons = tasks + "/Persons";
        assertEquals("ERROR", runToEnd(persons).get("status").asText());
        JsonNode credentials = awaitOpen("WRONG_CREDENTIALS", connector);
        assertEquals("REMOTE", credentials.at("/subject/side").asText());
        assertEquals("CRITICAL", credentials.get("severity").asText());
        JsonNode failed = awaitOpen("RUN_FAILED", connector);
        assertEquals(taskId, failed.at("/subject/taskId").asText());
        awaitEvent("RAISED", "WRONG_CREDENTIALS", credentials.get("id").asText());
        awaitPost("RAISED", credentials.get("id").asText());
        assertTrue("the receiver refused the first post and the webhook tried again", refusedPosts.get() >= 1);
        Map<String, Object> event = event("RAISED", credentials.get("id").asText());
        assertEquals("CRITICAL", event.get("severity"));
        assertEquals(connector, event.get("connectorId"));
        assertEquals("REMOTE", event.get("side"));

        // the password fixed: the next run succeeds and both alerts are resolved
        assertEquals(200, rest.put("/connectors/" + connector, connectorBody("Alerting", remote.url(), "webapi"))
                .status());
        assertEquals("SUCCESS", runToEnd(persons).get("status").asText());
        awaitResolved(credentials.get("id").asText());
        awaitResolved(failed.get("id").asText());
        awaitEvent("RESOLVED", "WRONG_CREDENTIALS", credentials.get("id").asText());
        awaitPost("RESOLVED", credentials.get("id").asText());

        // a remote that does not answer: the connection test raises its alert; pointed back, it is resolved
        String unreachableId = created(rest.post("/connectors", connectorBody("Unreachable",
                "http://localhost:" + CLOSED_PORT, "webapi")));
        assertEquals(200, rest.post("/connectors/" + unreachableId + "/test", null).status());
        JsonNode unreachable = awaitOpen("INSTANCE_UNREACHABLE", unreachableId);
        assertEquals("REMOTE", unreachable.at("/subject/side").asText());
        assertEquals("CRITICAL", unreachable.get("severity").asText());
        awaitEvent("RAISED", "INSTANCE_UNREACHABLE", unreachable.get("id").asText());
        awaitPost("RAISED", unreachable.get("id").asText());
        assertEquals(200, rest.put("/connectors/" + unreachableId, connectorBody("Unreachable", remote.url(),
                "webapi")).status());
        assertEquals(200, rest.post("/connectors/" + unreachableId + "/test", null).status());
        awaitResolved(unreachable.get("id").asText());
        awaitEvent("RESOLVED", "INSTANCE_UNREACHABLE", unreachable.get("id").asText());

        // a run completed with errors: its alert, WARNING for the connector, acknowledged in the shell
        String refusedKey = remote.cards("person", null, "efecte_id").get(3).at("/data/efecte_id/values/0/value")
                .asText();
        local.admin("POST", "faults", "{\"refuseCards\":[{\"attributeCode\":\"source_key\",\"value\":\"" + refusedKey
                + "\",\"message\":\"Cost centre missing\"}]}");
        assertEquals(200, rest.delete(persons + "/cache").status());
        assertEquals("COMPLETED_WITH_ERRORS", runToEnd(persons).get("status").asText());
        JsonNode withErrors = awaitOpen("RUN_COMPLETED_WITH_ERRORS", connector);
        assertEquals("CRITICAL", withErrors.get("severity").asText());
        assertTrue(withErrors.get("message").asText(), withErrors.get("message").asText().contains("1 card(s) failed"));
        assertEquals("WARNING", rest.get("/connectors/" + connector).json().get("status").asText());
        assertTrue(executeCommand("cardlink:connector-list"), executeCommand("cardlink:connector-list")
                .contains("WARNING"));
        String listed = executeCommand("cardlink:alert-list");
        assertTrue(listed, listed.contains(withErrors.get("id").asText()) && listed.contains("CRITICAL"));
        String acknowledged = executeCommand("cardlink:alert-ack " + withErrors.get("id").asText());
        assertTrue(acknowledged, acknowledged.contains("acknowledged by karaf"));
        awaitEvent("ACKNOWLEDGED", "RUN_COMPLETED_WITH_ERRORS", withErrors.get("id").asText());
        awaitPost("ACKNOWLEDGED", withErrors.get("id").asText());
        local.admin("DELETE", "faults", null);
        assertEquals("SUCCESS", runToEnd(persons).get("status").asText());
        awaitResolved(withErrors.get("id").asText());
        assertEquals("OK", rest.get("/connectors/" + connector).json().get("status").asText());
        JsonNode resolved = rest.get("/alerts?state=resolved").json();
        assertTrue(resolved.toString(), resolved.toString().contains(withErrors.get("id").asText()));
        assertEquals("karaf", alert(withErrors.get("id").asText()).get("acknowledgedBy").asText());

        // a remote whose certificate expires in 10 days: the connection test raises its alert
        startTlsEndpoint(10);
        String tlsId = created(rest.post("/connectors", connectorBody("Expiring", "https://localhost:" + TLS_PORT,
                "webapi")));
        assertEquals(200, rest.post("/connectors/" + tlsId + "/test", null).status());
        JsonNode certificate = awaitOpen("CERTIFICATE_EXPIRING", tlsId);
        assertEquals("REMOTE", certificate.at("/subject/side").asText());
        assertEquals("CRITICAL", certificate.get("severity").asText());
        String message = certificate.get("message").asText();
        assertTrue(message, message.contains("CN=expiring.example.test") && message.matches(".*in (9|10) day\\(s\\).*"));
        awaitEvent("RAISED", "CERTIFICATE_EXPIRING", certificate.get("id").asText());

        // acknowledging over REST, and a wrong state named
        Rest.Reply ack = rest.post("/alerts/" + certificate.get("id").asText() + "/acknowledge", null);
        assertEquals(ack.body(), 200, ack.status());
        assertEquals("admin", ack.json().get("acknowledgedBy").asText());
        assertEquals(404, rest.post("/alerts/no-such-alert/acknowledge", null).status());
        Rest.Reply wrongState = rest.get("/alerts?state=closed");
        assertEquals(400, wrongState.status());
        assertTrue(wrongState.body(), wrongState.body().contains("\"state\""));
    }

    // ---- Event Admin and the webhook receiver

    private void received(Event event) {
        Map<String, Object> properties = new ConcurrentHashMap<>();
        for (String name : event.getPropertyNames()) {
            properties.put(name, event.getProperty(name));
        }
        properties.put("topic", event.getTopic());
        events.add(properties);
    }

    private Map<String, Object> event(String what, String alertId) {
        return events.stream().filter(e -> ("io/cardlink/alert/" + what).equals(e.get("topic"))
                && alertId.equals(e.get("id"))).findFirst().orElse(null);
    }

    private void awaitEvent(String what, String kind, String alertId) throws Exception {
        waitUntil("Event Admin delivers " + what + " of " + kind, TIMEOUT, () -> {
            Map<String, Object> event = event(what, alertId);
            return event != null && kind.equals(event.get("kind"));
        }, events::toString);
    }

    private void awaitPost(String what, String alertId) throws Exception {
        waitUntil("the webhook posts " + what + " of " + alertId, TIMEOUT, () -> posted.stream().anyMatch(
                p -> what.equals(p.path("event").asText()) && alertId.equals(p.path("id").asText())),
                posted::toString);
    }

    /** A plain HTTP receiver: refuses the first post with 503, takes the others with 204. */
    private void startWebhookReceiver() throws Exception {
        ServerSocket server = new ServerSocket(WEBHOOK_PORT, 50, InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(10_000);
                    String body = readRequestBody(socket.getInputStream());
                    boolean refuse = refusedPosts.get() == 0;
                    if (refuse) {
                        refusedPosts.incrementAndGet();
                    } else {
                        posted.add(Rest.JSON.readTree(body));
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(((refuse ? "HTTP/1.1 503 Service Unavailable" : "HTTP/1.1 204 No Content")
                            + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (Exception e) {
                    // closed at the end of the test, or a client that went away
                }
            }
        }, "alerts-it-webhook");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static String readRequestBody(InputStream in) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int length = 0;
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            int n = reader.read(body, read, length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return new String(body, 0, read);
    }

    /** A TLS endpoint whose self-signed certificate (made by the JDK's keytool) is valid for {@code days}. */
    private void startTlsEndpoint(int days) throws Exception {
        Path dir = Files.createTempDirectory("alerts-it-tls");
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname",
                "CN=expiring.example.test", "-validity", String.valueOf(days), "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", new String(KEYSTORE_PASSWORD), "-keypass",
                new String(KEYSTORE_PASSWORD)).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("keytool finishes", keytool.waitFor(120, TimeUnit.SECONDS));
        assertEquals(output, 0, keytool.exitValue());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, KEYSTORE_PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, KEYSTORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(TLS_PORT, 50,
                InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.setSoTimeout(5_000);
                    socket.startHandshake();
                    // answers nothing: this endpoint only shows its certificate
                } catch (Exception e) {
                    // a client that went away after the handshake, or the end of the test
                }
            }
        }, "alerts-it-tls");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    // ---- REST helpers

    private static String emulatorRoot(String instance) {
        return "http://127.0.0.1:" + EMULATOR_PORT + "/emulator/" + instance;
    }

    private static String connectorBody(String name, String remoteUrl, String remotePassword) {
        return "{\"name\":\"" + name + "\",\"type\":\"coreproiga\",\"settings\":{\"remoteUrl\":\"" + remoteUrl
                + "\",\"remoteApiPath\":\"/rest-api/itsm/v1\",\"remoteUser\":\"webapi\",\"remotePassword\":\""
                + remotePassword + "\"}}";
    }

    private JsonNode awaitOpen(String kind, String connectorId) throws Exception {
        waitUntil(kind + " is raised for " + connectorId, TIMEOUT, () -> open(kind, connectorId) != null,
                this::allAlerts);
        return open(kind, connectorId);
    }

    /** Every alert as the API answers, for a wait's message. */
    private String allAlerts() {
        try {
            return rest.get("/alerts?state=all").body();
        } catch (Exception e) {
            return "alerts not readable: " + e;
        }
    }

    private JsonNode open(String kind, String connectorId) throws Exception {
        for (JsonNode alert : rest.get("/alerts").json()) {
            if (kind.equals(alert.at("/subject/kind").asText())
                    && connectorId.equals(alert.at("/subject/connectorId").asText())) {
                return alert;
            }
        }
        return null;
    }

    private JsonNode alert(String id) throws Exception {
        for (JsonNode alert : rest.get("/alerts?state=all").json()) {
            if (id.equals(alert.get("id").asText())) {
                return alert;
            }
        }
        throw new AssertionError("no alert " + id);
    }

    private void awaitResolved(String id) throws Exception {
        waitUntil("alert " + id + " is resolved", TIMEOUT, () -> "RESOLVED".equals(alert(id).get("state").asText()),
                this::allAlerts);
    }

    private String created(Rest.Reply reply) {
        assertEquals(reply.body(), 201, reply.status());
        return reply.json().get("id").asText();
    }

    private JsonNode runToEnd(String task) throws Exception {
        Rest.Reply started = rest.post(task + "/runs", null);
        assertEquals(started.body(), 202, started.status());
        String runId = started.json().get("id").asText();
        waitUntil("run " + runId + " ends", TIMEOUT, () -> !List.of("SCHEDULED", "WAITING", "RUNNING")
                .contains(rest.get("/runs/" + runId).json().get("status").asText()));
        return rest.get("/runs/" + runId).json();
    }
}
