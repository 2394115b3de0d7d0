package io.cardlink.esm.client.internal;

import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.time.Duration;

/**
 * A response handed to a {@link Transport.Handler}: status, headers, body, how many sends it took, and when the
 * status would have been retried but the budget was used up, why the client gave up ({@code gaveUp}, else null).
 */
record Response(Call call, int status, HttpHeaders headers, InputStream body, int attempts, Duration retryAfter,
        String gaveUp) {

    boolean success() {
        return status / 100 == 2;
    }
}
