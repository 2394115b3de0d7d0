package io.cardlink.engine.internal;

import io.cardlink.api.Validation;
import io.cardlink.api.ValidationException;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.EngineSettings.Environment;
import io.cardlink.api.service.SettingsService;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine settings of this node, from {@code etc/io.cardlink.engine.cfg}: the one reader of that PID, whose
 * parsing and defaults every other component (the scheduler among them) takes through {@link SettingsService}.
 * Changes through REST or {@code config:} commands land in Config Admin and apply without a restart; the service's
 * properties change with them, which tells the components that reference it with an updated callback.
 */
@Component(service = {SettingsService.class, LocalCredentialStore.class}, configurationPid = EngineSettings.PID,
        immediate = true)
@Designate(ocd = EngineConfiguration.Config.class)
public class EngineConfiguration implements SettingsService, LocalCredentialStore {
    private static final Logger LOG = LoggerFactory.getLogger(EngineConfiguration.class);
    static final Set<String> KEYS = Set.of("localUrl", "localApiPath", LOCAL_USER, "environment", "cacheClearHours",
            "maxConcurrentRuns", "demo");

    @ObjectClassDefinition(name = "Cardlink engine", description = "Settings of the Cardlink engine on this node")
    public @interface Config {
        @AttributeDefinition(description = "Scheme, host and port of the local Matrix42 instance")
        String localUrl() default "http://localhost:8181/emulator/local";

        @AttributeDefinition(description = "Path of the REST API v1 on the local instance")
        String localApiPath() default "/rest-api/itsm/v1";

        @AttributeDefinition(description = "WebAPI user Cardlink logs in as at the local instance (a local ESM user"
                + " with the External API permission)")
        String localUser() default "";

        @AttributeDefinition(description = "Password of the local WebAPI user, sealed with the node's secrets key:"
                + " set it with cardlink:settings-set localPassword, never by hand")
        String localPassword() default "";

        @AttributeDefinition(description = "What this installation is for", options = {
            @Option(label = "Test", value = "TEST"), @Option(label = "Prod", value = "PROD"),
            @Option(label = "Demo", value = "DEMO"), @Option(label = "Dev", value = "DEV")})
        String environment() default "DEMO";

        @AttributeDefinition(description = "Hours of the day (UTC, comma separated) at which task caches are cleared")
        String cacheClearHours() default "0";

        @AttributeDefinition(description = "Most scheduled-task runs at once on this node (1-64)")
        int maxConcurrentRuns() default 6;

        @AttributeDefinition(description = "Set up the first-run demo: emulator instances, a demo connector and task")
        boolean demo() default false;

        @AttributeDefinition(description = "Name of this node among the nodes that share one database (letters,"
                + " digits, '.', '_' and '-'; at most 100); empty = Karaf's instance name (karaf.name)")
        String nodeId() default "";
    }

    private final ConfigurationAdmin configurationAdmin;
    private volatile EngineSettings current;
    private volatile String sealedLocalPassword;

    /** Seals a new local password; absent while the secrets key is not available. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Secrets secrets;

    /** What a change means for the stored connectors; absent while storage is down. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConnectorsForSettings connectors;

    @Activate
    public EngineConfiguration(@Reference ConfigurationAdmin configurationAdmin, Config config) {
        this.configurationAdmin = configurationAdmin;
        apply(config);
    }

    @Modified
    void apply(Config config) {
        Map<String, String> values = Map.of("localUrl", config.localUrl(), "localApiPath", config.localApiPath(),
                LOCAL_USER, config.localUser(), "environment", config.environment(), "cacheClearHours",
                config.cacheClearHours(), "maxConcurrentRuns", String.valueOf(config.maxConcurrentRuns()), "demo",
                String.valueOf(config.demo()), "nodeId", config.nodeId());
        String sealed = config.localPassword() == null || config.localPassword().isBlank() ? null
                : config.localPassword().trim();
        try {
            current = parse(values, sealed != null);
            sealedLocalPassword = sealed;
        } catch (ValidationException e) {
            // keep running on the previous (or default) values; the operator sees why in the log and on /status
            LOG.error("Configuration {} is invalid and was not applied: {}", EngineSettings.PID, e.getMessage());
            if (current == null) {
                current = new EngineSettings("http://localhost:8181/emulator/local", "/rest-api/itsm/v1",
                        Environment.DEMO, List.of(0), 6, false, null);
            }
        }
    }

    @Override
    public EngineSettings current() {
        return current;
    }

    @Override
    public String localUser() {
        return current.localUser();
    }

    @Override
    public String sealedLocalPassword() {
        return sealedLocalPassword;
    }

    @Override
    public synchronized void storeLocalCredentials(String user, String sealedPassword) {
        EngineSettings now = current;
        EngineSettings next = new EngineSettings(now.localUrl(), now.localApiPath(), now.environment(),
                now.cacheClearHours(), now.maxConcurrentRuns(), now.demo(), now.nodeId(), user,
                sealedPassword != null);
        save(next, sealedPassword);
        sealedLocalPassword = sealedPassword;
        current = next;
    }

    @Override
    public synchronized EngineSettings update(Map<String, String> changes) {
        Validation validation = new Validation();
        for (String key : changes.keySet()) {
            validation.check(KEYS.contains(key) || key.equals(LOCAL_PASSWORD), key, "unknown setting (known: "
                    + new TreeSet<>(KEYS) + ", and " + LOCAL_PASSWORD + " to set the local WebAPI password)");
        }
        String localPassword = changes.get(LOCAL_PASSWORD);
        if (localPassword != null && localPassword.isBlank()) {
            validation.add(LOCAL_PASSWORD, "must not be blank");
            localPassword = null;
        }
        EngineSettings now = current;
        Map<String, String> merged = new java.util.HashMap<>(Map.of("localUrl", now.localUrl(), "localApiPath",
                now.localApiPath(), LOCAL_USER, now.localUser() == null ? "" : now.localUser(), "environment",
                now.environment().name(), "cacheClearHours",
                join(now.cacheClearHours()), "maxConcurrentRuns", String.valueOf(now.maxConcurrentRuns()), "demo",
                String.valueOf(now.demo())));
        changes.forEach((key, value) -> {
            if (KEYS.contains(key)) {
                merged.put(key, value);
            }
        });
        // the node's name is set in its file only: a node renamed while running would orphan the runs it queued
        merged.put("nodeId", now.nodeId());
        String sealed = sealedLocalPassword;
        EngineSettings next = null;
        try {
            next = parse(merged, sealed != null || localPassword != null);
        } catch (ValidationException e) {
            validation.addAll(e.problems());
        }
        ConnectorsForSettings stored = connectors;
        if (next != null) {
            checkLocalPassword(validation, sealed, next, localPassword);
            checkConnectors(validation, stored, now, next);
        }
        // unknown keys and bad values are reported together
        validation.throwIfInvalid();
        if (localPassword != null) {
            Secrets sealer = secrets;
            if (sealer == null) {
                throw new io.cardlink.api.UnavailableException("the local password can't be sealed now: the secrets"
                        + " key is not available (cardlink:status says why)");
            }
            sealed = sealer.seal(new SecretAddress(OWNER, LOCAL_PASSWORD, Origin.of(next.localUrl()).orElse("")),
                    localPassword);
        }
        save(next, sealed);
        if (localPassword != null) {
            LOG.info("Local WebAPI password set, bound to {}", Origin.of(next.localUrl()).orElse(next.localUrl()));
        }
        sealedLocalPassword = sealed;
        current = next;
        return next;
    }

    private void save(EngineSettings next, String sealedPassword) {
        try {
            Configuration configuration = configurationAdmin.getConfiguration(EngineSettings.PID, "?");
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                properties = new Hashtable<>();
            }
            properties.put("localUrl", next.localUrl());
            properties.put("localApiPath", next.localApiPath());
            putOrRemove(properties, LOCAL_USER, next.localUser());
            putOrRemove(properties, LOCAL_PASSWORD, sealedPassword);
            properties.put("environment", next.environment().name());
            properties.put("cacheClearHours", join(next.cacheClearHours()));
            properties.put("maxConcurrentRuns", String.valueOf(next.maxConcurrentRuns()));
            properties.put("demo", String.valueOf(next.demo()));
            configuration.update(properties);
        } catch (IOException e) {
            throw new io.cardlink.api.UnavailableException("the settings could not be saved: " + e.getMessage(), e);
        }
    }

    private static void putOrRemove(Dictionary<String, Object> properties, String key, String value) {
        if (value == null) {
            properties.remove(key);
        } else {
            properties.put(key, value);
        }
    }

    /**
     * The local password was given for one host: a local URL that moves to another needs it again, as a connector's
     * password does when its URL moves ({@link ConnectorChecks}).
     */
    private static void checkLocalPassword(Validation validation, String sealed, EngineSettings next,
            String localPassword) {
        if (sealed == null || localPassword != null) {
            return;
        }
        String nextOrigin = Origin.of(next.localUrl()).orElse("");
        String given = boundOrigin(sealed);
        if (!nextOrigin.equals(given)) {
            validation.add(LOCAL_PASSWORD, "required: localUrl moves to " + nextOrigin + ", and the local password"
                    + " was given for " + (given.isEmpty() ? "no known host" : given) + "; give the local WebAPI"
                    + " password of the new instance");
        }
    }

    /** The origin a sealed local password was given for; empty for a value that is not a sealed secret. */
    static String boundOrigin(String sealed) {
        try {
            String origin = SealedSecret.parse(sealed).origin();
            return origin == null ? "" : origin;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Prod refuses connectors that would send passwords in clear to another machine. */
    private static void checkConnectors(Validation validation, ConnectorsForSettings stored, EngineSettings now,
            EngineSettings next) {
        if (stored == null) {
            return;
        }
        if (next.environment() == Environment.PROD && now.environment() != Environment.PROD) {
            List<String> plain = stored.refusedUrls(Environment.PROD);
            if (!plain.isEmpty()) {
                validation.add("environment", "Prod refuses http:// to another host, which connectors " + plain
                        + " use: change them to https:// first");
            }
        }
    }

    static EngineSettings parse(Map<String, String> values, boolean localPasswordSet) {
        Validation validation = new Validation();
        String localUrl = trim(values.get("localUrl"));
        validation.require("localUrl", localUrl);
        if (localUrl != null && !localUrl.isEmpty()) {
            try {
                URI uri = new URI(localUrl);
                validation.check(uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme())
                        || "https".equalsIgnoreCase(uri.getScheme())), "localUrl", "must be an http or https URL with a host");
            } catch (URISyntaxException e) {
                validation.add("localUrl", "not a valid URL: " + e.getReason());
            }
        }
        String apiPath = trim(values.get("localApiPath"));
        String environmentName = trim(values.get("environment"));
        if (localUrl != null && environmentName != null && "PROD".equalsIgnoreCase(environmentName)) {
            String refused = ConnectorChecks.plainRefused(localUrl, Environment.PROD);
            if (refused != null) {
                validation.add("localUrl", refused);
            }
        }
        validation.check(apiPath != null && apiPath.startsWith("/") && !apiPath.contains(" "), "localApiPath",
                "must be a path starting with '/', such as /rest-api/itsm/v1");
        Environment environment = null;
        String environmentText = trim(values.get("environment"));
        if (environmentText == null || environmentText.isEmpty()) {
            validation.add("environment", "required: one of Test, Prod, Demo, Dev");
        } else {
            try {
                environment = Environment.valueOf(environmentText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                validation.add("environment", "must be one of Test, Prod, Demo, Dev");
            }
        }
        List<Integer> hours = new ArrayList<>();
        String hoursText = trim(values.get("cacheClearHours"));
        if (hoursText == null || hoursText.isEmpty()) {
            validation.add("cacheClearHours", "required: hours of the day such as 0 or 6,12");
        } else {
            for (String part : hoursText.split(",")) {
                try {
                    int hour = Integer.parseInt(part.trim());
                    if (hour < 0 || hour > 23) {
                        validation.add("cacheClearHours", "'" + part.trim() + "' is not an hour of the day (0-23)");
                    } else if (!hours.contains(hour)) {
                        hours.add(hour);
                    }
                } catch (NumberFormatException e) {
                    validation.add("cacheClearHours", "'" + part.trim() + "' is not an hour of the day (0-23)");
                }
            }
        }
        int maxRuns = 0;
        try {
            maxRuns = Integer.parseInt(trim(values.get("maxConcurrentRuns")));
            validation.check(maxRuns >= 1 && maxRuns <= 64, "maxConcurrentRuns", "must be between 1 and 64");
        } catch (NumberFormatException | NullPointerException e) {
            validation.add("maxConcurrentRuns", "must be a whole number between 1 and 64");
        }
        String demoText = trim(values.get("demo"));
        validation.check(demoText == null || demoText.equalsIgnoreCase("true") || demoText.equalsIgnoreCase("false"),
                "demo", "must be true or false");
        String nodeId = trim(values.get("nodeId"));
        validation.check(nodeId == null || nodeId.matches("[A-Za-z0-9._-]{0,100}"), "nodeId",
                "must be at most 100 letters, digits, '.', '_' or '-' (empty = Karaf's instance name)");
        String localUser = trim(values.get(LOCAL_USER));
        validation.check(localUser == null || localUser.length() <= 200, LOCAL_USER, "at most 200 characters");
        validation.throwIfInvalid();
        hours.sort(Integer::compare);
        return new EngineSettings(localUrl, apiPath, environment, hours, maxRuns, Boolean.parseBoolean(demoText),
                nodeId, localUser, localPasswordSet);
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private static String join(List<Integer> hours) {
        return String.join(",", hours.stream().map(String::valueOf).toList());
    }
}
