package io.cardlink.engine.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.Value;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.store.EchoLedger;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.ScheduledTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps two instances that sync both ways from sending a card back and forth for ever.
 *
 * <p>The echo ledger ({@link EchoLedger}) is kept for the remote cards of a two-way link: a scheduled task and an
 * event task of one connector that handle the same remote template and local template and key the remote card by the
 * same attribute. What an event task writes to such a card, and what a scheduled task reads from it and loads, is
 * recorded as a fingerprint per attribute, in the remote card's terms (values as the mapping engine writes them).
 * A scheduled read that meets a card whose every attribute it reads equals what an event task wrote within the echo
 * window is an echo and is not loaded; an event-task write whose every attribute equals what a scheduled task read
 * from that remote card within the window would send the card back where it came from, and is suppressed.
 *
 * <p>The ping-pong breaker, for loops the ledger can't see (a workflow that changes the card each time it passes):
 * more than {@code maxWritesPerCard} writes of one card by an event task within the write window hold the card
 * ({@link OutboxDispatcher}), until an operator releases it.
 */
@Component(service = LoopGuard.class, configurationPid = LoopGuard.PID)
@Designate(ocd = LoopGuard.Config.class)
public class LoopGuard {
    private static final Logger LOG = LoggerFactory.getLogger(LoopGuard.class);
    static final String PID = "io.cardlink.engine.loopguard";
    private static final Duration TASKS_REUSE = Duration.ofSeconds(30);

    @ObjectClassDefinition(name = "Cardlink loop guard",
            description = "How Cardlink keeps two instances that sync both ways from sending a card back and forth")
    public @interface Config {
        @AttributeDefinition(description = "Minutes a write is remembered to recognise the card coming back as an echo"
                + " (at least 1)")
        int echoWindowMinutes() default 60;

        @AttributeDefinition(description = "Writes of one card by an event task allowed within the write window; one"
                + " more holds the card until an operator releases it (at least 1)")
        int maxWritesPerCard() default 5;

        @AttributeDefinition(description = "Minutes over which the writes of one card are counted (at least 1)")
        int writeWindowMinutes() default 10;
    }

    /** The settings in force. */
    record Settings(Duration echoWindow, int maxWritesPerCard, Duration writeWindow) {
        static Settings of(Config config) {
            return new Settings(Duration.ofMinutes(Math.max(1, config.echoWindowMinutes())),
                    Math.max(1, config.maxWritesPerCard()), Duration.ofMinutes(Math.max(1, config.writeWindowMinutes())));
        }
    }

    private record ConnectorTasks(Instant readAt, List<EventTask> events, List<ScheduledTask> scheduled) {
    }

    private final EchoLedger ledger;
    private final TaskStore tasks;
    private final MappingEngine mappings;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, ConnectorTasks> tasksByConnector = new ConcurrentHashMap<>();
    private final ScheduledExecutorService purger;

    @Activate
    public LoopGuard(@Reference EchoLedger ledger, @Reference TaskStore tasks, @Reference MappingEngine mappings,
            Config config) {
        this(ledger, tasks, mappings, Settings.of(config), Clock.systemUTC());
        // old entries go once an hour; activation itself does no database work
        purger.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
    }

    LoopGuard(EchoLedger ledger, TaskStore tasks, MappingEngine mappings, Settings settings, Clock clock) {
        this.ledger = ledger;
        this.tasks = tasks;
        this.mappings = mappings;
        this.settings = settings;
        this.clock = clock;
        this.purger = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cardlink-loop-guard");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void stop() {
        purger.shutdownNow();
    }

    Settings settings() {
        return settings;
    }

    // ---- event tasks

    /**
     * Why a write of this mapped remote card would be an echo: every attribute it writes holds what a scheduled task of
     * the two-way link read from that remote card within the echo window. Empty when it is not an echo.
     */
    Optional<String> echoOfLoad(EventTask task, DataCard remoteCard) {
        Optional<ScheduledTask> partner = partner(task);
        if (partner.isEmpty()) {
            return Optional.empty();
        }
        Mapping mapping = task.mapping();
        String key = remoteCard.text(mapping.uniqueKeyAttribute());
        if (key == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        EchoLedger.Entry loaded = ledger.find(task.connectorId(), Direction.READ, mapping.uniqueKeyAttribute(),
                List.of(key), now.minus(settings.echoWindow())).get(key);
        if (loaded == null) {
            return Optional.empty();
        }
        Set<String> written = new LinkedHashSet<>(remoteCard.attributes().keySet());
        written.remove(mapping.taskIdAttribute());
        written.remove(mapping.taskNameAttribute());
        if (!sameValues(remoteCard, written, loaded.attributes())) {
            return Optional.empty();
        }
        return Optional.of("an echo: the remote card '" + key + "' already holds these values; scheduled task '"
                + name(loaded.taskId(), partner.get()) + "' read them from it at " + loaded.writtenAt()
                + " and loaded them into the local instance, so sending them back would start a loop");
    }

    /** Records what an event task wrote to a remote card of a two-way link. */
    void written(EventTask task, DataCard remoteCard) {
        if (partner(task).isEmpty()) {
            return;
        }
        Mapping mapping = task.mapping();
        String key = remoteCard.text(mapping.uniqueKeyAttribute());
        Set<String> codes = new LinkedHashSet<>(remoteCard.attributes().keySet());
        codes.remove(mapping.taskIdAttribute());
        codes.remove(mapping.taskNameAttribute());
        record(List.of(new EchoLedger.Entry(task.connectorId(), Direction.WRITE, mapping.uniqueKeyAttribute(), key,
                task.id(), prints(remoteCard, codes), clock.instant())));
    }

    /** Forgets a remote card of a two-way link that an event task deleted. */
    void deleted(EventTask task, String key) {
        if (key == null || partner(task).isEmpty()) {
            return;
        }
        try {
            ledger.forget(task.connectorId(), task.mapping().uniqueKeyAttribute(), key);
        } catch (RuntimeException e) {
            LOG.warn("The echo ledger could not forget card '{}': {}", key, e.getMessage());
        }
    }

    // ---- scheduled tasks

    /** The echo check of one run of a scheduled task; one that does nothing when the task is not in a two-way link. */
    RunEchoes forRun(ScheduledTask task) {
        Mapping mapping = task.mapping();
        if (mapping == null || mapping.uniqueKeyAttribute() == null) {
            return RunEchoes.NONE;
        }
        ConnectorTasks connectorTasks = connectorTasks(task.connectorId(), true);
        String remoteKey = ReferenceLookup.keySource(mapping);
        Optional<EventTask> partner = connectorTasks.events().stream()
                .filter(event -> linked(task, event))
                .findFirst();
        if (partner.isEmpty()) {
            return RunEchoes.NONE;
        }
        Set<String> read = new LinkedHashSet<>();
        mapping.pairs().forEach(pair -> read.add(pair.source()));
        read.add(remoteKey);
        return new RunEchoes(this, task, partner.get(), remoteKey, read);
    }

    /** The echo check of one scheduled run: which remote cards of a page are echoes, and what was loaded. */
    static class RunEchoes {
        static final RunEchoes NONE = new RunEchoes(null, null, null, null, Set.of());

        private final LoopGuard guard;
        private final ScheduledTask task;
        private final EventTask partner;
        private final String remoteKey;
        private final Set<String> read;

        RunEchoes(LoopGuard guard, ScheduledTask task, EventTask partner, String remoteKey, Set<String> read) {
            this.guard = guard;
            this.task = task;
            this.partner = partner;
            this.remoteKey = remoteKey;
            this.read = read;
        }

        boolean active() {
            return guard != null;
        }

        /** The event task whose writes come back, for the run's info. */
        String partnerName() {
            return partner == null ? null : partner.name();
        }

        /**
         * The cards (by the run's key) whose remote source holds, in every attribute the task reads, what an event
         * task of the link wrote to it within the echo window.
         */
        Set<String> echoes(Map<String, DataCard> sourcesByKey) {
            if (!active() || sourcesByKey.isEmpty()) {
                return Set.of();
            }
            Map<String, String> remoteKeys = new HashMap<>();
            sourcesByKey.forEach((key, source) -> {
                String remote = source.text(remoteKey);
                if (remote != null) {
                    remoteKeys.put(key, remote);
                }
            });
            Map<String, EchoLedger.Entry> written = guard.ledger.find(task.connectorId(), Direction.WRITE, remoteKey,
                    remoteKeys.values(), guard.clock.instant().minus(guard.settings.echoWindow()));
            Set<String> echoes = new LinkedHashSet<>();
            remoteKeys.forEach((key, remote) -> {
                EchoLedger.Entry entry = written.get(remote);
                if (entry != null && guard.sameValues(sourcesByKey.get(key), read, entry.attributes())) {
                    echoes.add(key);
                }
            });
            return echoes;
        }

        /** Records what the run read from these remote cards and loaded into the local instance. */
        void loaded(Collection<DataCard> sources) {
            if (!active() || sources.isEmpty()) {
                return;
            }
            Instant now = guard.clock.instant();
            List<EchoLedger.Entry> entries = new ArrayList<>();
            for (DataCard source : sources) {
                String key = source.text(remoteKey);
                if (key != null && key.length() <= EchoLedger.MAX_KEY_LENGTH) {
                    entries.add(new EchoLedger.Entry(task.connectorId(), Direction.READ, remoteKey, key, task.id(),
                            guard.prints(source, read), now));
                }
            }
            guard.record(entries);
        }
    }

    // ---- shared

    /** Drops ledger entries older than the echo window; they can't make an echo any more. */
    void purge() {
        try {
            long purged = ledger.purge(clock.instant().minus(settings.echoWindow()));
            if (purged > 0) {
                LOG.debug("Dropped {} echo ledger entries older than {}", purged, settings.echoWindow());
            }
        } catch (RuntimeException e) {
            LOG.debug("The echo ledger could not be purged: {}", e.getMessage());
        }
    }

    /** The scheduled task that reads back what this event task writes, if any. */
    private Optional<ScheduledTask> partner(EventTask task) {
        if (task.mapping() == null || task.mapping().uniqueKeyAttribute() == null) {
            return Optional.empty();
        }
        return connectorTasks(task.connectorId(), false).scheduled().stream()
                .filter(scheduled -> linked(scheduled, task))
                .findFirst();
    }

    /** Whether the tasks are the two directions of one link: same templates both sides, same remote key. */
    static boolean linked(ScheduledTask scheduled, EventTask event) {
        Mapping read = scheduled.mapping();
        Mapping write = event.mapping();
        return read != null && write != null && read.uniqueKeyAttribute() != null
                && Objects.equals(scheduled.remoteTemplate(), event.remoteTemplate())
                && Objects.equals(read.targetTemplate(), event.localTemplate())
                && Objects.equals(ReferenceLookup.keySource(read), write.uniqueKeyAttribute());
    }

    private ConnectorTasks connectorTasks(String connectorId, boolean fresh) {
        Instant now = clock.instant();
        ConnectorTasks known = tasksByConnector.get(connectorId);
        if (!fresh && known != null && known.readAt().plus(TASKS_REUSE).isAfter(now)) {
            return known;
        }
        ConnectorTasks read = new ConnectorTasks(now, tasks.listEvent(connectorId), tasks.listScheduled(connectorId));
        tasksByConnector.put(connectorId, read);
        return read;
    }

    private void record(List<EchoLedger.Entry> entries) {
        try {
            ledger.record(entries);
        } catch (RuntimeException e) {
            // the worst a missing entry does is let one echo through, which the next turn catches
            LOG.warn("The echo ledger could not record {} write(s): {}", entries.size(), e.getMessage());
        }
    }

    /** A fingerprint of each attribute's values, of the attributes the card has among {@code codes}. */
    Map<String, String> prints(DataCard card, Collection<String> codes) {
        Map<String, String> prints = new LinkedHashMap<>();
        for (String code : codes) {
            List<Value> values = card.attributes().get(code);
            if (values != null) {
                prints.put(code, print(code, values));
            }
        }
        return prints;
    }

    private String print(String code, List<Value> values) {
        return mappings.fingerprint(DataCard.draft(null, null, Map.of(code, values)));
    }

    /** Whether the card holds, in each of the attributes, exactly what was recorded (nothing where nothing was). */
    private boolean sameValues(DataCard card, Set<String> codes, Map<String, String> recorded) {
        Map<String, String> current = prints(card, codes);
        for (String code : codes) {
            if (!Objects.equals(current.get(code), recorded.get(code))) {
                return false;
            }
        }
        return true;
    }

    private static String name(String taskId, ScheduledTask fallback) {
        return taskId == null || taskId.equals(fallback.id()) ? fallback.name() : taskId;
    }
}
