package io.cardlink.engine.internal;

import io.cardlink.api.task.TaskMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Scheduling advice given on save, as warnings that never stop the save: a schedule tighter than the vendor's sizing
 * table allows for the number of cards the task reads, and more tasks starting in one minute than the scheduler runs
 * at once. The table counts users and groups; a task reads one template, so its cards are counted against the
 * users column, the larger and therefore the more lenient one.
 */
final class ScheduleAdvice {

    /** One row of the sizing table: below {@code cards}, a full task runs at most every {@code full}. */
    record Row(long cards, Duration full, Duration incremental) {
    }

    /** The vendor's "Recommended scheduling sequence"; beyond the last row a second worker may be needed. */
    static final List<Row> SIZING = List.of(
            new Row(500, Duration.ofMinutes(30), Duration.ofMinutes(10)),
            new Row(2_000, Duration.ofMinutes(60), Duration.ofMinutes(15)),
            new Row(5_000, Duration.ofHours(4), Duration.ofMinutes(15)),
            new Row(10_000, Duration.ofHours(12), Duration.ofMinutes(30)),
            new Row(50_000, Duration.ofHours(24), Duration.ofMinutes(60)));

    /** How far ahead the start times of the tasks are compared. */
    static final Duration HORIZON = Duration.ofHours(24);

    private ScheduleAdvice() {
    }

    /**
     * The sizing warning of a task, if its schedule is tighter than the table allows.
     *
     * @param cardsRead cards its last finished run read; null when it has not run yet (unknown: no warning)
     * @param every     the shortest time between two of its runs
     */
    static Optional<String> sizing(String task, TaskMode mode, Long cardsRead, Duration every) {
        if (every == null || cardsRead == null) {
            // how many cards it reads is unknown yet: no warning until a run has counted them
            return Optional.empty();
        }
        boolean incremental = mode == TaskMode.INCREMENTAL;
        Row row = SIZING.stream().filter(r -> cardsRead < r.cards()).findFirst().orElse(null);
        Duration needed = allowed(row == null ? SIZING.get(SIZING.size() - 1) : row, incremental);
        if (every.compareTo(needed) >= 0) {
            return Optional.empty();
        }
        String band = row == null ? SIZING.get(SIZING.size() - 1).cards() + " cards or more"
                : "fewer than " + row.cards() + " cards";
        return Optional.of("task '" + task + "' runs every " + describe(every) + " but its last run read " + cardsRead
                + " cards: the vendor's sizing table advises " + kind(incremental) + " task with " + band
                + " to run at most every " + describe(needed) + "; schedule it less often"
                + (incremental ? "" : ", or add an incremental task for the changes in between")
                + (row == null ? " (at this size the vendor also advises another worker)" : ""));
    }

    /**
     * The concurrency warning of a task: the first minute in which it starts together with more other tasks than the
     * scheduler runs at once.
     *
     * @param starts      when the task starts within the horizon
     * @param otherStarts when each other enabled task starts within the horizon, by task name
     */
    static Optional<String> concurrency(String task, List<Instant> starts, Map<String, List<Instant>> otherStarts,
            int maxConcurrentRuns) {
        Map<Instant, List<String>> byMinute = new TreeMap<>();
        otherStarts.forEach((name, times) -> times.stream().map(t -> t.truncatedTo(ChronoUnit.MINUTES)).distinct()
                .forEach(minute -> byMinute.computeIfAbsent(minute, m -> new ArrayList<>()).add(name)));
        return starts.stream().map(t -> t.truncatedTo(ChronoUnit.MINUTES)).distinct().sorted()
                .filter(minute -> byMinute.getOrDefault(minute, List.of()).size() + 1 > maxConcurrentRuns)
                .findFirst()
                .map(minute -> {
                    List<String> others = byMinute.get(minute).stream().sorted().toList();
                    return "task '" + task + "' starts at " + minute + " together with " + others.size()
                            + " other task(s) (" + String.join(", ", others) + "): " + (others.size() + 1)
                            + " tasks in one minute, more than the " + maxConcurrentRuns + " the scheduler runs at"
                            + " once, so some wait; shift its schedule by a few minutes or raise the scheduler's"
                            + " maxConcurrentRuns";
                });
    }

    /** The shortest time between two consecutive start times; null for fewer than two. */
    static Duration shortestGap(List<Instant> starts) {
        Duration shortest = null;
        for (int i = 1; i < starts.size(); i++) {
            Duration gap = Duration.between(starts.get(i - 1), starts.get(i));
            if (shortest == null || gap.compareTo(shortest) < 0) {
                shortest = gap;
            }
        }
        return shortest;
    }

    private static Duration allowed(Row row, boolean incremental) {
        return incremental ? row.incremental() : row.full();
    }

    private static String kind(boolean incremental) {
        return incremental ? "an incremental" : "a full";
    }

    static String describe(Duration d) {
        long seconds = d.getSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
