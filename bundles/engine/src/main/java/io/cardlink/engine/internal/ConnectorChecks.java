package io.cardlink.engine.internal;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.Validation;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.EngineSettings.Environment;
import io.cardlink.api.service.SettingsService;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The checks of a connector's name, type and settings that every path writing a connector runs (create, update and
 * import), so that no path stores what another would refuse. Secrets are sealed only once the caller knows the whole
 * request is valid ({@link CheckedSettings#sealed}).
 */
final class ConnectorChecks {
    static final int MAX_NAME_LENGTH = 100;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*");

    /**
     * Settings that connectors held before the local instance became the engine's: given to a connector, they are
     * refused with where they are set now.
     */
    static final Set<String> ENGINE_SETTINGS = Set.of(SettingsService.LOCAL_USER, SettingsService.LOCAL_PASSWORD);

    private final ConnectorTypeRegistry types;
    private final Secrets secrets;
    private final Supplier<EngineSettings> engine;

    ConnectorChecks(ConnectorTypeRegistry types, Secrets secrets, Supplier<EngineSettings> engine) {
        this.types = types;
        this.secrets = secrets;
        this.engine = engine;
    }

    /** Plain settings as they will be stored, and the secrets to seal or keep. */
    static final class CheckedSettings {
        final Map<String, String> plain = new LinkedHashMap<>();
        private final Map<String, String> toSeal = new LinkedHashMap<>();
        private final Map<String, String> origins = new LinkedHashMap<>();
        private final Map<String, String> kept = new LinkedHashMap<>();

        /** The secrets as the store keeps them: new values sealed for the connector, unchanged ones as they were. */
        Map<String, String> sealed(Secrets secrets, String connectorId) {
            Map<String, String> sealed = new LinkedHashMap<>(kept);
            toSeal.forEach((key, value) -> sealed.put(key,
                    secrets.seal(new SecretAddress(connectorId, key, origins.get(key)), value)));
            return sealed;
        }
    }

    void name(Validation validation, String field, String name) {
        if (name == null || name.isBlank()) {
            validation.add(field, "required");
            return;
        }
        String trimmed = name.trim();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            validation.add(field, "at most " + MAX_NAME_LENGTH + " characters");
        } else if (!NAME.matcher(trimmed).matches()) {
            validation.add(field, "letters, digits, spaces, '.', '_' and '-' only, starting with a letter or digit");
        }
    }

    Optional<ConnectorType> type(Validation validation, String field, String typeId) {
        if (typeId == null || typeId.isBlank()) {
            validation.add(field, "required");
            return Optional.empty();
        }
        Optional<ConnectorType> type = types.find(typeId);
        if (type.isEmpty()) {
            String installed = types.installed().stream().map(ConnectorType::id).collect(Collectors.joining(", "));
            validation.add(field, "connector type '" + typeId + "' is not installed (installed: "
                    + (installed.isEmpty() ? "none" : installed) + ")");
        }
        return type;
    }

    /**
     * Checks settings against the type's descriptors, then as a whole by the type
     * ({@link ConnectorType#validateSettings}), each problem under {@code prefix + key}. A secret that is not
     * given keeps the {@code existing} connector's value, unless the URL it is sent to now has another origin: a
     * password given for one host is never sent to another without being given again.
     */
    CheckedSettings settings(Validation validation, String prefix, ConnectorType type, Map<String, String> given,
            Connector existing) {
        CheckedSettings checked = new CheckedSettings();
        int problemsBefore = validation.problems().size();
        for (String key : given.keySet()) {
            if (ENGINE_SETTINGS.contains(key)) {
                validation.add(prefix + key, "set in the engine settings: cardlink:settings-set " + key
                        + (key.equals(SettingsService.LOCAL_PASSWORD) ? "" : " ...")
                        + " (the local instance belongs to the engine, not to a connector)");
            } else if (type.setting(key).isEmpty()) {
                validation.add(prefix + key, "unknown setting for connector type '" + type.id() + "'");
            }
        }
        EngineSettings current = engine.get();
        for (SettingDescriptor setting : type.settings()) {
            if (setting.secret()) {
                continue;
            }
            String value = given.get(setting.key());
            String effective = value == null || value.isBlank() ? setting.defaultValue() : value.trim();
            if (effective == null) {
                if (setting.required()) {
                    validation.add(prefix + setting.key(), "required");
                }
                continue;
            }
            String problem = formatProblem(setting, effective, current.environment());
            if (problem != null) {
                validation.add(prefix + setting.key(), problem);
            }
            checked.plain.put(setting.key(), effective);
        }
        // the type sees only settings each of which its descriptor accepts
        if (validation.problems().size() == problemsBefore) {
            for (FieldProblem problem : type.validateSettings(Map.copyOf(checked.plain))) {
                validation.add(prefix + problem.field(), problem.problem());
            }
        }
        for (SettingDescriptor setting : type.settings()) {
            if (!setting.secret()) {
                continue;
            }
            String field = prefix + setting.key();
            String value = given.get(setting.key());
            String origin = SecretOrigins.of(setting, checked.plain);
            String stored = existing == null ? null : existing.sealedSecrets().get(setting.key());
            if (value != null && !value.isBlank()) {
                checked.toSeal.put(setting.key(), value);
                checked.origins.put(setting.key(), origin);
            } else if (stored != null) {
                String storedOrigin = secrets.boundOrigin(stored)
                        .orElseGet(() -> SecretOrigins.of(setting, existing.settings()));
                if (storedOrigin.equals(origin)) {
                    checked.kept.put(setting.key(), stored);
                } else {
                    validation.add(field, "required again: " + setting.sentTo() + " now points at "
                            + shown(origin) + ", and the stored value was given for " + shown(storedOrigin));
                }
            } else if (setting.required()) {
                validation.add(field, "required");
            }
        }
        return checked;
    }

    private static String shown(String origin) {
        return origin.isEmpty() ? "no address" : origin;
    }

    static String formatProblem(SettingDescriptor setting, String value, Environment environment) {
        switch (setting.kind()) {
            case URL:
                try {
                    URI uri = new URI(value);
                    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                        return "must be an http or https URL with a host, such as https://tenant.efectecloud.com";
                    }
                    return plainRefused(value, environment);
                } catch (URISyntaxException e) {
                    return "not a valid URL: " + e.getReason();
                }
            case PATH:
                return value.startsWith("/") && !value.contains(" ") && !value.contains("?")
                        ? null : "must be a path starting with '/', such as /rest-api/itsm/v1";
            case NUMBER:
                if (setting.maximum() != null) {
                    return value.matches("[0-9]{1,9}") && Integer.parseInt(value) >= 1
                            && Integer.parseInt(value) <= setting.maximum()
                            ? null : "must be a whole number from 1 to " + setting.maximum();
                }
                return value.matches("[0-9]{1,9}") && Integer.parseInt(value) >= 1
                        ? null : "must be a whole number of 1 or more";
            case CERTIFICATES:
                return certificatesProblem(value);
            default:
                return null;
        }
    }

    /** In the Prod environment passwords never travel in clear to another machine. */
    static String plainRefused(String url, Environment environment) {
        return environment == Environment.PROD && Origin.plainToAnotherHost(url)
                ? "http:// to another host is refused in the Prod environment: use https://" : null;
    }

    private static String certificatesProblem(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            return "must be one or more PEM certificates (-----BEGIN CERTIFICATE----- ...)";
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .isEmpty() ? "holds no certificate" : null;
        } catch (CertificateException e) {
            return "not readable as PEM certificates: " + e.getMessage();
        }
    }
}
