package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ConflictException;
import io.cardlink.api.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    /** A commit that holds its first group until released, and records every group it is given. */
    private static final class Recorder implements Function<List<String>, List<GroupCommit.Outcome<String>>> {
        final List<List<String>> groups = new CopyOnWriteArrayList<>();
        final CountDownLatch firstEntered = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);
        volatile RuntimeException failSecond;

        @Override
        public List<GroupCommit.Outcome<String>> apply(List<String> group) {
            groups.add(List.copyOf(group));
            if (groups.size() == 1) {
                firstEntered.countDown();
                await(releaseFirst);
            } else if (failSecond != null) {
                throw failSecond;
            }
            return group.stream().map(request -> request.startsWith("refused")
                    ? GroupCommit.Outcome.<String>refused(new ConflictException(request + " is taken"))
                    : GroupCommit.Outcome.answered("stored " + request)).toList();
        }
    }

    @Test
    void callersThatArriveWhileACommitRunsShareTheNextCommitEachWithItsOwnAnswer() throws Exception {
        Recorder commit = new Recorder();
        GroupCommit<String, String> group = new GroupCommit<>(commit, 100);
        Future<String> first = callers.submit(() -> group.submit("a"));
        assertTrue(commit.firstEntered.await(10, TimeUnit.SECONDS));
        List<Future<String>> waiting = new ArrayList<>();
        for (String request : List.of("b", "c", "d", "e")) {
            waiting.add(callers.submit(() -> group.submit(request)));
        }
        waitUntilQueued(group, 4);

        commit.releaseFirst.countDown();

        assertEquals("stored a", first.get(10, TimeUnit.SECONDS));
        for (int i = 0; i < waiting.size(); i++) {
            assertEquals("stored " + List.of("b", "c", "d", "e").get(i), waiting.get(i).get(10, TimeUnit.SECONDS));
        }
        assertEquals(2, commit.groups.size(), "the four waiting callers were committed together: " + commit.groups);
        assertEquals(List.of("b", "c", "d", "e").stream().sorted().toList(),
                commit.groups.get(1).stream().sorted().toList());
    }

    @Test
    void aFailedCommitFailsEveryCallerItHeldAndOnlyThose() throws Exception {
        Recorder commit = new Recorder();
        UnavailableException down = new UnavailableException("the database is not available: refused");
        commit.failSecond = down;
        GroupCommit<String, String> group = new GroupCommit<>(commit, 100);
        Future<String> first = callers.submit(() -> group.submit("a"));
        assertTrue(commit.firstEntered.await(10, TimeUnit.SECONDS));
        List<Future<String>> waiting = new ArrayList<>();
        for (String request : List.of("b", "c", "d")) {
            waiting.add(callers.submit(() -> group.submit(request)));
        }
        waitUntilQueued(group, 3);

        commit.releaseFirst.countDown();

        assertEquals("stored a", first.get(10, TimeUnit.SECONDS));
        for (Future<String> caller : waiting) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> caller.get(10, TimeUnit.SECONDS));
            assertSame(down, failed.getCause());
        }
        commit.failSecond = null;
        assertEquals("stored f", group.submit("f"), "a failed commit leaves the next one to go on");
    }

    @Test
    void aRequestRefusedWithinACommitFailsAloneAndItsGroupIsAnswered() throws Exception {
        Recorder commit = new Recorder();
        GroupCommit<String, String> group = new GroupCommit<>(commit, 100);
        Future<String> first = callers.submit(() -> group.submit("a"));
        assertTrue(commit.firstEntered.await(10, TimeUnit.SECONDS));
        Future<String> refused = callers.submit(() -> group.submit("refused-b"));
        Future<String> stored = callers.submit(() -> group.submit("c"));
        waitUntilQueued(group, 2);

        commit.releaseFirst.countDown();

        assertEquals("stored a", first.get(10, TimeUnit.SECONDS));
        assertEquals("stored c", stored.get(10, TimeUnit.SECONDS));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> refused.get(10, TimeUnit.SECONDS));
        assertEquals("refused-b is taken", failed.getCause().getMessage());
        assertEquals(2, commit.groups.size());
    }

    @Test
    void aGroupTakesAtMostItsLimitTheOldestFirst() throws Exception {
        Recorder commit = new Recorder();
        GroupCommit<String, String> group = new GroupCommit<>(commit, 2);
        Future<String> first = callers.submit(() -> group.submit("a"));
        assertTrue(commit.firstEntered.await(10, TimeUnit.SECONDS));
        List<Future<String>> waiting = new ArrayList<>();
        for (String request : List.of("b", "c", "d", "e", "f")) {
            waiting.add(callers.submit(() -> group.submit(request)));
            waitUntilQueued(group, waiting.size());
        }

        commit.releaseFirst.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (Future<String> caller : waiting) {
            caller.get(10, TimeUnit.SECONDS);
        }
        assertTrue(commit.groups.stream().allMatch(g -> g.size() <= 2), "groups: " + commit.groups);
        assertEquals(5, commit.groups.stream().skip(1).mapToInt(List::size).sum());
        assertEquals(List.of("b", "c"), commit.groups.get(1), "the oldest first");
    }

    private static void waitUntilQueued(GroupCommit<?, ?> group, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (group.queued() < count) {
            assertTrue(System.nanoTime() < deadline, "callers did not queue");
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
