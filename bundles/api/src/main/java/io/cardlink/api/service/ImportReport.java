package io.cardlink.api.service;

import java.util.List;

/**
 * What an import did or, in a dry run or when something was refused, would do. {@code applied} is true only when
 * everything was written; then {@code refused} is empty.
 *
 * @param dryRun     whether this was a dry run
 * @param applied    whether the changes were written
 * @param connectors one entry per connector of the document, in document order
 * @param refused    everything that stops the import, with the field at fault; non-empty means nothing is written
 * @param warnings   what did not stop the import, such as a check that could not be made
 */
public record ImportReport(boolean dryRun, boolean applied, List<ConnectorImport> connectors,
        List<Refusal> refused, List<String> warnings) {

    public ImportReport {
        connectors = connectors == null ? List.of() : List.copyOf(connectors);
        refused = refused == null ? List.of() : List.copyOf(refused);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Whether a connector of the document becomes a new connector or is merged into an existing one. */
    public enum Action {
        CREATE,
        MERGE
    }

    /**
     * One connector of the document and its tasks.
     *
     * @param name         the connector's name in the document
     * @param action       create or merge; null when the connector was refused as a whole
     * @param target       the name of the connector written to (the existing one when merging)
     * @param tasksCreated names of tasks that are new in the target
     * @param tasksUpdated names of tasks of the target that are replaced
     * @param tasksUnchanged names of tasks of the target that already are as in the document
     */
    public record ConnectorImport(String name, Action action, String target, List<String> tasksCreated,
            List<String> tasksUpdated, List<String> tasksUnchanged) {
        public ConnectorImport {
            tasksCreated = tasksCreated == null ? List.of() : List.copyOf(tasksCreated);
            tasksUpdated = tasksUpdated == null ? List.of() : List.copyOf(tasksUpdated);
            tasksUnchanged = tasksUnchanged == null ? List.of() : List.copyOf(tasksUnchanged);
        }
    }

    /**
     * Something that can't be imported: a connector (task null) or a task, the field at fault (such as
     * {@code mapping.pairs[2].target} for an attribute the instance lacks) and why.
     */
    public record Refusal(String connector, String task, String field, String reason) {
    }
}
