package io.cardlink.connector.coreproiga.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.FullRead;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.connector.SettingDescriptor.Kind;
import io.cardlink.api.connector.TaskSettingDescriptor;
import io.cardlink.api.metrics.RemoteCallObserver;
import io.cardlink.esm.client.RetryPolicy;
import io.cardlink.esm.client.TrustStore;
import io.cardlink.esm.gateway.EsmInstanceGateway;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The M42 CoreProIGA connector type: the far side of a link, a remote Matrix42 Core/Pro/IGA instance over the REST
 * API v1. The local instance is the engine's (its address and WebAPI user are engine settings); the connector holds
 * the remote address and WebAPI user.
 */
@Component(service = ConnectorType.class, property = ConnectorType.TYPE_PROPERTY + "=" + CoreProIgaConnectorType.ID)
public class CoreProIgaConnectorType implements ConnectorType {
    public static final String ID = "coreproiga";
    public static final String REMOTE_URL = "remoteUrl";
    public static final String REMOTE_API_PATH = "remoteApiPath";
    public static final String REMOTE_USER = "remoteUser";
    public static final String REMOTE_PASSWORD = "remotePassword";
    public static final String REMOTE_CERTIFICATES = "remoteTrustedCertificates";
    public static final String RETRY_ATTEMPTS = "retryAttempts";
    public static final String RETRY_SECONDS = "retrySeconds";
    public static final String MAX_ATTACHMENT_BYTES = "maxAttachmentBytes";
    public static final String LOCAL_WRITES_IN_FLIGHT = "localWritesInFlight";
    public static final String DEFAULT_API_PATH = "/rest-api/itsm/v1";
    /** The task setting that narrows a scheduled task's read: an EQL condition. */
    public static final String EQL_FILTER = EsmInstanceGateway.EQL_FILTER;
    /**
     * Six sends of a call, waits from 0.5 s doubling with jitter up to 30 s (never shorter than the server's
     * Retry-After): about a quarter of a minute of trying, which rides out the occasional failure of a busy
     * instance and lets an event-task request hear back while its caller still waits.
     */
    static final int DEFAULT_RETRY_ATTEMPTS = 6;
    /** The longest a call keeps trying: two minutes, enough for a few request timeouts in a row. */
    static final int DEFAULT_RETRY_SECONDS = 120;
    /** 10 MiB: the upload limit of a default Matrix42 instance's web server. */
    static final int DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
    /**
     * Four bulk writes of a page at once: enough to keep the local instance busy while the engine maps the next
     * cards, few enough not to crowd out its interactive users.
     */
    static final int DEFAULT_LOCAL_WRITES_IN_FLIGHT = 4;
    static final int MAX_LOCAL_WRITES_IN_FLIGHT = 16;
    static final Duration FIRST_RETRY_WAIT = Duration.ofMillis(500);
    static final Duration LONGEST_RETRY_WAIT = Duration.ofSeconds(30);

    private static final List<SettingDescriptor> SETTINGS = List.of(
            new SettingDescriptor(REMOTE_URL, "Remote host URL", Kind.URL, true, null,
                    "Scheme, host and port of the remote instance, such as https://tenant.efectecloud.com"),
            new SettingDescriptor(REMOTE_API_PATH, "Remote API path", Kind.PATH, true, DEFAULT_API_PATH,
                    "Path of the REST API v1 on the remote instance; cloud instances use " + DEFAULT_API_PATH),
            new SettingDescriptor(REMOTE_USER, "Remote WebAPI user", Kind.TEXT, true, null,
                    "A local ESM user of the remote instance with the External API permission"),
            new SettingDescriptor(REMOTE_PASSWORD, "Remote WebAPI password", Kind.SECRET, true, null,
                    "Password of the remote WebAPI user", REMOTE_URL),
            new SettingDescriptor(REMOTE_CERTIFICATES, "Remote trusted certificates", Kind.CERTIFICATES, false, null,
                    "PEM certificates the remote instance's TLS certificate must chain to, for a self-signed"
                            + " instance; when set, only these are trusted"),
            new SettingDescriptor(RETRY_ATTEMPTS, "Retry budget: attempts", Kind.NUMBER, true,
                    String.valueOf(DEFAULT_RETRY_ATTEMPTS), "How often a call to the remote instance is sent at most"
                    + " when it meets a transient failure (5xx, 429, timeout, broken connection); a read that"
                    + " delivers cards starts again"),
            new SettingDescriptor(RETRY_SECONDS, "Retry budget: seconds", Kind.NUMBER, true,
                    String.valueOf(DEFAULT_RETRY_SECONDS), "How long a call to the remote instance keeps trying before"
                    + " the run or operation gives up"),
            new SettingDescriptor(MAX_ATTACHMENT_BYTES, "Largest attachment (bytes)", Kind.NUMBER, true,
                    String.valueOf(DEFAULT_MAX_ATTACHMENT_BYTES), "A scheduled task copies attachments up to this"
                    + " size; a larger file is an error of its card in the run, naming the file"),
            SettingDescriptor.number(LOCAL_WRITES_IN_FLIGHT, "Local bulk writes in flight", true,
                    DEFAULT_LOCAL_WRITES_IN_FLIGHT, MAX_LOCAL_WRITES_IN_FLIGHT, "How many bulk writes of 200 cards"
                    + " a scheduled task's run sends to the local instance at once (1 to "
                    + MAX_LOCAL_WRITES_IN_FLIGHT + "); 1 sends them one after the other"));

    private static final List<TaskSettingDescriptor> TASK_SETTINGS = List.of(
            new TaskSettingDescriptor(EQL_FILTER, "Filtering query", TaskSettingDescriptor.Kind.FILTER, false, null,
                    "An EQL condition the remote cards must meet, such as $status$ = '02 - Solving', or the full"
                            + " form SELECT entity FROM entity WHERE condition; empty reads every card of the"
                            + " template and folder"));

    /** Metrics, when a bundle publishes an observer; the connections made before it came tell it too. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile RemoteCallObserver callObserver;

    @Override
    public String id() {
        return ID;
    }

    private void observe(String instance, String method, String outcome, Duration duration) {
        RemoteCallObserver current = callObserver;
        if (current != null) {
            current.called(instance, method, outcome, duration);
        }
    }

    @Override
    public String displayName() {
        return "M42 CoreProIGA";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return SETTINGS;
    }

    /** A Matrix42 instance, over the esm client: it can do everything. */
    @Override
    public Class<EsmInstanceGateway> farSide() {
        return EsmInstanceGateway.class;
    }

    @Override
    public List<TaskSettingDescriptor> taskSettings() {
        return TASK_SETTINGS;
    }

    /**
     * The filter must be one EQL condition that keeps to the task's template and folder (read here, before anything
     * is sent); then the remote instance reads one card with it, its own parser being the judge of the syntax.
     */
    @Override
    public List<FieldProblem> validateTaskSettings(String templateCode, String folderCode,
            Map<String, String> settings, FarSide remote) {
        String filter = settings.get(EQL_FILTER);
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        try {
            EsmInstanceGateway.checkFilter(filter, templateCode, folderCode);
        } catch (ValidationException e) {
            return e.problems();
        }
        if (!(remote instanceof FullRead reader)) {
            return List.of();
        }
        try (CardCursor cursor = reader.read(new ReadRequest(templateCode, folderCode, settings, List.of()))) {
            if (cursor.hasNext()) {
                cursor.next();
            }
            return List.of();
        } catch (ValidationException e) {
            return e.problems();
        } catch (CardlinkException e) {
            if (e.retryable()) {
                throw e;
            }
            return List.of(new FieldProblem("settings." + EQL_FILTER, "the remote instance refused the filter: "
                    + e.getMessage()));
        }
    }

    /**
     * The same connector is the same remote instance (its host, case-insensitive, and port, the scheme's default
     * when none is given) reached as the same remote WebAPI user.
     */
    @Override
    public Optional<String> identity(Map<String, String> settings) {
        String user = settings.get(REMOTE_USER);
        if (user == null || user.isBlank()) {
            return Optional.empty();
        }
        return hostAndPort(settings.get(REMOTE_URL)).map(host -> host + " as " + user.trim());
    }

    private static Optional<String> hostAndPort(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.trim());
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("http") ? 80 : 443;
            return Optional.of(uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * The gateway to the remote instance, from the connector's settings. Incomplete settings don't fail here; the
     * gateway reports them (connection test: NOT_CONFIGURED).
     */
    @Override
    public CoreProIgaConnection connect(ConnectionConfig config) {
        List<FieldProblem> retryProblems = new ArrayList<>();
        int attempts = wholeNumber(config, RETRY_ATTEMPTS, DEFAULT_RETRY_ATTEMPTS, retryProblems);
        int seconds = wholeNumber(config, RETRY_SECONDS, DEFAULT_RETRY_SECONDS, retryProblems);
        RetryPolicy retries = retryProblems.isEmpty()
                ? new RetryPolicy(attempts, FIRST_RETRY_WAIT, LONGEST_RETRY_WAIT, Duration.ofSeconds(seconds)) : null;
        int maxFileBytes = wholeNumber(config, MAX_ATTACHMENT_BYTES, DEFAULT_MAX_ATTACHMENT_BYTES, retryProblems);
        String remotePath = config.setting(REMOTE_API_PATH);
        String certificates = config.setting(REMOTE_CERTIFICATES);
        EsmInstanceGateway remote = EsmInstanceGateway.of("remote", config.setting(REMOTE_URL),
                remotePath == null || remotePath.isBlank() ? DEFAULT_API_PATH : remotePath,
                config.setting(REMOTE_USER), config.secret(REMOTE_PASSWORD),
                certificates == null || certificates.isBlank() ? null : TrustStore.pem(certificates), retries,
                maxFileBytes, retryProblems,
                Map.of("baseUrl", "settings." + REMOTE_URL, "apiPath", "settings." + REMOTE_API_PATH,
                        "login", "settings." + REMOTE_USER, "password", "settings." + REMOTE_PASSWORD,
                        "maxFileBytes", "setting " + MAX_ATTACHMENT_BYTES), this::observe);
        // The engine refuses a value out of range when the connector is saved; only the runs read it, so an
        // unreadable one means the default rather than a connection that can't be tested.
        int writesInFlight = Math.min(MAX_LOCAL_WRITES_IN_FLIGHT,
                wholeNumber(config, LOCAL_WRITES_IN_FLIGHT, DEFAULT_LOCAL_WRITES_IN_FLIGHT, new ArrayList<>()));
        return new CoreProIgaConnection(remote, writesInFlight, remote.callBudget());
    }

    /** A retry or size setting as a whole number of 1 or more; absent means its default (connectors saved before it). */
    private static int wholeNumber(ConnectionConfig config, String key, int defaultValue, List<FieldProblem> problems) {
        String value = config.setting(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new FieldProblem("settings." + key, "must be a whole number of 1 or more"));
        return defaultValue;
    }
}
