package io.cardlink.scheduler.internal;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.scheduler.CacheMaintenance;
import io.cardlink.api.scheduler.RunAdmission;
import io.cardlink.api.scheduler.RunQueueListener;
import io.cardlink.api.scheduler.SchedulerSnapshot;
import io.cardlink.api.scheduler.TaskRunner;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.simpl.RAMJobStore;
import org.quartz.simpl.SimpleThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TaskScheduler} on an embedded Quartz scheduler (RAM job store). Quartz holds one job per task, named by
 * the task id and carrying nothing else, so that a clustered JDBC job store can replace the RAM store later; when
 * a trigger fires, the job hands the task id to the {@link RunDispatcher}, which runs it through the engine's
 * {@link TaskRunner}. When the task store is there, the scheduler restores every task's trigger by itself.
 */
// Immediate: triggers must fire whether or not anyone holds the service.
@Component(service = TaskScheduler.class, immediate = true)
public final class QuartzTaskScheduler implements TaskScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(QuartzTaskScheduler.class);

    static final String INSTANCE_NAME = "cardlink";
    static final JobKey CACHE_CLEAR_JOB = JobKey.jobKey("cache-clear", "cardlink.maintenance");
    static final TriggerKey CACHE_CLEAR_TRIGGER = TriggerKey.triggerKey("cache-clear", "cardlink.maintenance");
    /** Quartz threads only hand fires over (runs execute on the dispatcher's workers), so a few are plenty. */
    private static final int QUARTZ_THREADS = 3;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    private static final Duration RESTORE_RETRY = Duration.ofSeconds(30);

    private final Clock clock;
    private final Function<CacheClearHours, ScheduleBuilder<? extends Trigger>> cacheClearSchedule;
    private final Duration restoreRetry;
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

    /**
     * The engine's settings service is the one reader of {@link EngineSettings#PID}; the scheduler starts on its
     * settings, and {@link #engineSettingsChanged} follows their changes.
     */
    @Activate
    public QuartzTaskScheduler(@Reference SettingsService engineSettings) {
        this(SchedulerSettings.of(engineSettings.current(), null, QuartzTaskScheduler::configError),
                Clock.systemUTC(), QuartzTaskScheduler::cacheClearCron, RESTORE_RETRY);
    }

    QuartzTaskScheduler(SchedulerSettings settings, Clock clock,
            Function<CacheClearHours, ScheduleBuilder<? extends Trigger>> cacheClearSchedule, Duration restoreRetry) {
        this.settings = settings;
        this.clock = clock;
        this.cacheClearSchedule = cacheClearSchedule;
        this.restoreRetry = restoreRetry;
        this.dispatcher = new RunDispatcher(settings.maxConcurrentRuns(), clock);
        this.quartz = startQuartz(new CardlinkJobFactory(new TaskFireJob(dispatcher),
                new CacheClearJob(() -> cacheMaintenance)));
        try {
            scheduleCacheClearing(settings.cacheClearHours());
        } catch (RuntimeException e) {
            shutdownQuartz();
            dispatcher.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Quartz loads its job store and thread pool by class name: the context class loader is this bundle's while it
     * initialises (its threads inherit it), and the classes are named through class literals so that bnd imports
     * their packages.
     */
    private Scheduler startQuartz(CardlinkJobFactory jobFactory) {
        Properties properties = new Properties();
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, INSTANCE_NAME);
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_JMX_EXPORT, "false");
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_RMI_EXPORT, "false");
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
        properties.setProperty(
                StdSchedulerFactory.PROP_SCHED_SCHEDULER_THREADS_INHERIT_CONTEXT_CLASS_LOADER_OF_INITIALIZING_THREAD,
                "true");
        properties.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, SimpleThreadPool.class.getName());
        properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(QUARTZ_THREADS));
        properties.setProperty("org.quartz.threadPool.threadNamePrefix", "cardlink-quartz");
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        properties.setProperty("org.quartz.threadPool.threadsInheritContextClassLoaderOfInitializingThread", "true");
        properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, RAMJobStore.class.getName());
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "60000");

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(QuartzTaskScheduler.class.getClassLoader());
        try {
            Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
            scheduler.setJobFactory(jobFactory);
            scheduler.start();
            return scheduler;
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz did not start: " + e.getMessage(), e);
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
        JobDetail job = JobBuilder.newJob(TaskFireJob.class).withIdentity(TaskTriggers.jobKey(task.id())).build();
        Trigger trigger = TaskTriggers.trigger(task.id(), schedule, clock.instant());
        try {
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
        return dispatcher.runNow(Objects.requireNonNull(taskId, "taskId"), dryRun);
    }

    @Override
    public boolean stop(String taskId) {
        return dispatcher.stop(Objects.requireNonNull(taskId, "taskId"));
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

    private void scheduleCacheClearing(CacheClearHours hours) {
        JobDetail job = JobBuilder.newJob(CacheClearJob.class).withIdentity(CACHE_CLEAR_JOB).build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(CACHE_CLEAR_TRIGGER)
                .forJob(CACHE_CLEAR_JOB)
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
