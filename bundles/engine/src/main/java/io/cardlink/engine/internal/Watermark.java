package io.cardlink.engine.internal;

import java.util.Comparator;

/**
 * The next watermark of an incremental task, from the change marks of the cards a run read (marks the connector's
 * far side makes and orders; the engine never looks inside one). It is the latest mark seen, but never later than
 * the far side's ceiling for the run (for marks that are times, the run's start less the allowed clock skew: a card
 * changed while the run read others may carry an older mark than some card read after it), and never later than the
 * mark of the oldest card that failed (so that the next run tries it again). The lower bound is inclusive; cards
 * read again are dropped by their fingerprints.
 */
final class Watermark {

    private final String previous;
    private final String ceiling;
    private final Comparator<String> order;
    private String newest;
    private String oldestFailed;

    /**
     * @param previous the watermark the run read from; null when it read everything
     * @param ceiling  the latest mark the run may keep; null when marks need no such limit
     * @param order    how the far side orders its marks
     */
    Watermark(String previous, String ceiling, Comparator<String> order) {
        this.previous = previous;
        this.ceiling = ceiling;
        this.order = order;
    }

    /** The watermark of a run whose far side makes no marks: it stays where it was. */
    static Watermark unmarked(String previous) {
        return new Watermark(previous, null, Comparator.naturalOrder());
    }

    void seen(String mark) {
        if (mark != null && (newest == null || order.compare(mark, newest) > 0)) {
            newest = mark;
        }
    }

    void failed(String mark) {
        if (mark != null && (oldestFailed == null || order.compare(mark, oldestFailed) < 0)) {
            oldestFailed = mark;
        }
    }

    /** The watermark to keep after the load committed; the previous one when the run read nothing newer. */
    String next() {
        if (newest == null) {
            return previous;
        }
        String next = ceiling != null && order.compare(newest, ceiling) > 0 ? ceiling : newest;
        if (oldestFailed != null && order.compare(oldestFailed, next) < 0) {
            next = oldestFailed;
        }
        // A run reads from the previous watermark on, so nothing it saw lies before it.
        return previous != null && order.compare(previous, next) > 0 ? previous : next;
    }
}
