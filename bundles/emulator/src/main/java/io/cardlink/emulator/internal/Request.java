package io.cardlink.emulator.internal;

import java.io.InputStream;
import java.util.function.Function;

/**
 * An HTTP request as the transports hand it to the core.
 *
 * @param rawPath        the path after {@code /emulator}, still URL-encoded, such as {@code /remote/rest-api/itsm/v1/dc}
 * @param rawQuery       the query string, still URL-encoded, or null
 * @param externalPrefix scheme, host and port as the client addressed them, plus {@code /emulator}
 */
record Request(String method, String rawPath, String rawQuery, Function<String, String> header, InputStream body,
        long contentLength, String externalPrefix) {
}
