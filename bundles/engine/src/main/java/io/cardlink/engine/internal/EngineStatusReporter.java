package io.cardlink.engine.internal;

import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.orchestration.HeldCard;
import io.cardlink.api.orchestration.OrchestrationService;
import io.cardlink.api.run.Run;
import io.cardlink.api.scheduler.SchedulerNode;
import io.cardlink.api.scheduler.SchedulerSnapshot;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.service.ComponentStatus;
import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.EngineStatus;
import io.cardlink.api.service.NodeStatus;
import io.cardlink.api.service.StatusService;
import io.cardlink.api.store.RunStore;
import io.cardlink.api.store.StoreHealth;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.ScheduledTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Reports the engine and the parts it depends on. It stays up while storage or connector types come and go, so
 * that the status page can say what is missing.
 */
@Component(service = StatusService.class)
public class EngineStatusReporter implements StatusService {
    static final String RUNNING = "running";
    static final String DEGRADED = "degraded";

    /** How much later than two check-in intervals a node's check-in may come before it shows as late. */
    static final Duration LATE_GRACE = Duration.ofSeconds(8);

    private final ConnectorTypeRegistry types;
    private final String version;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile StoreHealth storeHealth;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConnectorService connectorService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TaskScheduler scheduler;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Secrets secrets;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile LocalInstance localInstance;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile OrchestrationService orchestration;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile RunStore runStore;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TaskStore taskStore;

    @Activate
    public EngineStatusReporter(@Reference ConnectorTypeRegistry types, BundleContext context) {
        this(types, context.getBundle().getVersion().toString());
    }

    EngineStatusReporter(ConnectorTypeRegistry types, String version) {
        this(types, version, Clock.systemUTC());
    }

    EngineStatusReporter(ConnectorTypeRegistry types, String version, Clock clock) {
        this.types = types;
        this.version = version;
        this.clock = clock;
    }

    @Override
    public EngineStatus status() {
        List<ComponentStatus> components = new ArrayList<>();
        StoreHealth health = storeHealth;
        boolean reachable = health != null && health.reachable();
        String database = health == null ? null : health.database();
        components.add(health == null
                ? new ComponentStatus("storage", ComponentStatus.DOWN, "the storage bundle is not active")
                : new ComponentStatus("storage", reachable ? ComponentStatus.UP : ComponentStatus.DOWN,
                        reachable ? database : "the database does not answer"));
        components.add(connectorService == null
                ? new ComponentStatus("connector management", ComponentStatus.DOWN, "waiting for storage")
                : new ComponentStatus("connector management", ComponentStatus.UP, null));
        Secrets key = secrets;
        if (key != null) {
            components.add(key.status());
        }
        LocalInstance local = localInstance;
        components.add(local == null ? new ComponentStatus("local instance", ComponentStatus.DOWN,
                "waiting for storage and the secrets key") : local.status());
        TaskScheduler runs = scheduler;
        if (runs == null) {
            components.add(new ComponentStatus("scheduler", ComponentStatus.DOWN,
                    "the scheduler bundle is not active: scheduled tasks don't run"));
        } else {
            SchedulerSnapshot snapshot = runs.snapshot();
            components.add(new ComponentStatus("scheduler", ComponentStatus.UP, snapshot.running().size()
                    + " run(s) of at most " + snapshot.maxConcurrentRuns() + " running, "
                    + snapshot.waiting().size() + " waiting"));
        }
        heldCards().ifPresent(components::add);
        List<ConnectorType> installed = types.installed();
        if (installed.isEmpty()) {
            components.add(new ComponentStatus("connector types", ComponentStatus.DOWN, "none installed"));
        }
        for (ConnectorType type : installed) {
            components.add(new ComponentStatus("connector type " + type.id(), ComponentStatus.UP,
                    type.displayName()));
        }
        boolean allUp = components.stream().allMatch(c -> ComponentStatus.UP.equals(c.state()));
        return new EngineStatus(version, allUp ? RUNNING : DEGRADED, reachable, database, components,
                nodes(runs, clock.instant()));
    }

    /**
     * The scheduler's nodes with the tasks each runs (from the runs' records), and the nodes that run a task without
     * checking in (another node that is not clustered, or one that died in the middle of a run); what can't be read
     * now is left out.
     */
    List<NodeStatus> nodes(TaskScheduler runs, Instant now) {
        Map<String, List<String>> tasksByNode = new LinkedHashMap<>();
        RunStore store = runStore;
        if (store != null) {
            try {
                for (Run run : store.running()) {
                    tasksByNode.computeIfAbsent(run.node() == null ? "" : run.node(), n -> new ArrayList<>())
                            .add(taskName(run.taskId()));
                }
            } catch (RuntimeException e) {
                // the database is down: the storage component says so
            }
        }
        List<NodeStatus> nodes = new ArrayList<>();
        if (runs != null) {
            try {
                for (SchedulerNode node : runs.nodes()) {
                    // Quartz takes a node as dead once it missed its check-in by more than a grace period
                    boolean late = node.checkinInterval() != null
                            && node.lastCheckIn().plus(node.checkinInterval().multipliedBy(2)).plus(LATE_GRACE)
                                    .isBefore(now);
                    nodes.add(new NodeStatus(node.name(), node.lastCheckIn(), node.self(), late,
                            tasksByNode.remove(node.name())));
                }
            } catch (RuntimeException e) {
                // the check-ins can't be read now: the nodes that run something still show
            }
        }
        tasksByNode.forEach((node, tasks) -> nodes.add(new NodeStatus(node.isEmpty() ? null : node, null, false,
                false, tasks)));
        return nodes;
    }

    private String taskName(String taskId) {
        TaskStore tasks = taskStore;
        if (tasks == null) {
            return taskId;
        }
        try {
            return tasks.findScheduled(taskId).map(ScheduledTask::name).orElse(taskId);
        } catch (RuntimeException e) {
            return taskId;
        }
    }

    /** The loop guard, when it holds cards: the engine works, but those cards wait for an operator. */
    private Optional<ComponentStatus> heldCards() {
        OrchestrationService current = orchestration;
        if (current == null) {
            return Optional.empty();
        }
        try {
            List<HeldCard> held = current.heldCards(null);
            if (held.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ComponentStatus("loop guard", ComponentStatus.UP, held.size() + " card(s) held"
                    + " after too many writes in a row, the newest '" + held.get(0).cardKey() + "': " + held.get(0)
                            .reason()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
