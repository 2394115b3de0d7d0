package io.cardlink.shell.internal;

import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.FailureCardTarget;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One field of a task changed from shell text, named as in the REST JSON ({@code schedule.cron},
 * {@code mapping.pairs}, {@code settings.eqlFilter}, ...). The engine validates the result; this only turns text into
 * the field's value. As in the REST JSON, a scheduled-task field without a dot that is none of the task's own (such as
 * {@code eqlFilter}) is the task setting of that name.
 */
final class TaskFields {
    static final List<String> SCHEDULED = List.of("enabled", "schedule.cron", "schedule.intervalSeconds", "mode",
            "remoteTemplate", "remoteFolder", "mapping.targetTemplate", "mapping.targetFolder",
            "mapping.pairs", "mapping.taskIdAttribute", "mapping.uniqueKeyAttribute", "mapping.taskNameAttribute",
            "removal", "removal.statusAttribute", "removal.removedValue", "removal.thresholdPercent",
            "removal.reactivateReturning", "failureCard",
            "failureCard.template", "failureCard.folder", "failureCard.attribute");
    static final List<String> EVENT = List.of("localTemplate", "localFolder", "remoteTemplate", "remoteFolder",
            "mapping.pairs", "mapping.taskIdAttribute", "mapping.uniqueKeyAttribute", "mapping.taskNameAttribute",
            "workflowReferences");
    private static final Set<String> TASK_FIELDS = Arrays.stream(ScheduledTask.class.getRecordComponents())
            .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());
    /** The prefix of a task setting's field, followed by its key. */
    static final String SETTINGS = "settings.";
    /** The value that clears an optional field or group. */
    static final String NONE = "none";

    private TaskFields() {
    }

    /** Pairs written {@code source=target}, such as {@code efecte_id=source_key}. */
    static List<AttributePair> pairs(List<String> texts) {
        List<AttributePair> pairs = new ArrayList<>();
        for (String text : texts) {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw new IllegalArgumentException("A pair is source=target; '" + text + "' is not.");
            }
            pairs.add(new AttributePair(text.substring(0, eq).trim(), text.substring(eq + 1).trim()));
        }
        return pairs;
    }

    static List<String> commaList(String text) {
        return text == null || text.isBlank() || NONE.equalsIgnoreCase(text.trim()) ? List.of()
                : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static TaskMode mode(String text) {
        try {
            return TaskMode.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The mode is full or incremental, not '" + text + "'.");
        }
    }

    static long seconds(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number of seconds.");
        }
    }

    static String describe(Schedule schedule) {
        if (schedule == null) {
            return "";
        }
        return schedule.cron() != null ? "cron " + schedule.cron()
                : schedule.intervalSeconds() == null ? "" : "every " + schedule.intervalSeconds() + "s";
    }

    static ScheduledTask edit(ScheduledTask t, String field, String value) {
        Mapping m = t.mapping() == null ? new Mapping(null, null, List.of(), null, null) : t.mapping();
        RemovalPolicy r = t.removal() == null ? new RemovalPolicy(null, null, 0, false) : t.removal();
        FailureCardTarget f = t.failureCard() == null ? new FailureCardTarget(null, null, null) : t.failureCard();
        Schedule schedule = t.schedule();
        boolean enabled = t.enabled();
        TaskMode mode = t.mode();
        Map<String, String> settings = new TreeMap<>(t.settings());
        String remoteTemplate = t.remoteTemplate();
        String remoteFolder = t.remoteFolder();
        Mapping mapping = t.mapping();
        RemovalPolicy removal = t.removal();
        FailureCardTarget failure = t.failureCard();
        switch (field) {
            case "enabled" -> enabled = bool(field, value);
            case "schedule.cron" -> schedule = Schedule.cron(value);
            case "schedule.intervalSeconds" -> schedule = Schedule.every(seconds(value));
            case "mode" -> mode = mode(value);
            case "remoteTemplate" -> remoteTemplate = value;
            case "remoteFolder" -> remoteFolder = value;
            case "mapping.targetTemplate" -> mapping = new Mapping(value, m.targetFolder(), m.pairs(),
                    m.taskIdAttribute(), m.uniqueKeyAttribute(), m.taskNameAttribute());
            case "mapping.targetFolder" -> mapping = new Mapping(m.targetTemplate(), value, m.pairs(),
                    m.taskIdAttribute(), m.uniqueKeyAttribute(), m.taskNameAttribute());
            case "mapping.pairs", "mapping.taskIdAttribute", "mapping.uniqueKeyAttribute",
                    "mapping.taskNameAttribute" -> mapping = editMapping(m, field, value);
            case "removal" -> removal = requireNone(field, value, null);
            case "removal.statusAttribute" -> removal = new RemovalPolicy(value, r.removedValue(),
                    r.thresholdPercent(), r.reactivateReturning());
            case "removal.removedValue" -> removal = new RemovalPolicy(r.statusAttribute(), value,
                    r.thresholdPercent(), r.reactivateReturning());
            case "removal.thresholdPercent" -> removal = new RemovalPolicy(r.statusAttribute(), r.removedValue(),
                    (int) seconds(value), r.reactivateReturning());
            case "removal.reactivateReturning" -> removal = new RemovalPolicy(r.statusAttribute(), r.removedValue(),
                    r.thresholdPercent(), bool(field, value));
            case "failureCard" -> failure = requireNone(field, value, null);
            case "failureCard.template" -> failure = new FailureCardTarget(value, f.folder(), f.attribute());
            case "failureCard.folder" -> failure = new FailureCardTarget(f.template(), value, f.attribute());
            case "failureCard.attribute" -> failure = new FailureCardTarget(f.template(), f.folder(), value);
            default -> settings.put(settingKey(field), clearable(value));
        }
        return new ScheduledTask(t.id(), t.connectorId(), t.name(), enabled, schedule, mode, settings, remoteTemplate,
                remoteFolder, mapping, removal, failure, t.createdAt(), t.updatedAt());
    }

    static EventTask edit(EventTask t, String field, String value) {
        Mapping m = t.mapping() == null ? new Mapping(null, null, List.of(), null, null) : t.mapping();
        String localTemplate = t.localTemplate();
        String localFolder = t.localFolder();
        String remoteTemplate = t.remoteTemplate();
        String remoteFolder = t.remoteFolder();
        Mapping mapping = t.mapping();
        List<String> references = t.workflowReferences();
        switch (field) {
            case "localTemplate" -> localTemplate = value;
            case "localFolder" -> localFolder = clearable(value);
            // the mapping's target follows the remote template and folder
            case "remoteTemplate" -> {
                remoteTemplate = value;
                mapping = new Mapping(null, m.targetFolder(), m.pairs(), m.taskIdAttribute(), m.uniqueKeyAttribute(),
                        m.taskNameAttribute());
            }
            case "remoteFolder" -> {
                remoteFolder = value;
                mapping = new Mapping(m.targetTemplate(), null, m.pairs(), m.taskIdAttribute(),
                        m.uniqueKeyAttribute(), m.taskNameAttribute());
            }
            case "mapping.pairs", "mapping.taskIdAttribute", "mapping.uniqueKeyAttribute",
                    "mapping.taskNameAttribute" -> mapping = editMapping(m, field, value);
            case "workflowReferences" -> references = commaList(value);
            default -> throw unknown(field, EVENT);
        }
        return new EventTask(t.id(), t.connectorId(), t.name(), localTemplate, localFolder, remoteTemplate,
                remoteFolder, mapping, references, t.createdAt(), t.updatedAt());
    }

    /** The key of a task setting's field: {@code settings.<key>}, or a bare key none of the task's own fields. */
    private static String settingKey(String field) {
        boolean prefixed = field.startsWith(SETTINGS);
        String key = prefixed ? field.substring(SETTINGS.length()) : field;
        if (key.isBlank() || key.contains(".") || (!prefixed && TASK_FIELDS.contains(key))) {
            throw unknown(field, SCHEDULED);
        }
        return key;
    }

    private static Mapping editMapping(Mapping m, String field, String value) {
        return switch (field) {
            case "mapping.pairs" -> new Mapping(m.targetTemplate(), m.targetFolder(), pairs(commaList(value)),
                    m.taskIdAttribute(), m.uniqueKeyAttribute(), m.taskNameAttribute());
            case "mapping.taskIdAttribute" -> new Mapping(m.targetTemplate(), m.targetFolder(), m.pairs(),
                    clearable(value), m.uniqueKeyAttribute(), m.taskNameAttribute());
            case "mapping.taskNameAttribute" -> new Mapping(m.targetTemplate(), m.targetFolder(), m.pairs(),
                    m.taskIdAttribute(), m.uniqueKeyAttribute(), clearable(value));
            default -> new Mapping(m.targetTemplate(), m.targetFolder(), m.pairs(), m.taskIdAttribute(), value,
                    m.taskNameAttribute());
        };
    }

    private static boolean bool(String field, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(field + " is true or false, not '" + value + "'.");
        };
    }

    private static String clearable(String value) {
        return value == null || value.isBlank() || NONE.equalsIgnoreCase(value.trim()) ? null : value;
    }

    private static <T> T requireNone(String field, String value, T cleared) {
        if (!NONE.equalsIgnoreCase(value.trim())) {
            throw new IllegalArgumentException(field + " can only be set to '" + NONE + "' as a whole; set its"
                    + " parts with " + field + ".<part>.");
        }
        return cleared;
    }

    private static IllegalArgumentException unknown(String field, List<String> fields) {
        if ("name".equals(field)) {
            return new IllegalArgumentException("A task's name can't change; copy the task with task-copy instead.");
        }
        return new IllegalArgumentException("Unknown field '" + field + "'; fields: " + String.join(", ", fields)
                + (fields == SCHEDULED ? ", " + SETTINGS + "<key> (the connector type's task settings)" : ""));
    }
}
