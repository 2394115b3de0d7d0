package io.cardlink.api.connector;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How many times calls to one instance were tried again, by cause ({@code HTTP 503}, {@code timeout},
 * {@code stream broken}, ...): what an operator reads to see a sick instance before it fails a run.
 */
public record RetryCounts(Map<String, Long> byCause) {
    public static final RetryCounts NONE = new RetryCounts(Map.of());

    public RetryCounts {
        byCause = byCause == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(byCause));
    }

    /**
     * The retries counted since {@code earlier} was read from the same gateway: what one run or request added to a
     * gateway that others use too (then it includes theirs made meanwhile).
     */
    public RetryCounts since(RetryCounts earlier) {
        Map<String, Long> added = new TreeMap<>();
        byCause.forEach((cause, count) -> {
            long more = count - earlier.byCause.getOrDefault(cause, 0L);
            if (more > 0) {
                added.put(cause, more);
            }
        });
        return new RetryCounts(added);
    }

    public long total() {
        return byCause.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code 0}, or the total with the causes, such as {@code 9 (HTTP 503: 6, stream broken: 3)}. */
    @Override
    public String toString() {
        if (byCause.isEmpty()) {
            return "0";
        }
        return total() + byCause.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
