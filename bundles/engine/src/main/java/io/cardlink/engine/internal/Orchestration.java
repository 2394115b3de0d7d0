package io.cardlink.engine.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.SecretKeyUnavailableException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.Validation;
import io.cardlink.api.ValidationException;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.api.card.WorklogValue;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.CardMatch;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.mapping.MappingProblem;
import io.cardlink.api.mapping.MappingResult;
import io.cardlink.api.orchestration.EventTarget;
import io.cardlink.api.orchestration.HeldCard;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationRequest;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.orchestration.OrchestrationService;
import io.cardlink.api.store.ConnectorStore;
import io.cardlink.api.store.OutboxStore;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.EventOperation;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Mapping;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestration endpoint's service. A request is checked first: its fields; with the instances when they answer
 * within {@link #CHECK_WITHIN}, the card against the local template and through the mapping to the remote template,
 * references resolved (a reference whose card the remote instance lacks fails the operation at once); then it is
 * committed to the outbox (one transaction, which also claims the operation for a worker of this node when one is
 * free and no earlier operation of the card waits), handed to that worker or the dispatcher is woken, and the
 * request waits for the outcome, within the bounds. A request that names the local card by id has it read from the
 * local instance first. A remote that is down does not hold a request up: its checks are left to the write.
 */
@Component(service = OrchestrationService.class)
public class Orchestration implements OrchestrationService {
    private static final Logger LOG = LoggerFactory.getLogger(Orchestration.class);

    static final int MAX_TEXT = 200;
    /** How long a request's checks may take; past it the request is stored and its write checks the card. */
    static final Duration CHECK_WITHIN = Duration.ofSeconds(5);
    /** How long the checks leave a remote alone that did not answer in time. */
    static final Duration REMOTE_QUIET = Duration.ofSeconds(30);
    /** As many as callers that commonly call at once: a check waiting for a thread holds its request up. */
    private static final int CHECK_THREADS = 32;
    private static final int CHECK_QUEUE = 64;
    /** Matrix42 card ids are numbers; anything else can't name a card. */
    private static final Pattern CARD_ID = Pattern.compile("[0-9]{1,19}");

    private final OutboxStore outbox;
    private final TaskStore tasks;
    private final ConnectorStore connectors;
    private final OutboxDispatcher dispatcher;
    private final TypeCapabilities capabilities;
    private final Clock clock;
    private final Semaphore waitingCallers;
    private final ThreadPoolExecutor checks;
    private final Map<String, Instant> remoteQuietUntil = new ConcurrentHashMap<>();

    @Activate
    public Orchestration(@Reference OutboxStore outbox, @Reference TaskStore tasks,
            @Reference ConnectorStore connectors, @Reference ConnectorTypeRegistry types,
            @Reference OutboxDispatcher dispatcher) {
        this(outbox, tasks, connectors, types, dispatcher, Clock.systemUTC());
    }

    Orchestration(OutboxStore outbox, TaskStore tasks, ConnectorStore connectors, ConnectorTypeRegistry types,
            OutboxDispatcher dispatcher, Clock clock) {
        this.outbox = outbox;
        this.tasks = tasks;
        this.connectors = connectors;
        this.dispatcher = dispatcher;
        this.capabilities = new TypeCapabilities(connectors, types);
        this.clock = clock;
        this.waitingCallers = new Semaphore(dispatcher.settings().maxWaitingCallers());
        AtomicInteger threads = new AtomicInteger();
        this.checks = new ThreadPoolExecutor(CHECK_THREADS, CHECK_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(CHECK_QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "cardlink-orchestration-check-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.checks.allowCoreThreadTimeOut(true);
    }

    @Deactivate
    void stop() {
        checks.shutdownNow();
    }

    /** A request checked and ready to store: the card to keep, its key, and why it fails at once if it does. */
    private record Prepared(DataCard card, String cardKey, String failure) {
    }

    @Override
    public Operation submit(String taskId, OperationRequest request, String submittedBy) {
        EventTask task = requireEventTask(taskId);
        // the request thread's lines carry the connector and task, and the operation's id once it has one
        try (LogContext caller = LogContext.operation(task.connectorId(), task.id(), null)) {
            validate(task, request);
            capabilities.refusal(task.connectorId(), request.operation()).ifPresent(problem -> {
                throw new ValidationException("operation", problem + "; event task '" + task.name() + "' can't "
                        + request.operation().name().toLowerCase(Locale.ROOT) + " cards");
            });
            String key = blankToNull(request.idempotencyKey());
            String fingerprint = fingerprint(request);
            Optional<Operation> repeated = outbox.repeated(task.id(), key, fingerprint);
            if (repeated.isPresent()) {
                return await(repeated.get(), request);
            }
            Prepared prepared = prepare(task, request);
            // a free worker's claim goes into the accept's transaction: the claim needs no transaction of its own
            OutboxStore.Claim claim = prepared.failure() == null ? dispatcher.reserve() : null;
            OutboxStore.Accepted accepted;
            try {
                accepted = outbox.accept(Operation.accepted(task.id(), task.connectorId(), request.operation(),
                        prepared.cardKey(), blankToNull(request.localCardId()), key, blankToNull(request.workflow()),
                        submittedBy, prepared.failure() == null ? OperationStatus.PENDING : OperationStatus.FAILED,
                        prepared.failure(), null), prepared.card(), fingerprint, claim);
            } catch (RuntimeException e) {
                if (claim != null) {
                    dispatcher.unreserve();
                }
                throw e;
            }
            Operation stored = accepted.operation();
            try (LogContext operation = LogContext.operation(task.connectorId(), task.id(), stored.id())) {
                if (accepted.claimed()) {
                    dispatcher.handReserved(new OutboxStore.Entry(stored, prepared.card()), task, claim);
                } else {
                    if (claim != null) {
                        // behind an earlier operation of its card, held, or a repeat
                        dispatcher.unreserve();
                    }
                    if (stored.status() == OperationStatus.PENDING) {
                        dispatcher.dispatch(stored.id());
                    }
                }
                if (stored.status() == OperationStatus.FAILED && prepared.failure() != null) {
                    LOG.info("Operation {} ({} for task {}) failed before it was queued: {}", stored.id(),
                            stored.operation(), stored.taskId(), stored.provisioningException());
                }
                return await(stored, request);
            }
        }
    }

    @Override
    public Operation get(String operationId) {
        return outbox.find(operationId)
                .orElseThrow(() -> new NotFoundException("no operation with id '" + operationId + "'"));
    }

    @Override
    public List<Operation> list(String taskId, OperationStatus status, int limit) {
        new Validation().check(limit >= 1 && limit <= 1000, "limit", "must be between 1 and 1000").throwIfInvalid();
        return outbox.listForTask(taskId, status, limit);
    }

    @Override
    public Operation replay(String operationId) {
        Operation replayed = outbox.replay(operationId, clock.instant());
        LOG.info("Operation {} of task {} replayed", replayed.id(), replayed.taskId());
        if (replayed.status() == OperationStatus.PENDING) {
            dispatcher.dispatch(replayed.id());
        }
        return replayed;
    }

    @Override
    public Operation discard(String operationId, String discardedBy) {
        Operation discarded = outbox.discard(operationId, discardedReason(discardedBy), clock.instant());
        LOG.info("Operation {} of task {} discarded by {}", discarded.id(), discarded.taskId(), discardedBy);
        dispatcher.wake();
        return discarded;
    }

    @Override
    public int replayDead(String taskId) {
        int replayed = outbox.replayDead(requireEventTask(taskId).id(), clock.instant());
        LOG.info("{} dead operation(s) of task {} replayed", replayed, taskId);
        dispatcher.wake();
        return replayed;
    }

    @Override
    public int discardAll(String taskId, OperationStatus status, String discardedBy) {
        new Validation().check(status == OperationStatus.DEAD || status == OperationStatus.HELD, "status",
                "only DEAD or HELD operations can be discarded").throwIfInvalid();
        int discarded = outbox.discardAll(requireEventTask(taskId).id(), status, discardedReason(discardedBy),
                clock.instant());
        LOG.info("{} {} operation(s) of task {} discarded by {}", discarded, status, taskId, discardedBy);
        dispatcher.wake();
        return discarded;
    }

    @Override
    public List<EventTarget> targets(String localTemplate) {
        Map<String, String> names = connectors.search(null).stream()
                .collect(Collectors.toMap(Connector::id, Connector::name));
        String wanted = blankToNull(localTemplate);
        return tasks.listAllEvent().stream()
                .filter(task -> wanted == null || wanted.equals(task.localTemplate()))
                .map(task -> new EventTarget(task.connectorId(), names.get(task.connectorId()), task.id(), task.name(),
                        task.localTemplate(), task.localFolder(), task.remoteTemplate(), task.remoteFolder(),
                        task.mapping()))
                .sorted(Comparator.comparing((EventTarget t) -> String.valueOf(t.connectorName()))
                        .thenComparing(EventTarget::taskName))
                .toList();
    }

    @Override
    public List<HeldCard> heldCards(String taskId) {
        return outbox.heldCards(taskId == null ? null : requireEventTask(taskId).id());
    }

    @Override
    public int release(String taskId, String cardKey, String releasedBy) {
        int released = outbox.releaseCard(requireEventTask(taskId).id(), cardKey, clock.instant());
        LOG.info("Loop guard: card '{}' of event task {} released by {}; {} held operation(s) go on", cardKey, taskId,
                releasedBy, released);
        dispatcher.wake();
        return released;
    }

    private EventTask requireEventTask(String taskId) {
        Optional<EventTask> task = taskId == null ? Optional.empty() : tasks.findEvent(taskId);
        if (task.isPresent()) {
            return task.get();
        }
        if (taskId != null && tasks.findScheduled(taskId).isPresent()) {
            throw new NotFoundException("task '" + taskId + "' is a scheduled task; orchestration requests run"
                    + " event tasks");
        }
        throw new NotFoundException("no event task with id '" + taskId + "'");
    }

    /** Every problem of a request's fields at once, by field; the card's own values are checked in prepare. */
    static void validate(EventTask task, OperationRequest request) {
        Validation validation = new Validation();
        if (request == null) {
            validation.add("body", "required: the operation, and the card or the local card's id");
            validation.throwIfInvalid();
        }
        validation.require("operation", request.operation());
        checkLength(validation, "idempotencyKey", request.idempotencyKey());
        checkLength(validation, "workflow", request.workflow());
        validation.check(request.waitSeconds() == null || request.waitSeconds() >= 0, "waitSeconds",
                "must be 0 or more (at most " + MAX_WAIT_SECONDS + " is waited)");
        DataCard card = request.card();
        String localCardId = blankToNull(request.localCardId());
        Mapping mapping = task.mapping();
        if (card != null && localCardId != null) {
            validation.add("localCardId", "send either the card's attributes or the local card's id, not both");
        } else if (localCardId == null && (card == null || card.attributes().isEmpty())) {
            validation.add("card", "required: the local card's attributes, or its id as localCardId");
        } else if (mapping == null || mapping.uniqueKeyAttribute() == null) {
            validation.add("card", "event task '" + task.name() + "' has no mapping with a unique key; fix the task");
        } else if (localCardId != null) {
            validation.check(CARD_ID.matcher(localCardId).matches(), "localCardId", "a card id is a number");
        } else {
            checkKey(validation, "card." + ReferenceLookup.keySource(mapping), card, mapping);
            card.attributes().forEach((code, values) -> validation.check(values.stream().noneMatch(
                    value -> value instanceof ExternalReferenceValue || value instanceof WorklogValue), "card." + code,
                    "attachments and worklogs cannot be written to the remote instance by an event task"));
        }
        validation.throwIfInvalid();
    }

    /** The card must hold exactly one value in the attribute that feeds the remote card's unique key. */
    private static void checkKey(Validation validation, String field, DataCard card, Mapping mapping) {
        List<Value> keys = card.values(ReferenceLookup.keySource(mapping));
        if (keys.isEmpty()) {
            validation.add(field, "required: the remote card's unique key '" + mapping.uniqueKeyAttribute()
                    + "' is mapped from it");
        } else if (keys.size() > 1) {
            validation.add(field, "must have one value: it feeds the unique key '" + mapping.uniqueKeyAttribute() + "'");
        } else if (keys.get(0).displayText() == null || keys.get(0).displayText().isBlank()) {
            validation.add(field, "must not be empty: it feeds the unique key '" + mapping.uniqueKeyAttribute() + "'");
        }
    }

    /**
     * Reads the named local card, then checks the card against what the instances say, skipping a check whose instance
     * can't be reached now (the write checks again): the local template's attributes, and the mapping to the remote
     * template with references resolved.
     */
    private Prepared prepare(EventTask task, OperationRequest request) {
        try {
            return prepareChecked(task, request);
        } catch (SecretKeyUnavailableException e) {
            // no retry brings the key back: the operation fails at once and the caller learns why
            DataCard card = request.card() != null ? request.card()
                    : DataCard.draft(task.localTemplate(), task.localFolder(), Map.of());
            return new Prepared(card, card.text(ReferenceLookup.keySource(task.mapping())), e.getMessage());
        }
    }

    private Prepared prepareChecked(EventTask task, OperationRequest request) {
        Mapping mapping = task.mapping();
        String keySource = ReferenceLookup.keySource(mapping);
        String localCardId = blankToNull(request.localCardId());
        DataCard card = localCardId == null ? request.card()
                : bounded(task, connection -> readLocal(task, localCardId, dispatcher.local().gateway()))
                        .orElseThrow(() -> new UnavailableException("the local instance did not give card '"
                                + localCardId + "' within " + CHECK_WITHIN.toSeconds() + " s; try again"));
        Validation validation = new Validation();
        if (localCardId == null) {
            bounded(task, connection -> dispatcher.eventMapping().schema(task.connectorId(), false,
                    dispatcher.local().gateway(), task.localTemplate())
                    .map(schema -> new LocalSchema(schema, dispatcher.local().gateway().instanceAttributes())))
                    .flatMap(Function.identity())
                    .ifPresent(schema -> checkAttributes(validation, card, schema));
        } else {
            checkKey(validation, "localCardId", card, mapping);
        }
        validation.throwIfInvalid();
        String cardKey = card.text(keySource);
        Instant quiet = remoteQuietUntil.get(task.connectorId());
        if (quiet != null && quiet.isAfter(clock.instant())) {
            // the remote did not answer a moment ago: the write checks the card when it can
            return new Prepared(card, cardKey, null);
        }
        Optional<Checked> checked = bounded(task, connection -> {
            EventMapping.Mapped mapped = dispatcher.eventMapping().map(task, card, connection,
                    dispatcher.local().gateway());
            TemplateSchema remote = dispatcher.eventMapping().schema(task.connectorId(), true, connection.remote(),
                    mapping.targetTemplate()).orElse(null);
            return new Checked(mapped, remote);
        });
        if (checked.isEmpty()) {
            remoteQuietUntil.put(task.connectorId(), clock.instant().plus(REMOTE_QUIET));
            return new Prepared(card, cardKey, null);
        }
        remoteQuietUntil.remove(task.connectorId());
        MappingResult result = checked.get().mapped().result();
        List<MappingProblem> problems = result.problems();
        if (result.succeeded() && (problems.isEmpty() || request.operation() == EventOperation.DELETE)) {
            return new Prepared(card, cardKey, null);
        }
        TemplateSchema remote = checked.get().remote();
        boolean onlyReferences = remote != null && checked.get().mapped().references().missing() > 0
                && problems.stream().allMatch(problem -> remote.attribute(problem.attribute())
                        .map(a -> a.type() == AttributeType.REFERENCE).orElse(false));
        if (onlyReferences) {
            // the request is well formed; the remote instance lacks a card it names
            return new Prepared(card, cardKey, "the card could not be mapped: " + OperationWriter.describe(problems));
        }
        Validation refused = new Validation();
        for (MappingProblem problem : problems) {
            refused.add(localCardId != null ? "localCardId" : "card." + source(mapping, problem.attribute()),
                    problem.attribute().equals(source(mapping, problem.attribute())) ? problem.reason()
                            : "to '" + problem.attribute() + "': " + problem.reason());
        }
        throw new ValidationException(refused.problems());
    }

    /** A card mapped by a request's check, with the remote template's schema. */
    private record Checked(EventMapping.Mapped mapped, TemplateSchema remote) {
    }

    /**
     * What a check through the connector's connection gives, or empty when an instance it needs can't be reached or
     * does not answer within {@link #CHECK_WITHIN} (the client's own retries can take minutes: a request is not kept
     * waiting for them), or when every checking thread is busy.
     */
    private <T> Optional<T> bounded(EventTask task, Function<Connection, T> check) {
        Future<T> running;
        try {
            running = checks.submit(() -> dispatcher.connections().with(task.connectorId(), check));
        } catch (RejectedExecutionException e) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(running.get(CHECK_WITHIN.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            running.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CardlinkException failure && failure.retryable()) {
                return Optional.empty();
            }
            if (cause instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * The local card with that id (in the trash too: a workflow may run as its card is removed), its attributes the
     * task reads; 400 when the local template has no such card.
     */
    private static DataCard readLocal(EventTask task, String id, InstanceGateway local) {
        ReadRequest read = ReadRequest.of(task.localTemplate(), task.localFolder(), List.of()).withRemoved();
        try (CardCursor cursor = local.find(read, CardMatch.ids(List.of(id)))) {
            while (cursor.hasNext()) {
                DataCard card = cursor.next();
                if (id.equals(card.id())) {
                    Set<String> mapped = new LinkedHashSet<>();
                    task.mapping().pairs().forEach(pair -> mapped.add(pair.source()));
                    mapped.add(ReferenceLookup.keySource(task.mapping()));
                    Map<String, List<Value>> attributes = new LinkedHashMap<>();
                    mapped.forEach(code -> {
                        if (card.attributes().containsKey(code)) {
                            attributes.put(code, card.attributes().get(code));
                        }
                    });
                    return new DataCard(card.id(), card.templateCode(), card.folderCode(), card.name(), false, false,
                            attributes);
                }
            }
        } catch (CardlinkException e) {
            if (e.retryable()) {
                throw e;
            }
            throw new ValidationException("localCardId", "the local instance did not give card '" + id + "' of"
                    + " template '" + task.localTemplate() + "': " + e.getMessage());
        }
        throw new ValidationException("localCardId", "the local instance has no card '" + id + "' in template '"
                + task.localTemplate() + "'" + (task.localFolder() == null ? "" : " and folder '" + task.localFolder()
                        + "'"));
    }

    /** A local template's schema and the attributes the local instance sets on every card itself. */
    private record LocalSchema(TemplateSchema template, Set<String> instanceAttributes) {
    }

    private static void checkAttributes(Validation validation, DataCard card, LocalSchema schema) {
        for (String code : card.attributes().keySet()) {
            if (!schema.instanceAttributes().contains(code) && schema.template().attribute(code).isEmpty()) {
                validation.add("card." + code, "local template '" + schema.template().code()
                        + "' has no attribute '" + code + "'");
            }
        }
    }

    /** The source attribute of the pair that writes a target attribute; the target itself when none does. */
    private static String source(Mapping mapping, String target) {
        return mapping.pairs().stream().filter(pair -> pair.target().equals(target)).map(AttributePair::source)
                .findFirst().orElse(target);
    }

    /**
     * The operation once it is no longer in progress, or as it stands after the wait the request asks for (the
     * configured one when it asks for none), capped; at once when as many requests wait as may.
     */
    private Operation await(Operation operation, OperationRequest request) {
        if (!operation.status().inProgress()) {
            return operation;
        }
        Duration wait = request.waitSeconds() == null ? dispatcher.settings().waitForOutcome()
                : OutboxSettings.capped(request.waitSeconds());
        if (wait.isZero() || !waitingCallers.tryAcquire()) {
            return operation;
        }
        try {
            return dispatcher.await(operation.id(), wait);
        } finally {
            waitingCallers.release();
        }
    }

    /** What identifies a request behind an idempotency key: the operation, the card or its id, and the workflow. */
    private String fingerprint(OperationRequest request) {
        String card = request.card() == null ? "" : dispatcher.eventMapping().engine().fingerprint(request.card());
        String text = request.operation() + "\u0000" + card + "\u0000" + blankToNull(request.localCardId()) + "\u0000"
                + blankToNull(request.workflow());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private String discardedReason(String by) {
        return "discarded by " + (by == null ? "an operator" : by) + " at " + clock.instant();
    }

    private static void checkLength(Validation validation, String field, String value) {
        validation.check(value == null || value.length() <= MAX_TEXT, field, "at most " + MAX_TEXT + " characters");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
