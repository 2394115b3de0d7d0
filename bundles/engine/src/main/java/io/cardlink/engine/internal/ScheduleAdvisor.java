package io.cardlink.engine.internal;

import io.cardlink.api.run.RunStatus;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.store.RunStore;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.ScheduledTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Gathers what the scheduling advice ({@link ScheduleAdvice}) of a saved task needs: its start times and shortest
 * gap from the scheduler, the cards its last finished run read, and the start times of every other enabled task.
 */
final class ScheduleAdvisor {
    /** How many of a task's latest runs are searched for one that finished reading. */
    private static final int LAST_RUNS_LOOKED_AT = 10;

    private final Supplier<TaskScheduler> scheduler;
    private final TaskStore tasks;
    private final RunStore runs;
    private final Clock clock;

    ScheduleAdvisor(Supplier<TaskScheduler> scheduler, TaskStore tasks, RunStore runs, Clock clock) {
        this.scheduler = scheduler;
        this.tasks = tasks;
        this.runs = runs;
        this.clock = clock;
    }

    /** Adds the advice of a saved task to {@code warnings}; none for a disabled task or without the scheduler. */
    void advise(ScheduledTask task, List<String> warnings) {
        TaskScheduler current = scheduler.get();
        if (current == null || !task.enabled() || task.schedule() == null) {
            return;
        }
        List<Instant> upcoming = current.nextRuns(task.schedule(), TaskScheduler.MAX_PREVIEW);
        Duration every = task.schedule().intervalSeconds() != null
                ? Duration.ofSeconds(task.schedule().intervalSeconds()) : ScheduleAdvice.shortestGap(upcoming);
        Long cardsRead = task.id() == null ? null : runs.listForTask(task.id(), LAST_RUNS_LOOKED_AT).stream()
                .filter(run -> run.status() == RunStatus.SUCCESS || run.status() == RunStatus.COMPLETED_WITH_ERRORS)
                .map(run -> run.counts().read()).findFirst().orElse(null);
        ScheduleAdvice.sizing(task.name(), task.mode(), cardsRead, every).ifPresent(warnings::add);

        Instant horizon = clock.instant().plus(ScheduleAdvice.HORIZON);
        Map<String, List<Instant>> others = new HashMap<>();
        for (ScheduledTask other : tasks.listAllScheduled()) {
            if (other.enabled() && !other.id().equals(task.id()) && other.schedule() != null) {
                List<Instant> starts = starts(current, other, horizon);
                if (!starts.isEmpty()) {
                    others.merge(other.name(), starts, (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
                }
            }
        }
        ScheduleAdvice.concurrency(task.name(), upcoming.stream().filter(t -> t.isBefore(horizon)).toList(), others,
                current.snapshot().maxConcurrentRuns()).ifPresent(warnings::add);
    }

    /**
     * When a saved task starts before the horizon: a cron schedule's own fire times; an interval steps from the
     * task's next fire time, as its trigger does.
     */
    private static List<Instant> starts(TaskScheduler scheduler, ScheduledTask task, Instant horizon) {
        Long interval = task.schedule().intervalSeconds();
        if (interval == null) {
            return scheduler.nextRuns(task.schedule(), TaskScheduler.MAX_PREVIEW).stream()
                    .filter(t -> t.isBefore(horizon)).toList();
        }
        List<Instant> starts = new ArrayList<>();
        Optional<Instant> next = scheduler.nextFireTime(task.id());
        for (Instant t = next.orElse(null); t != null && t.isBefore(horizon)
                && starts.size() < TaskScheduler.MAX_PREVIEW; t = t.plusSeconds(interval)) {
            starts.add(t);
        }
        return starts;
    }
}
