package io.cardlink.scheduler.internal;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.scheduler.CacheMaintenance;
import io.cardlink.api.scheduler.RunAdmission;
import io.cardlink.api.scheduler.RunQueueListener;
import io.cardlink.api.scheduler.RunRequest;
import io.cardlink.api.scheduler.RunTrigger;
import io.cardlink.api.scheduler.SchedulerNode;
import io.cardlink.api.scheduler.SchedulerSnapshot;
import io.cardlink.api.scheduler.TaskRunner;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.simpl.SimpleThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TaskScheduler} on an embedded Quartz scheduler. Quartz holds one job per task, named by the task id and
 * carrying nothing else; when a trigger fires, the job hands the task id to the {@link RunDispatcher}, which runs it
 * through the engine's {@link TaskRunner}. When the task store is there, the scheduler restores every task's trigger
 * by itself. The jobs live in this node's memory, or, clustered ({@link ClusterConfig}), in the Cardlink database
 * ({@link JobStore}): then each fire happens on one node, a fired task job holds its Quartz thread until the run
 * ends so that the cluster never starts a scheduled run of a task that runs elsewhere, a job whose node died is
 * fired again on another node (it requests recovery), and Quartz starts off the activation thread, since it talks
 * to the database.
 */
// Immediate: triggers must fire whether or not anyone holds the service.
@Component(service = TaskScheduler.class, configurationPid = ClusterConfig.PID, immediate = true)
@Designate(ocd = ClusterConfig.class)
public final class QuartzTaskScheduler implements TaskScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(QuartzTaskScheduler.class);

    static final String INSTANCE_NAME = "cardlink";
    static final JobKey CACHE_CLEAR_JOB = JobKey.jobKey("cache-clear", "cardlink.maintenance");
    static final TriggerKey CACHE_CLEAR_TRIGGER = TriggerKey.triggerKey("cache-clear", "cardlink.maintenance");
    /** The cache clear hours the trigger was set for, in its data. */
    private static final String CACHE_CLEAR_HOURS = "hours";
    /** PostgreSQL's SQL state of a unique key violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** The group of the one-time triggers of run now in a cluster, named by their request id. */
    static final String RUN_NOW_GROUP = "cardlink.run-now";
    /** Quartz threads only hand fires over (runs execute on the dispatcher's workers), so a few are plenty. */
    private static final int QUARTZ_THREADS = 3;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    private static final Duration RESTORE_RETRY = Duration.ofSeconds(30);
    /** How often a run now waits to see whether the run of its task on another node has ended. */
    private static final Duration CLAIM_RETRY = Duration.ofSeconds(1);

    private final Clock clock;
    private final Function<CacheClearHours, ScheduleBuilder<? extends Trigger>> cacheClearSchedule;
    private final Duration restoreRetry;
    private final JobStore jobStore;
    private final RunDispatcher dispatcher;
    private final Scheduler quartz;
    private final ScheduledExecutorService restorer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "cardlink-scheduler-restore");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Serialises trigger changes; with {@link #lastChange} it keeps a restore from the store from undoing a change
     * that the engine made after the restore read the store.
     */
    private final Object triggerLock = new Object();
    private final AtomicLong changeCounter = new AtomicLong();
    private final Map<String, Long> lastChange = new ConcurrentHashMap<>();
    private volatile SchedulerSettings settings;
    private volatile CacheMaintenance cacheMaintenance;
    private volatile TaskStore taskStore;
    private volatile boolean closed;
    /** The Cardlink database, for the clustered job store; null while it is not there. */
    private final AtomicReference<DataSource> database = new AtomicReference<>();

    /**
     * The engine's settings service is the one reader of {@link EngineSettings#PID}; the scheduler starts on its
     * settings, and {@link #engineSettingsChanged} follows their changes.
     */
    @Activate
    public QuartzTaskScheduler(@Reference SettingsService engineSettings, ClusterConfig cluster) {
        this(SchedulerSettings.of(engineSettings.current(), null, QuartzTaskScheduler::configError),
                Clock.systemUTC(), QuartzTaskScheduler::cacheClearCron, RESTORE_RETRY,
                jobStore(engineSettings.current().nodeId(), cluster));
    }

    QuartzTaskScheduler(SchedulerSettings settings, Clock clock,
            Function<CacheClearHours, ScheduleBuilder<? extends Trigger>> cacheClearSchedule, Duration restoreRetry) {
        this(settings, clock, cacheClearSchedule, restoreRetry, JobStore.inMemory(EngineSettings.defaultNodeId()));
    }

    QuartzTaskScheduler(SchedulerSettings settings, Clock clock,
            Function<CacheClearHours, ScheduleBuilder<? extends Trigger>> cacheClearSchedule, Duration restoreRetry,
            JobStore jobStore) {
        this.settings = settings;
        this.clock = clock;
        this.cacheClearSchedule = cacheClearSchedule;
        this.restoreRetry = restoreRetry;
        this.jobStore = jobStore;
        this.dispatcher = new RunDispatcher(settings.maxConcurrentRuns(), clock);
        this.quartz = createQuartz(new CardlinkJobFactory(new TaskFireJob(dispatcher),
                new ClusteredTaskFireJob(dispatcher, new TaskClaims(database::get, CLAIM_RETRY), () -> closed),
                new CacheClearJob(() -> cacheMaintenance)));
        if (jobStore.clustered()) {
            restorer.execute(this::startClustered);
            return;
        }
        try {
            quartz.start();
            scheduleCacheClearing(settings.cacheClearHours());
        } catch (SchedulerException | RuntimeException e) {
            shutdownQuartz();
            dispatcher.close(Duration.ZERO);
            throw e instanceof RuntimeException r ? r : unavailable((SchedulerException) e);
        }
    }

    /**
     * Starts a clustered Quartz, which checks in to the database, and sets the cache clearing; retries on failure.
     * The database is tried first: a Quartz whose start failed half-way would not start again.
     */
    private void startClustered() {
        if (closed) {
            return;
        }
        try {
            // not started yet, or held in standby after a first check-in that failed
            if (quartz.isInStandbyMode()) {
                DataSource current = database.get();
                if (current == null) {
                    throw new UnavailableException("the Cardlink data source is not there yet");
                }
                createClusterLocks(current);
                quartz.start();
                if (!checkedIn(current)) {
                    // Quartz fires whether or not its first check-in worked, and recovers at its first check-in that
                    // works the fires it made before as a dead node's: runs twice and at once. Held until it is in.
                    quartz.standby();
                    throw new UnavailableException("node '" + jobStore.nodeId() + "' could not check in to the"
                            + " cluster; it fires nothing until it has");
                }
            }
            if (!cacheClearingSet(settings.cacheClearHours())) {
                scheduleCacheClearing(settings.cacheClearHours());
            }
            LOG.info("Scheduler clustered as node '{}' on the Cardlink database", jobStore.nodeId());
        } catch (SchedulerException | RuntimeException e) {
            if (closed) {
                return;
            }
            LOG.warn("The clustered scheduler could not start on the Cardlink database ({}); trying again in {} s",
                    e.getMessage(), restoreRetry.toSeconds());
            restorer.schedule(this::startClustered, restoreRetry.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Makes sure the rows Quartz locks exist. Quartz inserts a missing one when it first takes the lock, and two
     * nodes starting at once on a new database would both insert it: the one that loses fails its first check-in.
     */
    private static void createClusterLocks(DataSource database) {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO QRTZ_LOCKS (SCHED_NAME, LOCK_NAME)"
                        + " SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM QRTZ_LOCKS WHERE SCHED_NAME = ? AND"
                        + " LOCK_NAME = ?)")) {
            connection.setAutoCommit(true);
            for (String lock : JobStore.CLUSTER_LOCKS) {
                insert.setString(1, INSTANCE_NAME);
                insert.setString(2, lock);
                insert.setString(3, INSTANCE_NAME);
                insert.setString(4, lock);
                try {
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new UnavailableException("the Cardlink database does not answer: " + e.getMessage(), e);
        }
    }

    /** Whether this node's check-in is in the database. */
    private boolean checkedIn(DataSource database) {
        return nodes(database).stream().anyMatch(SchedulerNode::self);
    }

    /** The job store the cluster configuration asks for, for this node. */
    static JobStore jobStore(String node, ClusterConfig cluster) {
        if (!cluster.clustered()) {
            return JobStore.inMemory(node);
        }
        return JobStore.clustered(node, Duration.ofSeconds(Math.max(1, cluster.checkinIntervalSeconds())));
    }

    /** The Cardlink database comes and goes with the storage feature; the clustered job store uses it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(osgi.jndi.service.name=cardlink)",
            unbind = "unbindDataSource")
    void bindDataSource(DataSource dataSource) {
        database.set(dataSource);
    }

    void unbindDataSource(DataSource dataSource) {
        database.compareAndSet(dataSource, null);
    }

    /**
     * Quartz loads its job store and thread pool by class name: the context class loader is this bundle's while it
     * initialises (its threads inherit it), and the classes are named through class literals so that bnd imports
     * their packages. Clustered, each node has a Quartz thread per run it may execute (a fired task job holds its
     * thread for the run) and one for the cache clearing.
     */
    private Scheduler createQuartz(CardlinkJobFactory jobFactory) {
        Properties properties = new Properties();
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, INSTANCE_NAME);
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_JMX_EXPORT, "false");
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_RMI_EXPORT, "false");
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
        properties.setProperty(
                StdSchedulerFactory.PROP_SCHED_SCHEDULER_THREADS_INHERIT_CONTEXT_CLASS_LOADER_OF_INITIALIZING_THREAD,
                "true");
        properties.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, SimpleThreadPool.class.getName());
        properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(jobStore.clustered()
                ? settings.maxConcurrentRuns() + 1 : QUARTZ_THREADS));
        properties.setProperty("org.quartz.threadPool.threadNamePrefix", "cardlink-quartz-" + jobStore.nodeId());
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        properties.setProperty("org.quartz.threadPool.threadsInheritContextClassLoaderOfInitializingThread", "true");
        jobStore.configure(properties, database::get);
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "60000");

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(QuartzTaskScheduler.class.getClassLoader());
        try {
            Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
            // Quartz's JVM-wide repository would hand this scheduler to the next one made under the same name, such
            // as a second node in one JVM (the clustered test): each QuartzTaskScheduler owns its own
            SchedulerRepository.getInstance().remove(INSTANCE_NAME);
            scheduler.setJobFactory(jobFactory);
            return scheduler;
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz could not be set up: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Bound right after construction and called again whenever the service's properties change, which they do with
     * each configuration the engine applies (Felix SCR calls an updated method only of a reference that has a bind
     * method, so this is a second reference to the service beside the constructor's).
     */
    @Reference(name = "engineSettingsChanges", updated = "engineSettingsChanged")
    void engineSettingsChanged(SettingsService engineSettings) {
        apply(engineSettings.current());
    }

    /** Applies new engine settings without a restart: the run limit at once, new hours to the clearing trigger. */
    synchronized void apply(EngineSettings engine) {
        SchedulerSettings previous = settings;
        SchedulerSettings next = SchedulerSettings.of(engine, previous, QuartzTaskScheduler::configError);
        settings = next;
        dispatcher.setLimit(next.maxConcurrentRuns());
        if (!next.cacheClearHours().equals(previous.cacheClearHours())) {
            scheduleCacheClearing(next.cacheClearHours());
        }
    }

    @Deactivate
    void deactivate() {
        closed = true;
        restorer.shutdownNow();
        shutdownQuartz();
        dispatcher.close(SHUTDOWN_GRACE);
    }

    private void shutdownQuartz() {
        try {
            quartz.shutdown(false);
        } catch (SchedulerException e) {
            LOG.warn("Quartz did not shut down cleanly", e);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindRunner")
    void bindRunner(TaskRunner runner) {
        dispatcher.setRunner(runner);
    }

    void unbindRunner(TaskRunner runner) {
        dispatcher.removeRunner(runner);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindQueueListener")
    void bindQueueListener(RunQueueListener listener) {
        dispatcher.addListener(listener);
    }

    void unbindQueueListener(RunQueueListener listener) {
        dispatcher.removeListener(listener);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCacheMaintenance")
    void bindCacheMaintenance(CacheMaintenance maintenance) {
        cacheMaintenance = maintenance;
    }

    void unbindCacheMaintenance(CacheMaintenance maintenance) {
        if (cacheMaintenance == maintenance) {
            cacheMaintenance = null;
        }
    }

    /** A (new) task store: restore every task's trigger from it, off the DS thread, retrying while it fails. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindTaskStore")
    void bindTaskStore(TaskStore store) {
        taskStore = store;
        restorer.execute(() -> restoreFrom(store));
    }

    void unbindTaskStore(TaskStore store) {
        if (taskStore == store) {
            taskStore = null;
        }
    }

    private void restoreFrom(TaskStore store) {
        if (closed || taskStore != store) {
            return;
        }
        long readAt = changeCounter.get();
        List<ScheduledTask> tasks;
        try {
            tasks = store.listAllScheduled();
        } catch (RuntimeException e) {
            LOG.warn("Could not read the scheduled tasks to restore their triggers ({}); trying again in {} s",
                    e.getMessage(), restoreRetry.toSeconds());
            restorer.schedule(() -> restoreFrom(store), restoreRetry.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        try {
            reconcile(tasks, readAt);
        } catch (UnavailableException e) {
            LOG.debug("Restoring triggers ended: {}", e.getMessage());
        }
    }

    /** Makes the triggers match the tasks read from the store, except where the engine changed them since. */
    private void reconcile(List<ScheduledTask> tasks, long readAt) {
        Set<String> known = new HashSet<>();
        int active = 0;
        synchronized (triggerLock) {
            for (ScheduledTask task : tasks) {
                known.add(task.id());
                if (changedSince(task.id(), readAt)) {
                    continue;
                }
                try {
                    apply(task);
                    active += task.enabled() ? 1 : 0;
                } catch (ValidationException e) {
                    LOG.error("Task {} ('{}') has an invalid schedule and does not fire: {}", task.id(),
                            task.name(), e.getMessage());
                    removeTrigger(task.id());
                }
            }
            for (JobKey key : taskJobKeys()) {
                if (!known.contains(key.getName()) && !changedSince(key.getName(), readAt)) {
                    removeTrigger(key.getName());
                }
            }
        }
        LOG.info("Restored the triggers of {} enabled scheduled task(s) of {}", active, tasks.size());
    }

    private boolean changedSince(String taskId, long readAt) {
        return lastChange.getOrDefault(taskId, -1L) > readAt;
    }

    @Override
    public void schedule(ScheduledTask task) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(task.id(), "task.id");
        synchronized (triggerLock) {
            lastChange.put(task.id(), changeCounter.incrementAndGet());
            apply(task);
        }
    }

    private void apply(ScheduledTask task) {
        Schedule schedule = task.schedule();
        if (task.enabled() || schedule != null) {
            List<FieldProblem> problems = TaskTriggers.validate(schedule, clock.instant());
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
        }
        if (!task.enabled()) {
            removeTrigger(task.id());
            return;
        }
        JobDetail job = jobStore.clustered() ? clusteredJob(task.id())
                : JobBuilder.newJob(TaskFireJob.class).withIdentity(TaskTriggers.jobKey(task.id())).build();
        try {
            // A trigger already on this schedule keeps its rhythm: set again, it would start over from now (each
            // node's start restores every task), and set in the instant it fires, it would fire that time twice.
            Trigger existing = quartz.getTrigger(TaskTriggers.triggerKey(task.id()));
            if (existing != null && TaskTriggers.firesOn(existing, schedule)) {
                return;
            }
            Trigger trigger = TaskTriggers.trigger(task.id(), schedule, clock.instant());
            // a run now waiting in a cluster keeps its trigger: only the task's schedule is replaced
            quartz.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean unschedule(String taskId) {
        Objects.requireNonNull(taskId, "taskId");
        synchronized (triggerLock) {
            lastChange.put(taskId, changeCounter.incrementAndGet());
            return removeTrigger(taskId);
        }
    }

    private boolean removeTrigger(String taskId) {
        try {
            return quartz.deleteJob(TaskTriggers.jobKey(taskId));
        } catch (SchedulerException e) {
            throw unavailable(e);
        }
    }

    private Set<JobKey> taskJobKeys() {
        try {
            return quartz.getJobKeys(GroupMatcher.jobGroupEquals(TaskTriggers.GROUP));
        } catch (SchedulerException e) {
            throw unavailable(e);
        }
    }

    @Override
    public RunAdmission runNow(String taskId) {
        return runNow(taskId, false);
    }

    @Override
    public RunAdmission runNow(String taskId, boolean dryRun) {
        Objects.requireNonNull(taskId, "taskId");
        return jobStore.clustered() ? runNowInCluster(taskId, dryRun) : dispatcher.runNow(taskId, dryRun);
    }

    /**
     * A run now in a cluster: a one-time trigger of the task's job, which fires on whichever node has a free thread,
     * once no other node runs the task. A run now that has not fired yet is returned instead of a second one.
     */
    private RunAdmission runNowInCluster(String taskId, boolean dryRun) {
        JobKey job = TaskTriggers.jobKey(taskId);
        try {
            synchronized (triggerLock) {
                for (Trigger waiting : quartz.getTriggersOfJob(job)) {
                    if (waitingRunNow(waiting)) {
                        return new RunAdmission(ClusteredTaskFireJob.request(waiting, taskId),
                                RunAdmission.Outcome.ALREADY_WAITING);
                    }
                }
                RunRequest request = new RunRequest(UUID.randomUUID().toString(), taskId, RunTrigger.MANUAL,
                        clock.instant(), dryRun);
                Trigger trigger = TriggerBuilder.newTrigger()
                        .withIdentity(request.id(), RUN_NOW_GROUP)
                        .forJob(job)
                        .usingJobData(ClusteredTaskFireJob.REQUEST_ID, request.id())
                        .usingJobData(ClusteredTaskFireJob.DRY_RUN, String.valueOf(dryRun))
                        .usingJobData(ClusteredTaskFireJob.REQUESTED_AT,
                                String.valueOf(request.requestedAt().toEpochMilli()))
                        .startNow()
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                        .build();
                if (quartz.checkExists(job)) {
                    quartz.scheduleJob(trigger);
                } else {
                    // a disabled task has no job: this one goes with its last trigger
                    quartz.scheduleJob(clusteredJob(taskId), trigger);
                }
                return new RunAdmission(request, RunAdmission.Outcome.WAITING);
            }
        } catch (SchedulerException e) {
            throw unavailable(e);
        }
    }

    /** A run now's trigger that has not fired yet; one that fired is complete while its run goes on. */
    private boolean waitingRunNow(Trigger trigger) throws SchedulerException {
        return RUN_NOW_GROUP.equals(trigger.getKey().getGroup())
                && quartz.getTriggerState(trigger.getKey()) != Trigger.TriggerState.COMPLETE;
    }

    private static JobDetail clusteredJob(String taskId) {
        return JobBuilder.newJob(ClusteredTaskFireJob.class).withIdentity(TaskTriggers.jobKey(taskId))
                .requestRecovery(true).build();
    }

    /**
     * Stops the task's run on this node and drops its waiting run now; in a cluster also the run now that waits in the
     * database. A run on another node of the cluster is asked through its record (the run store), not here.
     */
    @Override
    public boolean stop(String taskId) {
        Objects.requireNonNull(taskId, "taskId");
        boolean dropped = jobStore.clustered() && dropWaitingRunNow(taskId);
        return dispatcher.stop(taskId) || dropped;
    }

    private boolean dropWaitingRunNow(String taskId) {
        try {
            boolean dropped = false;
            synchronized (triggerLock) {
                for (Trigger waiting : quartz.getTriggersOfJob(TaskTriggers.jobKey(taskId))) {
                    if (waitingRunNow(waiting) && quartz.unscheduleJob(waiting.getKey())) {
                        dispatcher.cancelled(ClusteredTaskFireJob.request(waiting, taskId));
                        dropped = true;
                    }
                }
            }
            return dropped;
        } catch (SchedulerException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean isRunning(String taskId) {
        return dispatcher.isRunning(taskId);
    }

    @Override
    public Optional<Instant> nextFireTime(String taskId) {
        try {
            Trigger trigger = quartz.getTrigger(TaskTriggers.triggerKey(taskId));
            return Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(d -> d.toInstant());
        } catch (SchedulerException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<FieldProblem> validateSchedule(Schedule schedule) {
        return TaskTriggers.validate(schedule, clock.instant());
    }

    @Override
    public List<Instant> nextRuns(Schedule schedule, int count) {
        Instant now = clock.instant();
        List<FieldProblem> problems = new ArrayList<>(TaskTriggers.validate(schedule, now));
        if (count < 1 || count > MAX_PREVIEW) {
            problems.add(new FieldProblem("count", "must be between 1 and " + MAX_PREVIEW));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return TaskTriggers.nextRuns(schedule, now, count);
    }

    @Override
    public SchedulerSnapshot snapshot() {
        return dispatcher.snapshot();
    }

    /** Alone, this node; clustered, the nodes' check-ins as Quartz keeps them in the database. */
    @Override
    public List<SchedulerNode> nodes() {
        if (!jobStore.clustered()) {
            return List.of(new SchedulerNode(jobStore.nodeId(), clock.instant(), null, true));
        }
        DataSource current = database.get();
        if (current == null) {
            throw new UnavailableException("the Cardlink database is not available to read the nodes' check-ins");
        }
        return nodes(current);
    }

    private List<SchedulerNode> nodes(DataSource current) {
        List<SchedulerNode> nodes = new ArrayList<>();
        try (Connection connection = current.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT INSTANCE_NAME, LAST_CHECKIN_TIME,"
                        + " CHECKIN_INTERVAL FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ? ORDER BY INSTANCE_NAME")) {
            query.setString(1, INSTANCE_NAME);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    nodes.add(new SchedulerNode(name, Instant.ofEpochMilli(rows.getLong(2)),
                            Duration.ofMillis(rows.getLong(3)), name.equals(jobStore.nodeId())));
                }
            }
        } catch (SQLException e) {
            throw new UnavailableException("the nodes' check-ins could not be read: " + e.getMessage(), e);
        }
        return nodes;
    }

    /**
     * Whether the cache clearing's trigger is there for {@code hours} already: in a cluster, a node that starts keeps
     * the trigger the others share rather than setting it again.
     */
    private boolean cacheClearingSet(CacheClearHours hours) throws SchedulerException {
        Trigger existing = quartz.getTrigger(CACHE_CLEAR_TRIGGER);
        return existing != null && hours.toString().equals(existing.getJobDataMap().getString(CACHE_CLEAR_HOURS));
    }

    private void scheduleCacheClearing(CacheClearHours hours) {
        JobDetail job = JobBuilder.newJob(CacheClearJob.class).withIdentity(CACHE_CLEAR_JOB).build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(CACHE_CLEAR_TRIGGER)
                .forJob(CACHE_CLEAR_JOB)
                .usingJobData(CACHE_CLEAR_HOURS, hours.toString())
                .startAt(Date.from(clock.instant()))
                .withSchedule(cacheClearSchedule.apply(hours))
                .build();
        try {
            quartz.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw unavailable(e);
        }
        LOG.info("Task caches are cleared at hour(s) {} UTC; next at {}", hours, hours.nextAfter(clock.instant()));
    }

    /**
     * Fires at the start of each configured hour in UTC. A clearing missed during downtime is not made up: it
     * would force full loads at an hour the operator did not choose.
     */
    static ScheduleBuilder<? extends Trigger> cacheClearCron(CacheClearHours hours) {
        try {
            CronExpression expression = new CronExpression(hours.cronExpression());
            expression.setTimeZone(TaskTriggers.UTC);
            return CronScheduleBuilder.cronSchedule(expression).withMisfireHandlingInstructionDoNothing();
        } catch (ParseException e) {
            throw new IllegalStateException("cache clear hours " + hours + " gave no cron expression", e);
        }
    }

    private static UnavailableException unavailable(SchedulerException e) {
        return new UnavailableException("the Quartz scheduler is not available: " + e.getMessage(), e);
    }

    private static void configError(String message) {
        LOG.error("Configuration {}: {}", EngineSettings.PID, message);
    }
}
