package io.cardlink.esm.client.internal;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class TokenManagerTest {
    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC);

    @Test
    void concurrentCallersShareOneLogin() throws Exception {
        AtomicInteger logins = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        TokenManager tokens = new TokenManager(clock, () -> {
            logins.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return JwtTest.token("{\"iat\":1700000000,\"exp\":1700000900}");
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(tokens::token));
            }
            Thread.sleep(100);
            release.countDown();
            String first = calls.get(0).get(5, TimeUnit.SECONDS);
            for (Future<String> call : calls) {
                assertEquals(first, call.get(5, TimeUnit.SECONDS));
            }
            assertEquals(1, logins.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefusedTokenIsReplacedOnceEvenIfSeveralCallersReportIt() {
        AtomicInteger logins = new AtomicInteger();
        TokenManager tokens = new TokenManager(clock, () -> "opaque-" + logins.incrementAndGet());
        String refused = tokens.token();
        tokens.invalidate(refused);
        String fresh = tokens.token();
        tokens.invalidate(refused);
        assertNotEquals(refused, fresh);
        assertEquals(fresh, tokens.token());
        assertEquals(2, logins.get());
    }

    @Test
    void anExpiringTokenIsRenewedBeforeUse() {
        AtomicInteger logins = new AtomicInteger();
        Instant[] now = {Instant.ofEpochSecond(1700000000)};
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        TokenManager tokens = new TokenManager(moving, () -> {
            logins.incrementAndGet();
            long iat = now[0].getEpochSecond();
            return JwtTest.token("{\"iat\":" + iat + ",\"exp\":" + (iat + 900) + "}");
        });
        String first = tokens.token();
        now[0] = now[0].plusSeconds(860);
        assertEquals(first, tokens.token());
        now[0] = now[0].plusSeconds(15);
        assertNotEquals(first, tokens.token());
        assertEquals(2, logins.get());
    }
}
