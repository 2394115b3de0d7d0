package io.cardlink.engine.internal;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.Validation;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorStatus;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.service.ConnectionProvider;
import io.cardlink.api.service.ConnectionTestReport;
import io.cardlink.api.service.ConnectorRequest;
import io.cardlink.api.service.InstanceSide;
import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.ConnectorView;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.service.TaskCache;
import io.cardlink.api.store.ConnectorStore;
import io.cardlink.api.store.RunStore;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connector management: validates a whole request first, seals secrets, then writes in one store call. */
@Component(service = ConnectorService.class)
public class ConnectorManager implements ConnectorService {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorManager.class);

    private final ConnectorStore connectors;
    private final TaskStore tasks;
    private final RunStore runs;
    private final ConnectorTypeRegistry types;
    private final Secrets secrets;
    private final SettingsService settings;
    private final ConnectorChecks checks;
    private final Clock clock;

    /** Opens connections for tests and schema reads; set by DS before activation. */
    @Reference
    ConnectionProvider connections;

    /** The engine's local instance, which every connector's test and local schema reads reach; set by DS. */
    @Reference(service = LocalInstance.class)
    LocalSide local;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TaskScheduler scheduler;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TaskCache cache;

    /** Told each connection test's result; its open alerts make a connector's status WARNING. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AlertManager alerts;

    /** Keeps the extract files; absent, the retention clean-up removes a removed task's files later. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SyncEngine engine;

    @Activate
    public ConnectorManager(@Reference ConnectorStore connectors, @Reference TaskStore tasks,
            @Reference RunStore runs, @Reference ConnectorTypeRegistry types, @Reference Secrets secrets,
            @Reference SettingsService settings) {
        this(connectors, tasks, runs, types, secrets, settings, Clock.systemUTC());
    }

    ConnectorManager(ConnectorStore connectors, TaskStore tasks, RunStore runs, ConnectorTypeRegistry types,
            Secrets secrets, SettingsService settings, Clock clock) {
        this.connectors = connectors;
        this.tasks = tasks;
        this.runs = runs;
        this.types = types;
        this.secrets = secrets;
        this.settings = settings;
        this.checks = new ConnectorChecks(types, secrets, settings::current);
        this.clock = clock;
    }

    @Override
    public List<ConnectorView> list(String search) {
        String needle = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        Set<String> alerted = alerted();
        return connectors.search(null).stream()
                .map(connector -> view(connector, alerted))
                .filter(v -> needle.isEmpty() || matches(v, needle))
                .toList();
    }

    private static boolean matches(ConnectorView view, String needle) {
        return contains(view.id(), needle) || contains(view.name(), needle) || contains(view.type(), needle)
                || contains(view.status().name(), needle.replace(' ', '_'));
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }

    @Override
    public ConnectorView get(String idOrName) {
        return view(require(idOrName));
    }

    @Override
    public ConnectorView create(ConnectorRequest request) {
        Validation validation = new Validation();
        checks.name(validation, "name", request.name());
        Optional<ConnectorType> type = checks.type(validation, "type", request.type());
        Optional<ConnectorChecks.CheckedSettings> settings = type.map(t -> checks.settings(validation, "settings.",
                t, request.settings(), null));
        validation.throwIfInvalid();
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Connector created = connectors.create(new Connector(id, request.name().trim(), request.type(),
                blankToNull(request.description()), settings.get().plain, settings.get().sealed(secrets, id), now,
                now));
        return view(created);
    }

    @Override
    public ConnectorView update(String idOrName, ConnectorRequest request) {
        Connector existing = require(idOrName);
        Validation validation = new Validation();
        checks.name(validation, "name", request.name());
        if (request.type() != null && !request.type().equals(existing.typeId())) {
            validation.add("type", "can't change after creation (it is '" + existing.typeId() + "')");
        }
        Optional<ConnectorType> type = types.find(existing.typeId());
        if (type.isEmpty()) {
            validation.add("type", "connector type '" + existing.typeId()
                    + "' is not installed; its connectors can't be changed until it is");
        }
        Optional<ConnectorChecks.CheckedSettings> settings = type.map(t -> checks.settings(validation, "settings.",
                t, request.settings(), existing));
        validation.throwIfInvalid();
        Connector updated = connectors.update(new Connector(existing.id(), request.name().trim(), existing.typeId(),
                blankToNull(request.description()), settings.get().plain, settings.get().sealed(secrets,
                        existing.id()), existing.createdAt(), clock.instant()));
        return view(updated);
    }

    @Override
    public void delete(String idOrName, boolean confirm) {
        Connector existing = require(idOrName);
        List<ScheduledTask> scheduled = tasks.listScheduled(existing.id());
        List<EventTask> event = tasks.listEvent(existing.id());
        if ((!scheduled.isEmpty() || !event.isEmpty()) && !confirm) {
            throw new ConflictException("connector '" + existing.name() + "' has " + scheduled.size()
                    + " scheduled and " + event.size() + " event task(s), which would be removed with it: "
                    + taskNames(scheduled, event) + "; confirm to remove it together with them");
        }
        if (!connectors.delete(existing.id())) {
            throw new NotFoundException("connector '" + idOrName + "' does not exist");
        }
        TaskScheduler currentScheduler = scheduler;
        TaskCache currentCache = cache;
        SyncEngine currentEngine = engine;
        for (ScheduledTask task : scheduled) {
            if (currentScheduler != null) {
                currentScheduler.unschedule(task.id());
            }
            if (currentCache != null) {
                currentCache.clear(task.id());
            }
            if (currentEngine != null) {
                currentEngine.extracts().removeTask(task.id());
            }
        }
    }

    private static String taskNames(List<ScheduledTask> scheduled, List<EventTask> event) {
        return Stream.concat(
                scheduled.stream().map(t -> "scheduled task '" + t.name() + "'"),
                event.stream().map(t -> "event task '" + t.name() + "'" + (t.inUse()
                        ? " (used by workflows " + String.join(", ", t.workflowReferences()) + ")" : "")))
                .collect(Collectors.joining(", "));
    }

    @Override
    public ConnectionTestReport test(String idOrName) {
        Connector connector = require(idOrName);
        try (Connection connection = connections.open(connector.id())) {
            // both sides at once: an unreachable remote does not delay the local result
            CompletableFuture<EndpointCheck> remote = CompletableFuture.supplyAsync(connection.remote()::check,
                    task -> {
                        Thread thread = new Thread(task, "cardlink-connection-test");
                        thread.setDaemon(true);
                        thread.start();
                    });
            EndpointCheck localCheck = local.gateway().check();
            ConnectionTestReport report = new ConnectionTestReport(connector.id(), connector.name(), remote.join(),
                    localCheck);
            LOG.info("Connection test of connector '{}': remote {} in {} ms, local {} in {} ms", connector.name(),
                    report.remote().result(), report.remote().millis(), localCheck.result(), localCheck.millis());
            AlertManager currentAlerts = alerts;
            if (currentAlerts != null) {
                currentAlerts.connectionTested(report);
            }
            return report;
        }
    }

    /**
     * Copies the connector, then its tasks. Scheduled tasks are copied disabled so that nothing runs twice; event
     * tasks are copied without workflow references, since the workflows still call the original. A copy that
     * fails part-way is removed again, tasks included.
     */
    @Override
    public ConnectorView copy(String idOrName, String newName) {
        Connector source = require(idOrName);
        Validation validation = new Validation();
        checks.name(validation, "name", newName);
        validation.throwIfInvalid();
        Instant now = clock.instant();
        String copyId = UUID.randomUUID().toString();
        Connector copy = connectors.create(new Connector(copyId, newName.trim(), source.typeId(),
                source.description(), source.settings(), resealed(source, copyId), now, now));
        try {
            for (ScheduledTask task : tasks.listScheduled(source.id())) {
                tasks.createScheduled(new ScheduledTask(UUID.randomUUID().toString(), copy.id(), task.name(), false,
                        task.schedule(), task.mode(), task.settings(), task.remoteTemplate(), task.remoteFolder(),
                        task.mapping(), task.removal(), task.failureCard(), now, now));
            }
            for (EventTask task : tasks.listEvent(source.id())) {
                tasks.createEvent(new EventTask(UUID.randomUUID().toString(), copy.id(), task.name(),
                        task.localTemplate(), task.localFolder(), task.remoteTemplate(), task.remoteFolder(),
                        task.mapping(), List.of(), now, now));
            }
        } catch (RuntimeException e) {
            connectors.delete(copy.id());
            throw e;
        }
        LOG.info("Connector '{}' copied to '{}'", source.name(), copy.name());
        return view(copy);
    }

    @Override
    public List<TemplateInfo> schemaTemplates(String idOrName, InstanceSide side) {
        Connector connector = require(idOrName);
        if (side == InstanceSide.LOCAL) {
            return local.gateway().templates();
        }
        try (Connection connection = connections.open(connector.id())) {
            return connection.remote().templates();
        }
    }

    @Override
    public TemplateSchema schemaTemplate(String idOrName, InstanceSide side, String templateCode) {
        Connector connector = require(idOrName);
        if (templateCode == null || templateCode.isBlank()) {
            throw new NotFoundException("no template named");
        }
        if (side == InstanceSide.LOCAL) {
            return local.gateway().template(templateCode.trim());
        }
        try (Connection connection = connections.open(connector.id())) {
            return connection.remote().template(templateCode.trim());
        }
    }

    private Connector require(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            throw new NotFoundException("no connector named");
        }
        return connectors.find(idOrName)
                .or(() -> connectors.findByName(idOrName))
                .orElseThrow(() -> new NotFoundException("connector '" + idOrName + "' does not exist"));
    }

    /** The source's secrets sealed again for the copy: a sealed value opens only for the connector it was sealed for. */
    private Map<String, String> resealed(Connector source, String copyId) {
        Optional<ConnectorType> type = types.find(source.typeId());
        Map<String, String> sealed = new LinkedHashMap<>();
        source.sealedSecrets().forEach((key, value) -> {
            String origin = secrets.boundOrigin(value).orElseGet(() -> type
                    .flatMap(t -> SecretOrigins.of(t, key, source.settings())).orElse(""));
            sealed.put(key, secrets.seal(new SecretAddress(copyId, key, origin),
                    secrets.unseal(source.id(), key, value)));
        });
        return sealed;
    }

    private ConnectorView view(Connector connector) {
        return view(connector, alerted());
    }

    /** The ids of the connectors and tasks with an open alert; none while the alerts are not running. */
    private Set<String> alerted() {
        AlertManager currentAlerts = alerts;
        if (currentAlerts == null) {
            return Set.of();
        }
        try {
            return currentAlerts.subjectsWithOpenAlerts();
        } catch (RuntimeException e) {
            LOG.debug("Open alerts unknown, the status leaves them out: {}", e.getMessage());
            return Set.of();
        }
    }

    private ConnectorView view(Connector connector, Set<String> alerted) {
        List<ScheduledTask> scheduled = tasks.listScheduled(connector.id());
        int eventTasks = tasks.listEvent(connector.id()).size();
        return new ConnectorView(connector.id(), connector.name(), connector.typeId(), connector.description(),
                withDefaults(connector), connector.secretsSet(), status(connector, scheduled, alerted),
                scheduled.size(),
                eventTasks, connector.createdAt(), connector.updatedAt());
    }

    /** The settings in effect: a setting its type added after the connector was saved shows its default. */
    private Map<String, String> withDefaults(Connector connector) {
        Map<String, String> effective = new LinkedHashMap<>(connector.settings());
        types.find(connector.typeId()).ifPresent(type -> type.settings().stream()
                .filter(setting -> !setting.secret() && setting.defaultValue() != null)
                .forEach(setting -> effective.putIfAbsent(setting.key(), setting.defaultValue())));
        return effective;
    }

    /**
     * FAILING when a task's last run failed; WARNING when one completed with errors or the connector or one of its
     * tasks has an open alert; OK when the tasks ran fine.
     */
    private ConnectorStatus status(Connector connector, List<ScheduledTask> scheduled, Set<String> alerted) {
        if (types.find(connector.typeId()).isEmpty()) {
            return ConnectorStatus.TYPE_NOT_INSTALLED;
        }
        if (scheduled.isEmpty()) {
            return ConnectorStatus.NO_SCHEDULED_TASK;
        }
        boolean anyRun = false;
        boolean warning = alerted.contains(connector.id());
        for (ScheduledTask task : scheduled) {
            Optional<Run> latest = runs.latest(task.id());
            warning |= alerted.contains(task.id());
            if (latest.isPresent()) {
                anyRun = true;
                RunStatus status = latest.get().status();
                if (status == RunStatus.ERROR || status == RunStatus.INTERRUPTED) {
                    return ConnectorStatus.FAILING;
                }
                warning |= status == RunStatus.COMPLETED_WITH_ERRORS;
            }
        }
        if (warning) {
            return ConnectorStatus.WARNING;
        }
        return anyRun ? ConnectorStatus.OK : ConnectorStatus.NEVER_RUN;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
