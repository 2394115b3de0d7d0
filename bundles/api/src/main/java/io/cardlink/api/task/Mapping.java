package io.cardlink.api.task;

import java.util.List;

/**
 * How cards of one instance become cards of another: the target template and folder, the attribute pairs, the
 * attribute that records the task's id on each written card, the attribute that identifies a card in both
 * instances (usually {@code efecte_id}), and the attribute that records the task's name on each written card (the
 * vendor's "Data source ID (Datasourceid)"; optional).
 */
public record Mapping(String targetTemplate, String targetFolder, List<AttributePair> pairs, String taskIdAttribute,
        String uniqueKeyAttribute, String taskNameAttribute) {

    public Mapping {
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
    }

    /** A mapping that does not write the task's name. */
    public Mapping(String targetTemplate, String targetFolder, List<AttributePair> pairs, String taskIdAttribute,
            String uniqueKeyAttribute) {
        this(targetTemplate, targetFolder, pairs, taskIdAttribute, uniqueKeyAttribute, null);
    }
}
