package io.cardlink.esm.client.internal;

import com.fasterxml.jackson.databind.JsonNode;

import io.cardlink.api.ValidationException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.api.card.WorklogValue;
import io.cardlink.api.connector.RetryCounts;
import io.cardlink.esm.client.BulkItemResult;
import io.cardlink.esm.client.CardStream;
import io.cardlink.esm.client.EsmClient;
import io.cardlink.esm.client.EsmClientConfig;
import io.cardlink.esm.client.EsmException;
import io.cardlink.esm.client.EsmFieldError;
import io.cardlink.esm.client.EsmOutcomeUnknownException;
import io.cardlink.esm.client.EsmPermanentException;
import io.cardlink.esm.client.EsmWriteRejectedException;
import io.cardlink.esm.client.ReadQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** {@link EsmClient} over the JDK's HTTP client. */
public final class HttpEsmClient implements EsmClient {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEsmClient.class);
    private static final String JSON = "application/json";
    /** The most cards the API takes in one bulk PUT, the same bound as its page size. */
    static final int BULK_BATCH = 200;
    /** Keys per look-up query: the condition goes into a URL, which servers limit to a few kilobytes. */
    static final int KEYS_PER_QUERY = 40;

    private final Transport transport;

    public HttpEsmClient(EsmClientConfig config) {
        this(new Transport(Objects.requireNonNull(config, "config")));
    }

    HttpEsmClient(Transport transport) {
        this.transport = transport;
    }

    @Override
    public EsmClientConfig config() {
        return transport.config();
    }

    @Override
    public void echo() {
        Call call = Call.get("/echo", "message=cardlink").unauthenticated();
        transport.exchange(call, r -> {
            if (r.status() == 404) {
                throw new EsmPermanentException("no echo endpoint at " + config().apiUrl()
                        + "/echo: the API path '" + config().apiPath() + "' looks wrong", 404, null, call.method(),
                        call.path());
            }
            return expect(r, "echo");
        });
    }

    @Override
    public void checkCredentials() {
        transport.exchange(Call.get("/echo/jwt", "message=cardlink"), r -> expect(r, "token check"));
    }

    @Override
    public List<TemplateInfo> templates() {
        return transport.exchange(Call.get("/dc", null), r -> {
            expect(r, "list templates");
            return CardJson.templates(Transport.json(r.body()));
        });
    }

    @Override
    public TemplateSchema template(String templateCode) {
        return transport.exchange(Call.get(Paths.template(templateCode), null), r -> {
            expect(r, "template '" + templateCode + "'");
            return CardJson.schema(Transport.json(r.body()), templateCode);
        });
    }

    @Override
    public CardStream stream(String templateCode, ReadQuery query) {
        return StreamedCards.open(transport, (belowId, attempts) -> openStream(templateCode, query, belowId, attempts));
    }

    /** One streamed response of a read, for the cards with ids below {@code belowId} (all when null). */
    private StreamedCards.Part openStream(String templateCode, ReadQuery query, String belowId, Attempts attempts) {
        ReadQuery part = belowId == null ? query : query.withFilter(and(query.filter(), "entity.id < " + belowId));
        Call call = Call.get(Paths.data(templateCode) + "/stream", listQuery(part).toString()).streamed();
        return transport.exchange(call, r -> {
            // The API may answer an empty result with 404; only an unknown template is an error.
            if (r.status() == 404 && templateExists(templateCode)) {
                return null;
            }
            expect(r, "stream of '" + templateCode + "'");
            return new StreamedCards.Part(call, r.body(), new CardReader(r.body(), templateCode));
        }, attempts);
    }

    @Override
    public CardStream page(String templateCode, ReadQuery query) {
        String path = Paths.data(templateCode);
        boolean[] templateChecked = {false};
        return new PagedCards(filterId -> {
            String q = new Paths.Query().add("limit", query.pageSize()).add("filterId", filterId).toString() + "&"
                    + listQuery(query);
            return transport.exchange(Call.get(path, q), r -> {
                if (r.status() == 404) {
                    // The API may answer an empty result with 404; only an unknown template is an error.
                    if (templateChecked[0] || templateExists(templateCode)) {
                        templateChecked[0] = true;
                        return List.of();
                    }
                    throw Transport.failure(r, "template '" + templateCode + "'");
                }
                expect(r, "page of '" + templateCode + "'");
                List<DataCard> cards = new ArrayList<>();
                try (CardReader reader = new CardReader(r.body(), templateCode)) {
                    for (DataCard c = reader.next(); c != null; c = reader.next()) {
                        cards.add(c);
                    }
                }
                return cards;
            });
        }, query.pageSize(), "GET", path);
    }

    @Override
    public DataCard card(String templateCode, String dataCardId, List<String> selectedAttributes) {
        String q = new Paths.Query().add("selectedAttributes", csv(selectedAttributes)).toString();
        return transport.exchange(Call.get(Paths.card(templateCode, dataCardId), q), r -> {
            expect(r, "card " + dataCardId + " of '" + templateCode + "'");
            return CardJson.card(Transport.json(r.body()), templateCode);
        });
    }

    @Override
    public String create(String templateCode, DataCard card) {
        if (card.folderCode() == null || card.folderCode().isBlank()) {
            throw new ValidationException("folderCode", "a card to create needs one of the template's folders");
        }
        byte[] body = CardJson.writeRequest(card.withId(null));
        Call call = Call.write("POST", Paths.data(templateCode), () -> HttpRequest.BodyPublishers.ofByteArray(body),
                JSON, Call.Replay.REFUSALS_ONLY);
        return transport.exchange(call, r -> {
            expect(r, "create in '" + templateCode + "'");
            JsonNode json = Transport.json(r.body());
            String id = CardJson.text(json.path("dataCard"), "dataCardId");
            List<EsmFieldError> errors = CardJson.errors(json.path("meta").get("errors"));
            if (!errors.isEmpty()) {
                throw new EsmWriteRejectedException("the card was not saved as sent", r.status(), call.method(),
                        call.path(), id, errors);
            }
            if (id == null) {
                throw new EsmPermanentException("the create answered without a card id", r.status(), null,
                        call.method(), call.path());
            }
            if (r.status() != 201) {
                LOG.debug("create in '{}' answered {} instead of 201", templateCode, r.status());
            }
            return id;
        });
    }

    @Override
    public List<BulkItemResult> bulkUpsert(String templateCode, List<DataCard> cards) {
        return bulkUpsert(templateCode, cards, null);
    }

    @Override
    public List<BulkItemResult> bulkUpsert(String templateCode, List<DataCard> cards, String uniqueKeyAttribute) {
        List<BulkItemResult> results = new ArrayList<>(cards.size());
        for (int from = 0; from < cards.size(); from += BULK_BATCH) {
            List<DataCard> batch = cards.subList(from, Math.min(cards.size(), from + BULK_BATCH));
            results.addAll(bulkBatch(templateCode, batch, from, uniqueKeyAttribute));
        }
        return results;
    }

    /**
     * One batch, sent again while its outcome is unknown: the cards to create that exist by their unique key by
     * then landed and are not sent again; the others are (updates carry their card's id, so they land once
     * however often they are sent). All sends and rounds share one retry budget.
     */
    private List<BulkItemResult> bulkBatch(String templateCode, List<DataCard> batch, int offset,
            String uniqueKeyAttribute) {
        BulkItemResult[] results = new BulkItemResult[batch.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            pending.add(i);
        }
        Attempts attempts = transport.attempts();
        while (true) {
            List<DataCard> sending = pending.stream().map(batch::get).toList();
            try {
                List<BulkItemResult> written = bulkPut(templateCode, sending, attempts);
                for (int i = 0; i < pending.size(); i++) {
                    int index = pending.get(i);
                    results[index] = new BulkItemResult(offset + index, written.get(i).dataCardId(),
                            written.get(i).errors());
                }
                return List.of(results);
            } catch (EsmOutcomeUnknownException e) {
                if (uniqueKeyAttribute == null || sending.stream()
                        .anyMatch(card -> card.id() == null && card.text(uniqueKeyAttribute) == null)) {
                    // a card that can't be looked up could be created twice by sending it again
                    throw e;
                }
                Duration wait = attempts.nextWait(null);
                if (wait == null) {
                    throw new EsmOutcomeUnknownException("bulk write to '" + templateCode + "': each time it was sent,"
                            + " it failed after the request was sent; " + attempts.gaveUp(), e.status(),
                            e.serverMessage(), e.method(), e.path(), e);
                }
                transport.pause(e.method(), e.path(), wait, "write outcome unknown");
                List<String> keys = sending.stream().filter(card -> card.id() == null)
                        .map(card -> card.text(uniqueKeyAttribute)).toList();
                Map<String, String> landed = idsByKey(templateCode, uniqueKeyAttribute, keys);
                for (Iterator<Integer> it = pending.iterator(); it.hasNext(); ) {
                    int index = it.next();
                    DataCard card = batch.get(index);
                    String id = card.id() == null ? landed.get(card.text(uniqueKeyAttribute)) : null;
                    if (id != null) {
                        results[index] = new BulkItemResult(offset + index, id, List.of());
                        it.remove();
                    }
                }
                if (pending.isEmpty()) {
                    return List.of(results);
                }
                LOG.debug("bulk write to '{}': {} of {} cards sent again after an unknown outcome", templateCode,
                        pending.size(), batch.size());
            }
        }
    }

    /**
     * One bulk PUT. Results are matched to the cards by position. Errors in {@code meta.errors} cannot be tied to
     * one card, so they fail every card of the batch that has no errors of its own: a write is never reported as
     * a success when the server said something went wrong. A batch the server refuses as invalid (400, 413)
     * fails each of its cards with the server's message; other refusals throw. A batch of updates only is safe to
     * repeat (unless it appends worklog entries), so the transport sends it again after any failure.
     */
    private List<BulkItemResult> bulkPut(String templateCode, List<DataCard> batch, Attempts attempts) {
        byte[] body = CardJson.bulkRequest(batch);
        boolean updatesOnly = batch.stream().allMatch(card -> card.id() != null);
        Call.Replay replay = updatesOnly ? replayOf(batch.stream().flatMap(card -> card.attributes().values().stream())
                .toList()) : Call.Replay.REFUSALS_ONLY;
        Call call = Call.write("PUT", Paths.data(templateCode), () -> HttpRequest.BodyPublishers.ofByteArray(body),
                JSON, replay);
        return transport.exchange(call, r -> {
            List<BulkItemResult> results = new ArrayList<>(batch.size());
            if (r.status() == 400 || r.status() == 413) {
                EsmException refused = Transport.failure(r, "bulk write to '" + templateCode + "'");
                List<EsmFieldError> errors = List.of(new EsmFieldError(null, null, refused.getMessage(),
                        "HTTP " + r.status()));
                for (int i = 0; i < batch.size(); i++) {
                    results.add(new BulkItemResult(i, batch.get(i).id(), errors));
                }
                return results;
            }
            expect(r, "bulk write to '" + templateCode + "'");
            JsonNode json = Transport.json(r.body());
            List<EsmFieldError> batchErrors = CardJson.errors(json.path("meta").get("errors"));
            JsonNode items = json.path("data");
            for (int i = 0; i < batch.size(); i++) {
                JsonNode item = items.path(i);
                String id = CardJson.text(item.path("dataCard"), "dataCardId");
                List<EsmFieldError> errors = new ArrayList<>(CardJson.errors(item.get("errors")));
                if (item.isMissingNode()) {
                    errors.add(new EsmFieldError(null, null, "the server returned no result for this card", null));
                } else if (errors.isEmpty() && !batchErrors.isEmpty()) {
                    errors.addAll(batchErrors);
                } else if (errors.isEmpty() && id == null) {
                    errors.add(new EsmFieldError(null, null, "the server returned no id for this card", null));
                }
                results.add(new BulkItemResult(i, id != null ? id : batch.get(i).id(), errors));
            }
            return results;
        }, attempts);
    }

    /** The ids of the cards whose key attribute holds one of the keys, by key, a few keys per query. */
    private Map<String, String> idsByKey(String templateCode, String keyAttribute, List<String> keys) {
        Map<String, String> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
            String condition = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY)).stream()
                    .map(key -> "$" + keyAttribute + "$ = " + literal(key)).collect(Collectors.joining(" OR "));
            try (CardStream cards = stream(templateCode, ReadQuery.where(condition)
                    .withAttributes(List.of(keyAttribute)))) {
                while (cards.hasNext()) {
                    DataCard card = cards.next();
                    String key = card.text(keyAttribute);
                    if (key != null) {
                        found.putIfAbsent(key, card.id());
                    }
                }
            }
        }
        return found;
    }

    @Override
    public void patch(String templateCode, String dataCardId, DataCard changes) {
        byte[] body = CardJson.writeRequest(changes.withId(dataCardId));
        Call call = Call.write("PATCH", Paths.card(templateCode, dataCardId),
                () -> HttpRequest.BodyPublishers.ofByteArray(body), JSON, replayOf(changes.attributes().values()));
        transport.exchange(call, r -> {
            expect(r, "update of card " + dataCardId + " in '" + templateCode + "'");
            JsonNode json = Transport.json(r.body());
            List<EsmFieldError> errors = CardJson.errors(json.path("meta").get("errors"));
            if (!errors.isEmpty()) {
                throw new EsmWriteRejectedException("the update was not saved as sent", r.status(), call.method(),
                        call.path(), dataCardId, errors);
            }
            return null;
        });
    }

    @Override
    public void delete(String templateCode, String dataCardId) {
        Call call = Call.write("DELETE", Paths.card(templateCode, dataCardId), null, null, Call.Replay.IDEMPOTENT);
        transport.exchange(call, r -> {
            if (r.status() == 409) {
                LOG.debug("card {} of '{}' is already in the trash can", dataCardId, templateCode);
                return null;
            }
            return expect(r, "delete of card " + dataCardId + " in '" + templateCode + "'");
        });
    }

    @Override
    public List<Value> attribute(String templateCode, String dataCardId, String attributeCode) {
        Call call = Call.get(Paths.attribute(templateCode, dataCardId, attributeCode), null);
        return transport.exchange(call, r -> {
            expect(r, "attribute '" + attributeCode + "' of card " + dataCardId);
            return CardJson.values(Transport.json(r.body()));
        });
    }

    @Override
    public void replaceAttribute(String templateCode, String dataCardId, String attributeCode, List<Value> values) {
        attributeWrite("PUT", templateCode, dataCardId, attributeCode, values, replayOf(List.of(values)));
    }

    @Override
    public void addAttributeValues(String templateCode, String dataCardId, String attributeCode, List<Value> values) {
        attributeWrite("POST", templateCode, dataCardId, attributeCode, values, Call.Replay.REFUSALS_ONLY);
    }

    @Override
    public void clearAttribute(String templateCode, String dataCardId, String attributeCode) {
        Call call = Call.write("DELETE", Paths.attribute(templateCode, dataCardId, attributeCode), null, null,
                Call.Replay.IDEMPOTENT);
        transport.exchange(call, r -> expect(r, "clear of attribute '" + attributeCode + "' of card " + dataCardId));
    }

    private void attributeWrite(String method, String templateCode, String dataCardId, String attributeCode,
            List<Value> values, Call.Replay replay) {
        byte[] body = CardJson.valuesBody(values);
        Call call = Call.write(method, Paths.attribute(templateCode, dataCardId, attributeCode),
                () -> HttpRequest.BodyPublishers.ofByteArray(body), JSON, replay);
        transport.exchange(call, r -> expect(r, "write of attribute '" + attributeCode + "' of card " + dataCardId));
    }

    @Override
    public void uploadFile(String templateCode, String dataCardId, String attributeCode, String fileName,
            byte[] content) {
        Multipart multipart = new Multipart(fileName);
        upload(templateCode, dataCardId, attributeCode, multipart, () -> multipart.of(content));
    }

    @Override
    public void uploadFile(String templateCode, String dataCardId, String attributeCode, String fileName, Path file) {
        if (!Files.isReadable(file)) {
            throw new UncheckedIOException(new FileNotFoundException(file.toString()));
        }
        Multipart multipart = new Multipart(fileName);
        upload(templateCode, dataCardId, attributeCode, multipart, () -> {
            try {
                return multipart.of(file);
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void upload(String templateCode, String dataCardId, String attributeCode, Multipart multipart,
            Supplier<HttpRequest.BodyPublisher> body) {
        Call call = Call.write("POST", Paths.attribute(templateCode, dataCardId, attributeCode) + "/file", body,
                multipart.contentType(), Call.Replay.REFUSALS_ONLY);
        transport.exchange(call, r -> expect(r, "upload to attribute '" + attributeCode + "' of card " + dataCardId));
    }

    @Override
    public byte[] downloadFile(String templateCode, String dataCardId, String attributeCode, String location) {
        Call call = Call.get(fileDownloadPath(templateCode, dataCardId, attributeCode, location), null)
                .accepting("*/*");
        return transport.exchange(call, r -> {
            expect(r, "download from attribute '" + attributeCode + "' of card " + dataCardId);
            return r.body().readAllBytes();
        });
    }

    @Override
    public InputStream openFile(String templateCode, String dataCardId, String attributeCode, String location) {
        Call call = Call.get(fileDownloadPath(templateCode, dataCardId, attributeCode, location), null)
                .accepting("*/*").streamed();
        return transport.exchange(call, r -> {
            expect(r, "download from attribute '" + attributeCode + "' of card " + dataCardId);
            return r.body();
        });
    }

    private static String fileDownloadPath(String templateCode, String dataCardId, String attributeCode,
            String location) {
        return Paths.attribute(templateCode, dataCardId, attributeCode) + "/file/" + Paths.segment(location);
    }

    /** Whether the template exists ({@code GET /dc/{t}}); tells an unknown template from an empty list. */
    private boolean templateExists(String templateCode) {
        return transport.exchange(Call.get(Paths.template(templateCode), null), r -> {
            if (r.status() == 404) {
                return false;
            }
            expect(r, "template '" + templateCode + "'");
            return true;
        });
    }

    @Override
    public RetryCounts retries() {
        return transport.retries();
    }

    /** Two EQL conditions that must both hold; the first may be absent. */
    private static String and(String condition, String more) {
        return condition == null ? more : "(" + condition + ") AND " + more;
    }

    /** An EQL text literal: single quotes, a quote inside doubled. */
    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static Paths.Query listQuery(ReadQuery query) {
        return new Paths.Query().add("filter", query.filter()).add("dataCards", query.fullCards())
                .add("selectedAttributes", csv(query.selectedAttributes()));
    }

    private static String csv(List<String> codes) {
        return codes == null || codes.isEmpty() ? null : String.join(",", codes);
    }

    /**
     * Worklog entries are appended on every write, so a write that carries one may not be repeated after it may
     * have reached the server.
     */
    private static Call.Replay replayOf(Collection<List<Value>> values) {
        boolean appends = values.stream().flatMap(List::stream).anyMatch(WorklogValue.class::isInstance);
        return appends ? Call.Replay.REFUSALS_ONLY : Call.Replay.IDEMPOTENT;
    }

    /** Throws the typed failure unless the response is a success. */
    private static Void expect(Response r, String what) {
        if (!r.success()) {
            throw Transport.failure(r, what);
        }
        return null;
    }
}
