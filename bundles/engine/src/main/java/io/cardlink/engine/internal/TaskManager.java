package io.cardlink.engine.internal;

import io.cardlink.api.ConflictException;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.Validation;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.service.ConnectionProvider;
import io.cardlink.api.service.Saved;
import io.cardlink.api.service.ScheduledTaskRow;
import io.cardlink.api.service.TaskCache;
import io.cardlink.api.service.TaskService;
import io.cardlink.api.store.ConnectorStore;
import io.cardlink.api.store.RunStore;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Scheduled and event tasks: validates a whole draft (fields, then the instances through the connector's connection),
 * saves it in one store call, then keeps the scheduler's trigger and the task cache in step. The scheduler and the
 * cache may be absent (restarting, not installed): a save still succeeds and the scheduler picks up every task when
 * it starts.
 */
@Component(service = TaskService.class)
public class TaskManager implements TaskService {
    private static final String SCHEDULER_ABSENT = "the scheduler is not running; the task is scheduled when it starts";

    private final ConnectorStore connectors;
    private final TaskStore tasks;
    private final RunStore runs;
    private final TaskChecks checks;
    private final ScheduleAdvisor advisor;
    private final WorkflowReferenceManager references;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TaskScheduler scheduler;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TaskCache cache;

    /** Keeps the extract files; absent, the retention clean-up removes a removed task's files later. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SyncEngine engine;

    @Activate
    public TaskManager(@Reference ConnectorStore connectors, @Reference TaskStore tasks,
            @Reference ConnectionProvider connections, @Reference ConnectorTypeRegistry types,
            @Reference MappingEngine mappings, @Reference WorkflowReferenceManager references,
            @Reference RunStore runs, @Reference(service = LocalInstance.class) LocalSide local) {
        this.connectors = connectors;
        this.tasks = tasks;
        this.runs = runs;
        this.checks = new TaskChecks(connections, local, types, mappings, () -> scheduler);
        this.advisor = new ScheduleAdvisor(() -> scheduler, tasks, runs, Clock.systemUTC());
        this.references = references;
    }

    // ---- scheduled tasks

    @Override
    public List<ScheduledTask> listScheduled(String connector, String search) {
        if (search == null || search.isBlank()) {
            // no search over the list columns: no need to read the runs
            return tasks.listScheduled(requireConnector(connector).id());
        }
        return listScheduledRows(connector, search).stream().map(ScheduledTaskRow::task).toList();
    }

    @Override
    public List<ScheduledTaskRow> listScheduledRows(String connector, String search) {
        Connector owner = requireConnector(connector);
        Map<String, Run> latest = runs.latestStartedOfConnector(owner.id());
        TaskScheduler current = scheduler;
        List<ScheduledTaskRow> rows = tasks.listScheduled(owner.id()).stream().map(task -> {
            Run last = latest.get(task.id());
            return new ScheduledTaskRow(task, last == null ? null : status(last.extract()),
                    last == null ? null : status(last.load()),
                    current == null ? null : current.nextFireTime(task.id()).orElse(null));
        }).toList();
        return filter(rows, search, row -> {
            ScheduledTask task = row.task();
            return Stream.concat(Stream.of(task.name(), task.remoteTemplate(), task.remoteFolder(),
                    task.mode() == null ? null : task.mode().name(),
                    task.mapping() == null ? null : task.mapping().targetTemplate(),
                    task.enabled() ? "enabled" : "disabled",
                    row.lastExtractStatus() == null ? "never-run" : "extract:" + row.lastExtractStatus(),
                    row.lastLoadStatus() == null ? null : "load:" + row.lastLoadStatus()),
                    task.settings().values().stream());
        });
    }

    private static RunStatus status(Phase phase) {
        return phase == null ? null : phase.status();
    }

    @Override
    public ScheduledTask getScheduled(String connector, String task) {
        return requireScheduled(requireConnector(connector), task);
    }

    @Override
    public Saved<ScheduledTask> createScheduled(String connector, ScheduledTask draft) {
        Connector owner = requireConnector(connector);
        ScheduledTask task = normalized(draft, null, owner.id(), draft.name());
        List<String> warnings = new ArrayList<>();
        new Validation().addAll(checks.scheduled(owner, task, warnings)).throwIfInvalid();
        ScheduledTask saved = tasks.createScheduled(task);
        schedule(saved, warnings);
        advisor.advise(saved, warnings);
        return new Saved<>(saved, warnings);
    }

    @Override
    public Saved<ScheduledTask> updateScheduled(String connector, String task, ScheduledTask draft) {
        Connector owner = requireConnector(connector);
        ScheduledTask existing = requireScheduled(owner, task);
        ScheduledTask changed = normalized(draft, existing.id(), owner.id(), existing.name());
        List<String> warnings = new ArrayList<>();
        Validation validation = new Validation();
        checkNameUnchanged(validation, existing.name(), draft.name());
        validation.addAll(checks.scheduled(owner, changed, warnings)).throwIfInvalid();
        ScheduledTask saved = tasks.updateScheduled(changed);
        schedule(saved, warnings);
        advisor.advise(saved, warnings);
        if (readsDifferently(existing, saved)) {
            clearCache(saved.id(), warnings);
        }
        return new Saved<>(saved, warnings);
    }

    @Override
    public Saved<ScheduledTask> copyScheduled(String connector, String task, String newName) {
        Connector owner = requireConnector(connector);
        ScheduledTask original = requireScheduled(owner, task);
        Validation validation = new Validation();
        TaskChecks.checkName(validation, newName);
        validation.throwIfInvalid();
        // a copy starts disabled: two tasks writing the same cards on the same schedule is rarely what anyone wants
        ScheduledTask copy = new ScheduledTask(null, owner.id(), newName.trim(), false, original.schedule(),
                original.mode(), original.settings(), original.remoteTemplate(), original.remoteFolder(),
                original.mapping(), original.removal(), original.failureCard(), null, null);
        ScheduledTask saved = tasks.createScheduled(copy);
        List<String> warnings = new ArrayList<>();
        schedule(saved, warnings);
        return new Saved<>(saved, warnings);
    }

    @Override
    public void deleteScheduled(String connector, String task) {
        ScheduledTask existing = requireScheduled(requireConnector(connector), task);
        if (!tasks.deleteScheduled(existing.id())) {
            throw new NotFoundException("scheduled task '" + task + "' does not exist");
        }
        TaskScheduler current = scheduler;
        if (current != null) {
            current.unschedule(existing.id());
        }
        SyncEngine currentEngine = engine;
        if (currentEngine != null) {
            currentEngine.extracts().removeTask(existing.id());
        }
        TaskCache currentCache = cache;
        if (currentCache != null) {
            currentCache.clear(existing.id());
        }
    }

    @Override
    public List<FieldProblem> validateScheduled(String connectorId, ScheduledTask draft, List<String> warnings) {
        Connector owner = requireConnector(connectorId);
        return checks.scheduled(owner, normalized(draft, draft.id(), owner.id(), draft.name()), warnings);
    }

    @Override
    public List<Instant> nextRuns(Schedule schedule, int count) {
        TaskScheduler current = scheduler;
        if (current == null) {
            throw new UnavailableException("the scheduler is not running");
        }
        return current.nextRuns(normalized(schedule), count);
    }

    // ---- event tasks

    @Override
    public List<EventTask> listEvent(String connector, String search) {
        Connector owner = requireConnector(connector);
        return filter(references.live(owner.id(), tasks.listEvent(owner.id())), search,
                task -> Stream.concat(Stream.of(task.name(), task.localTemplate(), task.remoteTemplate(),
                        task.remoteFolder()), task.workflowReferences().stream()));
    }

    @Override
    public EventTask getEvent(String connector, String task) {
        return references.live(requireEvent(requireConnector(connector), task));
    }

    @Override
    public Saved<EventTask> createEvent(String connector, EventTask draft) {
        Connector owner = requireConnector(connector);
        EventTask task = normalized(draft, null, owner.id(), draft.name());
        List<String> warnings = new ArrayList<>();
        new Validation().addAll(checks.event(owner, task, warnings)).throwIfInvalid();
        return new Saved<>(references.live(tasks.createEvent(task)), warnings);
    }

    @Override
    public Saved<EventTask> updateEvent(String connector, String task, EventTask draft) {
        Connector owner = requireConnector(connector);
        EventTask existing = requireEvent(owner, task);
        EventTask changed = normalized(draft, existing.id(), owner.id(), existing.name());
        List<String> warnings = new ArrayList<>();
        Validation validation = new Validation();
        checkNameUnchanged(validation, existing.name(), draft.name());
        validation.addAll(checks.event(owner, changed, warnings)).throwIfInvalid();
        return new Saved<>(references.live(tasks.updateEvent(changed)), warnings);
    }

    @Override
    public Saved<EventTask> copyEvent(String connector, String task, String newName) {
        Connector owner = requireConnector(connector);
        EventTask original = requireEvent(owner, task);
        Validation validation = new Validation();
        TaskChecks.checkName(validation, newName);
        validation.throwIfInvalid();
        // the workflows that use the original call it by name; the copy is used by none of them yet
        EventTask copy = new EventTask(null, owner.id(), newName.trim(), original.localTemplate(),
                original.localFolder(), original.remoteTemplate(), original.remoteFolder(), original.mapping(),
                List.of(), null, null);
        return new Saved<>(tasks.createEvent(copy), List.of());
    }

    @Override
    public void deleteEvent(String connector, String task, boolean force) {
        EventTask existing = references.live(requireEvent(requireConnector(connector), task));
        if (existing.inUse() && !force) {
            throw new ConflictException("event task '" + existing.name() + "' is used by "
                    + existing.workflowReferences().size() + " workflow(s) within the last "
                    + references.staleAfter().toDays() + " days: " + String.join(", ", existing.workflowReferences())
                    + "; remove it with force to go ahead");
        }
        if (!tasks.deleteEvent(existing.id())) {
            throw new NotFoundException("event task '" + task + "' does not exist");
        }
    }

    @Override
    public List<FieldProblem> validateEvent(String connectorId, EventTask draft, List<String> warnings) {
        Connector owner = requireConnector(connectorId);
        return checks.event(owner, normalized(draft, draft.id(), owner.id(), draft.name()), warnings);
    }

    // ---- helpers

    private Connector requireConnector(String idOrName) {
        return requireConnector(connectors, idOrName);
    }

    /** A connector by id or name; {@link NotFoundException} when there is none. */
    static Connector requireConnector(ConnectorStore connectors, String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            throw new NotFoundException("no connector named");
        }
        return connectors.find(idOrName)
                .or(() -> connectors.findByName(idOrName))
                .orElseThrow(() -> new NotFoundException("connector '" + idOrName + "' does not exist"));
    }

    private ScheduledTask requireScheduled(Connector owner, String idOrName) {
        Optional<ScheduledTask> byId = idOrName == null ? Optional.empty()
                : tasks.findScheduled(idOrName).filter(t -> owner.id().equals(t.connectorId()));
        return byId.or(() -> tasks.listScheduled(owner.id()).stream()
                        .filter(t -> t.name().equals(idOrName)).findFirst())
                .orElseThrow(() -> new NotFoundException("connector '" + owner.name()
                        + "' has no scheduled task '" + idOrName + "'"));
    }

    private EventTask requireEvent(Connector owner, String idOrName) {
        return requireEvent(tasks, owner, idOrName);
    }

    /** An event task of the connector by id or name; {@link NotFoundException} when it has none. */
    static EventTask requireEvent(TaskStore tasks, Connector owner, String idOrName) {
        Optional<EventTask> byId = idOrName == null ? Optional.empty()
                : tasks.findEvent(idOrName).filter(t -> owner.id().equals(t.connectorId()));
        return byId.or(() -> tasks.listEvent(owner.id()).stream()
                        .filter(t -> t.name().equals(idOrName)).findFirst())
                .orElseThrow(() -> new NotFoundException("connector '" + owner.name() + "' has no event task '"
                        + idOrName + "'" + (tasks.listScheduled(owner.id()).stream().anyMatch(t -> t.name()
                                .equals(idOrName) || t.id().equals(idOrName)) ? "; '" + idOrName + "' is a scheduled"
                                        + " task, which reads from the remote instance" : "")));
    }

    private static void checkNameUnchanged(Validation validation, String existing, String given) {
        if (given != null && !given.isBlank() && !given.trim().equals(existing)) {
            validation.add("name", "can't change after creation (it is '" + existing + "'); copy the task to get"
                    + " one with another name");
        }
    }

    /** The draft as it will be saved: trimmed name, blank settings as none, the default removal threshold. */
    static ScheduledTask normalized(ScheduledTask draft, String id, String connectorId, String name) {
        RemovalPolicy removal = draft.removal();
        if (removal != null && removal.thresholdPercent() == 0) {
            removal = new RemovalPolicy(removal.statusAttribute(), removal.removedValue(),
                    RemovalPolicy.DEFAULT_THRESHOLD_PERCENT, removal.reactivateReturning());
        }
        return new ScheduledTask(id, connectorId, trim(name), draft.enabled(), normalized(draft.schedule()), draft.mode(),
                settingsGiven(draft.settings()), trim(draft.remoteTemplate()), trim(draft.remoteFolder()),
                draft.mapping(), removal, draft.failureCard(), null, null);
    }

    /** The task settings with a value: a blank one is a setting left out. */
    private static Map<String, String> settingsGiven(Map<String, String> settings) {
        Map<String, String> given = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (!value.isBlank()) {
                given.put(key, value);
            }
        });
        return given;
    }

    /** A schedule as it will be saved: a blank cron expression is none. */
    private static Schedule normalized(Schedule schedule) {
        return schedule != null && schedule.cron() != null && schedule.cron().isBlank()
                ? new Schedule(null, schedule.intervalSeconds()) : schedule;
    }

    /**
     * The draft as it will be saved: the mapping's target is always the remote template and folder; without a local
     * template, the local cards are of the remote template's code (as event tasks were before they named one).
     */
    static EventTask normalized(EventTask draft, String id, String connectorId, String name) {
        Mapping mapping = draft.mapping();
        String remoteTemplate = trim(draft.remoteTemplate());
        String remoteFolder = trim(draft.remoteFolder());
        String localTemplate = orElse(draft.localTemplate(), remoteTemplate);
        String localFolder = blankToNull(draft.localFolder());
        if (mapping != null) {
            mapping = new Mapping(orElse(mapping.targetTemplate(), remoteTemplate),
                    orElse(mapping.targetFolder(), remoteFolder), mapping.pairs(), mapping.taskIdAttribute(),
                    mapping.uniqueKeyAttribute(), blankToNull(mapping.taskNameAttribute()));
        }
        List<String> references = draft.workflowReferences().stream()
                .map(r -> r == null ? "" : r.trim()).distinct().toList();
        return new EventTask(id, connectorId, trim(name), localTemplate, localFolder, remoteTemplate, remoteFolder,
                mapping, references, null, null);
    }

    /** Whether the cards a task reads or how it maps them changed, so that the cached fingerprints are stale. */
    private static boolean readsDifferently(ScheduledTask before, ScheduledTask after) {
        return !Objects.equals(before.mapping(), after.mapping())
                || !Objects.equals(before.remoteTemplate(), after.remoteTemplate())
                || !Objects.equals(before.remoteFolder(), after.remoteFolder())
                || !Objects.equals(before.settings(), after.settings());
    }

    private void schedule(ScheduledTask task, List<String> warnings) {
        TaskScheduler current = scheduler;
        if (current == null) {
            warnings.add(SCHEDULER_ABSENT);
        } else {
            current.schedule(task);
        }
    }

    private void clearCache(String taskId, List<String> warnings) {
        TaskCache current = cache;
        if (current == null) {
            warnings.add("the task cache is not available; clear it when it is, so that every card is loaded again");
        } else {
            current.clear(taskId);
        }
    }

    private static <T> List<T> filter(List<T> all, String search, Function<T, Stream<String>> texts) {
        if (search == null || search.isBlank()) {
            return all;
        }
        String needle = search.trim().toLowerCase(Locale.ROOT);
        return all.stream()
                .filter(t -> texts.apply(t).anyMatch(text -> text != null
                        && text.toLowerCase(Locale.ROOT).contains(needle)))
                .toList();
    }

    private static String trim(String text) {
        return text == null ? null : text.trim();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
