package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.UnavailableException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.store.CacheEntry;
import io.cardlink.api.task.TaskMode;
import io.cardlink.emulator.EmulatorInstance;
import io.cardlink.emulator.EmulatorOptions;
import io.cardlink.esm.client.RetryPolicy;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipelined run: the reader runs ahead of the loader by at most the queue, a page's bulk writes are in flight
 * at once up to the connection's setting, the cache learns a card only after its local write, and a failure on
 * either side or a stop ends the run with no thread left behind.
 */
class PipelinedRunTest {

    /** Persons on the remote: the 151 of the demo data and these, a dozen pages and more. */
    private static final int GENERATED = 2_600;
    private static final String TASK = "task-persons";
    private static final RetryPolicy BUDGET = new RetryPolicy(6, Duration.ofMillis(10), Duration.ofMillis(1500),
            Duration.ofSeconds(60));

    @TempDir
    Path extractDir;

    private PipelineHarness harness;
    private EmulatorInstance remote;
    private EmulatorInstance local;
    private final AtomicInteger delivered = new AtomicInteger();

    @BeforeEach
    void start() {
        harness = new PipelineHarness(extractDir,
                EmulatorOptions.defaults().withGenerated("remote", "person", GENERATED, 14L))
                .with(PipelineHarness.persons(TaskMode.FULL));
        remote = harness.emulator.instance("remote");
        local = harness.emulator.instance("local");
        harness.remoteUsed = counting(harness.remote, null);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theReaderRunsAheadOfTheLoaderByAtMostTheQueue() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger writes = new AtomicInteger();
        harness.localUsed = beforeUpsert(harness.local, cards -> {
            if (writes.incrementAndGet() == 1) {
                await(release);
            }
        });

        CompletableFuture<Run> running = CompletableFuture.supplyAsync(() -> harness.run(TASK));
        // the loader holds its first page; the reader fills the queue and reads one more page
        int ahead = (SyncRun.PAGES_AHEAD + 2) * SyncRun.PAGE_SIZE;
        waitUntil(() -> delivered.get() >= ahead);
        Thread.sleep(300);
        int deliveredWhileHeld = delivered.get();
        release.countDown();
        Run run = running.get(2, TimeUnit.MINUTES);

        assertEquals(ahead, deliveredWhileHeld);
        assertEquals(RunStatus.SUCCESS, run.status(), String.valueOf(run.info()));
        assertEquals(remote.count("person"), run.counts().created());
        assertLocalHoldsEachRemoteCardOnce();
    }

    @Test
    void aPagesBulkWritesAreInFlightAtOnceAndTheCacheLearnsACardOnlyAfterItsWrite() {
        harness.localWritesInFlight = 4;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        List<String> cachedBeforeWritten = new CopyOnWriteArrayList<>();
        InstanceGateway checked = beforeUpsert(harness.local, cards -> {
            Set<String> keys = cards.stream().map(card -> card.text("source_key")).collect(Collectors.toSet());
            cachedBeforeWritten.addAll(harness.stores.find(TASK, keys).keySet());
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sleep(100);
        });
        harness.localUsed = afterUpsert(checked, inFlight::decrementAndGet);

        Run run = harness.run(TASK);

        assertEquals(RunStatus.SUCCESS, run.status(), String.valueOf(run.info()));
        assertEquals(remote.count("person"), run.counts().created());
        assertEquals(List.of(), cachedBeforeWritten);
        assertTrue(mostInFlight.get() > 1 && mostInFlight.get() <= 4, "at most in flight: " + mostInFlight);
        Map<String, String> localIds = local.all("person").stream()
                .collect(Collectors.toMap(card -> card.text("source_key"), DataCard::id));
        Map<String, CacheEntry> cached = harness.stores.caches.get(TASK);
        assertEquals(localIds.keySet(), cached.keySet());
        cached.forEach((key, entry) -> assertEquals(localIds.get(key), entry.localId(), key));
        assertNoRunThreadLeft();
    }

    @Test
    void aPagesKeyLookUpsAreInFlightAtOnceUpToTheSetting() {
        harness.localWritesInFlight = 3;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicInteger lookUps = new AtomicInteger();
        InstanceGateway plain = harness.local;
        harness.localUsed = proxy(plain, (method, args) -> {
            if (!"find".equals(method.getName())) {
                return invoke(method, plain, args);
            }
            lookUps.incrementAndGet();
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                sleep(30);
                return invoke(method, plain, args);
            } finally {
                inFlight.decrementAndGet();
            }
        });

        Run run = harness.run(TASK);

        assertEquals(RunStatus.SUCCESS, run.status(), String.valueOf(run.info()));
        assertEquals(remote.count("person"), run.counts().created());
        // an empty local: every card of a page is looked up by its key, LocalCards.KEYS_PER_QUERY keys a query
        assertTrue(lookUps.get() >= remote.count("person") / LocalCards.KEYS_PER_QUERY, "look-ups: " + lookUps);
        assertTrue(mostInFlight.get() > 1 && mostInFlight.get() <= 3, "at most in flight: " + mostInFlight);
        assertLocalHoldsEachRemoteCardOnce();
        assertNoRunThreadLeft();
    }

    @Test
    void underFaultsOnBothInstancesConcurrentWritesLandEachCardOnce() {
        harness.localWritesInFlight = 4;
        harness.remoteUsed = counting(EmulatorGateways.of(harness.emulator.rootUrl("remote"), PipelineHarness.API,
                BUDGET), null);
        harness.localUsed = EmulatorGateways.of(harness.emulator.rootUrl("local"), PipelineHarness.API, BUDGET);
        for (EmulatorInstance instance : List.of(remote, local)) {
            instance.faults().failShare(503, 0.06).failShare(500, 0.05).failShare(429, 0.04).failAfterWrite(0.3)
                    .dropStreamEvery(500);
        }

        Run run = harness.run(TASK);

        assertEquals(RunStatus.SUCCESS, run.status(), String.valueOf(run.info()));
        assertEquals(remote.count("person"), run.counts().created());
        assertLocalHoldsEachRemoteCardOnce();
    }

    @Test
    void aFailedLocalWriteEndsTheRunInErrorAndTheNextRunCreatesNothingTwice() {
        harness.localWritesInFlight = 2;
        AtomicInteger writes = new AtomicInteger();
        InstanceGateway plain = harness.local;
        harness.localUsed = afterUpsert(plain, () -> {
            if (writes.incrementAndGet() == 4) {
                throw new UnavailableException("the local instance broke off after the write landed");
            }
        });

        Run failed = harness.run(TASK);

        assertEquals(RunStatus.ERROR, failed.status(), String.valueOf(failed.info()));
        assertTrue(failed.info().contains("Failed: the local instance broke off after the write landed"),
                String.valueOf(failed.info()));
        assertNoRunThreadLeft();
        assertTrue(local.count("person") > harness.stores.count(TASK),
                "a batch landed that the cache does not know: " + local.count("person"));

        harness.localUsed = plain;
        Run next = harness.run(TASK);

        assertEquals(RunStatus.SUCCESS, next.status(), String.valueOf(next.info()));
        assertLocalHoldsEachRemoteCardOnce();
    }

    @Test
    void aReaderFailureEndsTheRunInErrorWithItsCauseAndMarksNothingRemoved() {
        assertEquals(RunStatus.SUCCESS, harness.run(TASK).status());
        harness.remoteUsed = counting(harness.remote, 3 * SyncRun.PAGE_SIZE + 17);

        Run failed = harness.run(TASK);

        assertEquals(RunStatus.ERROR, failed.status(), String.valueOf(failed.info()));
        assertTrue(failed.info().contains("Failed: the stream broke off"), String.valueOf(failed.info()));
        assertTrue(failed.counts().read() <= 3 * SyncRun.PAGE_SIZE, String.valueOf(failed.counts()));
        assertEquals(0, failed.counts().removed());
        assertTrue(local.all("person").stream().noneMatch(card -> "99 - Removed".equals(card.text("status"))));
        assertNoRunThreadLeft();
    }

    @Test
    void aStopEndsTheRunAfterTheLoadedPageWithTheReaderStopped() {
        Run stopped = harness.run(TASK, () -> true, false);

        assertEquals(RunStatus.STOPPED, stopped.status(), String.valueOf(stopped.info()));
        assertEquals(SyncRun.PAGE_SIZE, stopped.counts().read());
        assertEquals(SyncRun.PAGE_SIZE, local.count("person"));
        assertNoRunThreadLeft();
    }

    /** The remote, counting the cards its cursors deliver; the stream breaks before card {@code breakAt + 1}. */
    private InstanceGateway counting(InstanceGateway gateway, Integer breakAt) {
        return proxy(gateway, (method, args) -> {
            Object result = invoke(method, gateway, args);
            if (!"read".equals(method.getName())) {
                return result;
            }
            CardCursor cursor = (CardCursor) result;
            AtomicInteger read = new AtomicInteger();
            return new CardCursor() {
                @Override
                public boolean hasNext() {
                    return cursor.hasNext();
                }

                @Override
                public DataCard next() {
                    if (breakAt != null && read.get() == breakAt) {
                        throw new UnavailableException("the stream broke off");
                    }
                    read.incrementAndGet();
                    delivered.incrementAndGet();
                    return cursor.next();
                }

                @Override
                public void close() {
                    cursor.close();
                }
            };
        });
    }

    /** The local instance, running {@code action} with the cards of each bulk write before it is sent. */
    private static InstanceGateway beforeUpsert(InstanceGateway gateway, java.util.function.Consumer<List<DataCard>> action) {
        return proxy(gateway, (method, args) -> {
            if ("upsert".equals(method.getName())) {
                @SuppressWarnings("unchecked")
                List<DataCard> cards = (List<DataCard>) args[1];
                action.accept(cards);
            }
            return invoke(method, gateway, args);
        });
    }

    /** The local instance, running {@code action} after each bulk write has landed. */
    private static InstanceGateway afterUpsert(InstanceGateway gateway, Runnable action) {
        return proxy(gateway, (method, args) -> {
            Object result = invoke(method, gateway, args);
            if ("upsert".equals(method.getName())) {
                action.run();
            }
            return result;
        });
    }

    private interface Handler {
        Object handle(java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    private static InstanceGateway proxy(InstanceGateway gateway, Handler handler) {
        return (InstanceGateway) Proxy.newProxyInstance(PipelinedRunTest.class.getClassLoader(),
                new Class<?>[] {InstanceGateway.class}, (proxy, method, args) -> handler.handle(method, args));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void assertLocalHoldsEachRemoteCardOnce() {
        Function<DataCard, String> key = card -> card.text("source_key");
        List<DataCard> localCards = local.all("person");
        Set<String> keys = localCards.stream().map(key).collect(Collectors.toSet());
        assertEquals(localCards.size(), keys.size(), "no unique key twice in the local persons");
        assertEquals(remote.all("person").stream().map(card -> card.text("efecte_id")).collect(Collectors.toSet()),
                keys);
    }

    private static void assertNoRunThreadLeft() {
        List<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("cardlink-read-") || name.startsWith("cardlink-write-")).toList();
        assertEquals(List.of(), left);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "waited a minute");
            Thread.sleep(20);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(2, TimeUnit.MINUTES));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
