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
