package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.api.card.WorklogValue;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.Mapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorklogsTest {

    private static final Instant FIRST_AT = Instant.parse("2021-03-24T08:58:50Z");
    private static final Instant SECOND_AT = Instant.parse("2021-03-24T08:58:55Z");
    private static final WorklogValue FIRST = new WorklogValue("Ulysses User", "First comment", FIRST_AT);
    private static final WorklogValue SECOND = new WorklogValue("Abraham Administrator", "Second comment", SECOND_AT);

    private final Worklogs worklogs = new Worklogs(new Mapping("incident", "incident_management", List.of(
            new AttributePair("worklog", "log"), new AttributePair("subject", "subject"),
            new AttributePair("efecte_id", "source_key")), "cardlink_task_id", "source_key"),
            new TemplateSchema("incident", "Incident", List.of(), Map.of(
                    "log", attribute("log", AttributeType.WORKLOG),
                    "subject", attribute("subject", AttributeType.STRING),
                    "source_key", attribute("source_key", AttributeType.STRING))));

    @Test
    void onlyTheWorklogAttributesTheMappingWritesAreHandled() {
        assertEquals(Set.of("log"), worklogs.attributes());
    }

    @Test
    void anEntryCarriesItsAuthorAndDateInItsText() {
        assertEquals("[Abraham Administrator, 2021-03-24T08:58:55Z] Second comment",
                Worklogs.carried(SECOND).text());
        assertEquals("[-, 2021-03-24T08:58:55Z] No author", Worklogs.carried(
                new WorklogValue(null, "No author", SECOND_AT)).text());
        assertEquals("[Ann, -] No date", Worklogs.carried(new WorklogValue("Ann", "No date", null)).text());
        assertEquals("Neither", Worklogs.carried(WorklogValue.of("Neither")).text());
    }

    @Test
    void aCardToCreateGetsEveryEntryAndAnUpdateOnlyTheNewOnes() {
        DataCard mapped = card(List.of(SECOND, FIRST));

        DataCard created = worklogs.onlyNew(mapped, null);
        assertEquals(List.of(Worklogs.carried(SECOND), Worklogs.carried(FIRST)), created.values("log"));
        assertEquals("Printer jammed", created.text("subject"));

        WorklogValue third = new WorklogValue("Ulysses User", "Third comment", Instant.parse("2021-03-25T10:00:00Z"));
        DataCard grown = card(List.of(third, SECOND, FIRST));
        DataCard update = worklogs.onlyNew(grown, asWrittenByTheInstance(created.values("log")));
        assertEquals(List.of(Worklogs.carried(third)), update.values("log"));
    }

    @Test
    void anAttributeWithoutNewEntriesIsLeftOutSoThatTheWriteKeepsTheWorklog() {
        DataCard mapped = card(List.of(SECOND, FIRST));
        DataCard existing = asWrittenByTheInstance(List.of(Worklogs.carried(SECOND), Worklogs.carried(FIRST)));

        DataCard update = worklogs.onlyNew(mapped, existing);

        assertFalse(update.attributes().containsKey("log"));
        assertEquals("Printer jammed", update.text("subject"));
        assertFalse(worklogs.onlyNew(card(List.of()), existing).attributes().containsKey("log"),
                "an empty source worklog does not clear the target's");
    }

    @Test
    void theSameTextByAnotherAuthorOrAtAnotherTimeIsAnotherEntry() {
        WorklogValue sameTextLater = new WorklogValue("Abraham Administrator", "Second comment",
                Instant.parse("2021-03-26T08:00:00Z"));
        WorklogValue sameTextOtherAuthor = new WorklogValue("Ulysses User", "Second comment", SECOND_AT);
        List<Value> target = written(List.of(Worklogs.carried(SECOND)));

        assertEquals(List.of(Worklogs.carried(sameTextLater), Worklogs.carried(sameTextOtherAuthor)),
                Worklogs.added(List.of(sameTextLater, sameTextOtherAuthor, SECOND), target));
    }

    @Test
    void twoEqualEntriesNeedTwoEntriesInTheTarget() {
        List<Value> target = written(List.of(Worklogs.carried(SECOND)));

        assertEquals(List.of(Worklogs.carried(SECOND)), Worklogs.added(List.of(SECOND, SECOND), target));
    }

    @Test
    void entriesWithoutAHeaderAccountForSourceEntriesOfTheSameText() {
        // Written before entries carried their author and date, or bare because the source entry had neither.
        List<Value> target = written(List.of(WorklogValue.of("First comment\r\n"), WorklogValue.of("Untraced")));

        assertEquals(List.of(Worklogs.carried(SECOND)),
                Worklogs.added(List.of(SECOND, FIRST, WorklogValue.of("Untraced")), target));
    }

    @Test
    void textThatOnlyLooksLikeAHeaderIsPlainText() {
        WorklogValue bracketed = new WorklogValue("Ann", "[see ticket, 2021-13-45T99:99:99Z] later", SECOND_AT);
        List<Value> target = written(List.of(Worklogs.carried(bracketed)));

        assertEquals(List.of(), Worklogs.added(List.of(bracketed), target));
        assertEquals(1, Worklogs.added(List.of(bracketed), written(List.of(WorklogValue.of(
                "[see ticket, 2021-13-45T99:99:99Z] other")))).size());
    }

    private static DataCard card(List<Value> log) {
        return DataCard.draft("incident", "incident_management", Map.of("log", log,
                "subject", List.of(new StringValue("Printer jammed")), "source_key", List.of(new StringValue("INC-1"))));
    }

    /** The target card as the instance keeps it: the entries it was sent, by the API user, at the time of the write. */
    private static DataCard asWrittenByTheInstance(List<Value> sent) {
        return new DataCard("500001", "incident", "incident_management", null, false, false,
                Map.of("log", written(sent)));
    }

    private static List<Value> written(List<Value> sent) {
        List<Value> stored = new ArrayList<>();
        for (Value value : sent) {
            stored.add(new WorklogValue("Web API", ((WorklogValue) value).text(), Instant.parse("2025-06-01T12:00:00Z")));
        }
        return stored;
    }

    private static AttributeSchema attribute(String code, AttributeType type) {
        return new AttributeSchema(code, code, type, type == AttributeType.WORKLOG, false, List.of(), List.of());
    }
}
