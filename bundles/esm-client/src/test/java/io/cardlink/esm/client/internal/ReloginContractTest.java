package io.cardlink.esm.client.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.StringValue;
import io.cardlink.emulator.EmulatorInstance;
import io.cardlink.emulator.EmulatorOptions;
import io.cardlink.emulator.EmulatorServer;
import io.cardlink.esm.client.EsmClientConfig;
import io.cardlink.esm.client.EsmPermanentException;
import io.cardlink.esm.client.RetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Paths that need control over the client's clock or the emulator's options. */
class ReloginContractTest {
    private static EmulatorServer server;
    private static EmulatorInstance remote;

    @BeforeAll
    static void start() {
        server = EmulatorServer.start(EmulatorOptions.defaults().withUploadLimit(16));
        remote = server.instance("remote");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static EsmClientConfig config() {
        return EsmClientConfig.builder().baseUrl("http://127.0.0.1:" + server.port() + "/emulator/remote")
                .login("webapi").password("webapi")
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(1500), Duration.ofSeconds(10)))
                .build();
    }

    @Test
    void aTokenRefusedWithA401IsReplacedByOneNewLogin() throws InterruptedException {
        remote.reset();
        remote.faults().tokenLifetime(Duration.ofSeconds(2));
        // A client whose clock runs an hour late believes every token is fresh, so only the server's 401 can
        // tell it that the token expired.
        Clock late = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
        HttpEsmClient client = new HttpEsmClient(new Transport(config(), late, d -> Thread.sleep(d.toMillis()),
                () -> 0.5));
        client.checkCredentials();
        long logins = remote.counters().requests("login");
        Thread.sleep(2100);
        client.checkCredentials();
        assertEquals(logins + 1, remote.counters().requests("login"));
    }

    @Test
    void anUploadOverTheServersLimitIsPermanent() {
        remote.reset();
        HttpEsmClient client = new HttpEsmClient(config());
        String id = remote.put(DataCard.draft("incident", "incident_management",
                Map.of("subject", List.of(new StringValue("upload limit"))))).id();
        EsmPermanentException e = assertThrows(EsmPermanentException.class, () -> client.uploadFile("incident", id,
                "attachments", "big.bin", "seventeen bytes!!".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(413, e.status());
        assertFalse(e.retryable());
    }
}
