package io.cardlink.api.run;

/** What a run did to the cards it read. */
public record RunCounts(long read, long created, long updated, long unchanged, long removed, long failed) {
    public static final RunCounts ZERO = new RunCounts(0, 0, 0, 0, 0, 0);
}
