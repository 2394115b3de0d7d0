package io.cardlink.api.task;

/**
 * What a full task does with local cards whose source card is gone: set {@code statusAttribute} to
 * {@code removedValue}. If more than {@code thresholdPercent} of the task's cards would be marked, nothing is. A
 * card marked removed whose source card comes back keeps its removed status (its other attributes are updated), as
 * the vendor's engine does not enable users back on its own; with {@code reactivateReturning} it gets its mapped
 * status again.
 */
public record RemovalPolicy(String statusAttribute, String removedValue, int thresholdPercent,
        boolean reactivateReturning) {
    public static final int DEFAULT_THRESHOLD_PERCENT = 30;
}
