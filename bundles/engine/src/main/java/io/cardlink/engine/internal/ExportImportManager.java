package io.cardlink.engine.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.Validation;
import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.service.ExportImportService;
import io.cardlink.api.service.ImportReport;
import io.cardlink.api.service.ImportReport.Action;
import io.cardlink.api.service.ImportReport.ConnectorImport;
import io.cardlink.api.service.ImportReport.Refusal;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.service.TaskService;
import io.cardlink.api.store.ConfigurationStore;
import io.cardlink.api.store.ConnectorStore;
import io.cardlink.api.store.ImportPlan;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.engine.internal.ExportDocument.Encryption;
import io.cardlink.engine.internal.ExportDocument.ExportedConnector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export and import of connectors with their tasks. An import decides everything first (create or merge, which tasks
 * are new, changed or unchanged), validates every task it would write against the target connector's instances, and
 * writes only when nothing was refused, in one store transaction.
 *
 * <p>A document connector merges into an existing connector of the same type that the type says is the same
 * connector ({@link ConnectorType#identity}: for CoreProIGA the same remote host and port and the same remote user);
 * the existing connector keeps its name, settings and secrets. Otherwise it is created under its name, and refused
 * when an unrelated connector has that name: renaming silently would hide which connector the tasks went to.
 */
@Component(service = ExportImportService.class)
public class ExportImportManager implements ExportImportService {
    private static final Logger LOG = LoggerFactory.getLogger(ExportImportManager.class);

    private final ConnectorStore connectors;
    private final TaskStore tasks;
    private final ConfigurationStore configuration;
    private final ConnectorTypeRegistry types;
    private final Secrets secrets;
    private final TaskService taskService;
    private final MappingEngine mappings;
    private final SettingsService settings;
    private final LocalSide local;
    private final ConnectorChecks checks;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TaskScheduler scheduler;

    @Activate
    public ExportImportManager(@Reference ConnectorStore connectors, @Reference TaskStore tasks,
            @Reference ConfigurationStore configuration, @Reference ConnectorTypeRegistry types,
            @Reference Secrets secrets, @Reference TaskService taskService, @Reference MappingEngine mappings,
            @Reference SettingsService settings, @Reference LocalInstance local) {
        this(connectors, tasks, configuration, types, secrets, taskService, mappings, settings, local,
                Clock.systemUTC());
    }

    ExportImportManager(ConnectorStore connectors, TaskStore tasks, ConfigurationStore configuration,
            ConnectorTypeRegistry types, Secrets secrets, TaskService taskService, MappingEngine mappings,
            SettingsService settings, LocalSide local, Clock clock) {
        this.connectors = connectors;
        this.tasks = tasks;
        this.configuration = configuration;
        this.types = types;
        this.secrets = secrets;
        this.taskService = taskService;
        this.mappings = mappings;
        this.settings = settings;
        this.local = local;
        this.checks = new ConnectorChecks(types, secrets, settings::current);
        this.clock = clock;
    }

    @Override
    public String export(List<String> names, char[] password) {
        Validation validation = new Validation();
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            validation.add("password", "at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (names == null || names.isEmpty()) {
            validation.add("connectors", "name at least one connector (id or name)");
        }
        List<Connector> chosen = new ArrayList<>();
        for (int i = 0; names != null && i < names.size(); i++) {
            String name = names.get(i);
            Optional<Connector> found = name == null ? Optional.empty()
                    : connectors.find(name).or(() -> connectors.findByName(name));
            if (found.isEmpty()) {
                validation.add("connectors[" + i + "]", "no connector '" + name + "'");
            } else if (chosen.stream().noneMatch(c -> c.id().equals(found.get().id()))) {
                chosen.add(found.get());
            }
        }
        validation.throwIfInvalid();

        byte[] salt = ExportCipher.newSalt();
        ExportCipher cipher = ExportCipher.derive(password, salt, MIN_ITERATIONS);
        List<ExportedConnector> exported = chosen.stream().map(c -> exported(c, cipher)).toList();
        ExportDocument document = new ExportDocument(ExportDocument.FORMAT, ExportDocument.VERSION,
                clock.instant().toString(), new Encryption(ExportCipher.KDF, MIN_ITERATIONS,
                        Base64.getEncoder().encodeToString(salt), ExportCipher.CIPHER, cipher.keyCheck()),
                exported, null);
        document = document.withAuthentication(cipher.authenticate(ExportFormat.canonical(document)));
        LOG.info("Exported connector(s) {}", chosen.stream().map(Connector::name).toList());
        return ExportFormat.write(document);
    }

    private ExportedConnector exported(Connector connector, ExportCipher cipher) {
        Map<String, String> encrypted = new LinkedHashMap<>();
        connector.sealedSecrets().forEach((key, sealed) ->
                encrypted.put(key, cipher.encrypt(connector.name(), key, secrets.unseal(connector.id(), key, sealed))));
        return new ExportedConnector(connector.name(), connector.typeId(), connector.description(),
                connector.settings(), encrypted,
                tasks.listScheduled(connector.id()).stream().map(t -> scheduled(t, null, null)).toList(),
                tasks.listEvent(connector.id()).stream().map(t -> event(t, null, null)).toList());
    }

    @Override
    public ImportReport importDocument(String text, char[] password, boolean dryRun) {
        if (password == null || password.length == 0) {
            throw new ValidationException("password", "required: the password the export was made with");
        }
        ExportDocument document = ExportFormat.parse(text);
        ExportCipher cipher = open(document, password);
        Map<String, Map<String, String>> plainSecrets = decryptSecrets(document, cipher);

        Planner planner = new Planner(plainSecrets);
        for (int i = 0; i < document.connectors().size(); i++) {
            planner.plan(i, document.connectors().get(i));
        }
        ImportPlan plan = planner.plan();
        if (!planner.refused.isEmpty() || dryRun || plan.isEmpty()) {
            return planner.report(dryRun, planner.refused.isEmpty() && !dryRun);
        }
        ImportPlan stored = configuration.apply(plan);
        LOG.info("Imported {} new connector(s), {} new and {} changed task(s)", stored.newConnectors().size(),
                stored.newScheduledTasks().size() + stored.newEventTasks().size(),
                stored.changedScheduledTasks().size() + stored.changedEventTasks().size());
        schedule(stored, planner.warnings);
        adoptLocalCredentials(planner);
        return planner.report(false, true);
    }

    /**
     * An export from before the local instance was the engine's carries local credentials on its connectors: when
     * the engine has no local password yet, the first connector's become the engine's.
     */
    private void adoptLocalCredentials(Planner planner) {
        if (planner.localFrom == null || settings.current().localPasswordSet()) {
            return;
        }
        try {
            settings.update(Map.of(SettingsService.LOCAL_USER, planner.localUser, SettingsService.LOCAL_PASSWORD,
                    planner.localPassword));
            planner.warnings.add("the engine had no local WebAPI user: it is now '" + planner.localUser
                    + "' with the password of connector '" + planner.localFrom + "' of the document");
        } catch (CardlinkException e) {
            planner.warnings.add("the local WebAPI user of connector '" + planner.localFrom + "' could not be made"
                    + " the engine's: " + e.getMessage());
        }
    }

    /** Checks the encryption parameters, the password and the authentication of the whole document. */
    private static ExportCipher open(ExportDocument document, char[] password) {
        Encryption encryption = document.encryption();
        Validation validation = new Validation();
        if (encryption == null) {
            throw new ValidationException("document.encryption", "required");
        }
        validation.check(ExportCipher.KDF.equals(encryption.kdf()), "document.encryption.kdf",
                "only " + ExportCipher.KDF + " is supported");
        validation.check(ExportCipher.CIPHER.equals(encryption.cipher()), "document.encryption.cipher",
                "only " + ExportCipher.CIPHER + " is supported");
        validation.check(encryption.iterations() >= MIN_ITERATIONS
                && encryption.iterations() <= ExportCipher.MAX_ITERATIONS, "document.encryption.iterations",
                "must be between " + MIN_ITERATIONS + " and " + ExportCipher.MAX_ITERATIONS);
        byte[] salt = decode(encryption.salt());
        validation.check(salt.length >= ExportCipher.SALT_BYTES, "document.encryption.salt",
                "must be at least " + ExportCipher.SALT_BYTES + " bytes, base64");
        validation.throwIfInvalid();
        ExportCipher cipher = ExportCipher.derive(password, salt, encryption.iterations());
        if (!cipher.opens(encryption.keyCheck())) {
            throw new ValidationException("password", "wrong password: it does not open this export");
        }
        if (!cipher.authentic(ExportFormat.canonical(document), document.authentication())) {
            throw new ValidationException("document", "was changed after it was exported (its authentication"
                    + " does not match); export it again");
        }
        return cipher;
    }

    private static Map<String, Map<String, String>> decryptSecrets(ExportDocument document, ExportCipher cipher) {
        Map<String, Map<String, String>> plain = new LinkedHashMap<>();
        for (int i = 0; i < document.connectors().size(); i++) {
            ExportedConnector connector = document.connectors().get(i);
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, String> secret : connector.secrets().entrySet()) {
                try {
                    values.put(secret.getKey(), cipher.decrypt(connector.name(), secret.getKey(), secret.getValue()));
                } catch (IllegalArgumentException e) {
                    // authenticated above, so only a document made by something else gets here
                    throw new ValidationException("document.connectors[" + i + "].secrets." + secret.getKey(),
                            "does not decrypt with this password");
                }
            }
            plain.put(connector.name(), values);
        }
        return plain;
    }

    private void schedule(ImportPlan stored, List<String> warnings) {
        TaskScheduler current = scheduler;
        List<ScheduledTask> written = new ArrayList<>(stored.newScheduledTasks());
        written.addAll(stored.changedScheduledTasks());
        if (current == null) {
            if (!written.isEmpty()) {
                warnings.add("the scheduler is not running; imported schedules apply when it starts");
            }
            return;
        }
        for (ScheduledTask task : written) {
            try {
                current.schedule(task);
            } catch (CardlinkException e) {
                warnings.add("task '" + task.name() + "' was imported but not scheduled: " + e.getMessage());
            }
        }
    }

    /** Decides, per document connector, what would be written and what is refused. */
    private final class Planner {
        final List<Refusal> refused = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        private final Map<String, Map<String, String>> plainSecrets;
        private final List<Connector> existing = connectors.search(null);
        private final List<ConnectorImport> outcomes = new ArrayList<>();
        private final List<Connector> newConnectors = new ArrayList<>();
        private final List<ScheduledTask> newScheduled = new ArrayList<>();
        private final List<ScheduledTask> changedScheduled = new ArrayList<>();
        private final List<EventTask> newEvent = new ArrayList<>();
        private final List<EventTask> changedEvent = new ArrayList<>();
        private final Set<String> targets = new HashSet<>();
        private final Set<String> newNames = new HashSet<>();
        /** The first document connector with local credentials, and those credentials. */
        private String localFrom;
        private String localUser;
        private String localPassword;

        Planner(Map<String, Map<String, String>> plainSecrets) {
            this.plainSecrets = plainSecrets;
        }

        void plan(int index, ExportedConnector connector) {
            String field = "connectors[" + index + "]";
            Optional<ConnectorType> type = types.find(connector.type());
            if (type.isEmpty()) {
                refuse(connector.name(), null, field + ".type", "connector type '" + connector.type()
                        + "' is not installed here");
                outcomes.add(new ConnectorImport(connector.name(), null, null, null, null, null));
                return;
            }
            Optional<String> identity = type.get().identity(connector.settings());
            List<Connector> same = identity.isEmpty() ? List.of() : existing.stream()
                    .filter(c -> c.typeId().equals(connector.type())
                            && identity.equals(type.get().identity(c.settings())))
                    .toList();
            if (same.size() > 1) {
                same = same.stream().filter(c -> c.name().equals(connector.name())).toList();
                if (same.size() != 1) {
                    refuse(connector.name(), null, field, "several connectors are the same connector ("
                            + identity.get() + "); rename one of them to '" + connector.name() + "' to merge into it");
                    outcomes.add(new ConnectorImport(connector.name(), null, null, null, null, null));
                    return;
                }
            }
            if (same.size() == 1) {
                merge(field, connector, same.get(0));
            } else {
                create(field, connector, type.get());
            }
        }

        private void merge(String field, ExportedConnector connector, Connector target) {
            if (!targets.add(target.id())) {
                refuse(connector.name(), null, field, "another connector of the document also merges into '"
                        + target.name() + "'");
                outcomes.add(new ConnectorImport(connector.name(), Action.MERGE, target.name(), null, null, null));
                return;
            }
            Map<String, String> withSecrets = new LinkedHashMap<>(connector.settings());
            withSecrets.putAll(plainSecrets.getOrDefault(connector.name(), Map.of()));
            takeLocalCredentials(connector.name(), withSecrets);
            Map<String, String> settings = new LinkedHashMap<>(connector.settings());
            settings.keySet().removeAll(ConnectorChecks.ENGINE_SETTINGS);
            if (!settings.equals(target.settings())) {
                warnings.add("connector '" + connector.name() + "' merges into '" + target.name()
                        + "', which keeps its own settings and secrets");
            }
            TaskChanges changes = new TaskChanges(connector.name(), target.id(), tasks.listScheduled(target.id()),
                    tasks.listEvent(target.id()),
                    (draft, warn) -> taskService.validateScheduled(target.id(), draft, warn),
                    (draft, warn) -> taskService.validateEvent(target.id(), draft, warn));
            changes.plan(connector);
            outcomes.add(changes.outcome(Action.MERGE, target.name()));
        }

        private void create(String field, ExportedConnector connector, ConnectorType type) {
            String name = connector.name() == null ? "" : connector.name().trim();
            Validation validation = new Validation();
            checks.name(validation, field + ".name", connector.name());
            if (existing.stream().anyMatch(c -> c.name().equals(name))) {
                validation.add(field + ".name", "a connector named '" + name + "' already exists and is"
                        + " another connector (connector type '" + type.id() + "' does not see them as the same);"
                        + " rename one of them and import again");
            } else if (!name.isEmpty() && !newNames.add(name)) {
                validation.add(field + ".name", "the document has two connectors named '" + name + "'");
            }
            Map<String, String> secretsInClear = plainSecrets.getOrDefault(connector.name(), Map.of());
            for (String key : connector.secrets().keySet()) {
                type.setting(key).filter(setting -> !setting.secret()).ifPresent(setting ->
                        validation.add(field + ".settings." + key, "is not a secret"));
            }
            Map<String, String> given = new LinkedHashMap<>(connector.settings());
            connector.settings().keySet().stream()
                    .filter(key -> type.setting(key).map(SettingDescriptor::secret).orElse(false))
                    .forEach(key -> {
                        validation.add(field + ".settings." + key, "is a secret and must be in secrets");
                        given.remove(key);
                    });
            given.putAll(secretsInClear);
            takeLocalCredentials(connector.name(), given);
            // exactly what creating the connector checks
            ConnectorChecks.CheckedSettings checked = checks.settings(validation, field + ".settings.", type, given,
                    null);
            validation.problems().forEach(p -> refuse(name, null, p.field(), p.problem()));
            String id = newId();
            Map<String, String> sealed = validation.hasProblems() ? Map.of() : checked.sealed(secrets, id);
            Connector created = new Connector(id, name, type.id(), connector.description(), checked.plain, sealed,
                    null, null);
            // added even when refused: any refusal stops the whole import
            newConnectors.add(created);
            TaskChecks taskChecks = new TaskChecks(connectorId -> openUnsaved(type, created, secretsInClear), local,
                    types, mappings, () -> scheduler);
            TaskChanges changes = new TaskChanges(name, id, List.of(), List.of(),
                    (draft, warn) -> taskChecks.scheduled(created, draft, warn),
                    (draft, warn) -> taskChecks.event(created, draft, warn));
            changes.plan(connector);
            outcomes.add(changes.outcome(Action.CREATE, name));
        }

        private Connection openUnsaved(ConnectorType type, Connector connector, Map<String, String> secretsInClear) {
            return ConnectorConnections.checked(type, type.connect(new ConnectionConfig(connector.id(),
                    connector.settings(), secretsInClear)));
        }

        /**
         * Takes the local credentials out of a document connector's settings: the local instance is the engine's.
         * The report says so; the first complete pair may become the engine's ({@link #adoptLocalCredentials}).
         */
        void takeLocalCredentials(String connector, Map<String, String> settings) {
            String user = settings.remove(SettingsService.LOCAL_USER);
            String password = settings.remove(SettingsService.LOCAL_PASSWORD);
            if (user == null && password == null) {
                return;
            }
            warnings.add("connector '" + connector + "': its local WebAPI user and password were left out: the local"
                    + " instance is set in the engine settings (cardlink:settings-set localUser ...)");
            if (localFrom == null && user != null && !user.isBlank() && password != null && !password.isBlank()) {
                localFrom = connector;
                localUser = user.trim();
                localPassword = password;
            }
        }

        void refuse(String connector, String task, String field, String reason) {
            refused.add(new Refusal(connector, task, field, reason));
        }

        ImportPlan plan() {
            return new ImportPlan(newConnectors, newScheduled, changedScheduled, newEvent, changedEvent);
        }

        ImportReport report(boolean dryRun, boolean applied) {
            return new ImportReport(dryRun, applied, outcomes, refused, warnings);
        }

        /** The tasks of one document connector against the tasks its target has, by name. */
        private final class TaskChanges {
            private final String connector;
            private final String targetId;
            private final Map<String, ScheduledTask> scheduledByName;
            private final Map<String, EventTask> eventByName;
            private final Check<ScheduledTask> checkScheduled;
            private final Check<EventTask> checkEvent;
            private final List<String> created = new ArrayList<>();
            private final List<String> updated = new ArrayList<>();
            private final List<String> unchanged = new ArrayList<>();
            private final Set<String> seen = new HashSet<>();

            TaskChanges(String connector, String targetId, List<ScheduledTask> scheduled, List<EventTask> event,
                    Check<ScheduledTask> checkScheduled, Check<EventTask> checkEvent) {
                this.connector = connector;
                this.targetId = targetId;
                this.scheduledByName = byName(scheduled, ScheduledTask::name);
                this.eventByName = byName(event, EventTask::name);
                this.checkScheduled = checkScheduled;
                this.checkEvent = checkEvent;
            }

            void plan(ExportedConnector document) {
                for (ScheduledTask task : document.scheduledTasks()) {
                    if (!claim(task.name(), eventByName.containsKey(task.name()), "an event task")) {
                        continue;
                    }
                    ScheduledTask existing = scheduledByName.get(task.name());
                    // normalized as a save through the task service would store it
                    ScheduledTask draft = TaskManager.normalized(task, existing == null ? newId() : existing.id(),
                            targetId, task.name());
                    if (existing != null && scheduled(existing, null, null).equals(scheduled(draft, null, null))) {
                        unchanged.add(task.name());
                    } else if (check(task.name(), found -> checkScheduled.problems(draft, found))) {
                        (existing == null ? newScheduled : changedScheduled).add(draft);
                        (existing == null ? created : updated).add(task.name());
                    }
                }
                for (EventTask task : document.eventTasks()) {
                    if (!claim(task.name(), scheduledByName.containsKey(task.name()), "a scheduled task")) {
                        continue;
                    }
                    EventTask existing = eventByName.get(task.name());
                    EventTask draft = TaskManager.normalized(task, existing == null ? newId() : existing.id(),
                            targetId, task.name());
                    if (existing != null && event(existing, null, null).equals(event(draft, null, null))) {
                        unchanged.add(task.name());
                    } else if (check(task.name(), found -> checkEvent.problems(draft, found))) {
                        (existing == null ? newEvent : changedEvent).add(draft);
                        (existing == null ? created : updated).add(task.name());
                    }
                }
            }

            /** Task names are unique within a connector across both kinds. */
            private boolean claim(String name, boolean otherKindHasIt, String otherKind) {
                if (name == null || name.isBlank()) {
                    refuse(connector, name, "name", "required");
                    return false;
                }
                if (!seen.add(name)) {
                    refuse(connector, name, "name", "the document has two tasks named '" + name + "' here");
                    return false;
                }
                if (otherKindHasIt) {
                    refuse(connector, name, "name", otherKind + " named '" + name + "' already exists in the"
                            + " target connector");
                    return false;
                }
                return true;
            }

            /** Runs a task's checks; its problems become refusals and its warnings the report's. */
            private boolean check(String task, Function<List<String>, List<FieldProblem>> checks) {
                List<String> taskWarnings = new ArrayList<>();
                List<FieldProblem> found;
                try {
                    found = checks.apply(taskWarnings);
                } catch (CardlinkException e) {
                    refuse(connector, task, "", "could not be checked: " + e.getMessage());
                    return false;
                } finally {
                    taskWarnings.forEach(w -> warnings.add("connector '" + connector + "', task '" + task + "': " + w));
                }
                found.forEach(p -> refuse(connector, task, p.field(), p.problem()));
                return found.isEmpty();
            }

            ConnectorImport outcome(Action action, String target) {
                return new ConnectorImport(connector, action, target, created, updated, unchanged);
            }
        }
    }

    @FunctionalInterface
    private interface Check<T> {
        List<FieldProblem> problems(T draft, List<String> warnings);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static <T> Map<String, T> byName(List<T> list, Function<T, String> name) {
        return list.stream().collect(Collectors.toMap(name, t -> t, (a, b) -> a, LinkedHashMap::new));
    }

    static ScheduledTask scheduled(ScheduledTask t, String id, String connectorId) {
        return new ScheduledTask(id, connectorId, t.name(), t.enabled(), t.schedule(), t.mode(), t.settings(),
                t.remoteTemplate(), t.remoteFolder(), t.mapping(), t.removal(), t.failureCard(), null, null);
    }

    static EventTask event(EventTask t, String id, String connectorId) {
        return new EventTask(id, connectorId, t.name(), t.localTemplate(), t.localFolder(), t.remoteTemplate(),
                t.remoteFolder(), t.mapping(), t.workflowReferences(), null, null);
    }

    private static byte[] decode(String base64) {
        try {
            return base64 == null ? new byte[0] : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
