package io.cardlink.esm.client;

import io.cardlink.api.card.DataCard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadContractTest extends EmulatorFixture {

    private static List<DataCard> drain(CardStream cards) {
        List<DataCard> out = new ArrayList<>();
        try (cards) {
            cards.forEachRemaining(out::add);
        }
        return out;
    }

    private static Set<String> ids(List<DataCard> cards) {
        return cards.stream().map(DataCard::id).collect(Collectors.toSet());
    }

    private static Set<String> storedIds(String template) {
        return ids(remote.all(template));
    }

    @Test
    void pagesThroughEveryCardOnceWithAllParametersOnEachPage() {
        remote.generate("incident", 450, 1);
        int total = remote.count("incident");
        remote.resetCounters();
        List<DataCard> cards = drain(client().page("incident", ReadQuery.all()));
        assertEquals(total, cards.size());
        assertEquals(storedIds("incident"), ids(cards));
        assertEquals(total / 200 + 1, remote.counters().requests("list"));
        DataCard first = cards.get(0);
        assertEquals("incident", first.templateCode());
        assertEquals("incident_management", first.folderCode());
        assertNotNull(first.text("subject"));
    }

    @Test
    void aFilterAndSelectedAttributesHoldOnEveryPage() {
        remote.generate("incident", 300, 2);
        String someSubject = remote.all("incident").get(0).text("subject");
        long expected = remote.all("incident").stream().filter(c -> !someSubject.equals(c.text("subject"))).count();
        ReadQuery query = ReadQuery.where("$subject$ <> '" + someSubject.replace("'", "''") + "'")
                .withAttributes(List.of("subject", "priority")).withPageSize(25);
        List<DataCard> cards = drain(client().page("incident", query));
        assertEquals(expected, cards.size());
        assertTrue(cards.stream().allMatch(c -> Set.of("subject", "priority").containsAll(c.attributes().keySet())),
                cards.get(0).attributes().keySet().toString());
        assertTrue(cards.stream().noneMatch(c -> someSubject.equals(c.text("subject"))));
    }

    @Test
    void idsOnlyReturnsCardsWithoutAttributes() {
        remote.generate("incident", 30, 3);
        List<DataCard> cards = drain(client().page("incident", ReadQuery.all().idsOnly().withPageSize(7)));
        assertEquals(storedIds("incident"), ids(cards));
        assertTrue(cards.stream().allMatch(c -> c.attributes().isEmpty()));
    }

    @Test
    void streamsEveryCard() {
        remote.generate("incident", 450, 4);
        remote.resetCounters();
        List<DataCard> streamed = drain(client().stream("incident", ReadQuery.all()));
        assertEquals(storedIds("incident"), ids(streamed));
        assertEquals(remote.count("incident"), streamed.size());
        assertEquals(1, remote.counters().requests("stream"));
        List<DataCard> paged = drain(client().page("incident", ReadQuery.all()));
        assertEquals(new java.util.HashSet<>(paged), new java.util.HashSet<>(streamed));
    }

    @Test
    void aStreamCutInTheMiddleIsResumedAfterTheLastCardWithoutDuplicates() {
        remote.generate("incident", 450, 5);
        int total = remote.count("incident");
        remote.faults().dropStreamAfter(100);
        remote.resetCounters();
        EsmClient client = client();

        List<DataCard> cards = drain(client.stream("incident", ReadQuery.all()));

        assertEquals(total, cards.size());
        assertEquals(storedIds("incident"), ids(cards));
        int parts = (total + 99) / 100;
        assertEquals(parts, remote.counters().requests("stream"));
        assertEquals(parts - 1, client.retries().byCause().get("stream broken"));
    }

    @Test
    void aStreamCutEveryFewCardsOverTheInstanceKeepsItsFilterWhenResumed() {
        remote.generate("incident", 400, 12);
        String someSubject = remote.all("incident").get(0).text("subject");
        Set<String> expected = remote.all("incident").stream().filter(c -> !someSubject.equals(c.text("subject")))
                .map(DataCard::id).collect(Collectors.toSet());
        remote.faults().dropStreamEvery(37);

        List<DataCard> cards = drain(client().stream("incident",
                ReadQuery.where("$subject$ <> '" + someSubject.replace("'", "''") + "'")));

        assertEquals(expected.size(), cards.size());
        assertEquals(expected, ids(cards));
    }

    @Test
    void aStreamThatStopsMakingProgressGivesUpNamingTheBudget() {
        remote.generate("incident", 300, 5);
        remote.faults().dropStreamAfter(100);
        CardStream cards = client().stream("incident", ReadQuery.all());
        for (int i = 0; i < 100; i++) {
            cards.next();
        }
        remote.faults().failShare(503, 1.0);

        EsmRetryableException e = assertThrows(EsmRetryableException.class, () -> {
            while (cards.hasNext()) {
                cards.next();
            }
        });

        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("gave up after 4 attempts")
                && e.getMessage().contains("the retry budget of 4 attempts is used up"), e.getMessage());
        assertEquals(100, cards.delivered());
        assertFalse(cards.hasNext());
    }

    @Test
    void pagingIsNotAffectedByStreamCuts() {
        remote.generate("incident", 300, 5);
        remote.faults().dropStreamAfter(100);
        assertEquals(remote.count("incident"), drain(client().page("incident", ReadQuery.all())).size());
    }

    @Test
    void anEmptyResultAnswered404IsAnEmptyList() {
        remote.faults().emptyListAs404(true);
        ReadQuery nothing = ReadQuery.where("$subject$ = 'no card has this subject'");
        assertTrue(drain(client().page("incident", nothing)).isEmpty());
        assertTrue(drain(client().stream("incident", nothing)).isEmpty());
    }

    @Test
    void anEmptyResultAnswered200IsAnEmptyList() {
        ReadQuery nothing = ReadQuery.where("$subject$ = 'no card has this subject'");
        assertTrue(drain(client().page("incident", nothing)).isEmpty());
        assertTrue(drain(client().stream("incident", nothing)).isEmpty());
    }

    @Test
    void listingAnUnknownTemplateIsNotFound() {
        remote.faults().emptyListAs404(true);
        EsmClient client = client();
        assertThrows(EsmNotFoundException.class, () -> drain(client.page("no_such_template", ReadQuery.all())));
        assertThrows(EsmNotFoundException.class, () -> drain(client.stream("no_such_template", ReadQuery.all())));
    }

    @Test
    void anInvalidFilterIsPermanent() {
        EsmPermanentException e = assertThrows(EsmPermanentException.class,
                () -> drain(client().page("incident", ReadQuery.where("$no_such_attribute$ = 'x'"))));
        assertEquals(400, e.status());
        assertFalse(e.retryable());
    }

    @Test
    void readsOneCardAndSelectedAttributes() {
        DataCard stored = remote.generate("incident", 3, 6).get(1);
        EsmClient client = client();
        DataCard card = client.card("incident", stored.id(), List.of());
        assertEquals(stored.id(), card.id());
        assertEquals(stored.text("subject"), card.text("subject"));
        DataCard narrow = client.card("incident", stored.id(), List.of("subject"));
        assertEquals(Set.of("subject"), narrow.attributes().keySet());
        assertThrows(EsmNotFoundException.class, () -> client.card("incident", "999999999", List.of()));
    }

    @Test
    void aStormOfHalfRefusedRequestsStillCompletes() {
        int total = remote.count("incident");
        remote.faults().failShare(429, 0.5);
        ReadQuery twoPages = ReadQuery.all().withPageSize(Math.min(200, total / 2 + 1));
        assertEquals(total, drain(client().page("incident", twoPages)).size());
        // a login and two pages, every second request refused
        assertTrue(remote.counters().totalRequests() >= 5, remote.counters().toString());
    }

    @Test
    void refusingEveryRequestGivesUpAfterBoundedAttempts() {
        EsmClient client = EsmClient.create(config().retryPolicy(fastRetries(3)).build());
        client.checkCredentials();
        remote.faults().failShare(429, 1.0);
        remote.resetCounters();
        EsmRetryableException e = assertThrows(EsmRetryableException.class, client::templates);
        assertEquals(429, e.status());
        assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("3 times"), e.getMessage());
        assertEquals(3, remote.counters().totalRequests(), remote.counters().toString());
    }

    @Test
    void occasionalServerErrorsOnReadsAreRetriedAndCounted() {
        remote.generate("incident", 300, 13);
        int total = remote.count("incident");
        EsmClient client = client();
        client.checkCredentials();
        remote.faults().failShare(500, 0.3);

        assertEquals(total, drain(client.page("incident", ReadQuery.all().withPageSize(50))).size());
        assertEquals(total, drain(client.stream("incident", ReadQuery.all())).size());
        assertNotNull(client.template("incident"));

        assertTrue(client.retries().byCause().getOrDefault("HTTP 500", 0L) >= 2, client.retries().toString());
        assertEquals(client.retries().byCause().keySet(), Set.of("HTTP 500"));
    }

    @Test
    void aReadThatTimesOutIsSentAgain() {
        EsmClient client = EsmClient.create(config().requestTimeout(Duration.ofSeconds(1)).build());
        client.checkCredentials();
        remote.faults().latencySpikes(0.5, Duration.ofSeconds(3));

        assertNotNull(client.template("incident"));
        assertNotNull(client.template("person"));

        // at least the spiked one: on a loaded machine an ordinary answer may take longer than the timeout too
        Long timeouts = client.retries().byCause().get("timeout");
        assertTrue(timeouts != null && timeouts >= 1, client.retries().toString());
    }

    @Test
    void aServerErrorOnAReadIsRetryable() {
        EsmClient client = EsmClient.create(config().retryPolicy(fastRetries(2)).build());
        client.checkCredentials();
        remote.faults().failShare(500, 1.0);
        EsmRetryableException e = assertThrows(EsmRetryableException.class,
                () -> drain(client.page("incident", ReadQuery.all())));
        assertEquals(500, e.status());
    }
}
