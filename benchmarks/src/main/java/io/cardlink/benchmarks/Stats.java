package io.cardlink.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one figure: the median and the spread (min to max). */
record Stats(List<Double> samples) {

    Stats {
        samples = List.copyOf(samples);
    }

    static Stats of(List<Double> values) {
        return new Stats(values);
    }

    boolean isEmpty() {
        return samples.isEmpty();
    }

    double median() {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return Collections.min(samples);
    }

    double max() {
        return Collections.max(samples);
    }

    /** {@code median [min-max] (n)} with the given number format. */
    String format(String pattern) {
        if (samples.isEmpty()) {
            return "-";
        }
        if (samples.size() == 1) {
            return String.format(Locale.ROOT, pattern, median()) + " (1 run)";
        }
        return String.format(Locale.ROOT, pattern + " [" + pattern + " - " + pattern + "] (%d runs)", median(), min(),
                max(), samples.size());
    }
}
