package io.cardlink.connector.coreproiga.internal;

import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.contract.ConnectorContract;
import io.cardlink.contract.ContractTemplate;
import io.cardlink.emulator.EmulatorOptions;
import io.cardlink.emulator.EmulatorServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The CoreProIGA connector keeps the connector contract against the embedded emulator's remote instance. */
class CoreProIgaContractTest extends ConnectorContract {
    private static EmulatorServer server;
    private static String root;

    @BeforeAll
    static void start() {
        server = EmulatorServer.start(EmulatorOptions.defaults());
        root = "http://127.0.0.1:" + server.port() + "/emulator/";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected ConnectorType type() {
        return new CoreProIgaConnectorType();
    }

    @Override
    protected ConnectionConfig reachableConfig() {
        return config(root + "remote");
    }

    @Override
    protected ConnectionConfig unreachableConfig() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return config("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected ContractTemplate template() {
        return new ContractTemplate("person", "persons", "source_key", "email");
    }

    private ConnectionConfig config(String remoteUrl) {
        Map<String, String> settings = new HashMap<>();
        settings.put(CoreProIgaConnectorType.REMOTE_URL, remoteUrl);
        settings.put(CoreProIgaConnectorType.REMOTE_USER, "webapi");
        // one attempt, so that the outage test hears of the outage at once rather than after the retry budget
        settings.put(CoreProIgaConnectorType.RETRY_ATTEMPTS, "1");
        settings.put(CoreProIgaConnectorType.RETRY_SECONDS, "1");
        return new ConnectionConfig("contract", settings, Map.of(CoreProIgaConnectorType.REMOTE_PASSWORD, "webapi"));
    }
}
