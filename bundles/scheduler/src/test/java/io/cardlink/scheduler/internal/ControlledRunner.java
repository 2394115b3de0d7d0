package io.cardlink.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.cardlink.api.scheduler.RunRequest;
import io.cardlink.api.scheduler.StopSignal;
import io.cardlink.api.scheduler.TaskRunner;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runner whose runs go on, "page" by page, until the test releases them or the stop signal is raised; it records
 * what started, what overlapped and which runs saw the signal.
 */
final class ControlledRunner implements TaskRunner {
    private final BlockingQueue<RunRequest> started = new LinkedBlockingQueue<>();
    private final BlockingQueue<RunRequest> finished = new LinkedBlockingQueue<>();
    private final Map<String, Semaphore> gates = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perTask = new ConcurrentHashMap<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final AtomicBoolean taskOverlap = new AtomicBoolean();
    final Set<String> sawStop = ConcurrentHashMap.newKeySet();
    final List<String> events;

    ControlledRunner() {
        this(new CopyOnWriteArrayList<>());
    }

    ControlledRunner(List<String> events) {
        this.events = events;
    }

    @Override
    public void run(RunRequest request, StopSignal stop) {
        events.add("run:" + request.id());
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        if (perTask.computeIfAbsent(request.taskId(), t -> new AtomicInteger()).incrementAndGet() > 1) {
            taskOverlap.set(true);
        }
        started.add(request);
        try {
            while (!gate(request.taskId()).tryAcquire(5, TimeUnit.MILLISECONDS)) {
                if (stop.stopRequested()) {
                    sawStop.add(request.id());
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            perTask.get(request.taskId()).decrementAndGet();
            concurrent.decrementAndGet();
            finished.add(request);
        }
    }

    private Semaphore gate(String taskId) {
        return gates.computeIfAbsent(taskId, t -> new Semaphore(0));
    }

    /** Lets one run of the task end. */
    void release(String taskId) {
        gate(taskId).release();
    }

    RunRequest nextStarted() throws InterruptedException {
        RunRequest request = started.poll(10, TimeUnit.SECONDS);
        assertNotNull(request, "a run should have started");
        return request;
    }

    RunRequest nextFinished() throws InterruptedException {
        RunRequest request = finished.poll(10, TimeUnit.SECONDS);
        assertNotNull(request, "a run should have finished");
        return request;
    }

    /** Requests started so far and not yet taken by {@link #nextStarted}. */
    List<RunRequest> startedNotTaken() {
        return List.copyOf(started);
    }

    int maxConcurrent() {
        return maxConcurrent.get();
    }

    boolean anyTaskOverlapped() {
        return taskOverlap.get();
    }
}
