package io.cardlink.esm.client.internal;

import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.time.Duration;

/** A response handed to a {@link Transport.Handler}: status, headers, body and how many sends it took. */
record Response(Call call, int status, HttpHeaders headers, InputStream body, int attempts, Duration retryAfter) {

    boolean success() {
        return status / 100 == 2;
    }
}
