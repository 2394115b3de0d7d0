package io.cardlink.esm.client;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.api.connector.RetryCounts;
import io.cardlink.esm.client.internal.HttpEsmClient;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A client of one Matrix42 instance's REST API v1. Thread-safe; callers share one login. Every method throws
 * an {@link EsmException}: {@link EsmRetryableException} when a later attempt may succeed,
 * {@link EsmPermanentException} (with {@link EsmAuthenticationException} and {@link EsmNotFoundException})
 * when it will not.
 */
public interface EsmClient {

    /** A client for the configured instance. Does no I/O: the first call logs in. */
    static EsmClient create(EsmClientConfig config) {
        return new HttpEsmClient(config);
    }

    EsmClientConfig config();

    /** Checks that the API answers ({@code GET /echo}, no login). */
    void echo();

    /** Logs in and checks the token ({@code GET /echo/jwt}). */
    void checkCredentials();

    /** The templates the user may see ({@code GET /dc}). */
    List<TemplateInfo> templates();

    /** A template's folders and attributes ({@code GET /dc/{code}}); {@link EsmNotFoundException} if unknown. */
    TemplateSchema template(String templateCode);

    /**
     * Reads every matching card in a streamed response ({@code GET /dc/{t}/data/stream}). A connection cut part-way
     * is resumed after the last card received (the same read for the lower ids: the API streams by descending id),
     * within the retry policy; no card comes twice. When the budget is used up the stream fails with an
     * {@link EsmRetryableException}.
     */
    CardStream stream(String templateCode, ReadQuery query);

    /**
     * Reads every matching card page by page ({@code GET /dc/{t}/data}, keyset by descending id). Each page is
     * retried on its own, so this survives broken connections and token expiry part-way.
     */
    CardStream page(String templateCode, ReadQuery query);

    /**
     * One card ({@code GET /dc/{t}/data/{id}}) with the given attributes (empty = all);
     * {@link EsmNotFoundException} if the template or card is unknown.
     */
    DataCard card(String templateCode, String dataCardId, List<String> selectedAttributes);

    /**
     * Creates a card ({@code POST /dc/{t}/data}) in the card's folder and returns its id. Throws
     * {@link EsmWriteRejectedException} when the server created it but reported attribute errors.
     */
    String create(String templateCode, DataCard card);

    /**
     * Creates (cards without id) and updates (cards with id) many cards ({@code PUT /dc/{t}/data}) in batches
     * of at most 200. Returns one result per input card, in input order; a card the server reported errors for
     * is a failed result, not an exception. A batch refused as a whole throws.
     */
    List<BulkItemResult> bulkUpsert(String templateCode, List<DataCard> cards);

    /**
     * As {@link #bulkUpsert(String, List)}, and safe to repeat: when a batch fails after it was sent (a server
     * error, a timeout, a broken connection), the cards to create are looked up by their value of
     * {@code uniqueKeyAttribute}; those found landed and are reported with their ids, the others and the updates are
     * sent again, within the retry policy. Without a key attribute, or with a card to create that has no key, such a
     * failure throws {@link EsmOutcomeUnknownException}.
     */
    List<BulkItemResult> bulkUpsert(String templateCode, List<DataCard> cards, String uniqueKeyAttribute);

    /**
     * Changes the attributes present in {@code changes} ({@code PATCH /dc/{t}/data/{id}}); an attribute with no
     * values is cleared; a folder code moves the card.
     */
    void patch(String templateCode, String dataCardId, DataCard changes);

    /** Moves a card to the trash can; a card already there counts as deleted. */
    void delete(String templateCode, String dataCardId);

    /** The values of one attribute of a card. */
    List<Value> attribute(String templateCode, String dataCardId, String attributeCode);

    /** Replaces an attribute's values ({@code PUT}). */
    void replaceAttribute(String templateCode, String dataCardId, String attributeCode, List<Value> values);

    /** Adds values to an empty or multi-value attribute ({@code POST}); worklog entries are appended. */
    void addAttributeValues(String templateCode, String dataCardId, String attributeCode, List<Value> values);

    /** Clears an attribute ({@code DELETE}). */
    void clearAttribute(String templateCode, String dataCardId, String attributeCode);

    /** Uploads a file into a file attribute (multipart {@code fileUpload} and {@code fileName}). */
    void uploadFile(String templateCode, String dataCardId, String attributeCode, String fileName, byte[] content);

    /** Uploads a file from disk without loading it into memory. */
    void uploadFile(String templateCode, String dataCardId, String attributeCode, String fileName, Path file);

    /** Downloads a file; {@code location} is the location of the attachment's external-reference value. */
    byte[] downloadFile(String templateCode, String dataCardId, String attributeCode, String location);

    /** Opens a file download as a stream; the caller closes it. */
    InputStream openFile(String templateCode, String dataCardId, String attributeCode, String location);

    /** The calls this client sent again since it was created, by cause (such as {@code HTTP 503}). */
    RetryCounts retries();
}
