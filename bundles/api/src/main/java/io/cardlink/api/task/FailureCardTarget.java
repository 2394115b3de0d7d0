package io.cardlink.api.task;

/** Where a failed run writes a failure card in the local instance, and the attribute that gets the error text. */
public record FailureCardTarget(String template, String folder, String attribute) {
}
