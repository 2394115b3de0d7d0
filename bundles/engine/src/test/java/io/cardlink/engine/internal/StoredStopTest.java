package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.store.RunStore;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoredStopTest {

    /** A clock the test moves. */
    private static final class Ticking extends Clock {
        Instant now = Instant.parse("2026-12-05T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theStoreIsReadOncePerPollAndAStopOnceSeenStays() {
        AtomicInteger reads = new AtomicInteger();
        MemoryStores stores = new MemoryStores();
        RunStore counted = (RunStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RunStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("stopRequested")) {
                        reads.incrementAndGet();
                    }
                    return method.invoke(stores, args);
                });
        stores.knownTasks.add("t1");
        stores.create(new Run("r1", "t1", null, "manual", RunStatus.RUNNING, Instant.now(), null, null, null,
                List.of(), null));
        Ticking clock = new Ticking();
        StoredStop stop = new StoredStop(() -> false, counted, "r1", clock);

        assertFalse(stop.stopRequested());
        stores.requestStop("t1");
        assertFalse(stop.stopRequested(), "within the poll the store is not read again");
        assertEquals(1, reads.get());
        clock.now = clock.now.plus(StoredStop.POLL);
        assertTrue(stop.stopRequested());
        clock.now = clock.now.plus(StoredStop.POLL);
        assertTrue(stop.stopRequested());
        assertEquals(2, reads.get());
        assertTrue(new StoredStop(() -> true, stores, "other", clock).stopRequested(), "this node's stop counts too");
    }
}
