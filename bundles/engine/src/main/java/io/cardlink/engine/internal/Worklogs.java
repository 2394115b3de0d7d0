package io.cardlink.engine.internal;

import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.api.card.WorklogValue;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.Mapping;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Worklog entries on their way to the local instance. The API appends every entry it is sent and sets the entry's
 * author (the API user) and date (the time of the write) itself, so a card sends only the entries that its target
 * card doesn't have yet, matched by a fingerprint of date, author and text, and each entry carries its original
 * author and date at the start of its text: {@code [Abraham Administrator, 2021-03-24T08:58:55Z] Second comment}.
 * Read back, that header gives the fingerprint of the source entry again.
 */
final class Worklogs {

    /** What identifies an entry: its original date, author and text (outer spaces and line-end style aside). */
    record Fingerprint(Instant date, String author, String text) {
        static Fingerprint of(Instant date, String author, String text) {
            return new Fingerprint(date, author, normalized(text));
        }
    }

    /** Stands for an author or date the source entry did not have. */
    private static final String UNKNOWN = "-";
    private static final Pattern HEADER = Pattern.compile(
            "\\[(.*?), (" + UNKNOWN + "|\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z)\\] (.*)", Pattern.DOTALL);

    private final Set<String> attributes;

    /** The worklog attributes of {@code target} that the mapping writes. */
    Worklogs(Mapping mapping, TemplateSchema target) {
        Set<String> codes = new LinkedHashSet<>();
        for (AttributePair pair : mapping.pairs()) {
            AttributeSchema attribute = target == null ? null : target.attributes().get(pair.target());
            if (attribute != null && attribute.type() == AttributeType.WORKLOG) {
                codes.add(pair.target());
            }
        }
        this.attributes = Set.copyOf(codes);
    }

    /** The target attributes that hold worklogs; empty when the mapping writes none. */
    Set<String> attributes() {
        return attributes;
    }

    /**
     * The card to write: each worklog attribute holds only the entries that {@code existing} (the target card as it
     * is, with its worklog attributes; null for a card still to be created) lacks, with their author and date in the
     * text. An attribute without new entries is left out, so that the write leaves that worklog as it is.
     */
    DataCard onlyNew(DataCard mapped, DataCard existing) {
        if (attributes.isEmpty()) {
            return mapped;
        }
        Map<String, List<Value>> values = new LinkedHashMap<>(mapped.attributes());
        for (String code : attributes) {
            if (!values.containsKey(code)) {
                continue;
            }
            List<Value> added = added(values.get(code), existing == null ? List.of() : existing.values(code));
            if (added.isEmpty()) {
                values.remove(code);
            } else {
                values.put(code, added);
            }
        }
        return new DataCard(mapped.id(), mapped.templateCode(), mapped.folderCode(), mapped.name(), mapped.deleted(),
                mapped.hidden(), values);
    }

    /**
     * The source entries that the target entries don't account for, in source order, ready to write. A target entry
     * accounts for one source entry: first by fingerprint; then an entry without a header (written before entries
     * carried their author and date, or made in the local instance) by its text alone.
     */
    static List<Value> added(List<Value> source, List<Value> target) {
        Map<Fingerprint, Integer> byFingerprint = new HashMap<>();
        Map<String, Integer> byTextAlone = new HashMap<>();
        for (Value value : target) {
            if (value instanceof WorklogValue entry) {
                Fingerprint fingerprint = ofTarget(entry);
                if (fingerprint != null) {
                    byFingerprint.merge(fingerprint, 1, Integer::sum);
                } else {
                    byTextAlone.merge(normalized(entry.text()), 1, Integer::sum);
                }
            }
        }
        List<WorklogValue> unmatched = new ArrayList<>();
        for (Value value : source) {
            if (value instanceof WorklogValue entry
                    && !take(byFingerprint, Fingerprint.of(entry.date(), entry.author(), entry.text()))) {
                unmatched.add(entry);
            }
        }
        List<Value> added = new ArrayList<>();
        for (WorklogValue entry : unmatched) {
            if (!take(byTextAlone, normalized(entry.text()))) {
                added.add(carried(entry));
            }
        }
        return added;
    }

    private static <K> boolean take(Map<K, Integer> counts, K key) {
        Integer count = counts.get(key);
        if (count == null || count == 0) {
            return false;
        }
        counts.put(key, count - 1);
        return true;
    }

    private static String normalized(String text) {
        return text.replace("\r\n", "\n").strip();
    }

    /** The entry to write: its text with the original author and date in front, when it has either. */
    static WorklogValue carried(WorklogValue entry) {
        if (entry.author() == null && entry.date() == null) {
            return WorklogValue.of(entry.text());
        }
        String author = entry.author() == null ? UNKNOWN : entry.author();
        String date = entry.date() == null ? UNKNOWN : entry.date().toString();
        return WorklogValue.of("[" + author + ", " + date + "] " + entry.text());
    }

    /** The fingerprint of the source entry that a target entry's header names; null when it has no header. */
    private static Fingerprint ofTarget(WorklogValue entry) {
        Matcher header = HEADER.matcher(entry.text());
        if (!header.matches()) {
            return null;
        }
        try {
            String author = UNKNOWN.equals(header.group(1)) ? null : header.group(1);
            Instant date = UNKNOWN.equals(header.group(2)) ? null : Instant.parse(header.group(2));
            return Fingerprint.of(date, author, header.group(3));
        } catch (DateTimeParseException notADate) {
            // Text that merely looks like a header.
            return null;
        }
    }
}
