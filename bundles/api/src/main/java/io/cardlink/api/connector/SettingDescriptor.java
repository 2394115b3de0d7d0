package io.cardlink.api.connector;

/**
 * One setting a connector type takes. Secret settings are write-only and stored encrypted.
 *
 * @param key          the setting's key in a connector's settings
 * @param label        a short human label
 * @param kind         how the value is checked and shown
 * @param required     whether a connector must have it
 * @param defaultValue the value used when none is given, or null
 * @param description  one sentence for forms and shell help
 */
public record SettingDescriptor(String key, String label, Kind kind, boolean required, String defaultValue,
        String description) {

    public enum Kind {
        TEXT,
        URL,
        PATH,
        SECRET,
        /** A whole number of 1 or more, such as a count or a number of seconds. */
        NUMBER
    }

    public boolean secret() {
        return kind == Kind.SECRET;
    }
}
