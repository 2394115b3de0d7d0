package io.cardlink.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Claims on tasks across nodes, on PostgreSQL: needs {@code CARDLINK_TEST_POSTGRES_URL}, as the store tests do. */
class TaskClaimsTest {
    private PGSimpleDataSource database;
    private TaskClaims nodeA;
    private TaskClaims nodeB;
    private String task;

    @BeforeEach
    void connect() {
        String url = System.getenv("CARDLINK_TEST_POSTGRES_URL");
        assumeTrue(url != null && !url.isBlank(), "CARDLINK_TEST_POSTGRES_URL is not set: task claims are"
                + " PostgreSQL advisory locks (.ci/run starts one)");
        database = new PGSimpleDataSource();
        database.setURL(url);
        nodeA = new TaskClaims(() -> database, Duration.ofMillis(50));
        nodeB = new TaskClaims(() -> database, Duration.ofMillis(50));
        task = "task-" + System.nanoTime();
    }

    @Test
    void aTaskClaimedByOneNodeCannotBeClaimedByAnotherUntilItIsReleased() throws Exception {
        Optional<TaskClaims.Claim> held = nodeA.tryClaim(task);
        assertTrue(held.isPresent());
        assertTrue(nodeB.tryClaim(task).isEmpty(), "the task runs on node A");
        assertTrue(nodeA.tryClaim(task).isEmpty(), "a claim is taken once, even by the node that holds it");

        held.get().close();

        try (TaskClaims.Claim again = nodeB.tryClaim(task).orElseThrow()) {
            assertEquals(task, again.taskId());
        }
    }

    @Test
    void claimsOfDifferentTasksDoNotMeet() throws Exception {
        try (TaskClaims.Claim first = nodeA.tryClaim(task).orElseThrow();
                TaskClaims.Claim second = nodeB.tryClaim(task + "-other").orElseThrow()) {
            assertNotEquals(first.taskId(), second.taskId());
        }
        assertNotEquals(TaskClaims.key("a"), TaskClaims.key("b"));
    }

    @Test
    void aWaitingClaimIsTakenWhenTheOtherNodesRunEnds() throws Exception {
        TaskClaims.Claim held = nodeA.tryClaim(task).orElseThrow();
        CompletableFuture<Optional<TaskClaims.Claim>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return nodeB.claim(task, () -> false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertFalse(waiting.isDone(), "node B waits while node A runs the task");

        held.close();

        try (TaskClaims.Claim taken = waiting.get(10, TimeUnit.SECONDS).orElseThrow()) {
            assertEquals(task, taken.taskId());
        }
    }

    @Test
    void aWaitingClaimGivesUpWhenTheSchedulerShutsDown() throws Exception {
        AtomicBoolean shuttingDown = new AtomicBoolean();
        try (TaskClaims.Claim held = nodeA.tryClaim(task).orElseThrow()) {
            CompletableFuture<Optional<TaskClaims.Claim>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return nodeB.claim(task, shuttingDown::get);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            shuttingDown.set(true);
            assertTrue(waiting.get(10, TimeUnit.SECONDS).isEmpty());
        }
    }

    @Test
    void theClaimOfANodeWhoseConnectionEndsIsFree() throws Exception {
        Connection dying = database.getConnection();
        dying.setAutoCommit(false);
        try (var lock = dying.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, TaskClaims.key(task));
            lock.executeQuery().close();
        }
        assertTrue(nodeB.tryClaim(task).isEmpty(), "the claim is held by the first connection");

        dying.close();

        try (TaskClaims.Claim taken = nodeB.tryClaim(task).orElseThrow()) {
            assertEquals(task, taken.taskId());
        }
    }
}
