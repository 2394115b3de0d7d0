package io.cardlink.engine.internal;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.metrics.RemoteCallObserver;
import io.cardlink.api.service.ComponentStatus;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.SettingsService;
import io.cardlink.esm.client.RetryPolicy;
import io.cardlink.esm.gateway.EsmInstanceGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The local instance, Cardlink's home: one gateway for the whole engine, built from the engine settings
 * ({@code localUrl}, {@code localApiPath}, {@code localUser}) and the engine's sealed local password, and built anew
 * when any of them changes. Scheduled tasks load into it, event tasks read from it, failure cards go there; a
 * connector type provides only the far side. Building it does no I/O: incomplete settings make a gateway whose check
 * says NOT_CONFIGURED and whose calls fail with what is missing.
 */
@Component(service = LocalInstance.class)
public class LocalInstance implements LocalSide {
    /** The retry budget a connector's calls have by default: six sends within two minutes. */
    static final RetryPolicy RETRIES = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30),
            Duration.ofSeconds(120));
    /** 10 MiB: the upload limit of a default Matrix42 instance's web server. */
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    /** How long the status waits for a check before it reports the last one (or none yet). */
    static final Duration STATUS_WAIT = Duration.ofSeconds(2);
    /** How old a check may be before the status asks again. */
    static final Duration CHECK_AGE = Duration.ofMinutes(1);

    private record Built(List<Object> from, EsmInstanceGateway gateway) {
    }

    private final SettingsService settings;
    private final LocalCredentialStore credentials;
    private final Secrets secrets;
    private final Clock clock;
    private final ExecutorService checks = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "cardlink-local-check");
        thread.setDaemon(true);
        return thread;
    });
    private Built built;
    private CompletableFuture<EndpointCheck> checking;
    private EndpointCheck lastCheck;
    private Instant lastCheckAt;

    /** Metrics of the local instance's calls, when a bundle publishes an observer. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile RemoteCallObserver callObserver;

    @Activate
    public LocalInstance(@Reference SettingsService settings, @Reference LocalCredentialStore credentials,
            @Reference Secrets secrets) {
        this(settings, credentials, secrets, Clock.systemUTC());
    }

    LocalInstance(SettingsService settings, LocalCredentialStore credentials, Secrets secrets, Clock clock) {
        this.settings = settings;
        this.credentials = credentials;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Deactivate
    void deactivate() {
        checks.shutdownNow();
    }

    @Override
    public synchronized InstanceGateway gateway() {
        return current();
    }

    @Override
    public synchronized Duration callBudget() {
        return current().callBudget();
    }

    private EsmInstanceGateway current() {
        EngineSettings engine = settings.current();
        String sealed = credentials.sealedLocalPassword();
        List<Object> from = List.of(engine.localUrl(), engine.localApiPath(), Objects.toString(engine.localUser()),
                Objects.toString(sealed), engine.environment());
        if (built == null || !built.from().equals(from)) {
            built = new Built(from, build(engine, sealed));
            lastCheck = null;
        }
        return built.gateway();
    }

    private EsmInstanceGateway build(EngineSettings engine, String sealed) {
        List<FieldProblem> problems = new ArrayList<>();
        String password = null;
        String origin = Origin.of(engine.localUrl()).orElse("");
        if (sealed != null) {
            String given = EngineConfiguration.boundOrigin(sealed);
            if (given.isEmpty()) {
                problems.add(new FieldProblem(SettingsService.LOCAL_PASSWORD, "is not a sealed value: set it with"
                        + " cardlink:settings-set localPassword"));
            } else if (!given.equals(origin)) {
                // localUrl moved past the settings' checks (the cfg file edited): the password stays home
                problems.add(new FieldProblem(SettingsService.LOCAL_PASSWORD, "was given for " + given
                        + ", and localUrl now points at " + origin + ": set it again with cardlink:settings-set"
                        + " localPassword"));
            } else {
                try {
                    password = secrets.unseal(LocalCredentialStore.OWNER, SettingsService.LOCAL_PASSWORD, sealed);
                } catch (RuntimeException e) {
                    problems.add(new FieldProblem(SettingsService.LOCAL_PASSWORD, "can't be opened: "
                            + e.getMessage()));
                }
            }
        }
        String refused = ConnectorChecks.plainRefused(engine.localUrl(), engine.environment());
        if (refused != null) {
            problems.add(new FieldProblem("localUrl", refused));
        }
        return EsmInstanceGateway.of("local", engine.localUrl(), engine.localApiPath(), engine.localUser(),
                password, null, RETRIES, MAX_FILE_BYTES, problems,
                Map.of("baseUrl", "localUrl", "apiPath", "localApiPath", "login", SettingsService.LOCAL_USER,
                        "password", SettingsService.LOCAL_PASSWORD, "maxFileBytes",
                        "the local instance's limit"),
                this::observe);
    }

    private void observe(String instance, String method, String outcome, Duration duration) {
        RemoteCallObserver current = callObserver;
        if (current != null) {
            current.called(instance, method, outcome, duration);
        }
    }

    /**
     * The local instance's state for {@code /status}: connected, unreachable or misconfigured, from a check no older
     * than {@link #CHECK_AGE}. It never waits longer than {@link #STATUS_WAIT} for a check under way; then the last
     * one answers, or that the check is still running.
     */
    public ComponentStatus status() {
        CompletableFuture<EndpointCheck> running;
        synchronized (this) {
            EsmInstanceGateway gateway = current();
            Instant now = clock.instant();
            if (lastCheck != null && lastCheckAt.plus(CHECK_AGE).isAfter(now)) {
                return status(lastCheck);
            }
            if (checking == null || checking.isDone()) {
                try {
                    checking = CompletableFuture.supplyAsync(() -> checked(gateway), checks);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    return new ComponentStatus("local instance", ComponentStatus.DOWN, "the engine is stopping");
                }
            }
            running = checking;
        }
        try {
            return status(running.get(STATUS_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            synchronized (this) {
                return lastCheck != null ? status(lastCheck) : new ComponentStatus("local instance",
                        ComponentStatus.DOWN, "checking: the local instance has not answered yet");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ComponentStatus("local instance", ComponentStatus.DOWN, "not checked: interrupted");
        } catch (ExecutionException e) {
            return new ComponentStatus("local instance", ComponentStatus.DOWN, "the check failed: "
                    + e.getCause().getMessage());
        }
    }

    private EndpointCheck checked(EsmInstanceGateway gateway) {
        EndpointCheck check = gateway.check();
        synchronized (this) {
            if (built != null && built.gateway() == gateway) {
                lastCheck = check;
                lastCheckAt = clock.instant();
            }
        }
        return check;
    }

    static ComponentStatus status(EndpointCheck check) {
        return switch (check.result()) {
            case OK -> new ComponentStatus("local instance", ComponentStatus.UP, "connected: " + check.message());
            case UNREACHABLE -> new ComponentStatus("local instance", ComponentStatus.DOWN, "unreachable: "
                    + check.message());
            case NOT_CONFIGURED -> new ComponentStatus("local instance", ComponentStatus.DOWN,
                    "misconfigured: not configured: " + check.message()
                            + " (cardlink:settings-set localUser ..., cardlink:settings-set localPassword)");
            default -> new ComponentStatus("local instance", ComponentStatus.DOWN, "misconfigured: "
                    + check.message());
        };
    }
}
