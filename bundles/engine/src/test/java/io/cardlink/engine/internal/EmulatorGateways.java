package io.cardlink.engine.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.connector.RetryCounts;
import io.cardlink.api.connector.WriteOutcome;
import io.cardlink.esm.client.BulkItemResult;
import io.cardlink.esm.client.CardStream;
import io.cardlink.esm.client.EsmClient;
import io.cardlink.esm.client.EsmClientConfig;
import io.cardlink.esm.client.EsmFieldError;
import io.cardlink.esm.client.ReadQuery;
import io.cardlink.esm.client.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The gateway the pipeline tests use: esm-client against an emulator instance, as the CoreProIGA connector does. */
final class EmulatorGateway implements InstanceGateway {

    private final EsmClient client;

    EmulatorGateway(String baseUrl, String apiPath) {
        this(baseUrl, apiPath, RetryPolicy.none());
    }

    EmulatorGateway(String baseUrl, String apiPath, RetryPolicy retries) {
        this(baseUrl, apiPath, retries, "webapi");
    }

    EmulatorGateway(String baseUrl, String apiPath, RetryPolicy retries, String password) {
        this.client = EsmClient.create(EsmClientConfig.builder().baseUrl(baseUrl).apiPath(apiPath).login("webapi")
                .password(password.toCharArray()).connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(20)).retryPolicy(retries).build());
    }

    EsmClient client() {
        return client;
    }

    @Override
    public EndpointCheck check() {
        throw new UnsupportedOperationException("not used by the pipeline");
    }

    @Override
    public List<TemplateInfo> templates() {
        return client.templates();
    }

    @Override
    public TemplateSchema template(String templateCode) {
        try {
            return client.template(templateCode);
        } catch (io.cardlink.esm.client.EsmNotFoundException e) {
            // as the CoreProIGA gateway answers
            throw new io.cardlink.api.NotFoundException("no template '" + templateCode + "'");
        }
    }

    @Override
    public CardCursor read(ReadRequest request) {
        List<String> parts = new ArrayList<>();
        if (request.eqlFilter() != null && !request.eqlFilter().isBlank()) {
            parts.add("(" + request.eqlFilter() + ")");
        }
        if (request.folderCode() != null) {
            parts.add("folder.code = " + quote(request.folderCode()));
        }
        if (request.updatedSince() != null) {
            parts.add("$updated$ >= " + quote(request.updatedSince().toString()));
        }
        if (request.match() != null) {
            String left = request.match().byId() ? "entity.id = " : "$" + request.match().attributeCode() + "$ = ";
            parts.add(request.match().values().stream()
                    .map(value -> left + (request.match().byId() && value.matches("[0-9]+") ? value : quote(value)))
                    .collect(Collectors.joining(" OR ", "(", ")")));
        }
        if (request.includeRemoved()) {
            parts.add("(entity.deleted = 0 OR entity.deleted = 1)");
        }
        ReadQuery query = ReadQuery.where(parts.isEmpty() ? null : String.join(" AND ", parts))
                .withAttributes(request.attributes());
        CardStream stream = client.stream(request.templateCode(), query);
        return new CardCursor() {
            @Override
            public boolean hasNext() {
                return stream.hasNext();
            }

            @Override
            public DataCard next() {
                return stream.next();
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    @Override
    public List<WriteOutcome> upsert(String templateCode, List<DataCard> cards) {
        return outcomes(cards, client.bulkUpsert(templateCode, cards));
    }

    @Override
    public List<WriteOutcome> upsert(String templateCode, List<DataCard> cards, String uniqueKeyAttribute) {
        return outcomes(cards, client.bulkUpsert(templateCode, cards, uniqueKeyAttribute));
    }

    @Override
    public RetryCounts retries() {
        return client.retries();
    }

    @Override
    public String cardKeyAttribute() {
        return "efecte_id";
    }

    @Override
    public Set<String> instanceAttributes() {
        return Set.of("efecte_id", "created", "updated");
    }

    @Override
    public Instant changedAt(DataCard card) {
        return card.first("updated").filter(DateTimeValue.class::isInstance).map(v -> ((DateTimeValue) v).value())
                .orElse(null);
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static List<WriteOutcome> outcomes(List<DataCard> cards, List<BulkItemResult> results) {
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            BulkItemResult result = results.get(i);
            outcomes.add(result.ok() ? new WriteOutcome(i, result.dataCardId(), cards.get(i).id() == null, null)
                    : new WriteOutcome(i, null, false, EsmFieldError.summary(result.errors())));
        }
        return outcomes;
    }

    @Override
    public String create(String templateCode, DataCard card) {
        return client.create(templateCode, card);
    }

    @Override
    public void update(String templateCode, String id, DataCard changes) {
        client.patch(templateCode, id, changes);
    }

    @Override
    public void delete(String templateCode, String id) {
        client.delete(templateCode, id);
    }

    @Override
    public long downloadFile(String templateCode, String id, String attributeCode, String location, Path target) {
        try (InputStream in = client.openFile(templateCode, id, attributeCode, location)) {
            return Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void uploadFile(String templateCode, String id, String attributeCode, String fileName, Path file) {
        client.uploadFile(templateCode, id, attributeCode, fileName, file);
    }
}
