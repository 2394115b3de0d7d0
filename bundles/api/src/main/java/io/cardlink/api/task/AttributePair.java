package io.cardlink.api.task;

/** Copies the source attribute's values into the target attribute, converting types where they differ. */
public record AttributePair(String source, String target) {
}
