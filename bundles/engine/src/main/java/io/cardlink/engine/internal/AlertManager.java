package io.cardlink.engine.internal;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.alert.Alert;
import io.cardlink.api.alert.AlertKind;
import io.cardlink.api.alert.AlertService;
import io.cardlink.api.alert.AlertSeverity;
import io.cardlink.api.alert.AlertState;
import io.cardlink.api.alert.AlertStore;
import io.cardlink.api.alert.AlertSubject;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunListener;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.service.ConnectionProvider;
import io.cardlink.api.service.ConnectionTestReport;
import io.cardlink.api.service.InstanceSide;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.store.ConnectorStore;
import io.cardlink.api.store.OutboxStore;
import io.cardlink.api.store.RunStore;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises, updates and resolves alerts. Run outcomes come from the engine as a {@link RunListener}; the connection
 * test's result from {@link ConnectorManager}; the rest from a periodic check on its own thread (overdue tasks, dead
 * event operations, certificates once a day, alerts of connectors and tasks that are gone). The severity follows the
 * environment type of the engine settings. Every change goes to the {@link AlertSink}s (Event Admin, the webhook).
 */
@Component(service = {AlertService.class, RunListener.class, AlertManager.class}, configurationPid = AlertManager.PID)
@Designate(ocd = AlertManager.Config.class)
public class AlertManager implements AlertService, RunListener {
    private static final Logger LOG = LoggerFactory.getLogger(AlertManager.class);
    static final String PID = "io.cardlink.alerts";
    static final int LIST_LIMIT = 500;
    /** How far back refused event operations keep their task's alert open. */
    static final Duration FAILING_WINDOW = Duration.ofHours(1);
    /** Fire times of a cron schedule looked at to learn the longest wait between two runs. */
    private static final int CRON_FIRES = 20;

    @ObjectClassDefinition(name = "Cardlink alerts", description = "When alerts are raised and where they are posted")
    public @interface Config {
        @AttributeDefinition(description = "Seconds between the checks of overdue tasks, dead event operations and"
                + " (once a day) certificates")
        int checkIntervalSeconds() default 60;

        @AttributeDefinition(description = "An instance's TLS certificate that expires within this many days raises"
                + " an alert")
        int certificateWarningDays() default 30;

        @AttributeDefinition(description = "Minutes a task may be late beyond twice its interval before it is"
                + " overdue")
        int overdueMarginMinutes() default 10;

        @AttributeDefinition(description = "URL that alerts are posted to as JSON (raised, resolved, acknowledged);"
                + " empty for none")
        String webhookUrl() default "";

        @AttributeDefinition(description = "Attempts per webhook post, the first one included")
        int webhookAttempts() default 4;

        @AttributeDefinition(description = "Milliseconds before the webhook's second attempt; each further waits"
                + " twice as long")
        long webhookFirstRetryMillis() default 2000;
    }

    static final Duration CERTIFICATE_CHECK_INTERVAL = Duration.ofDays(1);

    private final AlertStore store;
    private final SettingsService settings;
    private final ConnectorStore connectors;
    private final TaskStore tasks;
    private final RunStore runs;
    private final OutboxStore outbox;
    private final ConnectionProvider connections;
    private final LocalSide local;
    private final ConnectorTypeRegistry types;
    private final Clock clock;
    private final Duration certificateWarning;
    private final Duration overdueMargin;
    private final Map<String, Instant> certificatesCheckedAt = new ConcurrentHashMap<>();
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.UPDATE)
    private final List<AlertSink> sinks = new CopyOnWriteArrayList<>();
    /** Tells how often a cron schedule fires; without it, only interval schedules can be overdue. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TaskScheduler scheduler;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "cardlink-alert-checks");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public AlertManager(@Reference AlertStore store, @Reference SettingsService settings,
            @Reference ConnectorStore connectors, @Reference TaskStore tasks, @Reference RunStore runs,
            @Reference OutboxStore outbox, @Reference ConnectionProvider connections, @Reference LocalInstance local,
            @Reference ConnectorTypeRegistry types, Config config) {
        this(store, settings, connectors, tasks, runs, outbox, connections, local, types, Clock.systemUTC(), config);
        // Activation never waits on the database or the network: the first check runs on the check thread.
        long interval = Math.max(5, config.checkIntervalSeconds());
        checks.scheduleWithFixedDelay(this::periodicCheck, Math.min(interval, 30), interval, TimeUnit.SECONDS);
    }

    AlertManager(AlertStore store, SettingsService settings, ConnectorStore connectors, TaskStore tasks,
            RunStore runs, OutboxStore outbox, ConnectionProvider connections, LocalSide local,
            ConnectorTypeRegistry types, Clock clock, Config config) {
        this.store = store;
        this.settings = settings;
        this.connectors = connectors;
        this.tasks = tasks;
        this.runs = runs;
        this.outbox = outbox;
        this.connections = connections;
        this.local = local;
        this.types = types;
        this.clock = clock;
        this.certificateWarning = Duration.ofDays(Math.max(0, config.certificateWarningDays()));
        this.overdueMargin = Duration.ofMinutes(Math.max(0, config.overdueMarginMinutes()));
    }

    @Deactivate
    void deactivate() {
        checks.shutdownNow();
    }

    /** Adds a sink; for tests, which build the manager without Declarative Services. */
    void addSink(AlertSink sink) {
        sinks.add(sink);
    }

    // ---- the service

    @Override
    public List<Alert> list(AlertState state) {
        return state == AlertState.OPEN ? store.open() : store.list(state, LIST_LIMIT);
    }

    @Override
    public Alert acknowledge(String id, String by) {
        Alert before = store.find(id).orElseThrow(() -> new NotFoundException("alert '" + id + "' does not exist"));
        if (before.acknowledged()) {
            return before;
        }
        Alert acknowledged = store.acknowledge(id, by, clock.instant());
        LOG.info("Alert {} ({}) acknowledged by {}", id, acknowledged.subject().kind(), by);
        tell(AlertEvent.ACKNOWLEDGED, acknowledged);
        return acknowledged;
    }

    /** The connectors and tasks that have an open alert: a task with one shows WARNING, and so does its connector. */
    Set<String> subjectsWithOpenAlerts() {
        Set<String> ids = new HashSet<>();
        for (Alert alert : store.open()) {
            if (alert.subject().connectorId() != null) {
                ids.add(alert.subject().connectorId());
            }
            if (alert.subject().taskId() != null) {
                ids.add(alert.subject().taskId());
            }
        }
        return ids;
    }

    // ---- runs

    @Override
    public void runEnded(Run run) {
        try {
            onRunEnded(run);
        } catch (RuntimeException e) {
            LOG.warn("The alerts of run {} could not be updated: {}", run.id(), e.getMessage());
        }
    }

    private void onRunEnded(Run run) {
        String connectorId = run.connectorId();
        String taskId = run.taskId();
        RunStatus status = run.status();
        if (status == RunStatus.SUCCESS || status == RunStatus.COMPLETED_WITH_ERRORS) {
            // the run logged in to both instances and read with the task's filter and mapping
            for (InstanceSide side : InstanceSide.values()) {
                resolve(new AlertSubject(AlertKind.WRONG_CREDENTIALS, connectorId, null, side));
                resolve(new AlertSubject(AlertKind.INSTANCE_UNREACHABLE, connectorId, null, side));
            }
            resolve(task(AlertKind.RUN_FAILED, run));
            resolve(task(AlertKind.FILTER_OR_MAPPING_REFUSED, run));
            resolve(task(AlertKind.REMOVAL_THRESHOLD, run));
        }
        if (status == RunStatus.SUCCESS) {
            resolve(task(AlertKind.RUN_COMPLETED_WITH_ERRORS, run));
            resolve(task(AlertKind.TASK_OVERDUE, run));
        } else if (status == RunStatus.COMPLETED_WITH_ERRORS) {
            raise(task(AlertKind.RUN_COMPLETED_WITH_ERRORS, run), "Run " + run.id() + " of " + names(connectorId,
                    taskId) + " completed with errors: " + run.counts().failed() + " card(s) failed"
                    + firstProblem(run));
        } else if (status == RunStatus.ERROR) {
            resolve(task(AlertKind.RUN_COMPLETED_WITH_ERRORS, run));
            String failure = failureLine(run);
            raise(task(AlertKind.RUN_FAILED, run), "Run " + run.id() + " of " + names(connectorId, taskId)
                    + " failed: " + failure);
            if (run.failure() != null) {
                switch (run.failure()) {
                    case CREDENTIALS, UNREACHABLE -> submit(() -> checkConnection(connectorId));
                    case REFUSED -> raise(task(AlertKind.FILTER_OR_MAPPING_REFUSED, run), "The instance refused"
                            + " the filter or read of " + names(connectorId, taskId) + ", or its mapping does not"
                            + " compile: " + failure);
                    case REMOVAL_THRESHOLD -> raise(task(AlertKind.REMOVAL_THRESHOLD, run), "Run " + run.id()
                            + " of " + names(connectorId, taskId) + " marked nothing removed: " + failure);
                    case OTHER -> {
                        // the run failed alert says it all
                    }
                }
            }
        }
    }

    private static AlertSubject task(AlertKind kind, Run run) {
        return new AlertSubject(kind, run.connectorId(), run.taskId(), null);
    }

    /** The info line that says why the run failed: the threshold's, or the one starting "Failed: ". */
    private static String failureLine(Run run) {
        List<String> info = run.info();
        for (String line : info) {
            if (line.startsWith("Failed: ")) {
                return line.substring("Failed: ".length());
            }
        }
        return info.isEmpty() ? "no detail" : info.get(info.size() - 1);
    }

    private static String firstProblem(Run run) {
        return run.info().isEmpty() ? "" : " (first: " + run.info().get(0) + ")";
    }

    // ---- connection tests

    /** Raises or resolves the credential and reachability alerts of both sides from a connection test. */
    void connectionTested(ConnectionTestReport report) {
        try {
            sideTested(report.connectorId(), InstanceSide.REMOTE, report.remote());
            sideTested(report.connectorId(), InstanceSide.LOCAL, report.local());
        } catch (RuntimeException e) {
            LOG.warn("The alerts of connector {}'s connection test could not be updated: {}", report.connectorId(),
                    e.getMessage());
        }
        submit(() -> connectors.find(report.connectorId()).ifPresent(c -> checkCertificates(c, true)));
    }

    private void sideTested(String connectorId, InstanceSide side, EndpointCheck check) {
        AlertSubject credentials = new AlertSubject(AlertKind.WRONG_CREDENTIALS, connectorId, null, side);
        AlertSubject unreachable = new AlertSubject(AlertKind.INSTANCE_UNREACHABLE, connectorId, null, side);
        String where = "The " + side.name().toLowerCase() + " instance of connector '" + connectorName(connectorId)
                + "'";
        if (check.result() == EndpointCheck.Result.WRONG_CREDENTIALS) {
            raise(credentials, where + " refused the login: " + check.message());
        } else if (check.result() == EndpointCheck.Result.UNREACHABLE
                || check.result() == EndpointCheck.Result.TLS_PROBLEM) {
            raise(unreachable, where + " can't be reached: " + check.message());
        }
        if (check.result() != EndpointCheck.Result.WRONG_CREDENTIALS
                && check.result() != EndpointCheck.Result.UNREACHABLE
                && check.result() != EndpointCheck.Result.TLS_PROBLEM) {
            resolve(unreachable);
        }
        if (check.ok()) {
            resolve(credentials);
        }
    }

    /** A login on each side, after a run failed on credentials or reachability: says which side it was. */
    private void checkConnection(String connectorId) {
        try (Connection connection = connections.open(connectorId)) {
            Optional<Connector> connector = connectors.find(connectorId);
            if (connector.isEmpty()) {
                return;
            }
            connectionTested(new ConnectionTestReport(connectorId, connector.get().name(),
                    connection.remote().check(), local.gateway().check()));
        } catch (RuntimeException e) {
            LOG.warn("Connector {} could not be checked after a failed run: {}", connectorId, e.getMessage());
        }
    }

    // ---- the periodic check

    void periodicCheck() {
        try {
            Instant now = clock.instant();
            List<Connector> all = connectors.search(null);
            Set<String> known = new HashSet<>();
            for (Connector connector : all) {
                known.add(connector.id());
                for (ScheduledTask task : tasks.listScheduled(connector.id())) {
                    known.add(task.id());
                    checkOverdue(task, now);
                }
                for (EventTask task : tasks.listEvent(connector.id())) {
                    known.add(task.id());
                    checkDeadOperations(task);
                    checkFailedOperations(task, now);
                }
                checkCertificates(connector, false);
            }
            resolveGone(known);
        } catch (RuntimeException e) {
            LOG.warn("The alert check did not complete: {}", e.getMessage());
        }
    }

    private void checkOverdue(ScheduledTask task, Instant now) {
        AlertSubject subject = new AlertSubject(AlertKind.TASK_OVERDUE, task.connectorId(), task.id(), null);
        TaskScheduler fires = scheduler;
        Optional<Duration> interval = expectedInterval(task, fires == null || task.schedule() == null ? List.of()
                : fires.nextRuns(task.schedule(), CRON_FIRES));
        if (interval.isEmpty()) {
            resolve(subject);
            return;
        }
        Instant lastSuccess = runs.latestSucceeded(task.id()).map(AlertManager::endedAt).orElse(null);
        Optional<Instant> overdueSince = overdueSince(interval.get(), lastSuccess, task.updatedAt(), overdueMargin);
        if (overdueSince.isPresent() && now.isAfter(overdueSince.get())) {
            raise(subject, "Task '" + task.name() + "' of connector '" + connectorName(task.connectorId())
                    + "' runs every " + interval.get().toSeconds() + " s but has not succeeded "
                    + (lastSuccess == null ? "since it was saved at " + task.updatedAt() : "since " + lastSuccess));
        } else {
            resolve(subject);
        }
    }

    /**
     * How long an enabled task may go between two runs: its interval, or for a cron schedule the longest gap between
     * its next fire times (a weekday schedule waits over the weekend); empty for a disabled task, or a cron schedule
     * whose fire times are not known.
     */
    static Optional<Duration> expectedInterval(ScheduledTask task, List<Instant> nextFires) {
        if (!task.enabled() || task.schedule() == null) {
            return Optional.empty();
        }
        if (task.schedule().intervalSeconds() != null) {
            return Optional.of(Duration.ofSeconds(task.schedule().intervalSeconds()));
        }
        Duration longest = null;
        for (int i = 1; i < nextFires.size(); i++) {
            Duration gap = Duration.between(nextFires.get(i - 1), nextFires.get(i));
            if (longest == null || gap.compareTo(longest) > 0) {
                longest = gap;
            }
        }
        return Optional.ofNullable(longest);
    }

    /**
     * From when a task is overdue: twice its interval plus the margin after its last success, or after it was saved
     * when it never succeeded.
     */
    static Optional<Instant> overdueSince(Duration interval, Instant lastSuccess, Instant savedAt, Duration margin) {
        Instant since = lastSuccess != null ? lastSuccess : savedAt;
        return since == null ? Optional.empty() : Optional.of(since.plus(interval.multipliedBy(2)).plus(margin));
    }

    private static Instant endedAt(Run run) {
        if (run.load() != null && run.load().completedAt() != null) {
            return run.load().completedAt();
        }
        return run.plannedAt();
    }

    private void checkDeadOperations(EventTask task) {
        AlertSubject subject = new AlertSubject(AlertKind.EVENT_OPERATIONS_DEAD, task.connectorId(), task.id(), null);
        int dead = outbox.listForTask(task.id(), OperationStatus.DEAD, LIST_LIMIT).size();
        if (dead > 0) {
            raise(subject, "Event task '" + task.name() + "' of connector '" + connectorName(task.connectorId())
                    + "' has " + (dead >= LIST_LIMIT ? "at least " : "") + dead + " dead operation(s): replay or"
                    + " discard them");
        } else {
            resolve(subject);
        }
    }

    private void checkFailedOperations(EventTask task, Instant now) {
        AlertSubject subject = new AlertSubject(AlertKind.EVENT_OPERATIONS_FAILING, task.connectorId(), task.id(),
                null);
        Instant since = now.minus(FAILING_WINDOW);
        List<Operation> failed = outbox.listForTask(task.id(), OperationStatus.FAILED, LIST_LIMIT).stream()
                .filter(operation -> operation.completedAt() != null && operation.completedAt().isAfter(since))
                .toList();
        if (failed.isEmpty()) {
            resolve(subject);
            return;
        }
        Operation latest = failed.get(0);
        raise(subject, "Event task '" + task.name() + "' of connector '" + connectorName(task.connectorId()) + "': "
                + failed.size() + " operation(s) refused in the last " + FAILING_WINDOW.toMinutes()
                + " minutes; the latest (" + latest.id() + "): " + latest.provisioningException());
    }

    /** Checks each https instance of a connector: at once when {@code force}, else once a day per URL. */
    void checkCertificates(Connector connector, boolean force) {
        certificate(connector, InstanceSide.REMOTE, remoteUrl(connector), force);
        certificate(connector, InstanceSide.LOCAL, settings.current().localUrl(), force);
    }

    private void certificate(Connector connector, InstanceSide side, String url, boolean force) {
        AlertSubject subject = new AlertSubject(AlertKind.CERTIFICATE_EXPIRING, connector.id(), null, side);
        Instant now = clock.instant();
        String key = connector.id() + "|" + side + "|" + url;
        Instant last = certificatesCheckedAt.get(key);
        if (!force && last != null && last.plus(CERTIFICATE_CHECK_INTERVAL).isAfter(now)) {
            return;
        }
        certificatesCheckedAt.put(key, now);
        Optional<CertificateExpiry.Expiry> expiry;
        try {
            expiry = CertificateExpiry.of(url);
        } catch (IOException e) {
            // an instance that can't be reached has its own alert; its certificate is checked again tomorrow
            LOG.debug("The certificate of {} could not be read: {}", url, e.getMessage());
            return;
        }
        Optional<String> problem = expiry.flatMap(e -> expiring(e, now, certificateWarning));
        if (problem.isPresent()) {
            raise(subject, "The TLS certificate of the " + side.name().toLowerCase() + " instance " + url
                    + " of connector '" + connector.name() + "' (" + expiry.get().subject() + ") " + problem.get());
        } else {
            resolve(subject);
        }
    }

    /** What to say about a certificate that expires within {@code warning}; empty when it is valid for longer. */
    static Optional<String> expiring(CertificateExpiry.Expiry expiry, Instant now, Duration warning) {
        Instant notAfter = expiry.notAfter();
        if (notAfter.isAfter(now.plus(warning))) {
            return Optional.empty();
        }
        if (!notAfter.isAfter(now)) {
            return Optional.of("expired at " + notAfter);
        }
        long days = Duration.between(now, notAfter).toDays();
        return Optional.of("expires at " + notAfter + ", in " + days + " day(s)");
    }

    /** The URL of the remote instance: the connector's setting of kind URL. */
    private String remoteUrl(Connector connector) {
        return types.find(connector.typeId())
                .flatMap(type -> type.settings().stream()
                        .filter(setting -> setting.kind() == SettingDescriptor.Kind.URL)
                        .map(setting -> connector.settings().get(setting.key()))
                        .filter(value -> value != null && !value.isBlank())
                        .findFirst())
                .orElse(null);
    }

    /** Resolves the open alerts of connectors and tasks that were removed. */
    private void resolveGone(Set<String> known) {
        for (Alert alert : store.open()) {
            AlertSubject subject = alert.subject();
            boolean gone = (subject.connectorId() != null && !known.contains(subject.connectorId()))
                    || (subject.taskId() != null && !known.contains(subject.taskId()));
            if (gone) {
                resolve(subject);
            }
        }
    }

    // ---- raising and resolving

    private void raise(AlertSubject subject, String message) {
        AlertSeverity severity = AlertSeverity.of(settings.current().environment());
        AlertStore.Raised raised = store.raise(subject, severity, message, clock.instant());
        if (raised.created()) {
            LOG.warn("Alert raised ({}): {}", severity, message);
        }
        tell(raised.created() ? AlertEvent.RAISED : AlertEvent.UPDATED, raised.alert());
    }

    private void resolve(AlertSubject subject) {
        store.resolve(subject, clock.instant()).ifPresent(alert -> {
            LOG.info("Alert resolved: {}", alert.message());
            tell(AlertEvent.RESOLVED, alert);
        });
    }

    private void tell(AlertEvent event, Alert alert) {
        for (AlertSink sink : sinks) {
            try {
                sink.deliver(event, alert);
            } catch (RuntimeException e) {
                LOG.warn("Alert sink {} failed: {}", sink.getClass().getName(), e.toString());
            }
        }
    }

    private void submit(Runnable work) {
        try {
            checks.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.debug("Alert check not run: the alert manager is stopping");
        }
    }

    private String names(String connectorId, String taskId) {
        String task = taskId == null ? null : tasks.findScheduled(taskId).map(ScheduledTask::name).orElse(taskId);
        return "task '" + task + "' of connector '" + connectorName(connectorId) + "'";
    }

    private String connectorName(String connectorId) {
        return connectorId == null ? "?" : connectors.find(connectorId).map(Connector::name).orElse(connectorId);
    }
}
