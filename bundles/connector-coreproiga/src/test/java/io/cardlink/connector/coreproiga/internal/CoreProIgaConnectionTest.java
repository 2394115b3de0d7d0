package io.cardlink.connector.coreproiga.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.connector.EndpointCheck.Result;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.connector.WriteOutcome;
import io.cardlink.emulator.EmulatorInstance;
import io.cardlink.emulator.EmulatorOptions;
import io.cardlink.emulator.EmulatorServer;
import java.io.IOException;
import com.sun.net.httpserver.HttpsServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CoreProIGA connection against the embedded emulator: both gateways, every check result. */
class CoreProIgaConnectionTest {
    private static final String PASSWORD = "webapi";
    private static EmulatorServer server;
    private static String root;
    private final CoreProIgaConnectorType type = new CoreProIgaConnectorType();

    @BeforeAll
    static void start() {
        server = EmulatorServer.start(EmulatorOptions.defaults());
        root = "http://127.0.0.1:" + server.port() + "/emulator/";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.instances().forEach(EmulatorInstance::reset);
    }

    private static Map<String, String> settings(String remoteUrl, String remoteApiPath) {
        Map<String, String> settings = new HashMap<>();
        settings.put(CoreProIgaConnectorType.REMOTE_URL, remoteUrl);
        if (remoteApiPath != null) {
            settings.put(CoreProIgaConnectorType.REMOTE_API_PATH, remoteApiPath);
        }
        settings.put(CoreProIgaConnectorType.REMOTE_USER, "webapi");
        return settings;
    }

    private CoreProIgaConnection connect(Map<String, String> settings, String remotePassword) {
        Map<String, String> secrets = new HashMap<>();
        if (remotePassword != null) {
            secrets.put(CoreProIgaConnectorType.REMOTE_PASSWORD, remotePassword);
        }
        return type.connect(new ConnectionConfig("c1", settings, secrets));
    }

    private CoreProIgaConnection good() {
        return connect(settings(root + "remote", null), PASSWORD);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void goodSettingsLogInToTheRemoteInstance() {
        try (CoreProIgaConnection connection = good()) {
            EndpointCheck remote = connection.remote().check();
            assertEquals(Result.OK, remote.result(), remote.message());
            assertEquals("remote", remote.endpoint());
            assertTrue(remote.message().contains("/emulator/remote/rest-api/itsm/v1"), remote.message());
            assertTrue(remote.millis() >= 0);
        }
    }

    @Test
    void aWrongPasswordIsReportedOnItsSideOnly() {
        try (CoreProIgaConnection connection = connect(settings(root + "remote", null), "not-the-password")) {
            EndpointCheck remote = connection.remote().check();
            assertEquals(Result.WRONG_CREDENTIALS, remote.result(), remote.message());
            assertTrue(remote.message().contains("webapi"), remote.message());
            assertFalse(remote.message().contains("not-the-password"), remote.message());
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();
        try (CoreProIgaConnection connection = connect(settings(url, null), PASSWORD)) {
            EndpointCheck remote = connection.remote().check();
            assertEquals(Result.UNREACHABLE, remote.result(), remote.message());
            assertTrue(remote.message().contains(url), remote.message());
        }
    }

    @Test
    void aWrongApiPathIsNamed() {
        try (CoreProIgaConnection connection = connect(settings(root + "remote", "/api/v2"), PASSWORD)) {
            EndpointCheck remote = connection.remote().check();
            assertEquals(Result.WRONG_API_PATH, remote.result(), remote.message());
            assertTrue(remote.message().contains("/api/v2"), remote.message());
        }
    }

    @Test
    void httpsToAPlainHttpPortIsATlsProblem() throws IOException {
        try (ServerSocket plain = TlsEndpoints.plainHttp()) {
            String url = "https://127.0.0.1:" + plain.getLocalPort();
            try (CoreProIgaConnection connection = connect(settings(url, null), PASSWORD)) {
                EndpointCheck remote = connection.remote().check();
                assertEquals(Result.TLS_PROBLEM, remote.result(), remote.message());
            }
        }
    }

    @Test
    void anUntrustedCertificateIsATlsProblem(@TempDir Path folder) throws Exception {
        HttpsServer https = TlsEndpoints.selfSigned(folder);
        try {
            String url = "https://127.0.0.1:" + https.getAddress().getPort();
            try (CoreProIgaConnection connection = connect(settings(url, null), PASSWORD)) {
                EndpointCheck remote = connection.remote().check();
                assertEquals(Result.TLS_PROBLEM, remote.result(), remote.message());
                assertTrue(remote.message().contains("certificate"), remote.message());
            }
        } finally {
            https.stop(0);
        }
    }

    @Test
    void aSelfSignedInstanceIsTrustedThroughTheConnectorsOwnCertificates(@TempDir Path folder) throws Exception {
        HttpsServer https = TlsEndpoints.selfSigned(folder);
        try {
            Map<String, String> settings = settings("https://127.0.0.1:" + https.getAddress().getPort(), null);
            settings.put(CoreProIgaConnectorType.REMOTE_CERTIFICATES,
                    Files.readString(folder.resolve("self-signed.pem")));
            try (CoreProIgaConnection connection = connect(settings, PASSWORD)) {
                EndpointCheck remote = connection.remote().check();
                // the handshake passed: the test server answers 200 without the API's body
                assertEquals(Result.WRONG_API_PATH, remote.result(), remote.message());
            }
            TlsEndpoints.certificate(folder.resolve("other.p12"), folder.resolve("other.pem"));
            settings.put(CoreProIgaConnectorType.REMOTE_CERTIFICATES, Files.readString(folder.resolve("other.pem")));
            try (CoreProIgaConnection connection = connect(settings, PASSWORD)) {
                EndpointCheck remote = connection.remote().check();
                assertEquals(Result.TLS_PROBLEM, remote.result(), "only the connector's certificates are trusted");
            }
        } finally {
            https.stop(0);
        }
    }

    @Test
    void theCallBudgetFollowsTheConnectorsRetrySecondsWithALoginAndTheTimeoutsOfTheLastAttempts() {
        Map<String, String> settings = settings(root + "remote", null);
        settings.put(CoreProIgaConnectorType.RETRY_SECONDS, "300");
        try (CoreProIgaConnection connection = connect(settings, PASSWORD)) {
            // (300 s of retries + 10 s to connect + 60 s to answer) for the login and again for the call
            assertEquals(Duration.ofSeconds(740), connection.callBudget());
        }
        try (CoreProIgaConnection connection = good()) {
            assertEquals(Duration.ofSeconds(2 * (CoreProIgaConnectorType.DEFAULT_RETRY_SECONDS + 70)),
                    connection.callBudget());
        }
        try (CoreProIgaConnection connection = connect(settings(null, null), null)) {
            assertEquals(Duration.ZERO, connection.callBudget(), "nothing configured: every call fails at once");
        }
    }

    @Test
    void missingSettingsAreNotConfiguredAndNameTheSetting() {
        Map<String, String> settings = settings(null, null);
        settings.remove(CoreProIgaConnectorType.REMOTE_USER);
        try (CoreProIgaConnection connection = connect(settings, null)) {
            EndpointCheck remote = connection.remote().check();
            assertEquals(Result.NOT_CONFIGURED, remote.result());
            assertTrue(remote.message().contains("settings.remoteUrl"), remote.message());
            assertTrue(remote.message().contains("settings.remoteUser"), remote.message());
            assertTrue(remote.message().contains("settings.remotePassword"), remote.message());
            ValidationException refused = assertThrows(ValidationException.class, () -> connection.remote().templates());
            assertTrue(refused.problems().stream().anyMatch(p -> p.field().equals("settings.remoteUrl")));
        }
    }

    @Test
    void aServerErrorIsAnErrorNotAWrongSetting() {
        server.instance("remote").faults().failShare(500, 1.0);
        try (CoreProIgaConnection connection = good()) {
            EndpointCheck remote = connection.remote().check();
            assertEquals(Result.ERROR, remote.result(), remote.message());
            assertTrue(remote.message().contains("500"), remote.message());
        }
    }

    @Test
    void noPasswordInToStringOrMessages() {
        String secret = "S3cret-Remote-Value";
        try (CoreProIgaConnection connection = connect(settings(root + "remote", null), secret)) {
            String text = connection + " " + connection.remote() + " " + connection.remote().check();
            assertFalse(text.contains(secret), text);
        }
    }

    @Test
    void templatesAndSchemasOfTheRemoteInstance() {
        try (CoreProIgaConnection connection = good()) {
            List<String> remote = connection.remote().templates().stream().map(TemplateInfo::code).toList();
            assertTrue(remote.containsAll(List.of("person", "incident")), remote.toString());
            assertFalse(remote.contains("sync_failure"), remote.toString());

            TemplateSchema incident = connection.remote().template("incident");
            assertTrue(incident.allowsFolder("incident_management"));
            assertTrue(incident.attribute("subject").isPresent());
            NotFoundException unknown = assertThrows(NotFoundException.class,
                    () -> connection.remote().template("no_such_template"));
            assertTrue(unknown.getMessage().contains("no_such_template"));
        }
    }

    private static List<DataCard> drain(CardCursor cursor) {
        List<DataCard> cards = new ArrayList<>();
        try (cursor) {
            cursor.forEachRemaining(cards::add);
        }
        return cards;
    }

    @Test
    void readsEveryCardOrThoseTheFilterAndFolderSelect() {
        EmulatorInstance remote = server.instance("remote");
        try (CoreProIgaConnection connection = good()) {
            List<DataCard> all = drain(connection.remote().read(ReadRequest.all("incident")));
            assertEquals(remote.count("incident"), all.size());

            List<DataCard> solving = drain(connection.remote().read(new ReadRequest("incident", "incident_management",
                    Map.of("eqlFilter", "$status$ = '02 - Solving' OR $status$ = '01 - New'"),
                    List.of("subject", "status"))));
            long expected = remote.all("incident").stream()
                    .filter(c -> List.of("02 - Solving", "01 - New").contains(c.text("status"))).count();
            assertTrue(expected > 0);
            assertEquals(expected, solving.size());
            assertTrue(solving.stream().allMatch(c -> c.attributes().keySet().equals(java.util.Set.of("subject", "status"))),
                    solving.get(0).attributes().keySet().toString());

            List<DataCard> wrongFolder = drain(connection.remote().read(new ReadRequest("incident", "persons", null,
                    List.of())));
            assertEquals(0, wrongFolder.size());
        }
    }

    @Test
    void anIncrementalReadReturnsOnlyCardsUpdatedSinceTheWatermark() {
        EmulatorInstance remote = server.instance("remote");
        Instant watermark = Instant.parse("2031-05-06T07:08:09.750Z");
        remote.put(card("Before", Instant.parse("2031-05-06T07:08:08Z")));
        remote.put(card("Same second", Instant.parse("2031-05-06T07:08:09.100Z")));
        remote.put(card("After", Instant.parse("2031-05-07T00:00:00Z")));
        try (CoreProIgaConnection connection = good()) {
            List<String> names = drain(connection.remote().readChanged(ReadRequest.of("person", "persons",
                    List.of()), watermark.toString())).stream().map(c -> c.text("first_name")).toList();
            assertEquals(List.of("After", "Same second"), names.stream().sorted().toList());
        }
    }

    @Test
    void aChangeMarkIsTheCardsUpdatedTimeOrderedAsTimes() {
        EmulatorInstance remote = server.instance("remote");
        remote.put(card("Marked", Instant.parse("2031-05-06T07:08:09.100Z")));
        try (CoreProIgaConnection connection = good()) {
            DataCard marked = drain(connection.remote().readChanged(ReadRequest.of("person", "persons", List.of()),
                    "2031-05-06T07:08:09Z")).stream().filter(c -> "Marked".equals(c.text("first_name")))
                    .findFirst().orElseThrow();
            assertEquals("2031-05-06T07:08:09.100Z", connection.remote().changeMark(marked));
            // as times, not as text: ".1" is later than the whole second before it
            assertTrue(connection.remote().markOrder().compare("2031-05-06T07:08:09Z",
                    "2031-05-06T07:08:09.100Z") < 0);
            assertEquals("2031-05-06T07:07:09.750Z", connection.remote().markCeiling(
                    Instant.parse("2031-05-06T07:08:09.750Z"), java.time.Duration.ofMinutes(1)));
            ValidationException refused = assertThrows(ValidationException.class, () -> connection.remote()
                    .readChanged(ReadRequest.all("person"), "change-7"));
            assertEquals("watermark", refused.problems().get(0).field());
        }
    }

    private static DataCard card(String firstName, Instant updated) {
        Map<String, List<Value>> data = new HashMap<>();
        data.put("first_name", List.of(new StringValue(firstName)));
        data.put("updated", List.of(new DateTimeValue(updated)));
        return DataCard.draft("person", "persons", data);
    }

    @Test
    void upsertCreatesUpdatesAndReportsARefusedCardWithoutThrowing() {
        EmulatorInstance remote = server.instance("remote");
        try (CoreProIgaConnection connection = good()) {
            String existing = connection.remote().create("person", person("Ann", "active"));
            List<WriteOutcome> outcomes = connection.remote().upsert("person", List.of(
                    person("Bob", "active"),
                    person("Ann", "inactive").withId(existing),
                    person("Eve", "no-such-status")));
            assertEquals(3, outcomes.size());
            assertTrue(outcomes.get(0).ok());
            assertTrue(outcomes.get(0).created());
            assertNotNull(outcomes.get(0).id());
            assertTrue(outcomes.get(1).ok());
            assertFalse(outcomes.get(1).created());
            assertEquals(existing, outcomes.get(1).id());
            assertFalse(outcomes.get(2).ok());
            assertTrue(outcomes.get(2).error().contains("status"), outcomes.get(2).error());
            assertEquals(2, outcomes.get(2).index());
            assertEquals("02 - Inactive", remote.find(existing).orElseThrow().text("status"));
            assertEquals("Bob", remote.find(outcomes.get(0).id()).orElseThrow().text("first_name"));
        }
    }

    @Test
    void theRetryBudgetIsTheConnectorsAndTheRetriesAreCounted() {
        assertEquals("6", type.setting(CoreProIgaConnectorType.RETRY_ATTEMPTS).orElseThrow().defaultValue());
        assertEquals("120", type.setting(CoreProIgaConnectorType.RETRY_SECONDS).orElseThrow().defaultValue());
        Map<String, String> settings = settings(root + "remote", null);
        settings.put(CoreProIgaConnectorType.RETRY_ATTEMPTS, "2");
        settings.put(CoreProIgaConnectorType.RETRY_SECONDS, "30");
        try (CoreProIgaConnection connection = connect(settings, PASSWORD)) {
            connection.remote().templates();
            server.instance("remote").faults().failShare(503, 1.0);

            CardlinkException e = assertThrows(CardlinkException.class, () -> connection.remote().templates());

            assertTrue(e.retryable());
            assertTrue(e.getMessage().contains("gave up after 2 attempts")
                    && e.getMessage().contains("the retry budget of 2 attempts is used up"), e.getMessage());
            assertEquals(Map.of("HTTP 503", 1L), connection.remote().retries().byCause());
        }
    }

    @Test
    void theLocalWritesInFlightAreTheConnectorsSetting() {
        SettingDescriptor setting = type.setting(CoreProIgaConnectorType.LOCAL_WRITES_IN_FLIGHT).orElseThrow();
        assertEquals("4", setting.defaultValue());
        assertEquals(16, setting.maximum());
        Map<String, String> settings = settings(root + "remote", null);
        try (CoreProIgaConnection connection = connect(settings, PASSWORD)) {
            assertEquals(4, connection.localWritesInFlight());
        }
        settings.put(CoreProIgaConnectorType.LOCAL_WRITES_IN_FLIGHT, "9");
        try (CoreProIgaConnection connection = connect(settings, PASSWORD)) {
            assertEquals(9, connection.localWritesInFlight());
        }
    }

    @Test
    void aRetrySettingThatIsNoWholeNumberLeavesTheRemoteSideNotConfigured() {
        Map<String, String> settings = settings(root + "remote", null);
        settings.put(CoreProIgaConnectorType.RETRY_ATTEMPTS, "often");
        try (CoreProIgaConnection connection = connect(settings, PASSWORD)) {
            EndpointCheck check = connection.remote().check();
            assertEquals(Result.NOT_CONFIGURED, check.result(), check.message());
            assertTrue(check.message().contains("settings.retryAttempts"), check.message());
        }
    }

    @Test
    void anUpsertWhoseOutcomeIsUnknownLandsEachCardOnce() {
        EmulatorInstance remote = server.instance("remote");
        int before = remote.count("person");
        try (CoreProIgaConnection connection = good()) {
            connection.remote().templates();
            remote.faults().failAfterWrite(1.0);

            List<WriteOutcome> outcomes = connection.remote().upsert("person", List.of(person("Una", "active"),
                    person("Duo", "active"), person("Tria", "active")), "first_name");

            for (WriteOutcome outcome : outcomes) {
                assertTrue(outcome.ok() && outcome.created(), outcome.toString());
            }
            assertEquals(before + 3, remote.count("person"));
            assertEquals("Duo", remote.find(outcomes.get(1).id()).orElseThrow().text("first_name"));
            assertTrue(connection.remote().retries().byCause().containsKey("write outcome unknown"));
        }
    }

    @Test
    void createUpdateAndDeleteOneCard() {
        EmulatorInstance remote = server.instance("remote");
        try (CoreProIgaConnection connection = good()) {
            String id = connection.remote().create("person", person("Zed", "active"));
            assertEquals("Zed", remote.find(id).orElseThrow().text("first_name"));

            connection.remote().update("person", id, DataCard.draft("person", null,
                    Map.of("last_name", List.of(new StringValue("Zulu")))));
            DataCard updated = remote.find(id).orElseThrow();
            assertEquals("Zulu", updated.text("last_name"));
            assertEquals("Zed", updated.text("first_name"));

            connection.remote().delete("person", id);
            assertTrue(remote.find(id).orElseThrow().deleted());
            connection.remote().delete("person", id);
            assertNull(remote.find("person", "first_name", "Zed").orElse(null));
        }
    }

    private static DataCard person(String firstName, String statusCode) {
        return DataCard.draft("person", "persons", Map.of(
                "first_name", List.of(new StringValue(firstName)),
                "status", List.of(new StaticValue(null, statusCode))));
    }
}
