package io.cardlink.api.task;

import java.util.List;

/**
 * How cards of one instance become cards of another: the target template and folder, the attribute pairs, the
 * attribute that records the task's id on each written card, and the attribute that identifies a card in both
 * instances (usually {@code efecte_id}).
 */
public record Mapping(String targetTemplate, String targetFolder, List<AttributePair> pairs, String taskIdAttribute,
        String uniqueKeyAttribute) {

    public Mapping {
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
    }
}
