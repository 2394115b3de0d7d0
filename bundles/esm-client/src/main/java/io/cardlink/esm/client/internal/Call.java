package io.cardlink.esm.client.internal;

import java.net.http.HttpRequest;
import java.util.function.Supplier;

/**
 * One REST call: method, endpoint path (segments already encoded) and query, body, whether it may be repeated
 * after it may have reached the server, whether it needs a token, and whether its body is handed on as an
 * open stream.
 */
record Call(String method, String path, String query, Supplier<HttpRequest.BodyPublisher> body, String contentType,
        Replay replay, boolean authenticated, boolean streaming, String accept) {

    /**
     * When a failed call may be sent again.
     * <ul>
     * <li>{@code IDEMPOTENT}: repeating it leaves the same state (reads, attribute replace and clear, deletes,
     * patches and bulk updates without worklog entries). Retried on any I/O failure (timeouts included), on 429
     * and on every 5xx.</li>
     * <li>{@code REFUSALS_ONLY}: repeating it may write twice (creates, bulk writes that create, value additions,
     * uploads, worklog entries). Retried only when the server surely did not act on it: a connection that never
     * opened, or a 429 or 503 refusal. A broken connection, a timeout or another 5xx after sending may hide a
     * write that happened: that failure is an {@link io.cardlink.esm.client.EsmOutcomeUnknownException}.</li>
     * </ul>
     */
    enum Replay { IDEMPOTENT, REFUSALS_ONLY }

    static Call get(String path, String query) {
        return new Call("GET", path, query, null, null, Replay.IDEMPOTENT, true, false, "application/json");
    }

    Call unauthenticated() {
        return new Call(method, path, query, body, contentType, replay, false, streaming, accept);
    }

    Call streamed() {
        return new Call(method, path, query, body, contentType, replay, authenticated, true, accept);
    }

    Call accepting(String mediaType) {
        return new Call(method, path, query, body, contentType, replay, authenticated, streaming, mediaType);
    }

    static Call write(String method, String path, Supplier<HttpRequest.BodyPublisher> body, String contentType,
            Replay replay) {
        return new Call(method, path, null, body, contentType, replay, true, false, "application/json");
    }
}
