package io.cardlink.esm.client.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cardlink.api.connector.RetryCounts;
import io.cardlink.api.metrics.RemoteCallObserver;
import io.cardlink.esm.client.EsmAuthenticationException;
import io.cardlink.esm.client.EsmClientConfig;
import io.cardlink.esm.client.EsmException;
import io.cardlink.esm.client.EsmNotFoundException;
import io.cardlink.esm.client.EsmOutcomeUnknownException;
import io.cardlink.esm.client.EsmPermanentException;
import io.cardlink.esm.client.EsmRetryableException;
import io.cardlink.esm.client.EsmUnreachableException;
import io.cardlink.esm.client.TrustStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Sends calls to one instance: adds the token, retries what may be retried (see {@link Call.Replay}) with
 * exponential backoff, jitter and {@code Retry-After}, logs in again once on a 401, and turns failures into
 * typed {@link EsmException}s. Logs method, path, status and duration at debug level, never headers or
 * bodies.
 */
final class Transport {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final int MAX_ERROR_BODY = 64 * 1024;
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads a final response (any status that is not retried). */
    @FunctionalInterface
    interface Handler<T> {
        T handle(Response response) throws IOException;
    }

    /** Waits between attempts; tests replace it to run without sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final EsmClientConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final TokenManager tokens;
    private final RetryTally tally = new RetryTally();
    private volatile HttpClient http;

    Transport(EsmClientConfig config, Clock clock, Sleeper sleeper, DoubleSupplier random) {
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.tokens = new TokenManager(clock, this::login);
    }

    Transport(EsmClientConfig config) {
        this(config, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), () -> ThreadLocalRandom.current().nextDouble());
    }

    EsmClientConfig config() {
        return config;
    }

    /** The retries this client made so far, by cause. */
    RetryCounts retries() {
        return tally.snapshot();
    }

    /** A fresh retry budget under this client's policy. */
    Attempts attempts() {
        return new Attempts(config.retryPolicy(), clock, random);
    }

    /**
     * Sends a call within a retry budget of its own, retrying as its {@link Call.Replay} allows, and hands the
     * final response to the handler.
     */
    <T> T exchange(Call call, Handler<T> handler) {
        return exchange(call, handler, attempts());
    }

    /**
     * Sends a call, retrying as its {@link Call.Replay} allows, and hands the final response to the handler. Its
     * sends count against {@code attempts}, which a caller shares between the calls of one piece of work (the
     * parts of a resumed stream, the rounds of a write sent again).
     */
    <T> T exchange(Call call, Handler<T> handler, Attempts attempts) {
        boolean loggedInAgain = false;
        while (true) {
            String token = call.authenticated() ? tokens.token() : null;
            HttpRequest request = request(call, token);
            attempts.sending();
            long started = System.nanoTime();
            HttpResponse<InputStream> response;
            try {
                response = client(call).send(request, info -> new TimedBodySubscriber(config.streamReadTimeout()));
            } catch (IOException e) {
                observe(call, e.getClass().getSimpleName(), started);
                boolean neverSent = connectFailure(e);
                LOG.debug("{} {} failed after {} ms: {}", call.method(), call.path(), millisSince(started), e.toString());
                if (neverSent || call.replay() == Call.Replay.IDEMPOTENT) {
                    Duration wait = attempts.nextWait(null);
                    if (wait != null) {
                        pause(call.method(), call.path(), wait, neverSent ? "no connection" : cause(e));
                        continue;
                    }
                }
                if (neverSent) {
                    throw new EsmUnreachableException("cannot connect to " + config.baseUrl() + " (" + describe(e)
                            + ")" + tries(attempts), call.method(), call.path(), e);
                }
                if (call.replay() == Call.Replay.REFUSALS_ONLY) {
                    throw new EsmOutcomeUnknownException("no answer (" + describe(e) + ") after the request was sent:"
                            + " it may or may not have been carried out", -1, null, call.method(), call.path(), e);
                }
                throw new EsmRetryableException("connection failed (" + describe(e) + ")" + tries(attempts), -1,
                        null, call.method(), call.path(), null, e);
            } catch (InterruptedException e) {
                observe(call, e.getClass().getSimpleName(), started);
                Thread.currentThread().interrupt();
                throw new EsmRetryableException("interrupted", -1, null, call.method(), call.path(), null, e);
            }
            int status = response.statusCode();
            observe(call, String.valueOf(status), started);
            LOG.debug("{} {} -> {} in {} ms", call.method(), call.path(), status, millisSince(started));
            InputStream body = response.body();
            boolean handedOver = false;
            try {
                if (status == 401 && call.authenticated() && !loggedInAgain) {
                    loggedInAgain = true;
                    tokens.invalidate(token);
                    attempts.uncount();
                    continue;
                }
                Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                        clock.instant()).orElse(null);
                String gaveUp = null;
                if (retriedStatus(status, call)) {
                    Duration wait = attempts.nextWait(retryAfter);
                    if (wait != null) {
                        pause(call.method(), call.path(), wait, "HTTP " + status);
                        continue;
                    }
                    gaveUp = attempts.gaveUp();
                }
                T result = handler.handle(new Response(call, status, response.headers(), body, attempts.made(),
                        retryAfter, gaveUp));
                handedOver = call.streaming() && status / 100 == 2;
                return result;
            } catch (JsonParseException e) {
                if (!CardReader.endedEarly(e)) {
                    throw new EsmPermanentException("the response is not the JSON the API sends: "
                            + e.getOriginalMessage(), status, null, call.method(), call.path(), null, e);
                }
                Duration wait = bodyRetryWait(call, attempts);
                if (wait == null) {
                    throw brokenBody(call, status, attempts, e);
                }
                pause(call.method(), call.path(), wait, "response broken");
            } catch (IOException e) {
                Duration wait = bodyRetryWait(call, attempts);
                if (wait == null) {
                    throw brokenBody(call, status, attempts, e);
                }
                pause(call.method(), call.path(), wait, timedOut(e) ? "timeout" : "response broken");
            } catch (EsmException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new EsmPermanentException("unexpected response content: " + e, status, null, call.method(),
                        call.path(), null, e);
            } finally {
                if (!handedOver) {
                    closeQuietly(body);
                }
            }
        }
    }

    /**
     * The exception for a final response that is not a success: 401 authentication, 404 not found, 429 and 5xx
     * retryable, other statuses permanent. {@code problem} says what failed in the caller's words.
     */
    static EsmException failure(Response r, String problem) {
        String message = serverMessage(r.body());
        Call call = r.call();
        int status = r.status();
        if (status == 401) {
            return new EsmAuthenticationException(problem + ": the token was refused", status, message,
                    call.method(), call.path());
        }
        if (status == 404) {
            return new EsmNotFoundException(problem + ": not found", status, message, call.method(), call.path());
        }
        if (status >= 500 && status != 503 && call.replay() == Call.Replay.REFUSALS_ONLY) {
            return new EsmOutcomeUnknownException(problem + ": the server failed after the request was sent: it may"
                    + " or may not have been carried out", status, message, call.method(), call.path(), null);
        }
        if (status == 429 || status >= 500) {
            return new EsmRetryableException(problem + ": the server refused or failed"
                    + (r.attempts() > 1 ? " " + r.attempts() + " times" : "")
                    + (r.gaveUp() == null ? "" : "; " + r.gaveUp()), status, message, call.method(), call.path(),
                    r.retryAfter(), null);
        }
        return new EsmPermanentException(problem + ": refused", status, message, call.method(), call.path());
    }

    /** Reads a JSON body, or an empty object for an empty body. */
    static JsonNode json(InputStream body) throws IOException {
        JsonNode node = MAPPER.readTree(body);
        return node == null ? MAPPER.createObjectNode() : node;
    }

    /** Tells the configured observer of one send; its failure never fails the call. */
    private void observe(Call call, String outcome, long startedNanos) {
        RemoteCallObserver observer = config.callObserver();
        if (observer == null) {
            return;
        }
        try {
            URI base = config.baseUrl();
            observer.called(base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort(),
                    call.method(), outcome, Duration.ofNanos(System.nanoTime() - startedNanos));
        } catch (RuntimeException e) {
            LOG.warn("The call observer failed on {} {}: {}", call.method(), call.path(), e.toString());
        }
    }

    /** Logs in and returns the bare token (without {@code Bearer }). */
    private String login() {
        char[] password = config.password();
        byte[] form;
        try {
            form = ("login=" + URLEncoder.encode(config.login(), StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(new String(password), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(password, '\0');
        }
        // A login changes nothing on the server, so it may be repeated like a read.
        Call call = new Call("POST", "/users/login", null, () -> HttpRequest.BodyPublishers.ofByteArray(form),
                "application/x-www-form-urlencoded", Call.Replay.IDEMPOTENT, false, false, "application/json");
        return exchange(call, r -> {
            if (r.status() == 401 || r.status() == 403) {
                throw new EsmAuthenticationException("login refused for user '" + config.login()
                        + "': wrong user name or password, or the user may not use the REST API", r.status(),
                        serverMessage(r.body()), call.method(), call.path());
            }
            if (r.status() == 404 || r.status() == 405) {
                throw new EsmPermanentException("no login endpoint at " + config.apiUrl()
                        + "/users/login: the API path '" + config.apiPath() + "' looks wrong (cloud instances use "
                        + EsmClientConfig.DEFAULT_API_PATH + ")", r.status(), null, call.method(), call.path());
            }
            if (!r.success()) {
                throw failure(r, "login");
            }
            String token = r.headers().firstValue("Authorization").orElse(null);
            if (token == null || Jwt.stripBearer(token).isEmpty()) {
                token = CardJson.text(json(r.body()), "token");
            }
            if (token == null || Jwt.stripBearer(token).isEmpty()) {
                throw new EsmPermanentException("the login answered without a token: the API path '"
                        + config.apiPath() + "' may point at something else", r.status(), null, call.method(),
                        call.path());
            }
            return Jwt.stripBearer(token);
        });
    }

    private HttpRequest request(Call call, String token) {
        URI uri = URI.create(config.apiUrl() + call.path() + (call.query() == null ? "" : "?" + call.query()));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                .header("Accept", call.accept());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (call.contentType() != null) {
            b.header("Content-Type", call.contentType());
        }
        HttpRequest.BodyPublisher publisher = call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : call.body().get();
        return b.method(call.method(), publisher).build();
    }

    private HttpClient client(Call call) {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                c = http;
                if (c == null) {
                    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(config.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                            .sslParameters(tlsParameters());
                    if (config.trustStore() != null) {
                        b.sslContext(sslContext(config.trustStore(), call));
                    }
                    c = b.build();
                    http = c;
                }
            }
        }
        return c;
    }

    /** TLS 1.2 at least, whatever the JVM's defaults allow. */
    static SSLParameters tlsParameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(TLS_PROTOCOLS);
        return parameters;
    }

    /** A TLS context that trusts the store's certificates; hostnames are still verified by the HTTP client. */
    private static SSLContext sslContext(TrustStore store, Call call) {
        char[] password = store.password();
        try (InputStream in = store.pemCertificates() == null ? Files.newInputStream(store.path())
                : InputStream.nullInputStream()) {
            KeyStore keyStore = KeyStore.getInstance(store.type());
            if (store.pemCertificates() == null) {
                keyStore.load(in, password);
            } else {
                keyStore.load(null, null);
                int i = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(
                        new ByteArrayInputStream(store.pemCertificates().getBytes(StandardCharsets.US_ASCII)))) {
                    keyStore.setCertificateEntry("trusted-" + i++, certificate);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(keyStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new EsmPermanentException("cannot load the trust store " + store + ": " + e.getMessage(), -1,
                    null, call.method(), call.path(), null, e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /**
     * 429 and 503 refuse a request before acting on it, so any call is sent again. Other server errors (500, 502,
     * 504, ...) may come after the server or a gateway acted on it: only calls that are safe to repeat are.
     */
    private static boolean retriedStatus(int status, Call call) {
        if (status == 429 || status == 503) {
            return true;
        }
        return status >= 500 && call.replay() == Call.Replay.IDEMPOTENT;
    }

    /** A broken response body can be fetched again only by repeating the call. */
    private static Duration bodyRetryWait(Call call, Attempts attempts) {
        return call.replay() == Call.Replay.IDEMPOTENT ? attempts.nextWait(null) : null;
    }

    private static EsmRetryableException brokenBody(Call call, int status, Attempts attempts, IOException e) {
        if (call.replay() == Call.Replay.REFUSALS_ONLY) {
            return new EsmOutcomeUnknownException("the response broke off (" + describe(e) + "): the request may or"
                    + " may not have been carried out", status, null, call.method(), call.path(), e);
        }
        return new EsmRetryableException("the response broke off (" + describe(e) + ")" + tries(attempts), status,
                null, call.method(), call.path(), null, e);
    }

    /** How many sends a failed call took, and why the client stopped when the budget was the reason. */
    private static String tries(Attempts attempts) {
        String gaveUp = attempts.gaveUp();
        return gaveUp != null ? "; " + gaveUp : " after " + attempts.made() + " attempt(s)";
    }

    /** Waits before sending again, and counts the retry under its cause. */
    void pause(String method, String path, Duration wait, String cause) {
        tally.count(cause);
        LOG.debug("{} {}: {}, retrying in {} ms", method, path, cause, wait.toMillis());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EsmRetryableException("interrupted while waiting to retry", -1, null, method, path, null, e);
        }
    }

    /** The cause of a failed send that reached the server, for the retry counts. */
    private static String cause(IOException e) {
        return timedOut(e) ? "timeout" : "connection broken";
    }

    private static boolean timedOut(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** True when the request cannot have reached the server: no connection was ever opened. */
    private static boolean connectFailure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The {@code message} (or {@code error}) of an ApiException body; null when there is none. */
    static String serverMessage(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_ERROR_BODY);
            if (bytes.length == 0) {
                return null;
            }
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                return null;
            }
            String message = CardJson.text(node, "message");
            return message != null ? message : CardJson.text(node, "error");
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing only releases the connection; there is nothing to report
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
