package io.cardlink.esm.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(1000),
            Duration.ofSeconds(10));

    @Test
    void backoffDoublesUpToTheCap() {
        assertEquals(Duration.ofMillis(100), policy.backoff(1, 0.999999));
        assertEquals(Duration.ofMillis(200), policy.backoff(2, 0.999999));
        assertEquals(Duration.ofMillis(400), policy.backoff(3, 0.999999));
        assertEquals(Duration.ofMillis(800), policy.backoff(4, 0.999999));
        assertEquals(Duration.ofMillis(1000), policy.backoff(5, 0.999999));
        assertEquals(Duration.ofMillis(1000), policy.backoff(60, 0.999999));
    }

    @Test
    void jitterSpreadsTheUpperHalf() {
        assertEquals(Duration.ofMillis(200), policy.backoff(3, 0.0));
        assertEquals(Duration.ofMillis(300), policy.backoff(3, 0.5));
        assertEquals(Duration.ofMillis(500), policy.backoff(5, 0.0));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> policy.backoff(0, 0.5));
    }
}
