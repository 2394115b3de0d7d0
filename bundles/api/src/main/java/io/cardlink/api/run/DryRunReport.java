package io.cardlink.api.run;

import java.util.List;

/**
 * What a dry run found: what a real run would do to each card. {@code counts} are the counts a real run would have;
 * the lists hold at most {@link #SHOWN} cards per kind (the file of the dry run holds them all), in the order the
 * run met them. {@code thresholdStop} says why a real run would stop at the removal threshold, with the numbers (null
 * when it would not): a dry run goes on and lists the cards a real run would mark.
 */
public record DryRunReport(String runId, String taskId, RunCounts counts, String thresholdStop,
        List<CardChange> creates, List<CardChange> updates, List<CardChange> removes, long problemCount,
        List<CardProblem> problems) {

    /** The most cards per kind a report shows. */
    public static final int SHOWN = 200;

    public DryRunReport {
        creates = List.copyOf(creates);
        updates = List.copyOf(updates);
        removes = List.copyOf(removes);
        problems = List.copyOf(problems);
    }

    /** What a real run would do to one card. */
    public enum Action {
        CREATE, UPDATE, REMOVE
    }

    /**
     * One card a real run would write: its unique key and, for an update, the attributes that would change (an
     * update can have none: the remote card changed in what the mapping leaves out, or the local card was edited).
     */
    public record CardChange(String key, Action action, List<AttributeChange> attributes) {
        public CardChange {
            attributes = attributes == null ? List.of() : List.copyOf(attributes);
        }
    }

    /** An attribute of the local card as it is ({@code oldValue}) and as a real run would write it. */
    public record AttributeChange(String attribute, String oldValue, String newValue) {
    }

    /** A remote card that could not be mapped, or was mapped with attributes left out, and why. */
    public record CardProblem(String key, String reason) {
    }
}
