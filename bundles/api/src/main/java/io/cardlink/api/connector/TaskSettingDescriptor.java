package io.cardlink.api.connector;

/**
 * One setting a scheduled task of a connector type takes beside the fields every task has (template, folder,
 * mapping, schedule): described by the type, stored with the task as text, understood only by the type.
 *
 * @param key          the setting's key in a task's settings
 * @param label        a short human label
 * @param kind         how the value is shown and edited
 * @param required     whether a task must have it
 * @param defaultValue the value a new task starts with, or null
 * @param description  one sentence for forms and shell help
 */
public record TaskSettingDescriptor(String key, String label, Kind kind, boolean required, String defaultValue,
        String description) {

    public enum Kind {
        /** A line of text. */
        TEXT,
        /** A condition in the type's own query language on the cards read; may span lines. */
        FILTER
    }
}
