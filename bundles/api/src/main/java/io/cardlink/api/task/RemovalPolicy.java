package io.cardlink.api.task;

/**
 * What a full task does with local cards whose source card is gone: set {@code statusAttribute} to
 * {@code removedValue}. If more than {@code thresholdPercent} of the task's cards would be marked, nothing is.
 */
public record RemovalPolicy(String statusAttribute, String removedValue, int thresholdPercent) {
    public static final int DEFAULT_THRESHOLD_PERCENT = 30;
}
