package io.cardlink.scheduler.internal;

import io.cardlink.api.UnavailableException;
import io.cardlink.api.scheduler.ActiveRun;
import io.cardlink.api.scheduler.RunAdmission;
import io.cardlink.api.scheduler.RunAdmission.Outcome;
import io.cardlink.api.scheduler.RunQueueListener;
import io.cardlink.api.scheduler.RunRequest;
import io.cardlink.api.scheduler.RunTrigger;
import io.cardlink.api.scheduler.SchedulerSnapshot;
import io.cardlink.api.scheduler.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded queue in front of the {@link TaskRunner}: at most {@code limit} runs at once, never two of one task,
 * at most one waiting request per task, and waiting requests start in arrival order (a request whose task is still
 * running is passed over until that run ends). Quartz only hands fires to it, so the waiting order and the waiting
 * state are ours and visible, whatever Quartz's thread count.
 */
final class RunDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RunDispatcher.class);

    private final Object lock = new Object();
    /** Keyed by task id; insertion order is arrival order. */
    private final LinkedHashMap<String, Pending> waiting = new LinkedHashMap<>();
    private final Map<String, Active> running = new HashMap<>();
    private final List<RunQueueListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(daemonThreads("cardlink-run-"));
    /** One thread, so that listeners hear about each request in the order things happened. */
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(daemonThreads("cardlink-run-events-"));
    private final Clock clock;
    private int limit;
    private TaskRunner runner;
    private boolean closed;

    RunDispatcher(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /**
     * A schedule fire: admitted unless the task is already running or waiting, in which case it is skipped. Completes
     * when the run it admitted ended or was cancelled, at once when it admitted none.
     */
    CompletableFuture<Void> fire(String taskId) {
        RunRequest request = newRequest(taskId, RunTrigger.SCHEDULED);
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.completedFuture(null);
            }
            if (running.containsKey(taskId) || waiting.containsKey(taskId)) {
                LOG.info("Task {}: schedule fire skipped, the task is already {}", taskId,
                        running.containsKey(taskId) ? "running" : "waiting");
                notifyListeners(request, RunQueueListener::skipped);
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            admitLocked(request, done);
            return done;
        }
    }

    /**
     * A request the cluster gave this node (a fire of a task's clustered job, which never runs on two nodes at
     * once): admitted unless the task is running or waiting here already, in which case it is skipped. Completes
     * when its run ended or was cancelled, at once when it was skipped.
     */
    CompletableFuture<Void> admit(RunRequest request) {
        synchronized (lock) {
            if (closed || running.containsKey(request.taskId()) || waiting.containsKey(request.taskId())) {
                LOG.info("Task {}: request {} skipped, the task is already running or waiting on this node",
                        request.taskId(), request.id());
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            admitLocked(request, done);
            return done;
        }
    }

    /**
     * A manual request, a dry run when {@code dryRun}: queued once behind a running run of the same task; a waiting
     * request is returned whichever kind it is.
     */
    RunAdmission runNow(String taskId, boolean dryRun) {
        synchronized (lock) {
            if (closed) {
                throw new UnavailableException("the scheduler is shutting down");
            }
            Pending queued = waiting.get(taskId);
            if (queued != null) {
                return new RunAdmission(queued.request, Outcome.ALREADY_WAITING);
            }
            return admitLocked(new RunRequest(UUID.randomUUID().toString(), taskId, RunTrigger.MANUAL,
                    clock.instant(), dryRun), new CompletableFuture<>());
        }
    }

    /** Starts or queues a request; {@code done} completes when its run ended or it was cancelled. */
    private RunAdmission admitLocked(RunRequest request, CompletableFuture<Void> done) {
        if (runner != null && !running.containsKey(request.taskId()) && running.size() < limit) {
            startLocked(request, CompletableFuture.completedFuture(null), done);
            return new RunAdmission(request, Outcome.STARTED);
        }
        waiting.put(request.taskId(), new Pending(request, notifyListeners(request, RunQueueListener::waiting),
                done));
        return new RunAdmission(request, Outcome.WAITING);
    }

    boolean stop(String taskId) {
        Pending dropped;
        Active active;
        synchronized (lock) {
            dropped = waiting.remove(taskId);
            active = running.get(taskId);
            if (active != null) {
                active.stop.set(true);
            }
            if (dropped != null) {
                notifyListeners(dropped.request, RunQueueListener::cancelled);
                dropped.done.complete(null);
            }
        }
        if (active != null) {
            LOG.info("Task {}: stop requested for run {}", taskId, active.request.id());
        }
        return dropped != null || active != null;
    }

    /** A request that waited elsewhere (a run now of the cluster) was dropped: listeners hear it cancelled. */
    void cancelled(RunRequest request) {
        notifyListeners(request, RunQueueListener::cancelled);
    }

    boolean isRunning(String taskId) {
        synchronized (lock) {
            return running.containsKey(taskId);
        }
    }

    void setLimit(int newLimit) {
        synchronized (lock) {
            limit = newLimit;
            dispatchLocked();
        }
    }

    /** The runner comes and goes with the engine; while there is none, requests wait. */
    void setRunner(TaskRunner newRunner) {
        synchronized (lock) {
            runner = newRunner;
            dispatchLocked();
        }
    }

    /** The runner left: its running runs are asked to stop, and later requests wait for the next runner. */
    void removeRunner(TaskRunner gone) {
        synchronized (lock) {
            if (runner == gone) {
                runner = null;
            }
            running.values().stream().filter(a -> a.runner == gone).forEach(a -> a.stop.set(true));
        }
    }

    void addListener(RunQueueListener listener) {
        listeners.add(listener);
    }

    void removeListener(RunQueueListener listener) {
        listeners.remove(listener);
    }

    SchedulerSnapshot snapshot() {
        synchronized (lock) {
            List<ActiveRun> active = running.values().stream()
                    .map(a -> new ActiveRun(a.request, a.startedAt, a.stop.get()))
                    .sorted(Comparator.comparing(ActiveRun::startedAt))
                    .toList();
            List<RunRequest> queued = waiting.values().stream().map(p -> p.request).toList();
            return new SchedulerSnapshot(limit, active, queued);
        }
    }

    /**
     * Asks every running run to stop, drops the waiting ones (listeners hear them cancelled) and waits up to
     * {@code grace} for the running runs to end; runs still going after that are left to finish on their own.
     */
    void close(Duration grace) {
        List<Pending> dropped;
        synchronized (lock) {
            closed = true;
            running.values().forEach(a -> a.stop.set(true));
            dropped = new ArrayList<>(waiting.values());
            waiting.clear();
            dropped.forEach(p -> {
                notifyListeners(p.request, RunQueueListener::cancelled);
                p.done.complete(null);
            });
        }
        workers.shutdown();
        notifier.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} run(s) did not stop within {} s; they end on their own", runningCount(),
                        grace.toSeconds());
            }
            notifier.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int runningCount() {
        synchronized (lock) {
            return running.size();
        }
    }

    private void dispatchLocked() {
        if (runner == null || closed) {
            return;
        }
        Iterator<Pending> it = waiting.values().iterator();
        while (running.size() < limit && it.hasNext()) {
            Pending next = it.next();
            if (!running.containsKey(next.request.taskId())) {
                it.remove();
                startLocked(next.request, next.announced, next.done);
            }
        }
    }

    private void startLocked(RunRequest request, CompletableFuture<Void> announced, CompletableFuture<Void> done) {
        Active active = new Active(request, clock.instant(), runner);
        running.put(request.taskId(), active);
        workers.execute(() -> {
            try {
                execute(active, announced);
            } finally {
                done.complete(null);
            }
        });
    }

    private void execute(Active active, CompletableFuture<Void> announced) {
        RunRequest request = active.request;
        try {
            announced.join();
            active.runner.run(request, active.stop::get);
        } catch (RuntimeException e) {
            LOG.error("Task {}: run {} failed in the runner", request.taskId(), request.id(), e);
        } finally {
            synchronized (lock) {
                running.remove(request.taskId(), active);
                dispatchLocked();
            }
        }
    }

    private CompletableFuture<Void> notifyListeners(RunRequest request, BiConsumer<RunQueueListener, RunRequest> event) {
        return CompletableFuture.runAsync(() -> {
            for (RunQueueListener listener : listeners) {
                try {
                    event.accept(listener, request);
                } catch (RuntimeException e) {
                    LOG.warn("Task {}: run queue listener failed on request {}", request.taskId(), request.id(), e);
                }
            }
        }, notifier).exceptionally(e -> null);
    }

    private RunRequest newRequest(String taskId, RunTrigger trigger) {
        return new RunRequest(UUID.randomUUID().toString(), taskId, trigger, clock.instant());
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Pending(RunRequest request, CompletableFuture<Void> announced, CompletableFuture<Void> done) {
    }

    private static final class Active {
        final RunRequest request;
        final Instant startedAt;
        final TaskRunner runner;
        final AtomicBoolean stop = new AtomicBoolean();

        Active(RunRequest request, Instant startedAt, TaskRunner runner) {
            this.request = request;
            this.startedAt = startedAt;
            this.runner = runner;
        }
    }
}
