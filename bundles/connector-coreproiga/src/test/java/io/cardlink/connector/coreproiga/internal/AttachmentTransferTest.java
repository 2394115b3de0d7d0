package io.cardlink.connector.coreproiga.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.connector.EndpointCheck.Result;
import io.cardlink.api.connector.FileTooLargeException;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.emulator.EmulatorInstance;
import io.cardlink.emulator.EmulatorOptions;
import io.cardlink.emulator.EmulatorServer;
import io.cardlink.esm.client.EsmClient;
import io.cardlink.esm.client.EsmClientConfig;
import io.cardlink.esm.client.RetryPolicy;
import io.cardlink.esm.gateway.EsmInstanceGateway;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files through the CoreProIGA gateways against the embedded emulator: streamed, within the connector's limit. */
class AttachmentTransferTest {
    private static final int UPLOAD_LIMIT = 40_000;
    private static EmulatorServer server;
    private static String root;
    private final CoreProIgaConnectorType type = new CoreProIgaConnectorType();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = EmulatorServer.start(EmulatorOptions.defaults().withUploadLimit(UPLOAD_LIMIT));
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

    private CoreProIgaConnection connect(String maxAttachmentBytes) {
        Map<String, String> settings = new HashMap<>();
        settings.put(CoreProIgaConnectorType.REMOTE_URL, root + "remote");
        settings.put(CoreProIgaConnectorType.REMOTE_USER, "webapi");
        if (maxAttachmentBytes != null) {
            settings.put(CoreProIgaConnectorType.MAX_ATTACHMENT_BYTES, maxAttachmentBytes);
        }
        Map<String, String> secrets = Map.of(CoreProIgaConnectorType.REMOTE_PASSWORD, "webapi");
        return type.connect(new ConnectionConfig("c1", settings, secrets));
    }

    /** The local instance as the engine reaches it: the same gateway, built from the engine's settings. */
    private static InstanceGateway local() {
        return EsmInstanceGateway.of("local", root + "local", "/rest-api/itsm/v1", "webapi", "webapi", null,
                RetryPolicy.defaults(), 10L * 1024 * 1024, List.of(), Map.of(), (instance, method, outcome, took) -> {
                });
    }

    /** Uploads a file to a remote incident as a user of that instance would; returns the incident's id. */
    private static String remoteIncidentWith(String fileName, byte[] content) {
        EsmClient client = EsmClient.create(EsmClientConfig.builder().baseUrl(root + "remote")
                .apiPath("/rest-api/itsm/v1").login("webapi").password("webapi".toCharArray()).build());
        String id = server.instance("remote").all("incident").get(0).id();
        client.replaceAttribute("incident", id, "attachments", List.of());
        client.uploadFile("incident", id, "attachments", fileName, content);
        return id;
    }

    private static String localIncident() {
        return server.instance("local").put(DataCard.draft("incident", "incident_management",
                Map.of("subject", List.of(new StringValue("Copy target"))))).id();
    }

    private static ExternalReferenceValue onlyFile(EmulatorInstance instance, String id) {
        DataCard card = instance.find(id).orElseThrow();
        assertEquals(1, card.values("attachments").size(), card.toString());
        return (ExternalReferenceValue) card.values("attachments").get(0);
    }

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 13 + size);
        }
        return bytes;
    }

    @Test
    void aFileGoesFromTheRemoteCardToTheLocalCardByteForByte() throws IOException {
        byte[] content = content(30_000);
        String remoteId = remoteIncidentWith("scan.pdf", content);
        ExternalReferenceValue remoteFile = onlyFile(server.instance("remote"), remoteId);
        String localId = localIncident();
        Path copy = dir.resolve("copy");
        try (CoreProIgaConnection connection = connect(null)) {
            long size = connection.remote().downloadFile("incident", remoteId, "attachments", remoteFile.location(),
                    copy);
            assertEquals(content.length, size);
            assertArrayEquals(content, Files.readAllBytes(copy));

            local().uploadFile("incident", localId, "attachments", "scan.pdf", copy);
            ExternalReferenceValue localFile = onlyFile(server.instance("local"), localId);
            assertEquals("scan.pdf", localFile.name());
            Path back = dir.resolve("back");
            local().downloadFile("incident", localId, "attachments", localFile.location(), back);
            assertArrayEquals(content, Files.readAllBytes(back));
        }
    }

    @Test
    void aFileOverTheConnectorsLimitIsRefusedForGood() {
        String remoteId = remoteIncidentWith("big.iso", content(5_000));
        ExternalReferenceValue remoteFile = onlyFile(server.instance("remote"), remoteId);
        try (CoreProIgaConnection connection = connect("4999")) {
            FileTooLargeException e = assertThrows(FileTooLargeException.class, () -> connection.remote()
                    .downloadFile("incident", remoteId, "attachments", remoteFile.location(), dir.resolve("big")));
            assertFalse(e.retryable());
            assertEquals(4999, e.limitBytes());
            assertEquals("larger than the limit of 4999 bytes (setting maxAttachmentBytes)",
                    e.getMessage());
        }
        try (CoreProIgaConnection connection = connect("5000")) {
            assertEquals(5_000, connection.remote().downloadFile("incident", remoteId, "attachments",
                    remoteFile.location(), dir.resolve("fits")));
        }
    }

    @Test
    void aFileTheInstanceRefusesAsTooBigIsAPermanentFailureNamingTheStatus() throws IOException {
        Path big = Files.write(dir.resolve("big"), content(UPLOAD_LIMIT + 1));
        String localId = localIncident();
        try (CoreProIgaConnection connection = connect(null)) {
            CardlinkException e = assertThrows(CardlinkException.class,
                    () -> local().uploadFile("incident", localId, "attachments", "big.bin", big));
            assertFalse(e.retryable());
            assertTrue(e.getMessage().contains("413"), e.getMessage());
        }
        assertTrue(server.instance("local").find(localId).orElseThrow().values("attachments").isEmpty());
    }

    @Test
    void aDownloadThatBreaksOffIsDownloadedAgainWithinTheRetryBudget() throws IOException {
        byte[] content = content(50_000);
        AtomicInteger downloads = new AtomicInteger();
        AtomicInteger brokenOnes = new AtomicInteger(1);
        HttpServer flaky = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        flaky.createContext("/api/users/login", exchange -> {
            exchange.getResponseHeaders().add("Authorization", "Bearer opaque-token");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] body = "{\"code\":200,\"message\":\"logged in\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        flaky.createContext("/api/dc/incident/data/7/attachments/file/loc-1", exchange -> {
            downloads.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, content.length);
            // the first answers stop a fifth of the way: the connection closes with the body cut short
            boolean broken = brokenOnes.getAndDecrement() > 0;
            exchange.getResponseBody().write(content, 0, broken ? content.length / 5 : content.length);
            exchange.close();
        });
        flaky.start();
        Map<String, String> settings = new HashMap<>();
        settings.put(CoreProIgaConnectorType.REMOTE_URL, "http://127.0.0.1:" + flaky.getAddress().getPort());
        settings.put(CoreProIgaConnectorType.REMOTE_API_PATH, "/api");
        settings.put(CoreProIgaConnectorType.REMOTE_USER, "webapi");
        settings.put(CoreProIgaConnectorType.RETRY_ATTEMPTS, "2");
        Map<String, String> secrets = Map.of(CoreProIgaConnectorType.REMOTE_PASSWORD, "webapi");
        try (CoreProIgaConnection connection = type.connect(new ConnectionConfig("c1", settings, secrets))) {
            Path copy = dir.resolve("copy");
            assertEquals(content.length, connection.remote().downloadFile("incident", "7", "attachments", "loc-1",
                    copy));
            assertArrayEquals(content, Files.readAllBytes(copy));
            assertEquals(2, downloads.get());

            brokenOnes.set(2);
            CardlinkException e = assertThrows(CardlinkException.class, () -> connection.remote()
                    .downloadFile("incident", "7", "attachments", "loc-1", copy));
            assertTrue(e.retryable());
            assertTrue(e.getMessage().startsWith("the download of loc-1 from the remote instance broke off 2 time(s)"),
                    e.getMessage());
            assertEquals(4, downloads.get());
        } finally {
            flaky.stop(0);
        }
    }

    @Test
    void theLimitIsASettingWithADefaultAndAWrongValueIsNamed() {
        assertEquals("10485760", type.setting(CoreProIgaConnectorType.MAX_ATTACHMENT_BYTES).orElseThrow()
                .defaultValue());
        try (CoreProIgaConnection connection = connect("ten megabytes")) {
            EndpointCheck check = connection.remote().check();
            assertEquals(Result.NOT_CONFIGURED, check.result(), check.message());
            assertTrue(check.message().contains("settings.maxAttachmentBytes"), check.message());
        }
    }
}
