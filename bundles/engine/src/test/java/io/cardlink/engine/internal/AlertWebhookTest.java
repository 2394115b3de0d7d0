package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cardlink.api.alert.Alert;
import io.cardlink.api.alert.AlertKind;
import io.cardlink.api.alert.AlertSeverity;
import io.cardlink.api.alert.AlertState;
import io.cardlink.api.alert.AlertSubject;
import io.cardlink.api.service.InstanceSide;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertWebhookTest {
    private static final Alert ALERT = new Alert("a1", new AlertSubject(AlertKind.WRONG_CREDENTIALS, "c1", null,
            InstanceSide.REMOTE), AlertSeverity.CRITICAL, AlertState.OPEN, "login refused",
            Instant.parse("2026-05-01T08:00:00Z"), Instant.parse("2026-05-01T08:00:00Z"), 1, null, null, null);

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private CountDownLatch delivered;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            arrivals.add(System.nanoTime());
            bodies.add(new String(exchange.getRequestBody().readAllBytes()));
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            if (status == 204) {
                delivered.countDown();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @Test
    void retriesWithAGrowingDelayUntilTheReceiverTakesIt() throws Exception {
        failuresLeft.set(2);
        delivered = new CountDownLatch(1);
        AlertWebhook webhook = new AlertWebhook(url(), 4, Duration.ofMillis(100));

        webhook.deliver(AlertEvent.RAISED, ALERT);

        assertTrue(delivered.await(10, TimeUnit.SECONDS), "never delivered: " + bodies);
        assertEquals(3, bodies.size());
        Map<?, ?> json = new ObjectMapper().readValue(bodies.get(2), Map.class);
        assertEquals("RAISED", json.get("event"));
        assertEquals("a1", json.get("id"));
        assertEquals("WRONG_CREDENTIALS", json.get("kind"));
        assertEquals("REMOTE", json.get("side"));
        assertEquals("CRITICAL", json.get("severity"));
        assertEquals("login refused", json.get("message"));
        long firstWait = arrivals.get(1) - arrivals.get(0);
        long secondWait = arrivals.get(2) - arrivals.get(1);
        assertTrue(firstWait >= TimeUnit.MILLISECONDS.toNanos(100), "first retry after " + firstWait + " ns");
        assertTrue(secondWait >= TimeUnit.MILLISECONDS.toNanos(200), "second retry after " + secondWait + " ns");
        webhook.deactivate();
    }

    @Test
    void givesUpAfterItsAttemptsAndNeverPostsUpdates() throws Exception {
        failuresLeft.set(100);
        delivered = new CountDownLatch(1);
        AlertWebhook webhook = new AlertWebhook(url(), 3, Duration.ofMillis(10));

        webhook.deliver(AlertEvent.UPDATED, ALERT);
        webhook.deliver(AlertEvent.RESOLVED, ALERT);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bodies.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertEquals(3, bodies.size(), "three attempts of the resolved alert, none of the update");
        assertTrue(bodies.get(0).contains("\"event\":\"RESOLVED\""), bodies.get(0));
        webhook.deactivate();
    }
}
