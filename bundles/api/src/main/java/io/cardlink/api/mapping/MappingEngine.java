package io.cardlink.api.mapping;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.task.Mapping;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Maps data cards of one instance to cards of another. Pure: no I/O (references go through a
 * {@link ReferenceResolver} the caller passes in).
 *
 * <h2>Conversions (source value to target attribute type)</h2>
 * <ul>
 * <li>same type: copied; a static value is matched again against the target's choices, by code, then by value
 * (no matching choice: problem).</li>
 * <li>date and date-time to string: ISO ({@code 2021-03-24}, {@code 2021-03-24T10:57:57Z}).</li>
 * <li>string to date: {@code yyyy-MM-dd} and {@code dd.MM.yyyy} give a date; an ISO date-time with offset or
 * {@code Z} and the legacy local form {@code dd.MM.yyyy HH:mm} (in the engine's configured legacy time zone, UTC by
 * default) give a date-time.</li>
 * <li>date to date: the REST API has one type {@code date} for dates and date-times and template schemas do not
 * tell which one an attribute holds, so the value keeps its kind (the instance accepts both shapes).</li>
 * <li>number to string: plain notation without exponent or trailing zeros; string to number: a decimal number.</li>
 * <li>static value to string: its display value; string to static value: the target choice whose value, else code,
 * equals the string.</li>
 * <li>reference to string: the referenced card's unique key when the resolver knows it, else its name.</li>
 * <li>reference to reference: the card of the target instance with the same unique key, found by the resolver
 * (not found: problem). Without a target schema a reference is still resolved, never copied: a source-instance id
 * means nothing in the target instance.</li>
 * <li>external references (attachments, links) and worklogs: only to the same type, and never in the
 * {@link Direction#WRITE} direction.</li>
 * <li>several values into a single-valued target: problem; nothing is dropped silently.</li>
 * <li>without schemas (not known), values are copied as they are.</li>
 * </ul>
 *
 * <h2>Unique key and task id</h2>
 * {@link Mapping#uniqueKeyAttribute()} names an attribute of the <em>target</em> template. Its value comes from the
 * source attribute of the pair that targets it; without such a pair, from the source attribute with the same code.
 * A card without exactly one key value that converts fails as a whole. The target's generated system attributes
 * ({@code efecte_id}, {@code created}, {@code updated}, {@code creator}, {@code latest_update_by},
 * {@code last_update_by}) cannot be written, so the key is normally a custom attribute such as
 * {@code source_key} fed from the source's {@code efecte_id} (pair {@code efecte_id -> source_key}).
 * {@link Mapping#taskIdAttribute()} names a string attribute of the target that receives the task id; it is
 * required for {@link Direction#READ} and may not also be the target of a pair.
 * {@link Mapping#taskNameAttribute()} (optional) names another string attribute of the target that receives the task
 * name, as the vendor's "Data source ID (Datasourceid)" does; it may not be the task-id, unique key or a pair's
 * target attribute.
 */
@ProviderType
public interface MappingEngine {

    /**
     * Prepares a mapping for a run. A schema given as null is not known: values then go to the target as they are
     * (references are still resolved). Problems that only a schema shows (a missing attribute, a type that does not
     * convert) are reported per card by {@link CompiledMapping#apply}; use {@link #validate} to refuse them up front.
     *
     * @throws io.cardlink.api.ValidationException when the mapping cannot map any card whatever the schemas: a
     *         required field missing, a pair without codes, an attribute written twice, a generated attribute as a
     *         target, the task-id attribute missing for {@link Direction#READ}
     */
    CompiledMapping compile(Mapping mapping, TemplateSchema source, TemplateSchema target, Direction direction);

    /**
     * Every problem of a mapping at once, with field paths such as {@code mapping.targetFolder},
     * {@code mapping.pairs[2].source}, {@code mapping.pairs[2].target}, {@code mapping.uniqueKeyAttribute} and
     * {@code mapping.taskIdAttribute}, {@code mapping.taskNameAttribute}; empty when the mapping is valid.
     *
     * @param source the source template's schema, or null when it is not known (the checks that need it are
     *               skipped; the caller reports a missing source template under its own field)
     * @param target the schema of {@link Mapping#targetTemplate()}, or null when the target instance has no such
     *               template (reported at {@code mapping.targetTemplate})
     */
    List<FieldProblem> validate(Mapping mapping, TemplateSchema source, TemplateSchema target, Direction direction);

    /**
     * A stable hash of a mapped card: its template, folder and attributes with what a write sends of each value
     * (a reference by its id only), independent of the order of attributes and of the order of values within an
     * attribute. An attribute with no values differs from an absent one (the first clears, the second leaves the
     * target untouched). Id, name and flags are not part of it. 32 lower-case hex digits (SHA-256 cut to 128 bits).
     */
    String fingerprint(DataCard mapped);
}
