package io.cardlink.api.connector;

/**
 * One setting a connector type takes. Secret settings are write-only and stored encrypted, bound to the address
 * they are sent to: when that address changes host, the secret has to be given again.
 *
 * @param key          the setting's key in a connector's settings
 * @param label        a short human label
 * @param kind         how the value is checked and shown
 * @param required     whether a connector must have it
 * @param defaultValue the value used when none is given, or null
 * @param description  one sentence for forms and shell help
 * @param sentTo       for a secret: the key of the {@link Kind#URL} setting whose host it is sent to; null for a
 *                     secret sent nowhere and for other settings
 * @param maximum      for a {@link Kind#NUMBER}: the largest value it takes, or null for no bound
 */
public record SettingDescriptor(String key, String label, Kind kind, boolean required, String defaultValue,
        String description, String sentTo, Integer maximum) {

    public enum Kind {
        TEXT,
        URL,
        PATH,
        SECRET,
        /** A whole number of 1 or more (up to {@link #maximum()} when it has one), such as a count or seconds. */
        NUMBER,
        /** X.509 certificates in PEM ({@code -----BEGIN CERTIFICATE-----}), one or more. */
        CERTIFICATES
    }

    /** A setting without an upper bound. */
    public SettingDescriptor(String key, String label, Kind kind, boolean required, String defaultValue,
            String description, String sentTo) {
        this(key, label, kind, required, defaultValue, description, sentTo, null);
    }

    /** A setting that is not a secret bound to an address. */
    public SettingDescriptor(String key, String label, Kind kind, boolean required, String defaultValue,
            String description) {
        this(key, label, kind, required, defaultValue, description, null, null);
    }

    /** A {@link Kind#NUMBER} setting of 1 to {@code maximum}. */
    public static SettingDescriptor number(String key, String label, boolean required, int defaultValue,
            int maximum, String description) {
        return new SettingDescriptor(key, label, Kind.NUMBER, required, String.valueOf(defaultValue), description,
                null, maximum);
    }

    public boolean secret() {
        return kind == Kind.SECRET;
    }
}
