package io.cardlink.esm.client;

import io.cardlink.api.ValidationException;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WriteContractTest extends EmulatorFixture {
    private static final String FOLDER = "incident_management";

    private EsmClient client;
    private StaticChoice status;
    private String personId;

    @BeforeEach
    void prepare() {
        client = client();
        status = client.template("incident").attribute("status").orElseThrow().choices().get(0);
        personId = remote.generate("person", 2, 11).get(0).id();
    }

    private DataCard incident(String subject) {
        Map<String, List<Value>> attributes = new LinkedHashMap<>();
        attributes.put("subject", List.of(new StringValue(subject)));
        attributes.put("description", List.of(new StringValue("line one\nline two, with 'quotes' & ümlauts")));
        attributes.put("status", List.of(new StaticValue(status.value(), status.code())));
        attributes.put("priority", List.of(new NumberValue(new BigDecimal("2.5"))));
        attributes.put("due_date", List.of(new DateValue(LocalDate.of(2026, 4, 1))));
        attributes.put("assigned_at", List.of(new DateTimeValue(Instant.parse("2026-03-02T08:15:30Z"))));
        attributes.put("customer", List.of(ReferenceValue.to(personId)));
        attributes.put("tags", List.of(new StringValue("printer"), new StringValue("floor-3")));
        return DataCard.draft("incident", FOLDER, attributes);
    }

    @Test
    void createsACardWithEveryValueType() {
        String id = client.create("incident", incident("Printer broken"));
        DataCard read = client.card("incident", id, List.of());
        assertEquals(FOLDER, read.folderCode());
        assertEquals(List.of(new StringValue("Printer broken")), read.values("subject"));
        assertEquals("line one\nline two, with 'quotes' & ümlauts", read.text("description"));
        StaticValue readStatus = (StaticValue) read.first("status").orElseThrow();
        assertEquals(status.code(), readStatus.code());
        assertEquals(0, new BigDecimal("2.5").compareTo(((NumberValue) read.first("priority").orElseThrow()).value()));
        assertEquals(new DateValue(LocalDate.of(2026, 4, 1)), read.first("due_date").orElseThrow());
        assertEquals(new DateTimeValue(Instant.parse("2026-03-02T08:15:30Z")), read.first("assigned_at").orElseThrow());
        ReferenceValue customer = (ReferenceValue) read.first("customer").orElseThrow();
        assertEquals(personId, customer.dataCardId());
        assertNotNull(customer.name());
        assertEquals(List.of(new StringValue("printer"), new StringValue("floor-3")), read.values("tags"));
        assertTrue(remote.find(id).isPresent());
    }

    @Test
    void anInvalidCreateIsPermanentWithTheServersMessage() {
        DataCard bad = DataCard.draft("incident", FOLDER,
                Map.of("status", List.of(new StaticValue("no such status", "no_such_code"))));
        EsmPermanentException e = assertThrows(EsmPermanentException.class, () -> client.create("incident", bad));
        assertEquals(400, e.status());
        assertFalse(e.retryable());
        assertEquals("/dc/incident/data", e.path());
        assertEquals("POST", e.method());
        assertNotNull(e.serverMessage());
    }

    @Test
    void aCreateWithoutFolderIsRefusedBeforeAnyRequest() {
        client.checkCredentials();
        remote.resetCounters();
        DataCard noFolder = DataCard.draft("incident", null, Map.of("subject", List.of(new StringValue("x"))));
        assertThrows(ValidationException.class, () -> client.create("incident", noFolder));
        assertEquals(0, remote.counters().totalRequests());
    }

    @Test
    void aCreateIntoAnUnknownTemplateIsNotFound() {
        assertThrows(EsmNotFoundException.class, () -> client.create("no_such_template", incident("x")));
    }

    @Test
    void aRefusedCreateIsRetriedButAFailedOneIsNot() {
        client.checkCredentials();
        remote.faults().failShare(503, 0.5);
        String id = client.create("incident", incident("despite 503"));
        assertTrue(remote.find(id).isPresent());
        remote.faults().clear().failShare(500, 1.0);
        remote.resetCounters();
        long before = remote.count("incident");
        EsmRetryableException e = assertThrows(EsmRetryableException.class,
                () -> client.create("incident", incident("during 500")));
        assertEquals(500, e.status());
        assertEquals(1, remote.counters().totalRequests(), remote.counters().toString());
        assertEquals(before, remote.count("incident"));
    }

    @Test
    void patchesOnlyWhatIsSentAndClearsEmptyAttributes() {
        String id = client.create("incident", incident("before"));
        Map<String, List<Value>> changes = new LinkedHashMap<>();
        changes.put("subject", List.of(new StringValue("after")));
        changes.put("tags", List.of());
        client.patch("incident", id, new DataCard(null, "incident", null, null, false, false, changes));
        DataCard read = client.card("incident", id, List.of());
        assertEquals("after", read.text("subject"));
        assertTrue(read.values("tags").isEmpty());
        assertEquals(new DateValue(LocalDate.of(2026, 4, 1)), read.first("due_date").orElseThrow());
        assertThrows(EsmNotFoundException.class, () -> client.patch("incident", "999999999",
                new DataCard(null, "incident", null, null, false, false, changes)));
    }

    @Test
    void deletingTwiceSucceedsAndAnUnknownCardIsNotFound() {
        String id = client.create("incident", incident("to delete"));
        client.delete("incident", id);
        assertTrue(remote.find(id).orElseThrow().deleted());
        client.delete("incident", id);
        assertThrows(EsmNotFoundException.class, () -> client.delete("incident", "999999999"));
    }

    @Test
    void bulkUpsertsInBatchesAndReportsResultsInInputOrder() {
        String existing = client.create("incident", incident("existing"));
        List<DataCard> cards = new ArrayList<>();
        for (int i = 0; i < 449; i++) {
            cards.add(incident("bulk " + i));
        }
        cards.add(new DataCard(existing, "incident", FOLDER, null, false, false,
                Map.of("subject", List.of(new StringValue("existing, updated")))));
        long before = remote.count("incident");
        remote.resetCounters();
        List<BulkItemResult> results = client.bulkUpsert("incident", cards);
        assertEquals(3, remote.counters().requests("bulk"));
        assertEquals(450, results.size());
        for (int i = 0; i < results.size(); i++) {
            BulkItemResult r = results.get(i);
            assertEquals(i, r.index());
            assertTrue(r.ok(), r.toString());
        }
        assertEquals(existing, results.get(449).dataCardId());
        assertEquals("existing, updated", remote.find(existing).orElseThrow().text("subject"));
        assertEquals("bulk 17", remote.find(results.get(17).dataCardId()).orElseThrow().text("subject"));
        assertEquals(before + 449, remote.count("incident"));
    }

    @Test
    void aPartlyFailedBulkReportsEachFailedCard() {
        List<DataCard> cards = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cards.add(incident("partial " + i));
        }
        cards.set(1, DataCard.draft("incident", FOLDER,
                Map.of("status", List.of(new StaticValue("no such status", "no_such_code")))));
        cards.set(3, DataCard.draft("incident", FOLDER, Map.of("no_such_attribute", List.of(new StringValue("x")))));
        List<BulkItemResult> results = client.bulkUpsert("incident", cards);
        assertEquals(5, results.size());
        assertTrue(results.get(0).ok());
        assertFalse(results.get(1).ok());
        assertFalse(results.get(1).errors().isEmpty());
        assertTrue(results.get(2).ok());
        assertFalse(results.get(3).ok());
        assertTrue(results.get(4).ok());
        assertTrue(remote.find(results.get(4).dataCardId()).isPresent());
    }

    @Test
    void aCreateThatFailsAfterItLandedIsAnUnknownOutcome() {
        client.checkCredentials();
        remote.faults().failAfterWrite(1.0);
        long before = remote.count("incident");

        EsmOutcomeUnknownException e = assertThrows(EsmOutcomeUnknownException.class,
                () -> client.create("incident", incident("landed, then 500")));

        assertEquals(500, e.status());
        assertTrue(e.retryable());
        assertEquals(before + 1, remote.count("incident"));
    }

    @Test
    void aCreateWithoutAnAnswerInTimeIsAnUnknownOutcome() throws InterruptedException {
        // a timeout an ordinary answer meets on a loaded machine too, and a spike well beyond it
        EsmClient hasty = EsmClient.create(config().requestTimeout(Duration.ofSeconds(1)).build());
        hasty.checkCredentials();
        long before = remote.count("incident");
        remote.faults().latencySpikes(1.0, Duration.ofMillis(2500));

        EsmOutcomeUnknownException e = assertThrows(EsmOutcomeUnknownException.class,
                () -> hasty.create("incident", incident("slow")));

        assertEquals(-1, e.status());
        long deadline = System.currentTimeMillis() + 5_000;
        while (remote.count("incident") == before && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(before + 1, remote.count("incident"), "the server carried it out after the client gave up");
    }

    @Test
    void aBulkWriteThatFailsAfterPartLandedIsCompletedByUniqueKeyWithoutDuplicates() {
        EsmClient patient = EsmClient.create(config().retryPolicy(fastRetries(6)).build());
        patient.checkCredentials();
        List<DataCard> cards = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cards.add(incident("unknown outcome " + i));
        }
        long before = remote.count("incident");
        remote.resetCounters();
        // every bulk write carries out the first half of its cards, then answers 500
        remote.faults().failAfterWrite(1.0);

        List<BulkItemResult> results = patient.bulkUpsert("incident", cards, "subject");

        assertEquals(10, results.size());
        for (int i = 0; i < 10; i++) {
            assertTrue(results.get(i).ok(), results.get(i).toString());
            assertEquals(i, results.get(i).index());
            assertEquals("unknown outcome " + i, remote.find(results.get(i).dataCardId()).orElseThrow().text("subject"));
        }
        assertEquals(before + 10, remote.count("incident"));
        assertEquals(10, remote.counters().cardsCreated());
        assertEquals(4, remote.counters().requests("bulk"), "5, 3, 1 and 1 cards landed");
        assertEquals(4L, patient.retries().byCause().get("write outcome unknown"));
    }

    @Test
    void aBulkWriteWhoseOutcomeStaysUnknownGivesUpNamingTheBudget() {
        EsmClient impatient = EsmClient.create(config().retryPolicy(fastRetries(2)).build());
        impatient.checkCredentials();
        List<DataCard> cards = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cards.add(incident("given up " + i));
        }
        long before = remote.count("incident");
        remote.faults().failAfterWrite(1.0);

        EsmOutcomeUnknownException e = assertThrows(EsmOutcomeUnknownException.class,
                () -> impatient.bulkUpsert("incident", cards, "subject"));

        assertTrue(e.getMessage().contains("gave up after 2 attempts")
                && e.getMessage().contains("the retry budget of 2 attempts is used up"), e.getMessage());
        assertEquals(before + 8, remote.count("incident"), "5 and then 3 cards landed, none twice");
    }

    @Test
    void withoutAKeyAttributeABulkWriteOfUnknownOutcomeFails() {
        client.checkCredentials();
        remote.faults().failAfterWrite(1.0);
        assertThrows(EsmOutcomeUnknownException.class,
                () -> client.bulkUpsert("incident", List.of(incident("a"), incident("b"))));
        assertThrows(EsmOutcomeUnknownException.class,
                () -> client.bulkUpsert("incident", List.of(incident("c")), "no_key_attribute_on_these_cards"));
    }

    @Test
    void aBulkOfUpdatesIsSentAgainAfterAServerError() {
        List<BulkItemResult> created = client.bulkUpsert("incident", List.of(incident("u1"), incident("u2")));
        List<DataCard> updates = new ArrayList<>();
        for (BulkItemResult r : created) {
            updates.add(new DataCard(r.dataCardId(), "incident", FOLDER, null, false, false,
                    Map.of("subject", List.of(new StringValue("updated " + r.dataCardId())))));
        }
        remote.faults().failShare(500, 1.0);
        remote.resetCounters();
        EsmRetryableException refused = assertThrows(EsmRetryableException.class,
                () -> client.bulkUpsert("incident", updates));
        assertFalse(refused instanceof EsmOutcomeUnknownException, "updates are safe to repeat");
        assertEquals(4, remote.counters().requests("bulk"), "sent as often as the budget allows");

        remote.faults().clear().failShare(500, 0.5);
        for (BulkItemResult r : client.bulkUpsert("incident", updates)) {
            assertTrue(r.ok(), r.toString());
            assertEquals("updated " + r.dataCardId(), remote.find(r.dataCardId()).orElseThrow().text("subject"));
        }
    }

    @Test
    void attributeCallsReadReplaceAddAndClear() {
        String id = client.create("incident", incident("attributes"));
        assertEquals(List.of(new StringValue("printer"), new StringValue("floor-3")),
                client.attribute("incident", id, "tags"));
        client.replaceAttribute("incident", id, "tags", List.of(new StringValue("network")));
        assertEquals(List.of(new StringValue("network")), client.attribute("incident", id, "tags"));
        client.addAttributeValues("incident", id, "tags", List.of(new StringValue("urgent")));
        List<Value> tags = client.attribute("incident", id, "tags");
        assertEquals(2, tags.size(), tags.toString());
        assertTrue(tags.contains(new StringValue("urgent")));
        client.clearAttribute("incident", id, "tags");
        assertTrue(client.attribute("incident", id, "tags").isEmpty());
        client.addAttributeValues("incident", id, "worklog", List.of(WorklogValue.of("called the customer")));
        WorklogValue entry = (WorklogValue) client.attribute("incident", id, "worklog").get(0);
        assertEquals("called the customer", entry.text());
        assertNotNull(entry.author());
        assertThrows(EsmException.class, () -> client.attribute("incident", id, "no_such_attribute"));
        assertThrows(EsmNotFoundException.class, () -> client.clearAttribute("incident", "999999999", "tags"));
    }

    @Test
    void uploadsAndDownloadsFiles(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String id = client.create("incident", incident("with file"));
        byte[] content = "%PDF-1.4 not really a pdf\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        client.uploadFile("incident", id, "attachments", "report.pdf", content);
        Path onDisk = dir.resolve("notes.msg");
        Files.write(onDisk, "second file".getBytes(StandardCharsets.UTF_8));
        client.uploadFile("incident", id, "attachments", "notes.msg", onDisk);
        List<Value> files = client.attribute("incident", id, "attachments");
        assertEquals(2, files.size(), files.toString());
        ExternalReferenceValue first = (ExternalReferenceValue) files.stream()
                .filter(v -> "report.pdf".equals(((ExternalReferenceValue) v).name())).findFirst().orElseThrow();
        assertArrayEquals(content, client.downloadFile("incident", id, "attachments", first.location()));
        ExternalReferenceValue second = (ExternalReferenceValue) files.stream()
                .filter(v -> "notes.msg".equals(((ExternalReferenceValue) v).name())).findFirst().orElseThrow();
        try (InputStream in = client.openFile("incident", id, "attachments", second.location())) {
            assertEquals("second file", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThrows(EsmNotFoundException.class,
                () -> client.downloadFile("incident", id, "attachments", "no-such-location"));
    }
}
