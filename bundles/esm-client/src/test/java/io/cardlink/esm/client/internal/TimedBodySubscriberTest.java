package io.cardlink.esm.client.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimedBodySubscriberTest {

    private static final class Recorder implements Flow.Subscription {
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsChunksAskingForOneAheadOnly() throws IOException {
        TimedBodySubscriber body = new TimedBodySubscriber(Duration.ofSeconds(5));
        Recorder subscription = new Recorder();
        body.onSubscribe(subscription);
        assertEquals(1, subscription.requested.get());
        body.onNext(List.of(bytes("hello "), bytes("big ")));
        body.onNext(List.of(bytes("world")));
        body.onComplete();
        assertEquals("hello big world", new String(body.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(-1, body.read());
    }

    @Test
    void aStalledBodyFailsAfterTheReadTimeoutAndCancels() {
        TimedBodySubscriber body = new TimedBodySubscriber(Duration.ofMillis(50));
        Recorder subscription = new Recorder();
        body.onSubscribe(subscription);
        body.onNext(List.of(bytes("partial")));
        assertThrows(SocketTimeoutException.class, body::readAllBytes);
        assertTrue(subscription.cancelled.get());
    }

    @Test
    void aBrokenConnectionIsAnIoError() {
        TimedBodySubscriber body = new TimedBodySubscriber(Duration.ofSeconds(5));
        body.onSubscribe(new Recorder());
        body.onNext(List.of(bytes("{\"data\":[")));
        body.onError(new IOException("connection reset"));
        IOException e = assertThrows(IOException.class, body::readAllBytes);
        assertEquals("connection reset", e.getMessage());
    }
}
