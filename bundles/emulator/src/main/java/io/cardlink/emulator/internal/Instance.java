package io.cardlink.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.FolderInfo;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.emulator.EmulatorCounters;
import io.cardlink.emulator.EmulatorInstance;
import io.cardlink.emulator.EmulatorOptions;
import io.cardlink.emulator.Faults;
import io.cardlink.emulator.internal.eql.EqlFilter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One emulated instance. Cards are immutable records kept in a skip list per template (descending paging reads it
 * without locks); writes take the instance lock, so ids, {@code efecte_id} sequences and the write clock stay in
 * order under concurrent writers.
 */
final class Instance implements EmulatorInstance {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_-]+)}");

    /** Everything {@link #reset()} throws away. */
    private static final class Store {
        final Map<String, ConcurrentSkipListMap<Long, DataCard>> byTemplate = new HashMap<>();
        final Map<Long, DataCard> byId = new ConcurrentHashMap<>();
        final Map<String, byte[]> files = new ConcurrentHashMap<>();
        final Map<String, Long> efecteSeq = new HashMap<>();
        /** Template -> string attribute -> value -> card ids; an attribute is indexed once a query looks up by it. */
        final Map<String, Map<String, Map<String, Set<Long>>>> indexes = new ConcurrentHashMap<>();
        long nextId;
        long fileSeq;
    }

    private final Fixture.InstanceFixture fixture;
    private final List<EmulatorOptions.Generation> startGenerations;
    private final ObjectMapper json;
    private final long uploadLimit;
    private final int maxCards;
    private final Jwt jwt;
    private final MonotonicClock clock = new MonotonicClock();
    private final FaultState faults;
    private final CounterState counters = new CounterState();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Store store;

    Instance(Fixture.InstanceFixture fixture, EmulatorOptions options, ObjectMapper json) {
        this.fixture = fixture;
        this.startGenerations = options.generations().stream().filter(g -> g.instance().equals(fixture.name())).toList();
        this.json = json;
        this.uploadLimit = options.uploadLimitBytes();
        this.maxCards = options.maxCards();
        this.jwt = new Jwt(json, "cardlink-emulator/" + fixture.name());
        this.faults = new FaultState(options.tokenLifetime());
        this.store = seed();
    }

    private Store seed() {
        Store fresh = new Store();
        fresh.nextId = fixture.firstId();
        fixture.templates().keySet().forEach(t -> fresh.byTemplate.put(t, new ConcurrentSkipListMap<>()));
        Store previous = store;
        store = fresh;
        try {
            loadFixtureCards();
            for (Fixture.Generate g : fixture.generate()) {
                checkRoomFor(fresh, g.count());
                Generator.generate(this, template(g.templateCode()), g.count(), g.seed());
            }
            for (EmulatorOptions.Generation g : startGenerations) {
                checkRoomFor(fresh, g.count());
                Generator.generate(this, template(g.templateCode()), g.count(), g.seed());
            }
        } catch (RuntimeException e) {
            store = previous;
            throw e;
        }
        return fresh;
    }

    private void loadFixtureCards() {
        Fixture.User first = fixture.users().values().stream().findFirst().orElse(null);
        String author = first == null ? "Fixture" : first.displayName();
        for (JsonNode c : fixture.cards()) {
            TemplateDef t = template(c.path("template").asText());
            List<Problem> problems = new ArrayList<>();
            Values.Context ctx = new Values.Context(this, author, clock.now(), false, true, new ArrayList<>());
            Map<String, List<Value>> data = Values.readData(t, c.get("data"), ctx, problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("fixture card of " + fixture.name() + "/" + t.code() + ": "
                        + problems.stream().map(Problem::describe).toList());
            }
            String id = c.hasNonNull("id") ? c.get("id").asText() : null;
            put(new DataCard(id, t.code(), c.path("folder").asText(null), null, c.path("deleted").asBoolean(false),
                    c.path("hidden").asBoolean(false), data));
        }
    }

    // ---- lookups used by the API ------------------------------------------------------------------------------

    Fixture.InstanceFixture fixture() {
        return fixture;
    }

    TemplateDef template(String code) {
        TemplateDef t = fixture.templates().get(code);
        if (t == null) {
            throw new IllegalArgumentException("instance " + fixture.name() + " has no template " + code);
        }
        return t;
    }

    Optional<TemplateDef> findTemplate(String code) {
        return Optional.ofNullable(fixture.templates().get(code));
    }

    Optional<DataCard> findCard(String id) {
        try {
            return Optional.ofNullable(store.byId.get(Long.parseLong(id.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The cards of a template by descending id, deleted ones included. */
    NavigableMap<Long, DataCard> descending(String templateCode) {
        return store.byTemplate.get(templateCode).descendingMap();
    }

    /**
     * The cards of a template whose string attribute holds one of the values, newest id first, found in an index
     * rather than by a scan (a real instance answers such key look-ups from its database indexes too). The index is
     * built under the write lock on first use and kept current by every write.
     */
    NavigableMap<Long, DataCard> descending(String templateCode, EqlFilter.KeyLookup keys) {
        Store s = store;
        Map<String, Set<Long>> index = s.indexes.getOrDefault(templateCode, Map.of()).get(keys.attributeCode());
        if (index == null) {
            index = write(() -> s.indexes.computeIfAbsent(templateCode, t -> new ConcurrentHashMap<>())
                    .computeIfAbsent(keys.attributeCode(), a -> buildIndex(s, templateCode, a)));
        }
        NavigableMap<Long, DataCard> cards = s.byTemplate.get(templateCode);
        NavigableMap<Long, DataCard> found = new TreeMap<>(Comparator.reverseOrder());
        for (String value : keys.values()) {
            for (Long id : index.getOrDefault(value, Set.of())) {
                DataCard card = cards.get(id);
                if (card != null) {
                    found.put(id, card);
                }
            }
        }
        return found;
    }

    private static Map<String, Set<Long>> buildIndex(Store s, String templateCode, String attributeCode) {
        Map<String, Set<Long>> index = new ConcurrentHashMap<>();
        s.byTemplate.get(templateCode).forEach((id, card) -> addToIndex(index, card, attributeCode, id));
        return index;
    }

    private static void addToIndex(Map<String, Set<Long>> index, DataCard card, String attributeCode, long id) {
        for (Value value : card.values(attributeCode)) {
            index.computeIfAbsent(value.displayText(), v -> ConcurrentHashMap.newKeySet()).add(id);
        }
    }

    private static void removeFromIndex(Map<String, Set<Long>> index, DataCard card, String attributeCode, long id) {
        for (Value value : card.values(attributeCode)) {
            Set<Long> ids = index.get(value.displayText());
            if (ids != null) {
                ids.remove(id);
            }
        }
    }

    String folderName(String code) {
        FolderInfo f = fixture.folders().get(code);
        return f == null ? code : f.name();
    }

    boolean anyCardNamed(List<String> templates, String name) {
        Store s = store;
        for (String t : templates) {
            ConcurrentSkipListMap<Long, DataCard> cards = s.byTemplate.get(t);
            if (cards != null) {
                for (DataCard c : cards.values()) {
                    if (!c.deleted() && name.equals(c.name())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    Jwt jwt() {
        return jwt;
    }

    FaultState faultState() {
        return faults;
    }

    CounterState counterState() {
        return counters;
    }

    MonotonicClock clock() {
        return clock;
    }

    long uploadLimit() {
        return uploadLimit;
    }

    ObjectMapper json() {
        return json;
    }

    byte[] file(String location) {
        return store.files.get(location);
    }

    // ---- writes (callers hold the lock through #write) ---------------------------------------------------------

    <T> T write(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Stores a new card: next id, {@code efecte_id}, {@code created} and {@code updated} unless given. */
    DataCard insert(TemplateDef t, String folderCode, Map<String, List<Value>> values, boolean hidden) {
        Store s = store;
        long id = s.nextId++;
        return store(s, t, id, folderCode, values, false, hidden, true);
    }

    /** Replaces a card with new attributes, folder or deleted flag; {@code updated} moves on. */
    DataCard replace(DataCard old, String folderCode, Map<String, List<Value>> values, boolean deleted) {
        Map<String, List<Value>> attrs = new LinkedHashMap<>(values);
        attrs.remove(TemplateDef.UPDATED);
        return store(store, template(old.templateCode()), Long.parseLong(old.id()), folderCode, attrs, deleted,
                old.hidden(), false);
    }

    private DataCard store(Store s, TemplateDef t, long id, String folderCode, Map<String, List<Value>> values,
            boolean deleted, boolean hidden, boolean isNew) {
        Map<String, List<Value>> attrs = new LinkedHashMap<>();
        values.forEach((code, list) -> {
            if (!list.isEmpty()) {
                attrs.put(code, list);
            }
        });
        if (!attrs.containsKey(TemplateDef.EFECTE_ID)) {
            long seq = s.efecteSeq.merge(t.code(), 1L, Long::sum);
            attrs.put(TemplateDef.EFECTE_ID, List.of(new StringValue(t.efecteIdPrefix() + String.format("%06d", seq))));
        }
        Instant now = clock.next();
        if (isNew) {
            attrs.putIfAbsent(TemplateDef.CREATED, List.of(new DateTimeValue(now)));
        }
        attrs.putIfAbsent(TemplateDef.UPDATED, List.of(new DateTimeValue(now)));
        DataCard card = new DataCard(String.valueOf(id), t.code(), folderCode, name(t, attrs), deleted, hidden, attrs);
        DataCard previous = s.byId.put(id, card);
        s.byTemplate.get(t.code()).put(id, card);
        s.indexes.getOrDefault(t.code(), Map.of()).forEach((attributeCode, index) -> {
            if (previous != null) {
                removeFromIndex(index, previous, attributeCode, id);
            }
            addToIndex(index, card, attributeCode, id);
        });
        return card;
    }

    private static String name(TemplateDef t, Map<String, List<Value>> attrs) {
        Matcher m = PLACEHOLDER.matcher(t.namePattern());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<Value> v = attrs.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null || v.isEmpty() ? "" : v.get(0).displayText()));
        }
        m.appendTail(out);
        String name = out.toString().trim();
        return name.isEmpty() ? attrs.get(TemplateDef.EFECTE_ID).get(0).displayText() : name;
    }

    /** Keeps the bytes of an uploaded file under a new opaque location. */
    String storeFile(byte[] bytes) {
        Store s = store;
        String location = "file-" + (++s.fileSeq);
        s.files.put(location, bytes);
        return location;
    }

    /** For {@code createEmptyReferences}: a card of a target template with this name, made empty when missing. */
    DataCard findOrCreateReferenceTarget(AttrDef attribute, String name, Values.Context ctx) {
        for (String code : attribute.schema().targetTemplates()) {
            for (DataCard c : store.byTemplate.getOrDefault(code, new ConcurrentSkipListMap<>()).values()) {
                if (!c.deleted() && name.equals(c.name())) {
                    return c;
                }
            }
        }
        TemplateDef target = template(attribute.schema().targetTemplates().get(0));
        Map<String, List<Value>> values = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(target.namePattern());
        if (m.find() && target.attribute(m.group(1)).map(a -> a.type() == AttributeType.STRING && !a.readOnly()).orElse(false)) {
            values.put(m.group(1), List.of(new StringValue(name)));
        }
        DataCard created = insert(target, target.defaultFolder().code(), values, false);
        ctx.createdReferences().add(created);
        counters.created();
        return created;
    }

    // ---- EmulatorInstance -------------------------------------------------------------------------------------

    @Override
    public String name() {
        return fixture.name();
    }

    @Override
    public String basePath() {
        return fixture.basePath();
    }

    @Override
    public Faults faults() {
        return faults;
    }

    @Override
    public List<DataCard> generate(String templateCode, int n, long seed) {
        TemplateDef t = template(templateCode);
        return write(() -> {
            checkRoomFor(store, n);
            return Generator.generate(this, t, n, seed);
        });
    }

    /** Generated cards may bring the instance up to {@link EmulatorOptions#maxCards()}, no further. */
    private void checkRoomFor(Store s, int more) {
        if ((long) s.byId.size() + more > maxCards) {
            throw new IllegalArgumentException("generating " + more + " cards would bring instance " + name()
                    + " to more than " + maxCards + " cards (it has " + s.byId.size() + "; maxCards)");
        }
    }

    @Override
    public DataCard put(DataCard card) {
        TemplateDef t = template(card.templateCode());
        String folder = card.folderCode() == null ? t.defaultFolder().code() : card.folderCode();
        if (!t.allowsFolder(folder)) {
            throw new IllegalArgumentException("template " + t.code() + " does not allow folder " + folder);
        }
        for (String code : card.attributes().keySet()) {
            if (t.attribute(code).isEmpty()) {
                throw new IllegalArgumentException("template " + t.code() + " has no attribute " + code);
            }
        }
        return write(() -> {
            Store s = store;
            if (card.id() == null) {
                return store(s, t, s.nextId++, folder, card.attributes(), card.deleted(), card.hidden(), true);
            }
            long id = Long.parseLong(card.id());
            DataCard existing = s.byId.get(id);
            if (existing != null && !existing.templateCode().equals(t.code())) {
                throw new IllegalArgumentException("card " + id + " already exists in template " + existing.templateCode());
            }
            Map<String, List<Value>> attrs = new LinkedHashMap<>(card.attributes());
            if (existing != null) {
                for (String system : List.of(TemplateDef.EFECTE_ID, TemplateDef.CREATED)) {
                    if (!attrs.containsKey(system) && !existing.values(system).isEmpty()) {
                        attrs.put(system, existing.values(system));
                    }
                }
            }
            s.nextId = Math.max(s.nextId, id + 1);
            return store(s, t, id, folder, attrs, card.deleted(), card.hidden(), existing == null);
        });
    }

    @Override
    public Optional<DataCard> find(String dataCardId) {
        return findCard(dataCardId);
    }

    @Override
    public Optional<DataCard> find(String templateCode, String attributeCode, String displayText) {
        template(templateCode);
        for (DataCard c : store.byTemplate.get(templateCode).values()) {
            if (!c.deleted() && c.values(attributeCode).stream().anyMatch(v -> displayText.equals(v.displayText()))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public int count(String templateCode) {
        template(templateCode);
        int n = 0;
        for (DataCard c : store.byTemplate.get(templateCode).values()) {
            if (!c.deleted()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public List<DataCard> all(String templateCode) {
        template(templateCode);
        return store.byTemplate.get(templateCode).values().stream().filter(c -> !c.deleted()).toList();
    }

    @Override
    public List<TemplateSchema> templates() {
        return fixture.templates().values().stream().map(TemplateDef::schema).toList();
    }

    @Override
    public void reset() {
        write(() -> {
            store = seed();
            return null;
        });
        counters.reset();
        faults.clear();
    }

    @Override
    public EmulatorCounters counters() {
        return counters.snapshot();
    }

    @Override
    public void resetCounters() {
        counters.reset();
    }

    Duration tokenLifetime() {
        return faults.tokenLifetime();
    }

    @Override
    public String toString() {
        return "EmulatorInstance[" + fixture.name() + "]";
    }
}
