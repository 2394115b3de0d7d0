package io.cardlink.emulator.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.DateValue;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.card.WorklogValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic cards with plausible values of every attribute type. The values depend only on the seed and the cards
 * already present (reference targets); {@code created} and {@code updated} come from the instance clock. Attributes
 * a sync task owns ({@code cardlink_task_id}, {@code datasourceid}, {@code source_key}) stay empty.
 */
final class Generator {
    private static final String[] FIRST = {"Anna", "Mikko", "Laura", "Jukka", "Sofia", "Timo", "Emma", "Ville", "Aino",
        "Pekka", "Julia", "Markus", "Helena", "Oskari", "Sara", "Jari", "Noora", "Antti", "Elina", "Tuomas"};
    private static final String[] LAST = {"Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen",
        "Laine", "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Smith", "Müller"};
    private static final String[] THINGS = {"Printer", "Laptop", "VPN connection", "E-mail", "Monitor", "Keyboard",
        "Mouse", "Wi-Fi", "Teams meeting room", "ERP login", "Shared drive", "Phone", "Badge reader", "Docking station"};
    private static final String[] PROBLEMS = {"is not working", "is very slow", "shows an error", "needs replacing",
        "cannot be reached", "keeps disconnecting", "asks for a password again", "was lost"};
    private static final String[] SENTENCES = {"Started after the latest update.", "The user already restarted it.",
        "Happens several times a day.", "Affects the whole team.", "Urgent because of a customer demo.",
        "Worked fine yesterday.", "Error code 0x80070005 is shown.", "Only on the second floor."};
    private static final String[] TAGS = {"hardware", "software", "network", "access", "vip", "remote", "onsite"};
    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");
    private static final java.util.Set<String> SYNC_OWNED =
            java.util.Set.of("cardlink_task_id", "datasourceid", "source_key");

    private Generator() {
    }

    /** Adds n cards to a template of the instance; the caller holds the write lock or owns the instance. */
    static List<DataCard> generate(Instance instance, TemplateDef t, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, List<DataCard>> targets = new LinkedHashMap<>();
        List<DataCard> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, List<Value>> values = new LinkedHashMap<>();
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            for (io.cardlink.api.card.AttributeSchema schema : t.schema().attributes().values()) {
                AttrDef a = t.attribute(schema.code()).orElseThrow();
                if (a.readOnly() || SYNC_OWNED.contains(a.code())) {
                    continue;
                }
                List<Value> v = values(instance, a, random, first, last, targets);
                if (!v.isEmpty()) {
                    values.put(a.code(), v);
                }
            }
            String folder = t.schema().allowedFolders().get(random.nextInt(t.schema().allowedFolders().size())).code();
            out.add(instance.insert(t, folder, values, false));
        }
        return out;
    }

    private static List<Value> values(Instance instance, AttrDef a, SplittableRandom r, String first, String last,
            Map<String, List<DataCard>> targets) {
        String code = a.code().toLowerCase(Locale.ROOT);
        switch (a.type()) {
            case STRING -> {
                if (a.multiValue()) {
                    List<Value> tags = new ArrayList<>();
                    int count = r.nextInt(4);
                    for (int i = 0; i < count; i++) {
                        StringValue tag = new StringValue(TAGS[r.nextInt(TAGS.length)]);
                        if (!tags.contains(tag)) {
                            tags.add(tag);
                        }
                    }
                    return tags;
                }
                return List.of(new StringValue(text(code, r, first, last)));
            }
            case NUMBER -> {
                return List.of(new NumberValue(BigDecimal.valueOf(code.contains("priority") ? 1 + r.nextInt(5) : r.nextInt(1000))));
            }
            case DATE -> {
                if (a.dateTime()) {
                    return List.of(new DateTimeValue(BASE.minusSeconds(r.nextLong(2L * 365 * 86400))));
                }
                return List.of(new DateValue(LocalDate.of(2025, 1, 1).plusDays(r.nextInt(-365, 365))));
            }
            case STATIC_VALUE -> {
                List<StaticChoice> choices = a.generatorChoices().isEmpty() ? a.schema().choices() : a.generatorChoices();
                StaticChoice c = choices.get(r.nextInt(choices.size()));
                return List.of(new StaticValue(c.value(), c.code()));
            }
            case REFERENCE -> {
                List<DataCard> pool = targets.computeIfAbsent(a.code(), k -> {
                    List<DataCard> cards = new ArrayList<>();
                    for (String t : a.schema().targetTemplates()) {
                        instance.descending(t).values().stream().filter(c -> !c.deleted()).forEach(cards::add);
                    }
                    return cards;
                });
                if (pool.isEmpty() || r.nextInt(10) == 0) {
                    return List.of();
                }
                DataCard target = pool.get(r.nextInt(pool.size()));
                return List.of(new ReferenceValue(target.id(), target.name(), target.templateCode()));
            }
            case EXTERNAL_REFERENCE -> {
                if (a.schema().file()) {
                    if (r.nextInt(5) != 0) {
                        return List.of();
                    }
                    String name = "screenshot-" + r.nextInt(1000) + ".png";
                    byte[] bytes = ("Generated attachment " + name + " (" + r.nextLong() + ")\n").getBytes(StandardCharsets.UTF_8);
                    return List.of(new ExternalReferenceValue(name, instance.storeFile(bytes)));
                }
                return List.of(new ExternalReferenceValue("Knowledge article", "https://kb.example.com/article/" + r.nextInt(10000)));
            }
            case WORKLOG -> {
                List<Value> entries = new ArrayList<>();
                int count = r.nextInt(3);
                Instant at = BASE.minusSeconds(r.nextLong(86400L * 30));
                for (int i = 0; i < count; i++) {
                    entries.add(new WorklogValue(FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)],
                            SENTENCES[r.nextInt(SENTENCES.length)], at));
                    at = at.minusSeconds(3600 + r.nextInt(86400));
                }
                return entries;
            }
            default -> {
                return List.of();
            }
        }
    }

    private static String text(String code, SplittableRandom r, String first, String last) {
        if (code.contains("first_name")) {
            return first;
        }
        if (code.contains("last_name")) {
            return last;
        }
        if (code.contains("email")) {
            return (first + "." + last + r.nextInt(100)).toLowerCase(Locale.ROOT)
                    .replace('ä', 'a').replace('ö', 'o').replace('ü', 'u') + "@example.com";
        }
        if (code.contains("subject") || code.contains("title")) {
            return THINGS[r.nextInt(THINGS.length)] + " " + PROBLEMS[r.nextInt(PROBLEMS.length)];
        }
        if (code.contains("phone")) {
            return "+358 40 " + (1000000 + r.nextInt(8999999));
        }
        return SENTENCES[r.nextInt(SENTENCES.length)] + " " + SENTENCES[r.nextInt(SENTENCES.length)];
    }
}
