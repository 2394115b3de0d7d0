package io.cardlink.engine.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.Validation;
import io.cardlink.api.ValidationException;
import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.FolderInfo;
import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.TaskSettingDescriptor;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.service.ConnectionProvider;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.FailureCardTarget;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything a task save checks, all at once: the fields themselves, then what only the instances can tell (templates,
 * folders, attributes, the task settings by the connector type) through the connector's connection. An instance that
 * can't be reached is not a problem of the task: its checks are skipped and a warning says so.
 *
 * <p>An event task reads cards of the local template with the same code as its remote template (the templates an
 * event task mirrors exist in both instances); its mapping's target is always its remote template and folder.
 */
final class TaskChecks {
    static final int MAX_NAME_LENGTH = 100;
    static final String NOT_CHECKED = "; the mapping was not checked";
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*");

    private final ConnectionProvider connections;
    private final ConnectorTypeRegistry types;
    private final MappingEngine mappings;
    private final Supplier<TaskScheduler> scheduler;
    private final LocalSide local;

    TaskChecks(ConnectionProvider connections, LocalSide local, ConnectorTypeRegistry types, MappingEngine mappings,
            Supplier<TaskScheduler> scheduler) {
        this.connections = connections;
        this.local = local;
        this.types = types;
        this.mappings = mappings;
        this.scheduler = scheduler;
    }

    /** The name rules shared by both kinds of task. */
    static void checkName(Validation validation, String name) {
        if (name == null || name.isBlank()) {
            validation.add("name", "required");
        } else if (name.trim().length() > MAX_NAME_LENGTH) {
            validation.add("name", "at most " + MAX_NAME_LENGTH + " characters");
        } else if (!NAME.matcher(name.trim()).matches()) {
            validation.add("name", "letters, digits, spaces, '.', '_' and '-' only, starting with a letter or digit");
        }
    }

    List<FieldProblem> scheduled(Connector connector, ScheduledTask task, List<String> warnings) {
        Validation validation = new Validation();
        checkName(validation, task.name());
        checkSchedule(validation, task.schedule(), warnings);
        validation.require("mode", task.mode());
        validation.require("remoteTemplate", task.remoteTemplate());
        validation.require("remoteFolder", task.remoteFolder());
        checkRemovalFields(validation, task);
        checkFailureFields(validation, task.failureCard());
        if (task.mode() != null) {
            checkCapability(validation, connector, TypeCapabilities.needed(task.mode()), "mode", warnings);
        }
        Optional<ConnectorType> type = types.find(connector.typeId());
        boolean settingsKnown = type.isPresent() && checkSettingKeys(validation, type.get(), task.settings());
        if (type.isEmpty() && !task.settings().isEmpty()) {
            warnings.add("connector type '" + connector.typeId() + "' is not installed; the task settings were not"
                    + " checked");
        }

        try (Instances instances = open(connector, warnings)) {
            Lookup remote = instances.remote.template(task.remoteTemplate());
            checkTemplate(validation, "remoteTemplate", "remoteFolder", task.remoteTemplate(), task.remoteFolder(),
                    remote, "remote");
            // the type's own checks, with the remote instance when it answered and the template is there
            if (settingsKnown && !task.settings().isEmpty() && (remote.found() || !remote.known())) {
                instances.remote.checkSettings(validation, type.get(), task.remoteTemplate(), task.remoteFolder(),
                        task.settings());
            }
            Mapping mapping = task.mapping();
            Lookup target = mapping == null ? Lookup.UNKNOWN : instances.local.template(mapping.targetTemplate());
            validation.addAll(mappingProblems(mapping, remote, target, Direction.READ));
            if (task.removal() != null && target.found()) {
                checkRemovalAttribute(validation, task.removal(), target.schema());
            }
            FailureCardTarget failure = task.failureCard();
            if (failure != null && !blank(failure.template())) {
                Lookup failureTemplate = instances.local.template(failure.template());
                checkTemplate(validation, "failureCard.template", "failureCard.folder", failure.template(),
                        failure.folder(), failureTemplate, "local");
                if (failureTemplate.found() && !blank(failure.attribute())) {
                    checkFailureAttribute(validation, failure.attribute(), failureTemplate.schema());
                }
            }
        }
        return validation.problems();
    }

    List<FieldProblem> event(Connector connector, EventTask task, List<String> warnings) {
        Validation validation = new Validation();
        checkName(validation, task.name());
        validation.require("localTemplate", task.localTemplate());
        validation.require("remoteTemplate", task.remoteTemplate());
        validation.require("remoteFolder", task.remoteFolder());
        validation.require("mapping", task.mapping());
        Mapping mapping = task.mapping();
        if (mapping != null) {
            sameAsRemote(validation, "mapping.targetTemplate", mapping.targetTemplate(), task.remoteTemplate(),
                    "remoteTemplate");
            sameAsRemote(validation, "mapping.targetFolder", mapping.targetFolder(), task.remoteFolder(),
                    "remoteFolder");
        }
        for (int i = 0; i < task.workflowReferences().size(); i++) {
            validation.require("workflowReferences[" + i + "]", task.workflowReferences().get(i));
        }
        checkWrites(validation, connector, warnings);

        try (Instances instances = open(connector, warnings)) {
            // each side against its own instance: the local template (the workflow's) in the local instance, the
            // remote template in the remote one, and the mapping from the first to the second
            Lookup remote = instances.remote.template(task.remoteTemplate());
            checkTemplate(validation, "remoteTemplate", "remoteFolder", task.remoteTemplate(), task.remoteFolder(),
                    remote, "remote");
            Lookup local = instances.local.template(task.localTemplate());
            checkTemplate(validation, "localTemplate", "localFolder", task.localTemplate(), task.localFolder(),
                    local, "local");
            if (mapping != null) {
                Mapping toRemote = new Mapping(task.remoteTemplate(), task.remoteFolder(), mapping.pairs(),
                        mapping.taskIdAttribute(), mapping.uniqueKeyAttribute(), mapping.taskNameAttribute());
                // the remote template and folder are checked above under the fields the user set
                mappingProblems(toRemote, local, remote, Direction.WRITE).stream()
                        .filter(p -> !p.field().equals("mapping.targetTemplate")
                                && !p.field().equals("mapping.targetFolder"))
                        .forEach(p -> validation.add(p.field(), p.problem()));
            }
        }
        return validation.problems();
    }

    private void checkSchedule(Validation validation, Schedule schedule, List<String> warnings) {
        if (schedule == null) {
            validation.add("schedule", "required: a cron expression or an interval in seconds");
            return;
        }
        TaskScheduler current = scheduler.get();
        if (current != null) {
            validation.addAll(current.validateSchedule(schedule));
            return;
        }
        boolean cron = !blank(schedule.cron());
        if (cron == (schedule.intervalSeconds() != null)) {
            validation.add("schedule", "give either a cron expression or an interval in seconds, not both");
        }
        warnings.add("the scheduler is not running; the schedule was not checked");
    }

    private static void checkRemovalFields(Validation validation, ScheduledTask task) {
        RemovalPolicy removal = task.removal();
        if (removal == null) {
            return;
        }
        if (task.mode() == TaskMode.INCREMENTAL) {
            validation.add("removal", "only full tasks can mark removed cards: an incremental read does not see"
                    + " which cards are gone");
        }
        validation.require("removal.statusAttribute", removal.statusAttribute());
        validation.require("removal.removedValue", removal.removedValue());
        validation.check(removal.thresholdPercent() >= 1 && removal.thresholdPercent() <= 100,
                "removal.thresholdPercent", "must be between 1 and 100");
        if (removal.reactivateReturning() && !blank(removal.statusAttribute())) {
            boolean mapped = task.mapping() != null && task.mapping().pairs().stream()
                    .anyMatch(pair -> removal.statusAttribute().equals(pair.target()));
            validation.check(mapped, "removal.reactivateReturning", "reactivating a card that comes back needs a"
                    + " mapping pair that writes '" + removal.statusAttribute() + "', the status it gets back");
        }
    }

    private static void checkFailureFields(Validation validation, FailureCardTarget failure) {
        if (failure == null) {
            return;
        }
        validation.require("failureCard.template", failure.template());
        validation.require("failureCard.folder", failure.folder());
        validation.require("failureCard.attribute", failure.attribute());
    }

    /**
     * Every key must be one the type describes for scheduled tasks, and the required ones must be given; whether the
     * keys can go to the type's own checks.
     */
    private static boolean checkSettingKeys(Validation validation, ConnectorType type, Map<String, String> settings) {
        List<TaskSettingDescriptor> described = type.taskSettings();
        boolean known = true;
        for (String key : settings.keySet()) {
            if (described.stream().noneMatch(d -> d.key().equals(key))) {
                validation.add("settings." + key, "not a task setting of connector type '" + type.id() + "'; "
                        + (described.isEmpty() ? "it takes none" : "it takes: " + described.stream()
                                .map(TaskSettingDescriptor::key).collect(Collectors.joining(", "))));
                known = false;
            }
        }
        for (TaskSettingDescriptor descriptor : described) {
            if (descriptor.required() && blank(settings.get(descriptor.key()))) {
                validation.add("settings." + descriptor.key(), "required");
            }
        }
        return known;
    }

    private void checkCapability(Validation validation, Connector connector, Capability needed, String field,
            List<String> warnings) {
        Optional<ConnectorType> type = types.find(connector.typeId());
        if (type.isEmpty()) {
            warnings.add("connector type '" + connector.typeId() + "' is not installed; what it supports was not"
                    + " checked");
        } else if (!Capability.of(type.get()).contains(needed)) {
            validation.add(field, TypeCapabilities.unsupported(type.get(), needed));
        }
    }

    /**
     * An event task needs a type that writes at all; the operations its type lacks are refused when requested, which
     * a warning says now.
     */
    private void checkWrites(Validation validation, Connector connector, List<String> warnings) {
        Optional<ConnectorType> type = types.find(connector.typeId());
        if (type.isEmpty()) {
            warnings.add("connector type '" + connector.typeId() + "' is not installed; what it supports was not"
                    + " checked");
            return;
        }
        Set<Capability> capabilities = Capability.of(type.get());
        List<Capability> lacking = TypeCapabilities.WRITES.stream()
                .filter(capability -> !capabilities.contains(capability)).toList();
        if (lacking.size() == TypeCapabilities.WRITES.size()) {
            validation.add("remoteTemplate", "connector type '" + type.get().id() + "' writes no cards (it supports"
                    + " none of write create, write update, write delete): an event task can't write through it");
        } else if (!capabilities.contains(Capability.FIND_BY_KEYS)) {
            validation.add("remoteTemplate", TypeCapabilities.unsupported(type.get(), Capability.FIND_BY_KEYS)
                    + ": an event task finds the remote card by its unique key before it writes");
        } else if (!lacking.isEmpty()) {
            warnings.add("connector type '" + type.get().id() + "' does not support " + lacking.stream()
                    .map(TypeCapabilities::named).collect(Collectors.joining(", ")) + ": requests of "
                    + (lacking.size() == 1 ? "that operation" : "those operations") + " to this task are refused");
        }
    }

    private static void sameAsRemote(Validation validation, String field, String value, String remote,
            String remoteField) {
        if (!blank(value) && !blank(remote) && !value.equals(remote)) {
            validation.add(field, "an event task writes to its " + remoteField + " '" + remote
                    + "'; leave this empty or give the same code");
        }
    }

    private static void checkTemplate(Validation validation, String templateField, String folderField,
            String template, String folder, Lookup lookup, String instance) {
        if (blank(template) || !lookup.known()) {
            return;
        }
        if (!lookup.found()) {
            validation.add(templateField, "template '" + template + "' not found in the " + instance + " instance");
        } else if (!blank(folder) && !lookup.schema().allowsFolder(folder)) {
            validation.add(folderField, "folder '" + folder + "' is not allowed for template '" + template + "'; "
                    + "allowed: " + folders(lookup.schema()));
        }
    }

    private List<FieldProblem> mappingProblems(Mapping mapping, Lookup source, Lookup target, Direction direction) {
        if (mapping == null) {
            return List.of(FieldProblem.required("mapping"));
        }
        if (!target.known()) {
            // without the target's schema only the rules that hold whatever the templates are can be checked
            try {
                mappings.compile(mapping, null, null, direction);
                return List.of();
            } catch (ValidationException e) {
                return e.problems();
            }
        }
        return mappings.validate(mapping, source.schema(), target.schema(), direction);
    }

    private static void checkRemovalAttribute(Validation validation, RemovalPolicy removal, TemplateSchema target) {
        if (blank(removal.statusAttribute())) {
            return;
        }
        Optional<AttributeSchema> status = target.attribute(removal.statusAttribute());
        if (status.isEmpty()) {
            validation.add("removal.statusAttribute", "attribute '" + removal.statusAttribute()
                    + "' not found in target template '" + target.code() + "'");
            return;
        }
        if (status.get().type() == AttributeType.STATIC_VALUE && !blank(removal.removedValue())) {
            List<StaticChoice> choices = status.get().choices();
            boolean valid = choices.stream().anyMatch(c -> removal.removedValue().equals(c.code())
                    || removal.removedValue().equals(c.value()));
            if (!valid) {
                validation.add("removal.removedValue", "'" + removal.removedValue() + "' is not a choice of '"
                        + status.get().code() + "'; choices: " + choices.stream()
                                .map(c -> c.code() == null ? c.value() : c.code() + " (" + c.value() + ")")
                                .collect(Collectors.joining(", ")));
            }
        }
    }

    private static void checkFailureAttribute(Validation validation, String attribute, TemplateSchema template) {
        Optional<AttributeSchema> schema = template.attribute(attribute);
        if (schema.isEmpty()) {
            validation.add("failureCard.attribute", "attribute '" + attribute + "' not found in template '"
                    + template.code() + "'");
        } else if (schema.get().type() != AttributeType.STRING) {
            validation.add("failureCard.attribute", "the error text needs a string attribute; '" + attribute
                    + "' is " + schema.get().type().wireName());
        }
    }

    private Instances open(Connector connector, List<String> warnings) {
        try {
            return new Instances(connections.open(connector.id()), local.gateway(), warnings);
        } catch (CardlinkException e) {
            if (!e.retryable() && !(e instanceof ValidationException)) {
                throw e;
            }
            warnings.add("the remote instance could not be reached (" + e.getMessage() + ")"
                    + NOT_CHECKED);
            return new Instances(null, local.gateway(), warnings);
        }
    }

    private static String folders(TemplateSchema schema) {
        String allowed = schema.allowedFolders().stream().map(FolderInfo::code).collect(Collectors.joining(", "));
        return allowed.isEmpty() ? "none" : allowed;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** A template as an instance told it: found, not there, or not known because the instance did not answer. */
    record Lookup(boolean known, TemplateSchema schema) {
        static final Lookup UNKNOWN = new Lookup(false, null);

        boolean found() {
            return schema != null;
        }
    }

    /**
     * The connection's remote instance and the engine's local one, for one validation; each is given up on after its
     * first outage.
     */
    private static final class Instances implements AutoCloseable {
        final Instance remote;
        final Instance local;
        private final Connection connection;

        Instances(Connection connection, FarSide localGateway, List<String> warnings) {
            this.connection = connection;
            this.remote = new Instance("remote", connection == null ? null : connection.remote(), warnings);
            this.local = new Instance("local", localGateway, warnings);
        }

        @Override
        public void close() {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private static final class Instance {
        private final String label;
        private final FarSide gateway;
        private final List<String> warnings;
        private final Map<String, Lookup> templates = new HashMap<>();
        private boolean unreachable;

        Instance(String label, FarSide gateway, List<String> warnings) {
            this.label = label;
            this.gateway = gateway;
            this.warnings = warnings;
            this.unreachable = gateway == null;
        }

        Lookup template(String code) {
            if (blank(code) || unreachable) {
                return Lookup.UNKNOWN;
            }
            Lookup known = templates.get(code);
            if (known != null) {
                return known;
            }
            Lookup lookup;
            try {
                lookup = new Lookup(true, gateway.template(code));
            } catch (NotFoundException e) {
                lookup = new Lookup(true, null);
            } catch (CardlinkException e) {
                // an outage or a refused login: the task is not at fault, so it can still be saved
                giveUp(e);
                return Lookup.UNKNOWN;
            }
            templates.put(code, lookup);
            return lookup;
        }

        /**
         * The connector type's checks of a task's settings, given this instance unless it could not be reached; an
         * outage during them is a warning, not a problem of the task.
         */
        void checkSettings(Validation validation, ConnectorType type, String template, String folder,
                Map<String, String> settings) {
            try {
                validation.addAll(type.validateTaskSettings(template, folder, settings, unreachable ? null : gateway));
            } catch (ValidationException e) {
                validation.addAll(e.problems());
            } catch (CardlinkException e) {
                giveUp(e);
            }
        }

        private void giveUp(CardlinkException e) {
            unreachable = true;
            warnings.add("the " + label + " instance could not be reached (" + e.getMessage() + ")" + NOT_CHECKED);
        }
    }
}
