package io.cardlink.esm.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionContractTest extends EmulatorFixture {

    @Test
    void creatingAClientDoesNoIo() {
        client();
        assertEquals(0, remote.counters().totalRequests());
    }

    @Test
    void echoNeedsNoLoginAndCheckCredentialsLogsIn() {
        EsmClient client = client();
        client.echo();
        assertEquals(0, remote.counters().requests("login"));
        client.checkCredentials();
        client.checkCredentials();
        assertEquals(1, remote.counters().requests("login"));
    }

    @Test
    void aWrongPasswordIsAPermanentAuthenticationFailureWithoutTheSecret() {
        EsmClient client = EsmClient.create(config().password("not-the-password").build());
        EsmAuthenticationException e = assertThrows(EsmAuthenticationException.class, client::checkCredentials);
        assertFalse(e.retryable());
        assertEquals(401, e.status());
        assertEquals("/users/login", e.path());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
        assertEquals(1, remote.counters().requests("login"));
    }

    @Test
    void aWrongApiPathSaysSo() {
        EsmClient client = EsmClient.create(config().apiPath("/itsm/api/v1").build());
        EsmPermanentException e = assertThrows(EsmPermanentException.class, client::checkCredentials);
        assertFalse(e.retryable());
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("API path"), e.getMessage());
        EsmPermanentException echo = assertThrows(EsmPermanentException.class, client::echo);
        assertTrue(echo.getMessage().contains("API path"), echo.getMessage());
    }

    @Test
    void aClosedPortIsUnreachableAndRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        EsmClient client = EsmClient.create(config().baseUrl("http://127.0.0.1:" + closedPort)
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(5)))
                .build());
        EsmUnreachableException e = assertThrows(EsmUnreachableException.class, client::echo);
        assertTrue(e.retryable());
        assertEquals(-1, e.status());
        assertTrue(e.getMessage().contains("2 attempt"), e.getMessage());
        assertThrows(EsmUnreachableException.class, client::templates);
    }

    @Test
    void concurrentCallersShareOneLogin() throws Exception {
        remote.faults().latency(Duration.ofMillis(100));
        EsmClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(client::checkCredentials));
            }
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, remote.counters().requests("login"));
    }

    @Test
    void aTokenThatExpiresDuringALongReadIsRenewed() {
        int total = remote.count("incident");
        // Tokens live at most two seconds (the emulator counts whole seconds, so at least one); 40 pages delayed
        // by 60 ms each take longer than two seconds.
        remote.faults().tokenLifetime(Duration.ofSeconds(2)).latency(Duration.ofMillis(60));
        EsmClient client = client();
        long read = 0;
        try (CardStream cards = client.page("incident", ReadQuery.all().withPageSize(Math.max(1, total / 40)))) {
            while (cards.hasNext()) {
                cards.next();
                read++;
            }
        }
        assertEquals(total, read);
        assertTrue(remote.counters().requests("login") >= 2, remote.counters().toString());
    }

    @Test
    void aRequestTimeoutIsRetryable() {
        remote.faults().latency(Duration.ofMillis(1500));
        EsmClient client = EsmClient.create(config().requestTimeout(Duration.ofMillis(200))
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(5)))
                .build());
        EsmException e = assertThrows(EsmException.class, client::echo);
        assertInstanceOf(EsmRetryableException.class, e);
        assertTrue(e.retryable());
    }

    @Test
    void aTrustStoreThatCannotBeReadFailsTheFirstCallNotTheCreation() {
        EsmClient client = EsmClient.create(config().baseUrl("https://127.0.0.1:" + server.port())
                .trustStore(new TrustStore(Path.of("/nonexistent/trust.p12"), "PKCS12", "pw".toCharArray())).build());
        EsmPermanentException e = assertThrows(EsmPermanentException.class, client::echo);
        assertTrue(e.getMessage().contains("trust store"), e.getMessage());
    }

    @Test
    void aRetryAfterLongerThanTheLongestBackoffIsLeftToTheCaller() {
        EsmClient client = EsmClient.create(config()
                .retryPolicy(new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(500), Duration.ofSeconds(10)))
                .build());
        client.checkCredentials();
        remote.faults().failShare(503, 1.0);
        remote.resetCounters();
        EsmRetryableException e = assertThrows(EsmRetryableException.class, client::templates);
        assertEquals(503, e.status());
        assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
        assertEquals(1, remote.counters().totalRequests());
    }
}
