package io.cardlink.api.connector;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The operations Cardlink needs on one instance: a Matrix42 instance, or whatever store a connector type reaches.
 * Requests and cards are in Cardlink's terms; the gateway speaks the instance's own language. Failures are {@link io.cardlink.api.CardlinkException}s
 * whose {@code retryable()} tells an outage from a refusal.
 */
public interface InstanceGateway {

    /** Logs in and reports the outcome; never throws and never hangs longer than the configured timeouts. */
    EndpointCheck check();

    List<TemplateInfo> templates();

    /** A template's schema; {@link io.cardlink.api.NotFoundException} when the instance has no such template. */
    TemplateSchema template(String templateCode);

    /** Streams the cards a request selects, one at a time; memory stays bounded. Close the cursor when done. */
    CardCursor read(ReadRequest request);

    /**
     * Creates cards without an id and updates cards with one, in bulk calls of at most 200; returns one outcome
     * per card in input order. A refused card is an outcome with an error, not an exception.
     */
    List<WriteOutcome> upsert(String templateCode, List<DataCard> cards);

    /**
     * As {@link #upsert(String, List)}, and safe to repeat: when a write fails in a way that leaves open whether
     * the instance carried it out (an error or a broken connection after the request was sent), the gateway finds
     * the cards it was creating by their value of {@code uniqueKeyAttribute} and sends again only the cards that did
     * not land, so that no card is created twice. Gateways that can't look cards up write as {@link #upsert} does.
     */
    default List<WriteOutcome> upsert(String templateCode, List<DataCard> cards, String uniqueKeyAttribute) {
        return upsert(templateCode, cards);
    }

    /** Creates one card and returns its id. */
    String create(String templateCode, DataCard card);

    /** Changes the attributes a card carries in {@code changes}; the others stay as they are. */
    void update(String templateCode, String id, DataCard changes);

    /** Moves a card to the trash; deleting a card already there is no error. */
    void delete(String templateCode, String id);

    /**
     * Copies the file behind an attachment (an external-reference value of a file attribute, {@code location} being
     * its location) into {@code target}, streamed, and returns its size in bytes. A file larger than the
     * connector allows fails with {@link FileTooLargeException}, leaving {@code target} partly written. A read:
     * safe to repeat. Gateways that carry no files refuse with an {@link UnsupportedOperationException}.
     */
    default long downloadFile(String templateCode, String id, String attributeCode, String location, Path target) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not carry files");
    }

    /**
     * Adds the file at {@code file} to a file attribute of a card under {@code fileName}, streamed. A write: when
     * it fails in a way that leaves open whether the file landed, it is not sent again here. Gateways that carry
     * no files refuse with an {@link UnsupportedOperationException}.
     */
    default void uploadFile(String templateCode, String id, String attributeCode, String fileName, Path file) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not carry files");
    }

    /**
     * The attribute by which the instance itself names every card, stable across its life and unique within the
     * instance (a Matrix42 instance's {@code efecte_id}), or null when cards have no such attribute. Run messages
     * name cards by it; references to templates that no task reads are matched by it.
     */
    default String cardKeyAttribute() {
        return null;
    }

    /** The attributes the instance sets on every card itself: not in any template's schema, never written. */
    default Set<String> instanceAttributes() {
        return Set.of();
    }

    /**
     * When the instance last changed the card, as incremental reads ({@link ReadRequest#updatedSince()}) compare
     * it, or null when the card does not say.
     */
    default Instant changedAt(DataCard card) {
        return null;
    }

    /** The calls this gateway tried again since it was opened, by cause; gateways that never retry have none. */
    default RetryCounts retries() {
        return RetryCounts.NONE;
    }
}
