package io.cardlink.mapping.internal;

import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.api.card.WorklogValue;
import io.cardlink.api.mapping.CompiledMapping;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.mapping.MappingProblem;
import io.cardlink.api.mapping.MappingResult;
import io.cardlink.api.mapping.ReferenceResolver;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.Mapping;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A mapping with its conversions chosen against the schemas of one run. */
final class PrecompiledMapping implements CompiledMapping {
    private final Mapping mapping;
    private final Direction direction;
    private final PairPlan key;
    private final List<PairPlan> others;
    private final String taskIdAttribute;
    private final String taskNameAttribute;

    PrecompiledMapping(Mapping mapping, TemplateSchema source, TemplateSchema target, Direction direction,
            ZoneId legacyZone) {
        this.mapping = mapping;
        this.direction = direction;
        this.taskIdAttribute = blank(mapping.taskIdAttribute()) ? null : mapping.taskIdAttribute();
        this.taskNameAttribute = blank(mapping.taskNameAttribute()) ? null : mapping.taskNameAttribute();
        String keyCode = mapping.uniqueKeyAttribute();
        PairPlan keyPlan = null;
        List<PairPlan> plans = new ArrayList<>();
        for (AttributePair pair : mapping.pairs()) {
            PairPlan plan = plan(pair.source(), pair.target(), source, target, legacyZone);
            if (pair.target().equals(keyCode)) {
                keyPlan = plan;
            } else {
                plans.add(plan);
            }
        }
        // Without a pair targeting the key, the source attribute of the same code feeds it.
        this.key = keyPlan != null ? keyPlan : plan(keyCode, keyCode, source, target, legacyZone);
        this.others = List.copyOf(plans);
    }

    private PairPlan plan(String sourceCode, String targetCode, TemplateSchema source, TemplateSchema target,
            ZoneId legacyZone) {
        AttributeSchema from = source == null ? null : source.attribute(sourceCode).orElse(null);
        AttributeSchema to = target == null ? null : target.attribute(targetCode).orElse(null);
        String refusal = null;
        if (target != null && to == null) {
            refusal = "attribute '" + targetCode + "' not found in target template '" + target.code() + "'";
        } else if (direction == Direction.WRITE
                && ((from != null && from.attachmentOrWorklog()) || (to != null && to.attachmentOrWorklog()))) {
            refusal = MappingRules.ATTACHMENTS_REFUSED;
        } else if (from != null && to != null && !TypeCompatibility.converts(from.type(), to.type())) {
            refusal = TypeCompatibility.refusal(from.type(), to.type()) + " ('" + sourceCode + "' is "
                    + from.type().wireName() + ")";
        }
        return new PairPlan(sourceCode, targetCode, ValueConversion.into(to, legacyZone), to != null && !to.multiValue(),
                refusal);
    }

    @Override
    public Mapping mapping() {
        return mapping;
    }

    @Override
    public Direction direction() {
        return direction;
    }

    @Override
    public MappingResult apply(DataCard source, String taskId, String taskName, ReferenceResolver references) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(references, "references");
        if (taskIdAttribute != null) {
            Objects.requireNonNull(taskId, "taskId is required: the mapping writes the task-id attribute");
        }
        if (taskNameAttribute != null) {
            Objects.requireNonNull(taskName, "taskName is required: the mapping writes the task-name attribute");
        }
        List<MappingProblem> problems = new ArrayList<>(0);
        Map<String, List<Value>> attributes = new LinkedHashMap<>();
        List<Value> keyValues = source.attributes().get(key.source());
        boolean keyMapped = false;
        if (keyValues == null || keyValues.isEmpty()) {
            problems.add(new MappingProblem(key.target(), "the card has no value for the unique key (source attribute '"
                    + key.source() + "')"));
        } else if (keyValues.size() > 1) {
            problems.add(new MappingProblem(key.target(), "the unique key must have one value; source attribute '"
                    + key.source() + "' has " + keyValues.size()));
        } else {
            keyMapped = map(key, keyValues, references, attributes, problems);
        }
        for (PairPlan plan : others) {
            List<Value> values = source.attributes().get(plan.source());
            if (values != null) {
                map(plan, values, references, attributes, problems);
            }
        }
        if (!keyMapped) {
            return MappingResult.failed(problems);
        }
        if (taskIdAttribute != null) {
            attributes.put(taskIdAttribute, List.of(new StringValue(taskId)));
        }
        if (taskNameAttribute != null) {
            attributes.put(taskNameAttribute, List.of(new StringValue(taskName)));
        }
        return MappingResult.of(DataCard.draft(mapping.targetTemplate(), mapping.targetFolder(), attributes), problems);
    }

    /** Converts every value of one attribute, or none: a partial list would replace the full one on an update. */
    private boolean map(PairPlan plan, List<Value> values, ReferenceResolver references,
            Map<String, List<Value>> attributes, List<MappingProblem> problems) {
        if (plan.refusal() != null) {
            problems.add(new MappingProblem(plan.target(), plan.refusal()));
            return false;
        }
        if (plan.singleValue() && values.size() > 1) {
            problems.add(new MappingProblem(plan.target(), "single-valued, but source attribute '" + plan.source()
                    + "' has " + values.size() + " values"));
            return false;
        }
        List<Value> converted = new ArrayList<>(values.size());
        try {
            for (Value value : values) {
                if (direction == Direction.WRITE
                        && (value instanceof ExternalReferenceValue || value instanceof WorklogValue)) {
                    throw new UnmappableValue(MappingRules.ATTACHMENTS_REFUSED);
                }
                converted.add(plan.conversion().convert(value, references));
            }
        } catch (UnmappableValue e) {
            problems.add(new MappingProblem(plan.target(), "from '" + plan.source() + "': " + e.getMessage()));
            return false;
        }
        attributes.put(plan.target(), converted);
        return true;
    }

    @Override
    public Set<ReferenceValue> references(DataCard source) {
        Set<ReferenceValue> found = new LinkedHashSet<>();
        collectReferences(key, source, found);
        for (PairPlan plan : others) {
            collectReferences(plan, source, found);
        }
        return found;
    }

    private static void collectReferences(PairPlan plan, DataCard source, Set<ReferenceValue> found) {
        if (plan.refusal() != null || !plan.conversion().resolvesReferences()) {
            return;
        }
        for (Value value : source.values(plan.source())) {
            if (value instanceof ReferenceValue reference) {
                found.add(reference);
            }
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
