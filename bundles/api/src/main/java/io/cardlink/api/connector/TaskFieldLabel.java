package io.cardlink.api.connector;

import java.util.Objects;

/**
 * How a connector type names one of the fields every task has on its far side (the template, the folder), so that
 * forms and the shell use the type's words: a Matrix42 instance's "Template code", another store's "Record type".
 *
 * @param label       a short human label
 * @param description one sentence for forms and shell help, true for scheduled tasks (which read) and event tasks
 *                    (which write)
 */
public record TaskFieldLabel(String label, String description) {
    /** The words of a Matrix42 instance's template, the default. */
    public static final TaskFieldLabel TEMPLATE = new TaskFieldLabel("Template code",
            "The remote instance's template: the cards a scheduled task reads, or an event task writes.");
    /** The words of a Matrix42 instance's folder, the default. */
    public static final TaskFieldLabel FOLDER = new TaskFieldLabel("Folder code",
            "The remote folder: where a scheduled task reads the cards, and where an event task creates them.");

    public TaskFieldLabel {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
    }
}
