package io.cardlink.engine.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.ConflictException;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.Validation;
import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.FolderInfo;
import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.CardMatch;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.FullRead;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.connector.TaskSettingDescriptor;
import io.cardlink.api.connector.WriteOutcome;
import io.cardlink.api.scheduler.RunAdmission;
import io.cardlink.api.scheduler.SchedulerNode;
import io.cardlink.api.scheduler.SchedulerSnapshot;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.service.TaskCache;
import io.cardlink.api.store.ConnectorStore;
import io.cardlink.api.orchestration.WorkflowReference;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.store.WorkflowReferenceStore;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.mapping.internal.DefaultMappingEngine;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/** In-memory stand-ins for the services the task manager uses, built on the api interfaces only. */
final class TaskFakes {
    private TaskFakes() {
    }

    static DefaultMappingEngine mappingEngine() {
        return new DefaultMappingEngine(new DefaultMappingEngine.Config() {
            @Override
            public String legacyTimeZone() {
                return "UTC";
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return DefaultMappingEngine.Config.class;
            }
        });
    }

    static TemplateSchema template(String code, List<String> folders, AttributeSchema... attributes) {
        Map<String, AttributeSchema> byCode = new LinkedHashMap<>();
        Arrays.stream(attributes).forEach(a -> byCode.put(a.code(), a));
        return new TemplateSchema(code, code, folders.stream().map(f -> new FolderInfo(f, f)).toList(), byCode);
    }

    static AttributeSchema attribute(String code, AttributeType type) {
        return new AttributeSchema(code, code, type, false, false, List.of(), List.of());
    }

    /** The incident template as both emulator instances have it. */
    static TemplateSchema incident() {
        return template("incident", List.of("incident_management"),
                attribute("efecte_id", AttributeType.STRING),
                attribute("subject", AttributeType.STRING),
                attribute("description", AttributeType.STRING),
                new AttributeSchema("status", "Status", AttributeType.STATIC_VALUE, false, false,
                        List.of(new StaticChoice("new", "01 - New"), new StaticChoice("removed", "99 - Removed")),
                        List.of()),
                attribute("priority", AttributeType.NUMBER),
                attribute("due_date", AttributeType.DATE),
                new AttributeSchema("attachments", "Attachments", AttributeType.EXTERNAL_REFERENCE, true, true,
                        List.of(), List.of()),
                new AttributeSchema("worklog", "Worklog", AttributeType.WORKLOG, true, false, List.of(), List.of()),
                attribute("cardlink_task_id", AttributeType.STRING),
                attribute("source_key", AttributeType.STRING));
    }

    static TemplateSchema syncFailure() {
        return template("sync_failure", List.of("integration"), attribute("message", AttributeType.STRING),
                attribute("task", AttributeType.STRING));
    }

    /** A refusal by an instance, such as a 400 for a filter it can't parse. */
    static final class Refused extends CardlinkException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    static final class Gateway implements InstanceGateway {
        final Map<String, TemplateSchema> templates = new LinkedHashMap<>();
        final List<ReadRequest> reads = new ArrayList<>();
        boolean down;

        Gateway(TemplateSchema... schemas) {
            for (TemplateSchema schema : schemas) {
                templates.put(schema.code(), schema);
            }
        }

        @Override
        public EndpointCheck check() {
            return new EndpointCheck("fake", EndpointCheck.Result.OK, "ok", 0);
        }

        @Override
        public List<TemplateInfo> templates() {
            return templates.values().stream().map(t -> new TemplateInfo(t.code(), t.name())).toList();
        }

        @Override
        public TemplateSchema template(String templateCode) {
            if (down) {
                throw new UnavailableException("connection refused");
            }
            TemplateSchema schema = templates.get(templateCode);
            if (schema == null) {
                throw new NotFoundException("no template '" + templateCode + "'");
            }
            return schema;
        }

        /** A filter containing "((" is refused as the instance refuses a syntax error. */
        @Override
        public CardCursor read(ReadRequest request) {
            reads.add(request);
            String filter = request.taskSettings().get(Type.FILTER);
            if (filter != null && filter.contains("((")) {
                throw new Refused("EQL syntax error at position 1");
            }
            return CardCursor.of(List.of());
        }

        @Override
        public List<WriteOutcome> upsert(String templateCode, List<DataCard> cards) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String create(String templateCode, DataCard card) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(String templateCode, String id, DataCard changes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String templateCode, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CardCursor readChanged(ReadRequest request, String since) {
            return read(request);
        }

        @Override
        public CardCursor find(ReadRequest request, CardMatch match) {
            return read(request);
        }

        @Override
        public String changeMark(DataCard card) {
            return null;
        }

        @Override
        public Comparator<String> markOrder() {
            return Comparator.naturalOrder();
        }

        @Override
        public long downloadFile(String templateCode, String id, String attributeCode, String location, Path target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void uploadFile(String templateCode, String id, String attributeCode, String fileName, Path file) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * A type whose scheduled tasks take a filter, as a query language the remote instance reads (and refuses when it
     * can't), and when asked a required region.
     */
    static final class Type implements ConnectorType {
        static final String FILTER = "filter";
        static final String REGION = "region";
        final Set<Capability> capabilities = EnumSet.allOf(Capability.class);
        boolean regionRequired;
        final Gateway remote;
        final Gateway local;
        int openConnections;

        Type(Gateway remote, Gateway local) {
            this.remote = remote;
            this.local = local;
        }

        @Override
        public String id() {
            return "fake";
        }

        @Override
        public String displayName() {
            return "Fake";
        }

        @Override
        public List<SettingDescriptor> settings() {
            return List.of();
        }

        @Override
        public Class<? extends FarSide> farSide() {
            return FarSideSubset.classOf(capabilities);
        }

        @Override
        public List<TaskSettingDescriptor> taskSettings() {
            List<TaskSettingDescriptor> settings = new ArrayList<>(List.of(new TaskSettingDescriptor(FILTER,
                    "Filter", TaskSettingDescriptor.Kind.FILTER, false, null, "Which remote cards to read")));
            if (regionRequired) {
                settings.add(new TaskSettingDescriptor(REGION, "Region", TaskSettingDescriptor.Kind.TEXT, true, null,
                        "Where the cards are"));
            }
            return settings;
        }

        @Override
        public List<FieldProblem> validateTaskSettings(String templateCode, String folderCode,
                Map<String, String> settings, FarSide remote) {
            if (!(remote instanceof FullRead reader) || !settings.containsKey(FILTER)) {
                return List.of();
            }
            try (CardCursor cursor = reader.read(new ReadRequest(templateCode, folderCode, settings, List.of()))) {
                return List.of();
            } catch (Refused e) {
                return List.of(new FieldProblem("settings." + FILTER, "the remote instance refused the filter: "
                        + e.getMessage()));
            }
        }

        @Override
        public Connection connect(ConnectionConfig config) {
            openConnections++;
            return new Connection() {
                @Override
                public FarSide remote() {
                    return FarSideSubset.of(remote, capabilities);
                }

                @Override
                public void close() {
                    openConnections--;
                }
            };
        }
    }

    static ConnectorTypeRegistry registry(ConnectorType type) {
        return new ConnectorTypeRegistry() {
            @Override
            public Optional<ConnectorType> find(String typeId) {
                return type.id().equals(typeId) ? Optional.of(type) : Optional.empty();
            }

            @Override
            public List<ConnectorType> installed() {
                return List.of(type);
            }
        };
    }

    /**
     * Workflow references as the real stores keep them: declared with a task's save, used with an operation; each
     * with its first and last use and count.
     */
    static final class References implements WorkflowReferenceStore {
        record Row(String connectorId, String taskId, String workflow, Instant firstUsedAt, Instant lastUsedAt,
                long useCount) {
        }

        final Map<String, Row> rows = new LinkedHashMap<>();
        final Map<String, String> taskNames = new LinkedHashMap<>();

        synchronized void declare(EventTask task, Instant at) {
            taskNames.put(task.id(), task.name());
            for (String workflow : task.workflowReferences()) {
                rows.putIfAbsent(task.id() + "/" + workflow, new Row(task.connectorId(), task.id(), workflow, at, at, 0));
            }
        }

        synchronized void use(String connectorId, String taskId, String workflow, Instant at) {
            Row row = rows.get(taskId + "/" + workflow);
            rows.put(taskId + "/" + workflow, row == null ? new Row(connectorId, taskId, workflow, at, at, 1)
                    : new Row(connectorId, taskId, workflow, row.firstUsedAt(), at, row.useCount() + 1));
        }

        synchronized List<String> names(String taskId) {
            return rows.values().stream().filter(r -> r.taskId().equals(taskId)).map(Row::workflow).toList();
        }

        synchronized void forget(String taskId) {
            rows.values().removeIf(r -> r.taskId().equals(taskId));
        }

        @Override
        public synchronized List<WorkflowReference> forTask(String taskId, Instant staleBefore) {
            return rows.values().stream().filter(r -> r.taskId().equals(taskId))
                    .sorted(Comparator.comparing(Row::lastUsedAt).reversed())
                    .map(r -> reference(r, staleBefore)).toList();
        }

        @Override
        public synchronized List<WorkflowReference> forConnector(String connectorId, Instant staleBefore) {
            return rows.values().stream().filter(r -> r.connectorId().equals(connectorId))
                    .map(r -> reference(r, staleBefore)).toList();
        }

        private WorkflowReference reference(Row r, Instant staleBefore) {
            return new WorkflowReference(r.connectorId(), r.taskId(), taskNames.get(r.taskId()), r.workflow(),
                    r.firstUsedAt(), r.lastUsedAt(), r.useCount(), r.lastUsedAt().isBefore(staleBefore));
        }
    }

    /** Keeps names unique within a connector across both kinds, as the real store does. */
    static final class Tasks implements TaskStore {
        final Map<String, ScheduledTask> scheduled = new LinkedHashMap<>();
        final Map<String, EventTask> event = new LinkedHashMap<>();
        final References references = new References();
        /** When saves declare their workflow references. */
        Instant now = Instant.now();

        private void claim(String id, String connectorId, String name) {
            boolean taken = Stream.concat(
                    scheduled.values().stream().filter(t -> !t.id().equals(id))
                            .map(t -> t.connectorId() + "/" + t.name()),
                    event.values().stream().filter(t -> !t.id().equals(id)).map(t -> t.connectorId() + "/" + t.name()))
                    .anyMatch((connectorId + "/" + name)::equals);
            if (taken) {
                throw new ConflictException("a task named '" + name + "' already exists in this connector");
            }
        }

        @Override
        public ScheduledTask createScheduled(ScheduledTask task) {
            String id = UUID.randomUUID().toString();
            claim(id, task.connectorId(), task.name());
            ScheduledTask saved = new ScheduledTask(id, task.connectorId(), task.name(), task.enabled(),
                    task.schedule(), task.mode(), task.settings(), task.remoteTemplate(), task.remoteFolder(),
                    task.mapping(), task.removal(), task.failureCard(), Instant.EPOCH, Instant.EPOCH);
            scheduled.put(id, saved);
            return saved;
        }

        @Override
        public ScheduledTask updateScheduled(ScheduledTask task) {
            claim(task.id(), task.connectorId(), task.name());
            scheduled.put(task.id(), task);
            return task;
        }

        @Override
        public Optional<ScheduledTask> findScheduled(String id) {
            return Optional.ofNullable(scheduled.get(id));
        }

        @Override
        public List<ScheduledTask> listScheduled(String connectorId) {
            return scheduled.values().stream().filter(t -> t.connectorId().equals(connectorId)).toList();
        }

        @Override
        public List<ScheduledTask> listAllScheduled() {
            return List.copyOf(scheduled.values());
        }

        @Override
        public boolean deleteScheduled(String id) {
            return scheduled.remove(id) != null;
        }

        @Override
        public EventTask createEvent(EventTask task) {
            String id = UUID.randomUUID().toString();
            claim(id, task.connectorId(), task.name());
            EventTask saved = new EventTask(id, task.connectorId(), task.name(), task.localTemplate(),
                    task.localFolder(), task.remoteTemplate(), task.remoteFolder(), task.mapping(), List.of(),
                    Instant.EPOCH, Instant.EPOCH);
            event.put(id, saved);
            references.declare(saved.withWorkflowReferences(task.workflowReferences()), now);
            return findEvent(id).orElseThrow();
        }

        @Override
        public EventTask updateEvent(EventTask task) {
            claim(task.id(), task.connectorId(), task.name());
            event.put(task.id(), task.withWorkflowReferences(List.of()));
            references.declare(task, now);
            return findEvent(task.id()).orElseThrow();
        }

        @Override
        public Optional<EventTask> findEvent(String id) {
            return Optional.ofNullable(event.get(id)).map(t -> t.withWorkflowReferences(references.names(id)));
        }

        @Override
        public List<EventTask> listEvent(String connectorId) {
            return event.values().stream().filter(t -> t.connectorId().equals(connectorId))
                    .map(t -> t.withWorkflowReferences(references.names(t.id()))).toList();
        }

        @Override
        public List<EventTask> listAllEvent() {
            return event.values().stream().map(t -> t.withWorkflowReferences(references.names(t.id()))).toList();
        }

        @Override
        public boolean deleteEvent(String id) {
            references.forget(id);
            return event.remove(id) != null;
        }
    }

    /** Records what it was asked to schedule; a cron expression "bad" is invalid. */
    static final class Scheduler implements TaskScheduler {
        final Map<String, ScheduledTask> triggers = new LinkedHashMap<>();
        final List<Schedule> previewed = new ArrayList<>();
        int maxConcurrentRuns = 4;
        final Map<String, Instant> nextFire = new LinkedHashMap<>();

        @Override
        public void schedule(ScheduledTask task) {
            if (task.enabled()) {
                triggers.put(task.id(), task);
            } else {
                triggers.remove(task.id());
            }
        }

        @Override
        public boolean unschedule(String taskId) {
            return triggers.remove(taskId) != null;
        }

        @Override
        public List<SchedulerNode> nodes() {
            return List.of(new SchedulerNode("node-1", Instant.now(), Duration.ofSeconds(15), true));
        }

        @Override
        public RunAdmission runNow(String taskId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RunAdmission runNow(String taskId, boolean dryRun) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean stop(String taskId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isRunning(String taskId) {
            return false;
        }

        @Override
        public Optional<Instant> nextFireTime(String taskId) {
            return Optional.ofNullable(nextFire.get(taskId));
        }

        @Override
        public List<FieldProblem> validateSchedule(Schedule schedule) {
            return "bad".equals(schedule.cron()) ? List.of(new FieldProblem("schedule.cron", "not a valid Quartz"
                    + " cron expression")) : List.of();
        }

        /** Validates as {@link #validateSchedule}, records the schedule, then answers one run per interval from now. */
        @Override
        public List<Instant> nextRuns(Schedule schedule, int count) {
            new Validation().addAll(validateSchedule(schedule)).throwIfInvalid();
            previewed.add(schedule);
            Instant now = Instant.now();
            long seconds = schedule.intervalSeconds() == null ? 60 : schedule.intervalSeconds();
            return LongStream.rangeClosed(1, count).mapToObj(i -> now.plusSeconds(seconds * i)).toList();
        }

        @Override
        public SchedulerSnapshot snapshot() {
            return new SchedulerSnapshot(maxConcurrentRuns, List.of(), List.of());
        }
    }

    static final class Cache implements TaskCache {
        final List<String> cleared = new ArrayList<>();

        @Override
        public long clear(String taskId) {
            cleared.add(taskId);
            return 1;
        }

        @Override
        public long clearAll() {
            throw new UnsupportedOperationException();
        }
    }
}
