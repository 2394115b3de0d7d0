package io.cardlink.mapping.internal;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.Validation;
import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.FolderInfo;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.Mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rules a mapping must follow, checked all at once. Without schemas only the rules that hold whatever the
 * templates are checked (what {@code compile} insists on); with schemas every rule is.
 */
final class MappingRules {
    static final String ATTACHMENTS_REFUSED =
            "attachments and worklogs cannot be written to the remote instance by an event task";

    private final Mapping mapping;
    private final Direction direction;
    private final boolean withSchemas;
    private final TemplateSchema source;
    private final TemplateSchema target;
    private final Validation validation = new Validation();
    /** Target code to the index of the first pair writing it. */
    private final Map<String, Integer> pairTargets = new HashMap<>();

    private MappingRules(Mapping mapping, TemplateSchema source, TemplateSchema target, Direction direction,
            boolean withSchemas) {
        this.mapping = mapping;
        this.source = source;
        this.target = target;
        this.direction = direction;
        this.withSchemas = withSchemas;
    }

    /** The problems that no schema can cure; a mapping with any of them maps no card. */
    static List<FieldProblem> withoutSchemas(Mapping mapping, Direction direction) {
        return new MappingRules(mapping, null, null, direction, false).check();
    }

    /** Every problem; a null source schema is not known, a null target schema means the template does not exist. */
    static List<FieldProblem> withSchemas(Mapping mapping, TemplateSchema source, TemplateSchema target,
            Direction direction) {
        return new MappingRules(mapping, source, target, direction, true).check();
    }

    private List<FieldProblem> check() {
        if (direction == null) {
            throw new IllegalArgumentException("direction is required");
        }
        if (mapping == null) {
            return List.of(FieldProblem.required("mapping"));
        }
        checkTemplateAndFolder();
        for (int i = 0; i < mapping.pairs().size(); i++) {
            checkPair(i, mapping.pairs().get(i));
        }
        checkUniqueKey();
        checkTaskId();
        checkTaskName();
        return validation.problems();
    }

    private void checkTemplateAndFolder() {
        validation.require("mapping.targetTemplate", mapping.targetTemplate());
        validation.require("mapping.targetFolder", mapping.targetFolder());
        if (!withSchemas || blank(mapping.targetTemplate())) {
            return;
        }
        if (target == null) {
            validation.add("mapping.targetTemplate",
                    "template '" + mapping.targetTemplate() + "' not found in the target instance");
        } else if (!blank(mapping.targetFolder()) && !target.allowsFolder(mapping.targetFolder())) {
            String allowed = target.allowedFolders().stream().map(FolderInfo::code).collect(Collectors.joining(", "));
            validation.add("mapping.targetFolder", "folder '" + mapping.targetFolder() + "' is not allowed for template '"
                    + target.code() + "'; allowed: " + (allowed.isEmpty() ? "none" : allowed));
        }
    }

    private void checkPair(int index, AttributePair pair) {
        String field = "mapping.pairs[" + index + "]";
        if (pair == null) {
            validation.add(field, "required");
            return;
        }
        validation.require(field + ".source", pair.source());
        validation.require(field + ".target", pair.target());
        if (blank(pair.source()) || blank(pair.target())) {
            return;
        }
        Integer earlier = pairTargets.putIfAbsent(pair.target(), index);
        if (earlier != null) {
            validation.add(field + ".target", "attribute '" + pair.target() + "' would be written twice: it is also"
                    + " the target of mapping.pairs[" + earlier + "]");
        }
        if (TargetAttributes.generated(pair.target())) {
            validation.add(field + ".target", generatedMessage(pair.target()));
            return;
        }
        AttributeSchema from = sourceAttribute(field + ".source", pair.source());
        AttributeSchema to = targetAttribute(field + ".target", pair.target());
        checkConversion(field, from, to);
    }

    private void checkConversion(String field, AttributeSchema from, AttributeSchema to) {
        boolean refusedAsAttachment = false;
        if (direction == Direction.WRITE && from != null && from.attachmentOrWorklog()) {
            validation.add(field + ".source", ATTACHMENTS_REFUSED + " ('" + from.code() + "' is "
                    + attachmentKind(from) + ")");
            refusedAsAttachment = true;
        }
        if (direction == Direction.WRITE && to != null && to.attachmentOrWorklog()) {
            validation.add(field + ".target", ATTACHMENTS_REFUSED + " ('" + to.code() + "' is "
                    + attachmentKind(to) + ")");
            refusedAsAttachment = true;
        }
        if (!refusedAsAttachment && from != null && to != null && !TypeCompatibility.converts(from.type(), to.type())) {
            validation.add(field + ".target", TypeCompatibility.refusal(from.type(), to.type()) + " ('" + from.code()
                    + "' is " + from.type().wireName() + ", '" + to.code() + "' is " + to.type().wireName() + ")");
        }
    }

    private void checkUniqueKey() {
        String field = "mapping.uniqueKeyAttribute";
        String key = mapping.uniqueKeyAttribute();
        validation.require(field, key);
        if (blank(key)) {
            return;
        }
        if (key.equals(mapping.taskIdAttribute())) {
            validation.add(field, "the unique key attribute cannot also be the task-id attribute");
            return;
        }
        if (TargetAttributes.generated(key)) {
            validation.add(field, generatedMessage(key));
            return;
        }
        AttributeSchema to = targetAttribute(field, key);
        if (to != null && to.multiValue()) {
            validation.add(field, "the unique key attribute '" + key + "' must be single-valued in the target template");
        }
        if (!pairTargets.containsKey(key) && withSchemas && source != null) {
            AttributeSchema from = source.attribute(key).orElse(null);
            if (from == null) {
                validation.add(field, "the unique key attribute '" + key + "' is not mapped: no pair targets it and the"
                        + " source template '" + source.code() + "' has no attribute '" + key + "'");
            } else {
                checkConversion(field, from, to);
            }
        }
    }

    private void checkTaskId() {
        String field = "mapping.taskIdAttribute";
        String taskId = mapping.taskIdAttribute();
        if (direction == Direction.READ) {
            validation.require(field, taskId);
        }
        if (blank(taskId)) {
            return;
        }
        Integer pair = pairTargets.get(taskId);
        if (pair != null) {
            validation.add(field, "'" + taskId + "' receives the task id and cannot also be the target of mapping.pairs["
                    + pair + "]");
        }
        if (TargetAttributes.generated(taskId)) {
            validation.add(field, generatedMessage(taskId));
            return;
        }
        AttributeSchema to = targetAttribute(field, taskId);
        if (to != null && to.type() != AttributeType.STRING) {
            validation.add(field, "the task-id attribute must be a string attribute; '" + taskId + "' is "
                    + to.type().wireName());
        }
    }

    /** The optional attribute that receives the task's name (the vendor's Datasourceid): a string of its own. */
    private void checkTaskName() {
        String field = "mapping.taskNameAttribute";
        String taskName = mapping.taskNameAttribute();
        if (blank(taskName)) {
            return;
        }
        if (taskName.equals(mapping.taskIdAttribute())) {
            validation.add(field, "'" + taskName + "' receives the task id (mapping.taskIdAttribute); the task name"
                    + " needs an attribute of its own");
            return;
        }
        if (taskName.equals(mapping.uniqueKeyAttribute())) {
            validation.add(field, "the task-name attribute cannot also be the unique key attribute");
            return;
        }
        Integer pair = pairTargets.get(taskName);
        if (pair != null) {
            validation.add(field, "'" + taskName + "' receives the task name and cannot also be the target of"
                    + " mapping.pairs[" + pair + "]");
        }
        if (TargetAttributes.generated(taskName)) {
            validation.add(field, generatedMessage(taskName));
            return;
        }
        AttributeSchema to = targetAttribute(field, taskName);
        if (to != null && to.type() != AttributeType.STRING) {
            validation.add(field, "the task-name attribute must be a string attribute; '" + taskName + "' is "
                    + to.type().wireName());
        }
    }

    private AttributeSchema sourceAttribute(String field, String code) {
        if (!withSchemas || source == null) {
            return null;
        }
        AttributeSchema attribute = source.attribute(code).orElse(null);
        if (attribute == null) {
            validation.add(field, "attribute '" + code + "' not found in source template '" + source.code() + "'");
        }
        return attribute;
    }

    private AttributeSchema targetAttribute(String field, String code) {
        if (!withSchemas || target == null) {
            return null;
        }
        AttributeSchema attribute = target.attribute(code).orElse(null);
        if (attribute == null) {
            validation.add(field, "attribute '" + code + "' not found in target template '" + target.code() + "'");
        }
        return attribute;
    }

    static String generatedMessage(String code) {
        String message = "'" + code + "' is set by the target instance and cannot be written";
        return "efecte_id".equals(code)
                ? message + "; map the source's efecte_id to a custom attribute such as source_key and use that as"
                        + " the unique key attribute"
                : message;
    }

    private static String attachmentKind(AttributeSchema attribute) {
        if (attribute.type() == AttributeType.WORKLOG) {
            return "a worklog";
        }
        return attribute.file() ? "a file attribute" : "an external reference";
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
