package io.cardlink.engine.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.service.ConnectionProvider;
import io.cardlink.api.store.ConnectorStore;
import io.cardlink.api.store.OutboxStore;
import io.cardlink.api.store.OutboxStore.Entry;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.timeline.CardTimelineStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's operations to the remote instances. A new operation is claimed by its accept, in the accept's
 * transaction, for a worker the request reserved ({@link #reserve}) when one is free; otherwise one scheduler thread
 * claims operations as long as a worker is free: a new operation at once, and those that are due when a retry's time
 * comes, when a worker gets free (while operations wait, the worker takes the longest due one itself) and every poll
 * interval. The workers write them and record the outcome; the card timeline's entries of the outcomes follow in
 * batches ({@link OutcomeEntries}). Retryable failures wait with a doubling
 * delay up to the maximum number of attempts, after which the operation is dead (an operator replays or discards
 * it); permanent ones fail at once with the remote instance's message. The store hands out one operation of a card
 * at a time, in order. Before a write the loop guard counts the card's recent writes and holds a card written too
 * often; a card that is an echo of a scheduled load is not written ({@link LoopGuard}).
 *
 * <p>The node's claims carry a node id kept in {@code ${karaf.data}/cardlink/node-id}, so that after a crash this node
 * takes back at start what it left running, while operations another node left running are taken once their lease
 * is over. Activation does no I/O beyond that file: the first claim happens on the scheduler thread.
 */
@Component(service = OutboxDispatcher.class, configurationPid = OutboxDispatcher.PID)
@Designate(ocd = OutboxDispatcher.Config.class)
public class OutboxDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    static final String PID = "io.cardlink.engine.outbox";
    /** Most accepted operations the workers' queue keeps; the outbox holds the others until a look finds them. */
    static final int MAX_ACCEPTED = 10_000;

    @ObjectClassDefinition(name = "Cardlink outbox",
            description = "How event-task operations are delivered to the remote instances")
    public @interface Config {
        @AttributeDefinition(description = "Seconds an orchestration request waits for the outcome when it does not"
                + " ask for another wait; after that it is answered 202 and the operation goes on in the background"
                + " (0-60; more is taken as 60)")
        int waitSeconds() default 30;

        @AttributeDefinition(description = "Orchestration requests that may wait for their outcome at once on this"
                + " node; further ones are answered 202 at once, so that a remote outage can't take every HTTP thread"
                + " (at least 1)")
        int maxWaitingCallers() default 50;

        @AttributeDefinition(description = "Operations written at once on this node (1-64)")
        int threads() default 4;

        @AttributeDefinition(description = "Attempts per operation before a retryable failure (remote down, busy)"
                + " makes it DEAD")
        int maxAttempts() default 10;

        @AttributeDefinition(description = "Seconds before the second attempt; each further wait doubles")
        int firstRetrySeconds() default 2;

        @AttributeDefinition(description = "Longest wait between two attempts, in seconds")
        int maxRetrySeconds() default 300;

        @AttributeDefinition(description = "Seconds a node's claim on a running operation holds; past it, another"
                + " node takes the operation as abandoned (at least 30). Before each call of a write the claim is"
                + " moved on to the connector's retry budget of one call and this much more, when it would end"
                + " sooner")
        int leaseSeconds() default 600;

        @AttributeDefinition(description = "Seconds between two looks at the outbox for operations that are due")
        int pollSeconds() default 5;
    }

    private final OutboxStore outbox;
    private final TaskStore tasks;
    private final SharedConnections connections;
    private final LocalSide local;
    private final EventMapping eventMapping;
    private final LoopGuard guard;
    private final OperationWriter writer;
    private final TypeCapabilities capabilities;
    private final OutcomeEntries timeline;
    private final OutboxSettings settings;
    private final Clock clock;
    private final String node;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final AtomicInteger busy = new AtomicInteger();
    /**
     * Operations accepted on this node that wait for a worker, in the order of their accepts. A worker that gets free
     * claims the next by its id: workers neither search the outbox for work nor reach for the same operation (which
     * they did when each took the longest due one, and the losers went idle).
     */
    private final Deque<String> accepted = new ConcurrentLinkedDeque<>();
    private final AtomicInteger acceptedCount = new AtomicInteger();
    /**
     * Accepted operations that could not be claimed while an earlier one of their card was still to be written, by
     * task and card: the earlier one's outcome puts them back at the head of the queue.
     */
    private final Map<String, Queue<String>> behindTheirCard = new ConcurrentHashMap<>();
    /**
     * Whether the outbox may hold due operations the queue does not (retries, a backlog left at the last stop, more
     * accepts than the queue keeps): set when a look at the outbox found every worker busy or as many due as workers
     * were free, cleared when a look found fewer. While it is set, a worker that gets free takes the longest due
     * operation first, and a new accept does not take a worker ahead of it.
     */
    private final AtomicBoolean backlog = new AtomicBoolean();
    private final AtomicLong storeFailures = new AtomicLong();
    private final Map<String, CompletableFuture<Operation>> waiting = new ConcurrentHashMap<>();

    @Activate
    public OutboxDispatcher(@Reference OutboxStore outbox, @Reference TaskStore tasks,
            @Reference ConnectionProvider connections, @Reference LocalInstance local,
            @Reference MappingEngine mappings, @Reference LoopGuard guard,
            @Reference CardTimelineStore timeline, @Reference ConnectorStore connectors,
            @Reference ConnectorTypeRegistry types, Config config) {
        this(outbox, tasks, connections, local, mappings, guard, new CardEvents(timeline, Clock.systemUTC()),
                new TypeCapabilities(connectors, types), OutboxSettings.of(config), Clock.systemUTC(),
                nodeId(nodeIdFile()));
        start();
    }

    OutboxDispatcher(OutboxStore outbox, TaskStore tasks, ConnectionProvider connections, LocalSide local,
            MappingEngine mappings,
            LoopGuard guard, CardEvents timeline, TypeCapabilities capabilities, OutboxSettings settings, Clock clock,
            String node) {
        this.outbox = outbox;
        this.tasks = tasks;
        this.capabilities = capabilities;
        this.connections = new SharedConnections(connections, clock);
        this.local = local;
        this.eventMapping = new EventMapping(mappings, tasks, clock);
        this.guard = guard;
        this.writer = new OperationWriter(eventMapping, guard);
        this.timeline = new OutcomeEntries(timeline, "cardlink-outbox-timeline");
        this.settings = settings;
        this.clock = clock;
        this.node = node;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("cardlink-outbox"));
        this.workers = Executors.newFixedThreadPool(settings.threads(), daemon("cardlink-outbox-writer"));
    }

    /** Takes back what this node left running, then looks at the outbox now and every poll interval. */
    void start() {
        scheduler.execute(this::releaseOwn);
        long poll = settings.poll().toMillis();
        scheduler.scheduleWithFixedDelay(this::claimDue, 0, poll, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
        workers.shutdownNow();
        timeline.close();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waiting.values().forEach(future -> future.cancel(false));
        connections.closeAll();
        // No database work here: while a feature is uninstalled the database may already be shut down, and a new
        // connection would boot it again in the old driver and keep it locked against the new one. What a worker
        // was writing goes back to pending when this node starts again, or to another node when its lease is over.
    }

    OutboxSettings settings() {
        return settings;
    }

    /** The connections the workers share, for the checks of a request before it is stored. */
    SharedConnections connections() {
        return connections;
    }

    /** The engine's local instance, which event tasks read their cards from. */
    LocalSide local() {
        return local;
    }

    EventMapping eventMapping() {
        return eventMapping;
    }

    String node() {
        return node;
    }

    /** Asks for a look at the outbox now: a worker got free. */
    void wake() {
        try {
            scheduler.execute(this::claimDue);
        } catch (RejectedExecutionException e) {
            LOG.debug("Outbox dispatcher stopped; the operation is taken up at the next start");
        }
    }

    /**
     * Queues a new operation for the workers and starts one if one is free; when none is, the next worker that gets
     * free takes it, after those queued before it.
     */
    void dispatch(String operationId) {
        if (acceptedCount.incrementAndGet() > MAX_ACCEPTED) {
            // the outbox holds it: a look at the outbox finds it
            acceptedCount.decrementAndGet();
            backlog.set(true);
            wake();
            return;
        }
        accepted.add(operationId);
        startIfFree();
    }

    private void startIfFree() {
        if (take()) {
            run(null, null, null);
        }
    }

    /**
     * The operation once it has an outcome, or as it stands after {@code wait}. Outcomes of this node's workers arrive
     * at once; the store is looked at every second as well, for operations another node delivers.
     */
    Operation await(String operationId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        CompletableFuture<Operation> outcome = waiting.computeIfAbsent(operationId, id -> new CompletableFuture<>());
        try {
            while (true) {
                Operation current = outbox.find(operationId)
                        .orElseThrow(() -> new NotFoundException("no operation with id '" + operationId + "'"));
                long left = deadline - System.nanoTime();
                if (!current.status().inProgress() || left <= 0) {
                    return current;
                }
                try {
                    return outcome.get(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // look at the store again
                } catch (ExecutionException | CancellationException e) {
                    return outbox.find(operationId).orElseThrow();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return current;
                }
            }
        } finally {
            waiting.remove(operationId, outcome);
        }
    }

    private void releaseOwn() {
        try {
            int released = outbox.release(node);
            if (released > 0) {
                LOG.warn("{} outbox operation(s) were being written when this node stopped; they are tried again",
                        released);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not take back the outbox operations this node left running: {}", e.getMessage());
        }
    }

    /** Claims as many due operations as there are free workers and hands them over. */
    void claimDue() {
        int free = settings.threads() - busy.get();
        if (free <= 0) {
            // a worker that gets free looks instead
            backlog.set(true);
            return;
        }
        Instant now = clock.instant();
        List<Entry> claimed;
        try {
            claimed = outbox.claimDue(node, now, now.plus(settings.lease()), free);
            storeFailures.set(0);
            // every free worker got one: more may be due
            backlog.set(claimed.size() >= free);
        } catch (RuntimeException e) {
            // logged once per outage, not at every poll
            if (storeFailures.getAndIncrement() == 0) {
                LOG.warn("The outbox can't be read; operations wait until it can: {}", e.getMessage());
            }
            return;
        }
        claimed.forEach(entry -> hand(entry, now.plus(settings.lease())));
    }

    /**
     * A worker kept free for an operation about to be accepted, as a claim the accept can take in its own transaction;
     * null when every worker is busy or operations wait for one (they go first). The caller hands the claimed
     * operation over with {@link #handReserved} or gives the worker back with {@link #unreserve}.
     */
    OutboxStore.Claim reserve() {
        if (!accepted.isEmpty() || backlog.get() || !take()) {
            return null;
        }
        return new OutboxStore.Claim(node, clock.instant().plus(settings.lease()));
    }

    /** Counts a worker busy if one is free. */
    private boolean take() {
        int now;
        do {
            now = busy.get();
            if (now >= settings.threads()) {
                return false;
            }
        } while (!busy.compareAndSet(now, now + 1));
        return true;
    }

    /** Gives back a worker {@link #reserve} kept that got no operation; a look at the outbox may use it. */
    void unreserve() {
        busy.decrementAndGet();
        wake();
    }

    /**
     * Writes an operation its accept claimed with {@code claim}, on the worker {@link #reserve} kept for it; the
     * request has just read the operation's task, so the worker does not read it again.
     */
    void handReserved(Entry entry, EventTask task, OutboxStore.Claim claim) {
        run(entry, task, claim.leaseUntil());
    }

    private void hand(Entry entry, Instant leaseUntil) {
        busy.incrementAndGet();
        run(entry, null, leaseUntil);
    }

    private void run(Entry entry, EventTask task, Instant leaseUntil) {
        try {
            workers.execute(() -> work(entry, task, leaseUntil));
        } catch (RejectedExecutionException e) {
            // stopping: the claim goes back to pending at the next start, or its lease runs out
            busy.decrementAndGet();
        }
    }

    /**
     * Writes an operation ({@code first}, or the next that waits when it is null), then, while operations wait for a
     * worker, the next of them on the same worker: a worker that gets free goes to them before a new accept can
     * reserve it.
     */
    private void work(Entry first, EventTask task, Instant leaseUntil) {
        try {
            Claimed next = first == null ? next() : new Claimed(first, task, leaseUntil);
            while (next != null) {
                deliver(next.entry(), next.task(), next.leaseUntil());
                next = Thread.currentThread().isInterrupted() ? null : next();
            }
        } finally {
            busy.decrementAndGet();
            wake();
        }
    }

    /** An operation claimed for a worker, with its task when the request read it. */
    private record Claimed(Entry entry, EventTask task, Instant leaseUntil) {
    }

    /**
     * The next operation for a free worker, claimed: the longest due in the outbox while it may hold some the queue
     * does not, else the next accepted one; null when none waits.
     */
    private Claimed next() {
        try {
            if (backlog.get()) {
                Instant now = clock.instant();
                Instant leaseUntil = now.plus(settings.lease());
                List<Entry> claimed = outbox.claimDue(node, now, leaseUntil, 1);
                if (!claimed.isEmpty()) {
                    return new Claimed(claimed.get(0), null, leaseUntil);
                }
                backlog.set(false);
            }
            String id;
            while ((id = accepted.poll()) != null) {
                acceptedCount.decrementAndGet();
                Instant now = clock.instant();
                Instant leaseUntil = now.plus(settings.lease());
                Optional<Entry> entry = outbox.claim(id, node, now, leaseUntil);
                if (entry.isPresent()) {
                    return new Claimed(entry.get(), null, leaseUntil);
                }
                waitBehindItsCard(id);
            }
            return null;
        } catch (RuntimeException e) {
            // the scheduler's next look takes what waits
            LOG.debug("Could not claim the next operation: {}", e.getMessage());
            backlog.set(true);
            return null;
        }
    }

    /**
     * An accepted operation that could not be claimed was taken by a look at the outbox, or waits behind an earlier
     * operation of its card: then that one's outcome puts it back in the queue.
     */
    private void waitBehindItsCard(String id) {
        if (behindTheirCard.size() >= MAX_ACCEPTED) {
            // operations of cards another node writes end there: the outbox holds these, and a look finds them
            behindTheirCard.clear();
        }
        outbox.find(id).filter(operation -> operation.status() == OperationStatus.PENDING
                && operation.cardKey() != null).ifPresent(operation -> {
                    behindTheirCard.computeIfAbsent(cardOf(operation), card -> new ConcurrentLinkedQueue<>()).add(id);
                    // the earlier one may have ended between the claim and now: a look at the outbox finds it then
                    backlog.set(true);
                });
    }

    private static String cardOf(Operation operation) {
        return operation.taskId() + '\n' + operation.cardKey();
    }

    /**
     * Writes one claimed operation, whose claim ends at {@code leaseUntil} unless the write moves it on, and records
     * its outcome; its log lines carry the operation's ids. {@code known} is the operation's task when the caller
     * has it, null to read it.
     */
    private void deliver(Entry entry, EventTask known, Instant leaseUntil) {
        Operation operation = entry.operation();
        try (LogContext context = LogContext.operation(operation.connectorId(), operation.taskId(), operation.id())) {
            write(entry, known, leaseUntil);
        }
    }

    private void write(Entry entry, EventTask known, Instant leaseUntil) {
        Operation operation = entry.operation();
        OperationWriter.Result result;
        String retryable = null;
        try {
            Optional<EventTask> task = known != null ? Optional.of(known) : tasks.findEvent(operation.taskId());
            if (task.isEmpty()) {
                result = OperationWriter.Result.failed("event task '" + operation.taskId() + "' no longer exists");
            } else if (tooOften(operation)) {
                hold(operation);
                return;
            } else {
                EventTask found = task.get();
                Optional<String> refused = capabilities.refusal(found.connectorId(), operation.operation());
                // accepted before its type lost the capability (or replayed since): nothing to try again
                result = refused.isPresent() ? OperationWriter.Result.failed(refused.get())
                        : connections.with(found.connectorId(), connection -> {
                            LeasedConnection leased = new LeasedConnection(connection, local, outbox, operation.id(),
                                    node, leaseUntil, settings.lease(), clock);
                            return writer.write(found, operation.operation(), entry.card(), leased, leased.local(),
                                    capabilities.of(found.connectorId()).orElse(Set.of()));
                        });
            }
        } catch (CardlinkException e) {
            if (e.retryable()) {
                result = null;
                retryable = message(e);
            } else {
                result = OperationWriter.Result.failed(message(e));
            }
        } catch (RuntimeException e) {
            // not a failure the gateway classified: try again, the attempts bound it
            result = null;
            retryable = message(e);
            LOG.warn("Operation {} failed unexpectedly", operation.id(), e);
        }
        record(operation, result, retryable);
    }

    /** Whether the card was written as often as the loop guard allows within its window. */
    private boolean tooOften(Operation operation) {
        LoopGuard.Settings limits = guard.settings();
        return operation.cardKey() != null && outbox.countWrites(operation.taskId(), operation.cardKey(),
                clock.instant().minus(limits.writeWindow())) >= limits.maxWritesPerCard();
    }

    private void hold(Operation operation) {
        LoopGuard.Settings limits = guard.settings();
        String reason = "held by the loop guard: card '" + operation.cardKey() + "' was written "
                + limits.maxWritesPerCard() + " times within " + limits.writeWindow().toMinutes() + " minutes, as two"
                + " instances that send it back and forth do; its operations wait until an operator releases it"
                + " (cardlink:card-release or POST .../held-cards/{key}/release)";
        Optional<Operation> held = outbox.hold(operation.id(), node, reason, clock.instant());
        if (held.isEmpty()) {
            LOG.warn("Operation {} was taken over by another node before it could be held", operation.id());
            return;
        }
        LOG.warn("Loop guard: card '{}' of event task {} is held after {} writes within {} minutes; operation {} and"
                + " the card's later ones wait for an operator", operation.cardKey(), operation.taskId(),
                limits.maxWritesPerCard(), limits.writeWindow().toMinutes(), operation.id());
        complete(held.get());
    }

    private void record(Operation operation, OperationWriter.Result result, String retryable) {
        Instant now = clock.instant();
        try {
            Optional<Operation> recorded;
            if (result != null && result.outcome() == OperationWriter.Outcome.SUPPRESSED) {
                recorded = outbox.suppress(operation.id(), node, result.text(), now);
            } else if (result != null) {
                recorded = outbox.finish(operation.id(), node,
                        result.outcome() == OperationWriter.Outcome.SUCCEEDED ? OperationStatus.SUCCEEDED
                                : OperationStatus.FAILED, result.remoteId(), result.text(), now);
            } else if (operation.attempts() >= settings.maxAttempts()) {
                recorded = outbox.finish(operation.id(), node, OperationStatus.DEAD, null,
                        "gave up after " + operation.attempts() + " attempts: " + retryable, now);
            } else {
                Duration wait = settings.backoff(operation.attempts());
                recorded = outbox.retryLater(operation.id(), node, now.plus(wait), retryable);
                scheduleWake(wait);
            }
            if (recorded.isEmpty()) {
                LOG.warn("Operation {} was taken over by another node before its outcome was recorded", operation.id());
                return;
            }
            Operation done = recorded.get();
            if (done.status() == OperationStatus.SUCCEEDED) {
                LOG.info("Operation {} ({} for task {}) written: remote card {}", done.id(), done.operation(),
                        done.taskId(), done.remoteId());
            } else if (done.status() == OperationStatus.FAILED) {
                LOG.info("Operation {} ({} for task {}) failed: {}", done.id(), done.operation(), done.taskId(),
                        done.provisioningException());
            } else if (done.status() == OperationStatus.DEAD) {
                LOG.warn("Operation {} ({} for task {}) is dead, the card's later operations wait until it is replayed"
                        + " or discarded: {}", done.id(), done.operation(), done.taskId(), done.provisioningException());
            } else if (done.status() == OperationStatus.SUPPRESSED) {
                LOG.info("Operation {} ({} for task {}) was not written: {}", done.id(), done.operation(),
                        done.taskId(), done.reason());
            }
            if (!done.status().inProgress()) {
                complete(done);
            }
        } catch (RuntimeException e) {
            // the claim's lease runs out and the operation is written again: each operation is safe to repeat
            LOG.warn("The outcome of operation {} could not be recorded; it is tried again when its claim ends: {}",
                    operation.id(), e.getMessage());
        }
    }

    /**
     * Hands the outcome to the request waiting for it, if any, then queues it for the card's timeline: the outcome is
     * durable already, and the request need not wait for the timeline's transaction.
     */
    private void complete(Operation done) {
        CompletableFuture<Operation> waiter = waiting.get(done.id());
        if (waiter != null) {
            waiter.complete(done);
        }
        Queue<String> behind = done.cardKey() == null ? null : behindTheirCard.remove(cardOf(done));
        if (behind != null) {
            // accepted before the operations queued meanwhile: they go first, in their order
            List<String> ids = List.copyOf(behind);
            for (int i = ids.size() - 1; i >= 0; i--) {
                accepted.addFirst(ids.get(i));
                acceptedCount.incrementAndGet();
            }
            startIfFree();
        }
        timeline.add(done);
    }

    private void scheduleWake(Duration wait) {
        try {
            scheduler.schedule(this::claimDue, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Outbox dispatcher stopped; the retry is taken up at the next start");
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    static Path nodeIdFile() {
        return Paths.get(System.getProperty("karaf.data", "data"), "cardlink", "node-id");
    }

    /** This node's id: made once and kept, so that a restarted node knows its own claims. */
    static String nodeId(Path file) {
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            String id = UUID.randomUUID().toString();
            Files.createDirectories(file.getParent());
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            // without the file, a crash leaves this node's running operations to the lease
            LOG.warn("Could not keep the node id in {}: {}", file, e.getMessage());
            return UUID.randomUUID().toString();
        }
    }
}
