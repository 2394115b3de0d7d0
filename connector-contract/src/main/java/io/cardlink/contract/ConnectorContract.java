package io.cardlink.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.api.connector.BulkWrite;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.CardCreate;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.CardDelete;
import io.cardlink.api.connector.CardMatch;
import io.cardlink.api.connector.CardUpdate;
import io.cardlink.api.connector.ChangedRead;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.FullRead;
import io.cardlink.api.connector.KeyLookup;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.connector.WriteOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every connector type promises the engine, checked against a test instance of the type's own (in the manner
 * of ConnId's contract tests). A type's tests extend this class and say how to reach that instance; the suite
 * exercises the gateway the engine reads from and writes to through the SPI only, so the same tests hold a
 * Matrix42 connector, an LDAP one or a CSV drop to the same promises.
 *
 * <p>Each operation interface the type's far side implements ({@link FullRead}, {@link KeyLookup},
 * {@link CardCreate}, ...) is tested; a test that needs an operation the far side does not implement is skipped,
 * not failed: the engine does not offer what a type can't do ({@link Capability}). The suite writes cards with keys
 * of its own (a random prefix per test) and never relies on an empty instance; it leaves its cards behind.
 */
public abstract class ConnectorContract {

    /** A template no instance has. */
    protected static final String ABSENT_TEMPLATE = "cardlink_contract_absent_template";
    /** An attribute no template has. */
    protected static final String ABSENT_ATTRIBUTE = "cardlink_contract_absent_attribute";

    private Connection connection;
    private FarSide gateway;
    private String prefix;

    /** The connector type under test. */
    protected abstract ConnectorType type();

    /** A configuration that reaches the test instance with a user allowed to read and write {@link #template()}. */
    protected abstract ConnectionConfig reachableConfig();

    /** A configuration of the same type whose instance does not answer (a closed port, a missing store). */
    protected abstract ConnectionConfig unreachableConfig();

    /** Where on the test instance the suite writes and reads. */
    protected abstract ContractTemplate template();

    /** The gateway of a connection that the suite checks: the far side, the instance the connector type reaches. */
    protected FarSide gateway(Connection open) {
        return open.remote();
    }

    @BeforeEach
    final void openConnection() {
        connection = type().connect(reachableConfig());
        gateway = gateway(connection);
        prefix = "ct-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    @AfterEach
    final void closeConnection() {
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void theTypeDescribesItself() {
        ConnectorType type = type();
        assertTrue(type.id() != null && type.id().matches("[a-z0-9][a-z0-9-]*"),
                "a type id is lower-case letters, digits and dashes: '" + type.id() + "'");
        assertTrue(type.displayName() != null && !type.displayName().isBlank(), "a type has a display name");
        Set<String> keys = new HashSet<>();
        for (SettingDescriptor setting : type.settings()) {
            assertTrue(keys.add(setting.key()), "setting '" + setting.key() + "' is described twice");
            assertTrue(setting.label() != null && !setting.label().isBlank(), setting.key() + " has a label");
            assertNotNull(setting.kind(), setting.key() + " has a kind");
            if (setting.secret()) {
                assertNull(setting.defaultValue(), "secret " + setting.key() + " has no default");
            }
            if (setting.kind() == SettingDescriptor.Kind.NUMBER && setting.defaultValue() != null) {
                int value = Integer.parseInt(setting.defaultValue());
                assertTrue(value >= 1 && (setting.maximum() == null || value <= setting.maximum()),
                        setting.key() + "'s default " + value + " is within its bounds");
            }
        }
    }

    @Test
    void theFarSideOffersExactlyTheCapabilitiesOfItsClass() {
        Class<? extends FarSide> farSide = type().farSide();
        assertNotNull(farSide, "a type names the class of its far side");
        assertTrue(farSide.isInstance(gateway), "the far side " + gateway.getClass().getName()
                + " is a " + farSide.getName());
        assertEquals(Capability.of(type()), Capability.of(gateway.getClass()),
                "a far side implements no operation its type's capabilities leave out");
        assertFalse(Capability.of(type()).isEmpty(), "a type can read or write something");
    }

    @Test
    void openingAConnectionToAnInstanceThatDoesNotAnswerSucceeds() {
        // connecting does no I/O: the engine opens connections while Karaf starts, network or not
        Connection unreachable = type().connect(unreachableConfig());
        unreachable.close();
    }

    @Test
    void theCheckPassesOnTheTestInstance() {
        EndpointCheck check = gateway.check();
        assertTrue(check.ok(), "check of the test instance: " + check);
    }

    @Test
    void theCheckReportsAnInstanceThatDoesNotAnswerWithoutThrowing() {
        try (Connection unreachable = type().connect(unreachableConfig())) {
            EndpointCheck check = gateway(unreachable).check();
            assertFalse(check.ok(), "check of an instance that does not answer: " + check);
            assertTrue(check.message() != null && !check.message().isBlank(), "the check says why: " + check);
        }
    }

    @Test
    void aReadOfAnInstanceThatDoesNotAnswerFailsSoThatItIsTriedAgain() {
        try (Connection unreachable = type().connect(unreachableConfig())) {
            FullRead reader = operation(gateway(unreachable), FullRead.class);
            CardlinkException failure = assertThrows(CardlinkException.class,
                    () -> readAll(reader, ReadRequest.all(template().code())));
            assertTrue(failure.retryable(), "an outage is retryable: " + failure);
        }
    }

    @Test
    void theTemplateIsListedAndDescribed() {
        assertTrue(gateway.templates().stream().anyMatch(t -> t.code().equals(template().code())),
                "templates() lists " + template().code());
        TemplateSchema schema = gateway.template(template().code());
        assertEquals(template().code(), schema.code());
        assertTrue(schema.attribute(template().keyAttribute()).isPresent(), "the schema has the key attribute");
        assertTrue(schema.attribute(template().textAttribute()).isPresent(), "the schema has the text attribute");
        assertTrue(schema.attribute(ABSENT_ATTRIBUTE).isEmpty());
    }

    @Test
    void anAbsentTemplateIsNotFound() {
        assertThrows(NotFoundException.class, () -> gateway.template(ABSENT_TEMPLATE));
    }

    @Test
    void aCreatedCardIsReadBackByItsId() {
        String id = create(key("a"), "first");
        List<DataCard> read = find(ReadRequest.of(template().code(), null,
                List.of(template().keyAttribute(), template().textAttribute())), CardMatch.ids(List.of(id)));
        assertEquals(1, read.size(), "one card with id " + id + ": " + read);
        DataCard card = read.get(0);
        assertEquals(id, card.id());
        assertEquals(template().code(), card.templateCode());
        assertEquals(key("a"), card.text(template().keyAttribute()));
        assertEquals("first", card.text(template().textAttribute()));
        assertFalse(card.deleted());
    }

    @Test
    void aReadByKeysReturnsExactlyTheCardsWithThoseKeys() {
        create(key("a"), "a");
        create(key("b"), "b");
        create(key("c"), "c");
        Set<String> found = keysOf(byKeys(List.of(key("a"), key("c"), key("absent"))));
        assertEquals(Set.of(key("a"), key("c")), found);
    }

    @Test
    void aKeyOrIdCannotWidenWhatAReadPicks() {
        create(key("a"), "a");
        List<String> hostile = List.of(key("a") + "' OR '1'='1", key("a") + "\" OR \"1\"=\"1", key("a") + ")) OR ((1=1",
                "*", "%");
        assertEquals(Set.of(), keysOf(byKeys(hostile)), "a key picks only the cards that have it");
        assertEquals(List.of(), find(ReadRequest.all(template().code()),
                CardMatch.ids(List.of("0 OR 1=1", "' OR '1'='1"))), "an id picks only its card");
    }

    @Test
    void aFullReadStreamsEveryCardOnce() {
        int count = 30;
        for (int i = 0; i < count; i++) {
            create(key("full-" + i), "card " + i);
        }
        Map<String, Integer> seen = new HashMap<>();
        Set<String> ids = new HashSet<>();
        FullRead reader = operation(gateway, FullRead.class);
        try (CardCursor cursor = reader.read(ReadRequest.of(template().code(), null,
                List.of(template().keyAttribute())))) {
            while (cursor.hasNext()) {
                DataCard card = cursor.next();
                assertTrue(ids.add(card.id()), "card " + card.id() + " streamed twice");
                String key = card.text(template().keyAttribute());
                if (key != null && key.startsWith(prefix)) {
                    seen.merge(key, 1, Integer::sum);
                }
            }
        }
        assertEquals(count, seen.size(), "every card written is read: " + seen.keySet());
    }

    @Test
    void anUpsertAnswersEveryCardInOrderAndARefusedCardIsAnOutcome() {
        BulkWrite writer = operation(gateway, BulkWrite.class);
        DataCard refused = DataCard.draft(template().code(), template().folderCode(),
                Map.of(template().keyAttribute(), List.of(new StringValue(key("refused"))),
                        ABSENT_ATTRIBUTE, List.of(new StringValue("x"))));
        List<WriteOutcome> outcomes = writer.upsert(template().code(),
                List.of(draft(key("u1"), "one"), refused, draft(key("u3"), "three")));
        assertEquals(3, outcomes.size(), "one outcome per card: " + outcomes);
        for (int i = 0; i < 3; i++) {
            assertEquals(i, outcomes.get(i).index(), "outcomes in input order: " + outcomes);
        }
        assertTrue(outcomes.get(0).ok() && outcomes.get(0).created() && outcomes.get(0).id() != null,
                "a new card is created: " + outcomes.get(0));
        assertFalse(outcomes.get(1).ok(), "a card with an attribute the template lacks is refused: " + outcomes.get(1));
        assertTrue(outcomes.get(1).error() != null && !outcomes.get(1).error().isBlank(), "a refusal says why");
        assertTrue(outcomes.get(2).ok() && outcomes.get(2).created(), "the card after a refused one is written");
        assertNotEquals(outcomes.get(0).id(), outcomes.get(2).id());
        assertEquals(Set.of(key("u1"), key("u3")), keysOf(byKeys(List.of(key("u1"), key("refused"), key("u3")))));
    }

    @Test
    void anUpsertOfACardWithAnIdUpdatesThatCard() {
        BulkWrite writer = operation(gateway, BulkWrite.class);
        String id = create(key("a"), "before");
        List<WriteOutcome> outcomes = writer.upsert(template().code(), List.of(draft(key("a"), "after").withId(id)));
        assertEquals(1, outcomes.size());
        assertTrue(outcomes.get(0).ok(), "the update is written: " + outcomes.get(0));
        assertFalse(outcomes.get(0).created(), "an update creates nothing");
        assertEquals(id, outcomes.get(0).id());
        assertEquals("after", readOne(id).text(template().textAttribute()));
        assertEquals(1, byKeys(List.of(key("a"))).size(), "still one card with the key");
    }

    @Test
    void anUpdateChangesOnlyTheAttributesItCarries() {
        CardUpdate updater = operation(gateway, CardUpdate.class);
        String id = create(key("a"), "before");
        updater.update(template().code(), id, DataCard.draft(template().code(), null,
                Map.of(template().textAttribute(), List.of(new StringValue("after")))));
        DataCard card = readOne(id);
        assertEquals("after", card.text(template().textAttribute()));
        assertEquals(key("a"), card.text(template().keyAttribute()), "an attribute not in the update stays");
    }

    @Test
    void aDeletedCardIsReadOnlyFromTheTrashAndDeletingItAgainIsNoError() {
        CardDelete deleter = operation(gateway, CardDelete.class);
        String id = create(key("a"), "a");
        deleter.delete(template().code(), id);
        assertEquals(List.of(), find(ReadRequest.all(template().code()), CardMatch.ids(List.of(id))),
                "a deleted card is not read");
        List<DataCard> trashed = find(ReadRequest.all(template().code()).withRemoved(), CardMatch.ids(List.of(id)));
        assertEquals(1, trashed.size(), "a read that asks for the trash finds the card");
        assertTrue(trashed.get(0).deleted(), "and says it is deleted");
        deleter.delete(template().code(), id);
    }

    @Test
    void everyCardCarriesTheInstancesOwnKeyAndIsFoundByIt() {
        String keyAttribute = gateway.cardKeyAttribute();
        assumeTrue(keyAttribute != null, "the instance names its cards by id only");
        String first = readOne(create(key("a"), "a")).text(keyAttribute);
        String second = readOne(create(key("b"), "b")).text(keyAttribute);
        assertTrue(first != null && !first.isBlank(), "a new card carries " + keyAttribute);
        assertNotEquals(first, second, keyAttribute + " is unique");
        List<DataCard> found = find(ReadRequest.of(template().code(), null, List.of(template().keyAttribute())),
                CardMatch.attribute(keyAttribute, List.of(first)));
        assertEquals(List.of(key("a")), found.stream().map(c -> c.text(template().keyAttribute())).toList());
        assertTrue(gateway.instanceAttributes().contains(keyAttribute),
                "the instance sets " + keyAttribute + " itself: " + gateway.instanceAttributes());
    }

    @Test
    void anIncrementalReadFindsWhatChangedSinceItsBoundAndNothingOlder() throws InterruptedException {
        ChangedRead changes = operation(gateway, ChangedRead.class);
        String id = create(key("a"), "before");
        String created = changes.changeMark(readOne(id));
        assertNotNull(created, "a card of a type that reads incrementally has a change mark");
        assertTrue(created.length() <= ChangedRead.MAX_MARK_LENGTH, "a mark is kept as text of at most "
                + ChangedRead.MAX_MARK_LENGTH + " characters: " + created);
        assertEquals(List.of(id), changedSince(changes, created, key("a")), "the bound is inclusive");
        String later = laterMark(changes, created, key("a"));
        assertEquals(List.of(), changedSince(changes, later, key("a")),
                "a card that did not change since the bound is not read");
        if (gateway instanceof CardUpdate updater) {
            updater.update(template().code(), id, DataCard.draft(template().code(), null,
                    Map.of(template().textAttribute(), List.of(new StringValue("after")))));
            String updated = changes.changeMark(readOne(id));
            assertTrue(changes.markOrder().compare(updated, later) >= 0,
                    "a change marks the card no earlier than the changes before it: " + later + ", " + updated);
            assertEquals(List.of(id), changedSince(changes, updated, key("a")));
        }
    }

    /**
     * The mark of a card created after the change that made {@code mark}, at least a second later, and once the far
     * side's bound at it leaves out the card {@code unchangedKey} (tried for 15 s): far sides whose marks are times may
     * read a card changed in the same second as the bound again, and an instance's clock may run ahead of this
     * machine's after a burst of writes (the emulator gives each write a later millisecond than the one before).
     */
    private String laterMark(ChangedRead changes, String mark, String unchangedKey) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        for (int attempt = 1; ; attempt++) {
            Thread.sleep(1_100);
            String later = changes.changeMark(readOne(create(key("later" + attempt), "later")));
            assertTrue(changes.markOrder().compare(later, mark) > 0, "a later change orders after an earlier one: "
                    + mark + ", " + later);
            if (changedSince(changes, later, unchangedKey).isEmpty() || System.nanoTime() - deadline > 0) {
                return later;
            }
        }
    }

    @Test
    void aWriteToAnAbsentTemplateFailsForGood() {
        CardCreate creator = operation(gateway, CardCreate.class);
        CardlinkException failure = assertThrows(CardlinkException.class, () -> creator.create(ABSENT_TEMPLATE,
                DataCard.draft(ABSENT_TEMPLATE, null, Map.of(template().keyAttribute(),
                        List.of(new StringValue(key("a")))))));
        assertFalse(failure.retryable(), "trying again can't help: " + failure);
    }

    /** A key no other test and no other run writes. */
    protected final String key(String name) {
        return prefix + name;
    }

    /** The gateway under test, open for the running test. */
    protected final FarSide gateway() {
        return gateway;
    }

    /**
     * The far side as the operation interface a test needs; the test is skipped when the far side does not
     * implement it, as the engine does not offer what the type can't do.
     */
    protected static <T> T operation(FarSide farSide, Class<T> operation) {
        assumeTrue(operation.isInstance(farSide), "the far side does not implement " + operation.getSimpleName());
        return operation.cast(farSide);
    }

    /** Creates a card in {@link #template()} through the gateway and returns its id. */
    protected final String create(String key, String text) {
        String id = operation(gateway, CardCreate.class).create(template().code(), draft(key, text));
        assertNotNull(id, "create answers the new card's id");
        return id;
    }

    private DataCard draft(String key, String text) {
        Map<String, List<Value>> attributes = new LinkedHashMap<>();
        attributes.put(template().keyAttribute(), List.of(new StringValue(key)));
        attributes.put(template().textAttribute(), List.of(new StringValue(text)));
        return DataCard.draft(template().code(), template().folderCode(), attributes);
    }

    private DataCard readOne(String id) {
        List<DataCard> read = find(ReadRequest.all(template().code()), CardMatch.ids(List.of(id)));
        if (read.size() != 1) {
            fail("expected one card with id " + id + ", read " + read);
        }
        return read.get(0);
    }

    private List<DataCard> find(ReadRequest request, CardMatch match) {
        return drain(operation(gateway, KeyLookup.class).find(request, match));
    }

    private List<DataCard> byKeys(List<String> keys) {
        return find(ReadRequest.of(template().code(), null, List.of(template().keyAttribute())),
                CardMatch.attribute(template().keyAttribute(), keys));
    }

    /** The ids of the cards with {@code key} among those changed since the mark {@code since}. */
    private List<String> changedSince(ChangedRead changes, String since, String key) {
        return drain(changes.readChanged(ReadRequest.of(template().code(), null,
                List.of(template().keyAttribute())), since)).stream()
                .filter(card -> key.equals(card.text(template().keyAttribute()))).map(DataCard::id).toList();
    }

    private static List<DataCard> readAll(FullRead from, ReadRequest request) {
        return drain(from.read(request));
    }

    private static List<DataCard> drain(CardCursor opened) {
        List<DataCard> cards = new ArrayList<>();
        try (CardCursor cursor = opened) {
            while (cursor.hasNext()) {
                cards.add(cursor.next());
            }
        }
        return cards;
    }

    private Set<String> keysOf(List<DataCard> cards) {
        return cards.stream().map(card -> card.text(template().keyAttribute())).collect(Collectors.toSet());
    }

}
