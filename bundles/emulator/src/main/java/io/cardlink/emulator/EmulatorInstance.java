package io.cardlink.emulator;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.TemplateSchema;

import java.util.List;
import java.util.Optional;

/** One emulated Matrix42 instance: its cards, faults and counters, for test setup and assertions. */
public interface EmulatorInstance {

    /** The instance name, the path segment after {@code /emulator/}. */
    String name();

    /** The API base path of the instance, such as {@code /rest-api/itsm/v1}. */
    String basePath();

    Faults faults();

    /**
     * Adds {@code n} synthetic cards of a template with realistic values of every attribute type; the same seed
     * gives the same values. References point at cards already present.
     *
     * @return the new cards
     */
    List<DataCard> generate(String templateCode, int n, long seed);

    /**
     * Stores a card as given, bypassing API validation except for the template and the folder. A card without an
     * id gets the next id; missing {@code efecte_id}, {@code created} and {@code updated} are filled in.
     *
     * @return the card as stored
     */
    DataCard put(DataCard card);

    /** A card by id, deleted ones included. */
    Optional<DataCard> find(String dataCardId);

    /** The first card of a template whose attribute has a value with this display text, deleted ones excluded. */
    Optional<DataCard> find(String templateCode, String attributeCode, String displayText);

    /** Cards of a template that are not deleted. */
    int count(String templateCode);

    /** Cards of a template that are not deleted, by ascending id. */
    List<DataCard> all(String templateCode);

    /** Template schemas of the instance. */
    List<TemplateSchema> templates();

    /** Puts the instance back to its fixture: cards, counters and faults as at start. */
    void reset();

    EmulatorCounters counters();

    /** Zeroes the counters and keeps everything else. */
    void resetCounters();
}
