package io.cardlink.api.run;

import java.time.Instant;
import java.util.List;

/**
 * One execution of a scheduled task. {@code id} is the execution id; {@code info} holds messages such as per-card
 * errors with the card's key; {@code extractFile} names the JSON file of the extracted cards, if it is kept.
 */
public record Run(String id, String taskId, String connectorId, String trigger, RunStatus status,
        Instant plannedAt, Phase extract, Phase load, RunCounts counts, List<String> info, String extractFile) {

    public Run {
        info = info == null ? List.of() : List.copyOf(info);
        counts = counts == null ? RunCounts.ZERO : counts;
    }
}
