package io.cardlink.api.mapping;

import io.cardlink.api.card.DataCard;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of mapping one card. {@code card} is the mapped card, or null when the card could not be mapped
 * (its unique key failed); {@code problems} lists every attribute that was left out and why. A card can map with
 * problems: an attribute that failed is left out of the mapped card, so an update leaves it untouched.
 */
public record MappingResult(DataCard card, List<MappingProblem> problems) {
    public MappingResult {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** A card that mapped, possibly with attributes left out. */
    public static MappingResult of(DataCard card, List<MappingProblem> problems) {
        return new MappingResult(Objects.requireNonNull(card, "card"), problems);
    }

    /** A card that could not be mapped; at least one problem says why. */
    public static MappingResult failed(List<MappingProblem> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("a failed mapping names at least one problem");
        }
        return new MappingResult(null, problems);
    }

    /** True when a card was produced, even if some attributes were left out. */
    public boolean succeeded() {
        return card != null;
    }

    /** The mapped card, empty when the card failed. */
    public Optional<DataCard> mapped() {
        return Optional.ofNullable(card);
    }
}
