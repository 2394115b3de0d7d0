package io.cardlink.contract;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.CardMatch;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.connector.WriteOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connector type over stores held in memory, named by the setting {@code store}: a type without any Matrix42
 * notion (no query language, no card key of its own), to show that the contract suite asks only what the SPI
 * promises. A store name nobody registered is an instance that does not answer. A test fixture, not a product.
 */
class InMemoryConnectorType implements ConnectorType {

    static final String STORE = "store";
    private static final Map<String, Store> STORES = new ConcurrentHashMap<>();

    /** Registers an empty store with one template of two text attributes and returns its name. */
    static String newStore(String template, String... attributes) {
        String name = "store-" + STORES.size() + "-" + System.nanoTime();
        Map<String, AttributeSchema> schema = new LinkedHashMap<>();
        for (String code : attributes) {
            schema.put(code, new AttributeSchema(code, code, AttributeType.STRING, false, false, List.of(), List.of()));
        }
        STORES.put(name, new Store(Map.of(template, new TemplateSchema(template, template, List.of(), schema))));
        return name;
    }

    @Override
    public String id() {
        return "in-memory";
    }

    @Override
    public String displayName() {
        return "In-memory store";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(new SettingDescriptor(STORE, "Store", SettingDescriptor.Kind.TEXT, true, null,
                "The name of the store in memory"));
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.READ_FULL, Capability.READ_INCREMENTAL, Capability.WRITE_CREATE,
                Capability.WRITE_UPDATE, Capability.WRITE_DELETE);
    }

    @Override
    public Connection connect(ConnectionConfig config) {
        String name = config.setting(STORE);
        if (name == null || name.isBlank()) {
            throw new ValidationException(STORE, "a store name is required");
        }
        InstanceGateway gateway = gateway(name);
        return new Connection() {
            @Override
            public InstanceGateway remote() {
                return gateway;
            }

            @Override
            public void close() {
            }
        };
    }

    /** The gateway to a store; tests of the suite itself wrap it to break one promise. */
    InstanceGateway gateway(String name) {
        return new Gateway(name);
    }

    /** One store: its templates and its cards by id, each with the time it last changed. */
    private record Store(Map<String, TemplateSchema> templates, Map<String, Entry> cards, AtomicLong ids) {
        Store(Map<String, TemplateSchema> templates) {
            this(templates, new ConcurrentHashMap<>(), new AtomicLong(1000));
        }
    }

    private record Entry(DataCard card, Instant changed) {
    }

    static final class Gateway implements InstanceGateway {
        private final String name;
        private final Clock clock = Clock.systemUTC();

        Gateway(String name) {
            this.name = name;
        }

        private Store store() {
            Store store = STORES.get(name);
            if (store == null) {
                throw new UnavailableException("no store '" + name + "' in memory");
            }
            return store;
        }

        private TemplateSchema schema(String templateCode) {
            TemplateSchema schema = store().templates().get(templateCode);
            if (schema == null) {
                throw new NotFoundException("no template '" + templateCode + "'");
            }
            return schema;
        }

        @Override
        public EndpointCheck check() {
            return STORES.containsKey(name) ? new EndpointCheck(name, EndpointCheck.Result.OK, "store found", 0)
                    : new EndpointCheck(name, EndpointCheck.Result.UNREACHABLE, "no store '" + name + "'", 0);
        }

        @Override
        public List<TemplateInfo> templates() {
            return store().templates().values().stream().map(t -> new TemplateInfo(t.code(), t.name())).toList();
        }

        @Override
        public TemplateSchema template(String templateCode) {
            return schema(templateCode);
        }

        @Override
        public CardCursor read(ReadRequest request) {
            schema(request.templateCode());
            if (!request.taskSettings().isEmpty()) {
                throw new ValidationException("settings", "an in-memory store takes no task settings");
            }
            List<DataCard> selected = new ArrayList<>();
            for (Entry entry : store().cards().values()) {
                DataCard card = entry.card();
                if (card.templateCode().equals(request.templateCode()) && (request.includeRemoved() || !card.deleted())
                        && (request.updatedSince() == null || !entry.changed().isBefore(request.updatedSince()))
                        && matches(card, request.match())) {
                    selected.add(card);
                }
            }
            return CardCursor.of(selected);
        }

        private static boolean matches(DataCard card, CardMatch match) {
            if (match == null) {
                return true;
            }
            return match.byId() ? match.values().contains(card.id())
                    : match.values().contains(card.text(match.attributeCode()));
        }

        @Override
        public List<WriteOutcome> upsert(String templateCode, List<DataCard> cards) {
            List<WriteOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < cards.size(); i++) {
                DataCard card = cards.get(i);
                String unknown = unknownAttribute(schema(templateCode), card);
                if (unknown != null) {
                    outcomes.add(new WriteOutcome(i, null, false, "no attribute '" + unknown + "'"));
                } else if (card.id() == null) {
                    outcomes.add(new WriteOutcome(i, create(templateCode, card), true, null));
                } else {
                    update(templateCode, card.id(), card);
                    outcomes.add(new WriteOutcome(i, card.id(), false, null));
                }
            }
            return outcomes;
        }

        @Override
        public String create(String templateCode, DataCard card) {
            refuseUnknown(schema(templateCode), card);
            String id = String.valueOf(store().ids().incrementAndGet());
            store().cards().put(id, new Entry(new DataCard(id, templateCode, card.folderCode(), null, false, false,
                    card.attributes()), clock.instant()));
            return id;
        }

        @Override
        public void update(String templateCode, String id, DataCard changes) {
            refuseUnknown(schema(templateCode), changes);
            Entry entry = store().cards().get(id);
            if (entry == null || !entry.card().templateCode().equals(templateCode)) {
                throw new NotFoundException("no card " + id + " in template '" + templateCode + "'");
            }
            Map<String, List<Value>> attributes = new LinkedHashMap<>(entry.card().attributes());
            attributes.putAll(changes.attributes());
            DataCard card = entry.card();
            store().cards().put(id, new Entry(new DataCard(id, templateCode, card.folderCode(), null, card.deleted(),
                    false, attributes), clock.instant()));
        }

        @Override
        public void delete(String templateCode, String id) {
            Entry entry = store().cards().get(id);
            if (entry == null || !entry.card().templateCode().equals(templateCode)) {
                throw new NotFoundException("no card " + id + " in template '" + templateCode + "'");
            }
            DataCard card = entry.card();
            store().cards().put(id, new Entry(new DataCard(id, templateCode, card.folderCode(), null, true, false,
                    card.attributes()), entry.changed()));
        }

        @Override
        public Instant changedAt(DataCard card) {
            Entry entry = card.id() == null ? null : store().cards().get(card.id());
            return entry == null ? null : entry.changed();
        }

        private static String unknownAttribute(TemplateSchema schema, DataCard card) {
            return card.attributes().keySet().stream().filter(code -> schema.attribute(code).isEmpty()).findFirst()
                    .orElse(null);
        }

        private static void refuseUnknown(TemplateSchema schema, DataCard card) {
            String unknown = unknownAttribute(schema, card);
            if (unknown != null) {
                throw new ValidationException("card." + unknown, "template '" + schema.code() + "' has no attribute '"
                        + unknown + "'");
            }
        }
    }
}
