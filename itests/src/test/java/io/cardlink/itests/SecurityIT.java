package io.cardlink.itests;

import static io.cardlink.itests.CardlinkTestSupport.waitUntil;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.EmulatorJvm;
import io.cardlink.testkit.KarafDistribution;
import io.cardlink.testkit.Rest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * The distribution as shipped, attacked the ways its review found: unpacked and started with bin/karaf, without
 * CARDLINK_ADMIN_PASSWORD, so that its first start generates the administrator's password; the emulator in a JVM of
 * its own with distinctive passwords. The methods run in name order on one installation; the last one takes the
 * secrets key away.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class SecurityIT {
    private static final int PORT_OFFSET = 800;
    private static final String REMOTE_PASSWORD = "Remote-Security-Pw-4417";
    private static final String LOCAL_PASSWORD = "Local-Security-Pw-9023";
    private static final String VIEWER_PASSWORD = "Viewer-Security-Pw-3318";
    private static final Path FILES = Path.of("target", "security-it-files").toAbsolutePath();

    private static EmulatorJvm emulator;
    private static KarafDistribution karaf;
    private static Rest rest;
    private static final List<String> replies = new ArrayList<>();

    @BeforeClass
    public static void startInstallation() throws Exception {
        Files.createDirectories(FILES);
        emulator = EmulatorJvm.start(FILES.resolve("emulator"), KarafDistribution.PORT_BASE + PORT_OFFSET + 90,
                "--fixture", EmulatorJvm.fixtureWithPasswords(FILES, REMOTE_PASSWORD, LOCAL_PASSWORD).toString());
        karaf = KarafDistribution.unpack("security-it", PORT_OFFSET).generatedAdminPassword();
        karaf.configure("io.cardlink.engine.cfg", "localUrl", emulator.url("local"));
        // an operator adds a read-only user by hand; the realm hashes the password at that user's first login
        karaf.configure("users.properties", "viewer1", VIEWER_PASSWORD + ",_g_:cardlink-viewers");
        karaf.start();
        rest = karaf.rest();
    }

    @AfterClass
    public static void stopInstallation() throws Exception {
        for (AutoCloseable process : Arrays.asList(karaf, emulator)) {
            if (process != null) {
                process.close();
            }
        }
    }

    @Test
    public void a1TheAdministratorPasswordIsGeneratedIntoAnOwnerOnlyFileAndKarafKarafIsRefused() throws Exception {
        Path file = karaf.home().resolve("etc/cardlink-admin.password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String password = karaf.adminPassword();
        assertEquals(24, password.length());
        String users = Files.readString(karaf.home().resolve("etc/users.properties"));
        assertTrue(users, users.contains("admin = {CRYPT}"));
        assertFalse("stored hashed", users.contains(password));

        assertEquals(200, remember(rest.get("/status")).status());
        Rest.Reply refused = remember(rest.as(Rest.basic("karaf", "karaf")).get("/status"));
        assertEquals(401, refused.status());
        assertEquals("wrong user name or password", refused.json().get("message").asText());
        String shell = KarafDistribution.run(karaf.home(), List.of("bin/client", "-a", String.valueOf(karaf.sshPort()),
                "-u", "karaf", "-p", "karaf", "-r", "1", "-b"), 60, "cardlink:connector-list\n");
        assertFalse(shell, shell.contains("Name"));
        assertTrue(karaf.client("cardlink:status\n").contains("secrets key"));
    }

    @Test
    public void a2AViewerReadsEverythingAndChangesNothing() throws Exception {
        Rest viewer = rest.as(Rest.basic("viewer1", VIEWER_PASSWORD));
        assertEquals(200, remember(viewer.get("/connectors")).status());
        assertEquals(200, remember(viewer.get("/settings")).status());
        Rest.Reply change = remember(viewer.put("/settings", "{\"cacheClearHours\":[3]}"));
        assertEquals(403, change.status());
        assertEquals("this needs the role 'admin'", change.json().get("message").asText());
        assertEquals(403, remember(viewer.post("/connectors", ConnectorManagementIT.connectorJson("Viewer's",
                "https://v.example.com"))).status());
        String users = Files.readString(karaf.home().resolve("etc/users.properties"));
        assertFalse("hashed at the first login", users.contains(VIEWER_PASSWORD));
    }

    @Test
    public void b1NothingListensOnAnAddressOtherThanLoopback() throws Exception {
        Optional<InetAddress> outside = outsideAddress();
        Assume.assumeTrue("this machine has no address but loopback: nothing to check", outside.isPresent());
        for (int port : List.of(karaf.sshPort(), karaf.httpPort(), karaf.httpsPort())) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(outside.get(), port), 3_000);
                fail("port " + port + " answers on " + outside.get().getHostAddress());
            } catch (ConnectException refused) {
                // as it should
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 3_000);
            }
        }
    }

    @Test
    public void b2HttpsAnswersWithTheCertificateMadeAtFirstStart() throws Exception {
        X509Certificate made = madeCertificate();
        SSLContext trusting = trusting(made);
        try (SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("localhost", karaf.httpsPort())) {
            socket.startHandshake();
            assertEquals(made, socket.getSession().getPeerCertificates()[0]);
            assertTrue(List.of("TLSv1.2", "TLSv1.3").contains(socket.getSession().getProtocol()));
        }
        Rest https = new Rest("https://localhost:" + karaf.httpsPort() + "/cardlink/api/v1",
                HttpClient.newBuilder().sslContext(trusting).connectTimeout(Duration.ofSeconds(5)).build())
                .as(Rest.basic(Rest.ADMIN_USER, karaf.adminPassword()));
        assertEquals(200, remember(https.get("/status")).status());
    }

    @Test
    public void c1APageOfAnotherSiteCanNotChangeAnything() throws Exception {
        String runs = "/connectors/Nothing/scheduled-tasks/Nothing/runs?confirmRemovals=true";
        HttpResponse<String> form = raw("POST", runs, "application/x-www-form-urlencoded", "confirmRemovals=true",
                null);
        assertEquals(form.body(), 415, form.statusCode());
        assertTrue(form.body(), form.body().contains("takes a JSON body"));
        HttpResponse<String> text = raw("POST", "/connectors", "text/plain", "{\"name\":\"x\"}", null);
        assertEquals(415, text.statusCode());
        HttpResponse<String> foreign = raw("POST", "/connectors", "application/json", "{}",
                "https://attacker.example.net");
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.body(), foreign.body().contains("https://attacker.example.net"));
        HttpResponse<String> own = raw("POST", "/connectors", "application/json", "{}",
                "http://localhost:" + karaf.httpPort());
        assertEquals("the API's own origin may", 400, own.statusCode());
    }

    @Test
    public void c2ATwentyMebibyteBodyIsRefusedWith413() throws Exception {
        // a client that announces the length hears the 413 without sending a byte of the body (Jetty sends it once
        // its idle timeout, 30 s, has passed without the body it announced)
        String announced = rawPost("/import", "Content-Length: " + 20 * 1024 * 1024 + "\r\nExpect: 100-continue\r\n",
                null);
        assertTrue(announced, announced.startsWith("HTTP/1.1 413"));
        assertEquals(413, Rest.JSON.readTree(announced.substring(announced.indexOf("\r\n\r\n") + 4)).get("status")
                .asInt());

        // without a length the body is cut off as it grows past the limit
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        byte[] json = ("{\"name\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < json.length; offset += 64 * 1024) {
            int length = Math.min(64 * 1024, json.length - offset);
            chunked.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(json, offset, length);
            chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String cut = rawPost("/connectors", "Transfer-Encoding: chunked\r\n", chunked.toByteArray());
        assertTrue(cut, cut.startsWith("HTTP/1.1 413"));
    }

    @Test
    public void c3ErrorsBeforeCardlinksCodeAnswerJsonToo() throws Exception {
        for (String path : List.of("/connectors/a%00b", "/connectors/%ZZ", "/connectors/a%2Fb/test", "/../nothing",
                "/%2e%2e/nothing")) {
            String answer = rawPath("/cardlink/api/v1" + path);
            assertTrue(path + " answered " + answer, answer.contains("Content-Type: application/json"));
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            JsonNode json = Rest.JSON.readTree(body.substring(body.indexOf('{')));
            assertTrue(path + ": " + json, json.get("status").asInt() >= 400 && json.has("error")
                    && json.has("message"));
        }
        String outsideTheApi = rawPath("/nothing/here");
        assertTrue(outsideTheApi, outsideTheApi.startsWith("HTTP/1.1 404")
                && outsideTheApi.contains("Content-Type: application/json"));
    }

    @Test
    public void d1APasswordDoesNotFollowItsUrlToAnotherHost() throws Exception {
        CardlinkTestSupport.useLocalUser(rest, LOCAL_PASSWORD);
        Rest.Reply created = remember(rest.post("/connectors", "{\"name\":\"HR\",\"type\":\"coreproiga\",\"settings\":{"
                + "\"remoteUrl\":\"" + emulator.url("remote") + "\",\"remoteUser\":\"webapi\",\"remotePassword\":\""
                + REMOTE_PASSWORD + "\"}}"));
        assertEquals(created.body(), 201, created.status());
        assertEquals("OK", remember(rest.post("/connectors/HR/test", null)).json().at("/remote/result").asText());

        Rest.Reply moved = remember(rest.put("/connectors/HR", "{\"name\":\"HR\",\"settings\":{"
                + "\"remoteUrl\":\"https://attacker.example.net\",\"remoteUser\":\"webapi\"}}"));
        assertEquals(moved.body(), 400, moved.status());
        assertEquals("settings.remotePassword", moved.json().at("/fields/0/field").asText());
        assertTrue(moved.body(), moved.json().at("/fields/0/problem").asText().startsWith("required again"));

        Rest.Reply local = remember(rest.put("/settings", "{\"localUrl\":\"https://attacker.example.net\"}"));
        assertEquals(local.body(), 400, local.status());
        assertEquals("localPassword", local.json().at("/fields/0/field").asText());
        assertEquals(emulator.url("local"), remember(rest.get("/settings")).json().get("localUrl").asText());
        assertEquals("OK", remember(rest.post("/connectors/HR/test", null)).json().at("/local/result").asText());
    }

    @Test
    public void e1TheEmulatorAnswersThisMachineOnly() throws Exception {
        karaf.client("feature:install cardlink-emulator\n");
        EmulatorAccess inKaraf = EmulatorAccess.inKaraf(String.valueOf(karaf.httpPort()), "remote");
        waitUntil("the emulator in Karaf answers", 120_000, inKaraf::answers);
        assertTrue(inKaraf.admin("GET", "counters", null).has("requests"));
        Optional<InetAddress> outside = outsideAddress();
        Assume.assumeTrue("this machine has no address but loopback: nothing more to check", outside.isPresent());

        // even where the operator opens HTTP to the network, the admin endpoints answer this machine only
        karaf.client("config:property-set -p org.ops4j.pax.web org.ops4j.pax.web.listening.addresses 0.0.0.0\n");
        String fromOutside = "http://" + outside.get().getHostAddress() + ":" + karaf.httpPort();
        waitUntil("HTTP listens on " + outside.get().getHostAddress(), 120_000,
                () -> get(fromOutside + "/cardlink/api/v1/status").statusCode() == 401);
        HttpResponse<String> reset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(fromOutside + "/emulator/remote/_admin/reset")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(reset.body(), 403, reset.statusCode());
        assertEquals(403, get(fromOutside + "/emulator/remote/_admin/counters").statusCode());
        karaf.client("config:property-set -p org.ops4j.pax.web org.ops4j.pax.web.listening.addresses 127.0.0.1\n");
        waitUntil("HTTP is back on loopback only", 120_000, () -> {
            try {
                get(fromOutside + "/cardlink/api/v1/status");
                return false;
            } catch (ConnectException refused) {
                return true;
            }
        });
        // Pax Web restarts its server for the change, and the API's servlet comes back a moment after the port: Jetty
        // answers its own 404 meanwhile (the next test met it once in CI)
        waitUntil("the API answers on loopback again", 120_000, () -> rest.get("/connectors").status() == 200);
    }

    @Test
    public void z1ALostKeyFileStopsEveryUseOfSecretsAndIsNotReplaced() throws Exception {
        Rest.Reply task = remember(rest.post("/connectors/HR/event-tasks", "{\"name\":\"Push\",\"remoteTemplate\":"
                + "\"person\",\"remoteFolder\":\"persons\",\"mapping\":{\"pairs\":[{\"source\":\"efecte_id\","
                + "\"target\":\"source_key\"},{\"source\":\"first_name\",\"target\":\"first_name\"}],"
                + "\"uniqueKeyAttribute\":\"source_key\"}}"));
        assertEquals(task.body(), 201, task.status());
        String taskId = task.json().at("/task/id").asText();
        karaf.stop();
        Path key = karaf.home().resolve("etc/cardlink-secrets.key");
        Path kept = FILES.resolve("cardlink-secrets.key.kept");
        Files.move(key, kept, StandardCopyOption.REPLACE_EXISTING);

        karaf.start();
        Rest.Reply tested = remember(rest.post("/connectors/HR/test", null));
        assertEquals(tested.body(), 503, tested.status());
        String message = tested.json().get("message").asText();
        assertTrue(message, message.startsWith("etc/cardlink-secrets.key is missing"));
        JsonNode status = remember(rest.get("/status")).json();
        assertEquals("degraded", status.get("state").asText());
        assertTrue(status.toString(), status.toString().contains(message));
        Rest.Reply operation = remember(rest.post("/orchestration/event-tasks/" + taskId + "/datacards",
                "{\"operation\":\"create\",\"card\":{\"efecte_id\":\"SEC-1\",\"first_name\":\"Sec\"}}"));
        assertEquals("failed at once, not retried", 422, operation.status());
        assertTrue(operation.body(), operation.json().get("provisioningException").asText()
                .contains("etc/cardlink-secrets.key"));
        assertFalse("no new key over sealed secrets", Files.exists(key));

        Files.move(kept, key);
        assertEquals("back without a restart", "OK",
                remember(rest.post("/connectors/HR/test", null)).json().at("/remote/result").asText());
        byte[] before = Files.readAllBytes(key);
        String rotated = karaf.client("cardlink:key-rotate\n");
        assertTrue(rotated, rotated.contains("Sealed 2 secret(s) of 1 connector(s) again under a new key"));
        assertFalse(Arrays.equals(before, Files.readAllBytes(key)));
        assertEquals("OK", remember(rest.post("/connectors/HR/test", null)).json().at("/local/result").asText());
        karaf.stop();

        assertSecretsInClearNowhere();
    }

    /** Every file of the installation, the system repository included, and every reply of this test. */
    private static void assertSecretsInClearNowhere() throws Exception {
        List<String> secrets = List.of(REMOTE_PASSWORD, LOCAL_PASSWORD, VIEWER_PASSWORD);
        for (String reply : replies) {
            for (String secret : secrets) {
                assertFalse("a reply shows a secret: " + reply, reply.contains(secret));
            }
        }
        String admin = karaf.adminPassword();
        Path adminFile = karaf.home().resolve("etc/cardlink-admin.password");
        int searched = 0;
        try (Stream<Path> files = Files.walk(karaf.home())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertFalse("a secret in clear in " + file, text.contains(secret));
                }
                // the generated password is in its file by design, and nowhere else
                assertFalse("the administrator's password in " + file, !file.equals(adminFile) && text.contains(admin));
                searched++;
            }
        }
        assertTrue("searched the installation: " + searched, searched > 500);
    }

    private static Rest.Reply remember(Rest.Reply reply) {
        replies.add(reply.body());
        return reply;
    }

    private static String base() {
        return "http://localhost:" + karaf.httpPort() + "/cardlink/api/v1";
    }

    /** A request as a browser or curl sends it: with the administrator's credentials, a type and an origin. */
    private static HttpResponse<String> raw(String method, String path, String type, String body, String origin)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", Rest.basic(Rest.ADMIN_USER, karaf.adminPassword()))
                .header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A JSON post to the API as a client library would send it, with {@code headers} added; {@code body} is sent from
     * another thread, since the server may answer (and close) before it has read it all. Returns the final response
     * (an interim {@code 100 Continue} skipped) once its JSON body is complete: the server may keep the connection
     * open a while for a body it announced it would not read.
     */
    private static String rawPost(String path, String headers, byte[] body) throws Exception {
        Thread sender;
        String answer;
        try (Socket socket = new Socket("127.0.0.1", karaf.httpPort())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /cardlink/api/v1" + path + " HTTP/1.1\r\nHost: localhost:" + karaf.httpPort()
                    + "\r\nAuthorization: " + Rest.basic(Rest.ADMIN_USER, karaf.adminPassword())
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sender = new Thread(() -> {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException closedByTheServer) {
                    // the refusal is what the reading side checks
                }
            });
            if (body != null) {
                sender.start();
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            Optional<String> complete = Optional.empty();
            try {
                for (int n; complete.isEmpty() && (n = in.read(buffer)) > 0;) {
                    response.write(buffer, 0, n);
                    complete = finalResponse(response.toString(StandardCharsets.UTF_8));
                }
            } catch (SocketException reset) {
                if (response.size() == 0) {
                    throw reset;
                }
            }
            answer = complete.orElse(response.toString(StandardCharsets.UTF_8));
        }
        // closing the socket ends a write that the server stopped reading
        sender.join(30_000);
        return answer;
    }

    /** The response after any interim 1xx ones, once its headers and a whole JSON body have arrived. */
    private static Optional<String> finalResponse(String received) {
        String rest = received;
        while (rest.startsWith("HTTP/1.1 1") && rest.contains("\r\n\r\n")) {
            rest = rest.substring(rest.indexOf("\r\n\r\n") + 4);
        }
        int headersEnd = rest.indexOf("\r\n\r\n");
        if (rest.startsWith("HTTP/1.1 1") || headersEnd < 0) {
            return Optional.empty();
        }
        String body = rest.substring(headersEnd + 4);
        try {
            return body.isBlank() || Rest.JSON.readTree(body) == null ? Optional.empty() : Optional.of(rest);
        } catch (IOException incomplete) {
            return Optional.empty();
        }
    }

    /** A request line sent as written, since HTTP clients fix up such paths before they send them. */
    private static String rawPath(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", karaf.httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + karaf.httpPort() + "\r\nAuthorization: "
                    + Rest.basic(Rest.ADMIN_USER, karaf.adminPassword()) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Optional<InetAddress> outsideAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(SecurityIT::up)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress())
                .findFirst();
    }

    private static boolean up(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    /** The certificate bin/setenv made, read from the keystore with the password it wrote to the cfg file. */
    private static X509Certificate madeCertificate() throws Exception {
        String password = null;
        for (String line : Files.readAllLines(karaf.home().resolve("etc/org.ops4j.pax.web.cfg"))) {
            if (line.startsWith("org.ops4j.pax.web.ssl.keystore.password")) {
                password = line.substring(line.indexOf('=') + 1).trim();
            }
        }
        assertNotNull("bin/setenv configured the keystore", password);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(karaf.home().resolve("etc/cardlink-https.p12"))) {
            store.load(in, password.toCharArray());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(karaf.home().resolve("etc/cardlink-https.p12"))));
        Certificate certificate = store.getCertificate("cardlink");
        assertNotNull(certificate);
        return (X509Certificate) certificate;
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("cardlink", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
