package io.cardlink.esm.gateway;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.DateValue;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.CardMatch;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.connector.EndpointCheck.Result;
import io.cardlink.api.connector.FileTooLargeException;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.connector.RetryCounts;
import io.cardlink.api.connector.WriteOutcome;
import io.cardlink.api.metrics.RemoteCallObserver;
import io.cardlink.esm.client.BulkItemResult;
import io.cardlink.esm.client.EsmAuthenticationException;
import io.cardlink.esm.client.EsmClient;
import io.cardlink.esm.client.EsmClientConfig;
import io.cardlink.esm.client.EsmException;
import io.cardlink.esm.client.EsmFieldError;
import io.cardlink.esm.client.EsmNotFoundException;
import io.cardlink.esm.client.EsmUnreachableException;
import io.cardlink.esm.client.ReadQuery;
import io.cardlink.esm.client.RetryPolicy;
import io.cardlink.esm.client.TrustStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * One Matrix42 instance over the esm client. A gateway whose settings are missing or invalid still exists: its
 * check says {@link Result#NOT_CONFIGURED} and every other call fails with the same validation problems, so that
 * a connection test reports both sides even when one of them is incomplete.
 */
public final class EsmInstanceGateway implements InstanceGateway {
    /** The read's task setting that holds a task's EQL filter, a condition the read adds to its own. */
    public static final String EQL_FILTER = "eqlFilter";
    /** A connection test waits at most this long for a connection... */
    static final Duration CHECK_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** ...and this long for each answer; it never retries, so an operator hears back within seconds. */
    static final Duration CHECK_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final int COPY_BUFFER_BYTES = 64 * 1024;
    /** Every Matrix42 card carries these; the instance sets them. */
    private static final String CARD_KEY = "efecte_id";
    private static final String UPDATED = "updated";
    private static final Set<String> INSTANCE_ATTRIBUTES = Set.of(CARD_KEY, "created", UPDATED);

    private final String endpoint;
    private final EsmClientConfig config;
    private final List<FieldProblem> problems;
    private final EsmClient client;
    private final long maxFileBytes;
    private final String maxFileSetting;

    private EsmInstanceGateway(String endpoint, EsmClientConfig config, long maxFileBytes, String maxFileSetting,
            List<FieldProblem> problems) {
        this.endpoint = endpoint;
        this.config = config;
        this.maxFileBytes = maxFileBytes;
        this.maxFileSetting = maxFileSetting;
        this.problems = problems;
        this.client = config == null ? null : EsmClient.create(config);
    }

    /**
     * A gateway for the instance at {@code url + apiPath}, trusting {@code trust} (null: the JVM's default trust),
     * that retries within its budget ({@code retries}, null when {@code settingProblems} name what is wrong with
     * it) and downloads files of up to {@code maxFileBytes}. {@code fields} names the connector or engine setting
     * behind each client field ({@code baseUrl}, {@code apiPath}, {@code login}, {@code password}) and behind the
     * file limit ({@code maxFileBytes}), so that a problem names what the operator has to fix. Does no I/O.
     */
    public static EsmInstanceGateway of(String endpoint, String url, String apiPath, String user, String password,
            TrustStore trust, RetryPolicy retries, long maxFileBytes, List<FieldProblem> settingProblems,
            Map<String, String> fields, RemoteCallObserver observer) {
        List<FieldProblem> problems = new ArrayList<>();
        EsmClientConfig config = null;
        try {
            config = EsmClientConfig.builder().baseUrl(url).apiPath(apiPath).login(user).password(password)
                    .trustStore(trust).retryPolicy(retries == null ? RetryPolicy.defaults() : retries)
                    .callObserver(observer).build();
        } catch (ValidationException e) {
            for (FieldProblem problem : e.problems()) {
                problems.add(new FieldProblem(fields.getOrDefault(problem.field(), problem.field()), problem.problem()));
            }
        }
        problems.addAll(settingProblems);
        String maxFileSetting = fields.getOrDefault("maxFileBytes", "the gateway's limit");
        return problems.isEmpty() ? new EsmInstanceGateway(endpoint, config, maxFileBytes, maxFileSetting, List.of())
                : new EsmInstanceGateway(endpoint, null, maxFileBytes, maxFileSetting, List.copyOf(problems));
    }

    /**
     * The longest one call may take: it may log in first, a call of its own under the same budget, and each of the
     * two sends until its retry budget's time is up and then waits out the last attempt's timeouts. Zero when the
     * gateway is not configured (its calls fail at once).
     */
    public Duration callBudget() {
        if (config == null) {
            return Duration.ZERO;
        }
        Duration oneCall = config.retryPolicy().maxTotalTime().plus(config.connectTimeout())
                .plus(config.requestTimeout());
        return oneCall.multipliedBy(2);
    }

    @Override
    public EndpointCheck check() {
        long started = System.nanoTime();
        if (config == null) {
            return new EndpointCheck(endpoint, Result.NOT_CONFIGURED, new ValidationException(problems).getMessage(), 0);
        }
        EsmClient probe = EsmClient.create(config.toBuilder().connectTimeout(CHECK_CONNECT_TIMEOUT)
                .requestTimeout(CHECK_REQUEST_TIMEOUT).streamReadTimeout(CHECK_REQUEST_TIMEOUT)
                .retryPolicy(RetryPolicy.none()).build());
        try {
            probe.echo();
            probe.checkCredentials();
            return new EndpointCheck(endpoint, Result.OK, "logged in as '" + config.login() + "' at "
                    + config.apiUrl(), millisSince(started));
        } catch (EsmException e) {
            Result result = classify(e);
            return new EndpointCheck(endpoint, result, explain(result) + ": " + e.getMessage(), millisSince(started));
        } catch (RuntimeException e) {
            return new EndpointCheck(endpoint, Result.ERROR, "the check failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), millisSince(started));
        }
    }

    /** What a failed login or echo says about the instance's settings. */
    static Result classify(EsmException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return Result.TLS_PROBLEM;
            }
        }
        if (e instanceof EsmAuthenticationException) {
            return Result.WRONG_CREDENTIALS;
        }
        if (e instanceof EsmUnreachableException || (e.retryable() && e.status() < 0)) {
            return Result.UNREACHABLE;
        }
        // no echo or login endpoint, or a success status with something other than the API's answer
        if (e.status() == 404 || e.status() == 405 || (!e.retryable() && e.status() / 100 == 2)) {
            return Result.WRONG_API_PATH;
        }
        return Result.ERROR;
    }

    private String explain(Result result) {
        return switch (result) {
            case TLS_PROBLEM -> "no trusted TLS connection to " + config.baseUrl()
                    + " (certificate not trusted, wrong host name, or not an https port)";
            case WRONG_CREDENTIALS -> "the instance refused user '" + config.login() + "'";
            case UNREACHABLE -> config.baseUrl() + " can't be reached";
            case WRONG_API_PATH -> "no Matrix42 REST API at " + config.apiUrl() + " (cloud instances use "
                    + EsmClientConfig.DEFAULT_API_PATH + ")";
            default -> "the instance answered with an error";
        };
    }

    @Override
    public List<TemplateInfo> templates() {
        return client().templates();
    }

    @Override
    public TemplateSchema template(String templateCode) {
        try {
            return client().template(templateCode);
        } catch (EsmNotFoundException e) {
            throw new NotFoundException("the " + endpoint + " instance has no template '" + templateCode + "'");
        }
    }

    @Override
    public CardCursor read(ReadRequest request) {
        return stream(request, ReadFilter.of(request));
    }

    /** The cards changed at or after the mark {@code since}: an instant as {@link #changeMark} writes it. */
    @Override
    public CardCursor readChanged(ReadRequest request, String since) {
        return stream(request, ReadFilter.of(request, since == null ? null : ChangeMarkOrder.parse(since), null));
    }

    @Override
    public CardCursor find(ReadRequest request, CardMatch match) {
        CardMatch effective = match;
        if (match.byId()) {
            // Matrix42 card ids are numbers: anything else names no card, and the instance would refuse it
            List<String> ids = match.values().stream().filter(ReadFilter::isCardId).toList();
            if (ids.isEmpty()) {
                return CardCursor.of(List.of());
            }
            effective = CardMatch.ids(ids);
        }
        return stream(request, ReadFilter.of(request, null, effective));
    }

    private CardCursor stream(ReadRequest request, String condition) {
        ReadQuery query = ReadQuery.where(condition).withAttributes(request.attributes());
        return new EsmCardCursor(client().stream(request.templateCode(), query));
    }

    @Override
    public List<WriteOutcome> upsert(String templateCode, List<DataCard> cards) {
        return outcomes(cards, client().bulkUpsert(templateCode, cards));
    }

    private static List<WriteOutcome> outcomes(List<DataCard> cards, List<BulkItemResult> results) {
        List<WriteOutcome> outcomes = new ArrayList<>(results.size());
        for (BulkItemResult result : results) {
            boolean created = cards.get(result.index()).id() == null;
            String error = result.ok() ? null
                    : result.errors().isEmpty() ? "the instance returned no id for this card"
                    : EsmFieldError.summary(result.errors());
            outcomes.add(new WriteOutcome(result.index(), result.dataCardId(), created, error));
        }
        return outcomes;
    }

    @Override
    public List<WriteOutcome> upsert(String templateCode, List<DataCard> cards, String uniqueKeyAttribute) {
        return outcomes(cards, client().bulkUpsert(templateCode, cards, uniqueKeyAttribute));
    }

    @Override
    public String cardKeyAttribute() {
        return CARD_KEY;
    }

    @Override
    public Set<String> instanceAttributes() {
        return INSTANCE_ATTRIBUTES;
    }

    /** The card's change mark: its {@code updated} time as ISO-8601 UTC text, null when it has none. */
    @Override
    public String changeMark(DataCard card) {
        Instant changed = changedAt(card);
        return changed == null ? null : DateTimeFormatter.ISO_INSTANT.format(changed);
    }

    /** Marks are times: earlier changes first. */
    @Override
    public Comparator<String> markOrder() {
        return ChangeMarkOrder.INSTANCE;
    }

    /**
     * The run's start less the allowed skew between Cardlink's clock and the instance's, which sets {@code updated}:
     * a card changed while the run read others may carry an older time than a card read after it.
     */
    @Override
    public String markCeiling(Instant runStart, Duration clockSkew) {
        return DateTimeFormatter.ISO_INSTANT.format(runStart.minus(clockSkew));
    }


    /** When the instance last changed the card: its {@code updated} attribute, null when it has none. */
    public Instant changedAt(DataCard card) {
        return card.first(UPDATED).map(value -> {
            if (value instanceof DateTimeValue dateTime) {
                return dateTime.value();
            }
            if (value instanceof DateValue date) {
                return date.value().atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return null;
        }).orElse(null);
    }

    @Override
    public RetryCounts retries() {
        return client == null ? RetryCounts.NONE : client.retries();
    }

    @Override
    public String create(String templateCode, DataCard card) {
        return client().create(templateCode, card);
    }

    @Override
    public void update(String templateCode, String id, DataCard changes) {
        client().patch(templateCode, id, changes);
    }

    @Override
    public void delete(String templateCode, String id) {
        client().delete(templateCode, id);
    }

    /**
     * Streams the file into {@code target} through a small buffer, stopping as soon as it passes the limit. The
     * client retries the request until the body starts; a body that breaks off part-way is downloaded again from
     * the start, within the connector's retry budget of attempts.
     */
    @Override
    public long downloadFile(String templateCode, String id, String attributeCode, String location, Path target) {
        RetryPolicy budget = client().config().retryPolicy();
        for (int attempt = 1;; attempt++) {
            try {
                return copyFile(templateCode, id, attributeCode, location, target);
            } catch (IOException e) {
                if (attempt >= budget.maxAttempts()) {
                    throw new UnavailableException("the download of " + location + " from the " + endpoint
                            + " instance broke off " + attempt + " time(s): " + e.getMessage(), e);
                }
                sleep(budget.backoff(attempt, Math.random()));
            }
        }
    }

    private long copyFile(String templateCode, String id, String attributeCode, String location, Path target)
            throws IOException {
        try (InputStream in = client().openFile(templateCode, id, attributeCode, location);
                OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[COPY_BUFFER_BYTES];
            long size = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                if (size > maxFileBytes) {
                    throw new FileTooLargeException("larger than the limit of " + maxFileBytes
                            + " bytes (" + maxFileSetting + ")", maxFileBytes);
                }
                out.write(buffer, 0, n);
            }
            return size;
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting to download again", e);
        }
    }

    @Override
    public void uploadFile(String templateCode, String id, String attributeCode, String fileName, Path file) {
        client().uploadFile(templateCode, id, attributeCode, fileName, file);
    }

    private EsmClient client() {
        if (client == null) {
            throw new ValidationException(problems);
        }
        return client;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Override
    public String toString() {
        return "EsmInstanceGateway[" + endpoint + ", " + (config == null ? "not configured" : config.apiUrl()
                + " as " + config.login()) + "]";
    }

    /**
     * Checks a task's EQL filter before anything is sent: one condition (or the vendor's full form), that keeps to
     * {@code templateCode} and {@code folderCode}; a {@link ValidationException} naming {@code settings.eqlFilter}
     * if not.
     */
    public static void checkFilter(String filter, String templateCode, String folderCode) {
        TaskCondition.parenthesised(filter);
        TaskCondition.checkScope(filter, templateCode, folderCode);
    }
}
