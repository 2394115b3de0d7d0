package io.cardlink.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * What a request must be before anyone looks at its credentials. A web page can make a browser send a form or a
 * plain-text post to any address, with the Basic credentials the browser remembers for it; it can't send JSON there
 * without the API's consent (CORS), and the browser says where the page came from ({@code Origin}). So a request that
 * changes something must carry a JSON body or none, and an {@code Origin}, when there is one, must be the API's own
 * or one the operator allowed. Bodies are bounded: {@link #maxBodyBytes} for everything, {@link #maxImportBytes} for
 * an import, which carries whole connectors with their tasks.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestGuard implements ContainerRequestFilter {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final long maxBodyBytes;
    private final long maxImportBytes;
    private final Set<String> allowedOrigins;

    RequestGuard(long maxBodyBytes, long maxImportBytes, Set<String> allowedOrigins) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxImportBytes = maxImportBytes;
        this.allowedOrigins = Set.copyOf(allowedOrigins.stream().map(RequestGuard::normalized).toList());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = request.getUriInfo().getPath().replaceAll("/+$", "").endsWith("import") ? maxImportBytes
                : maxBodyBytes;
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parsedLength(length) > limit) {
            request.abortWith(ErrorBody.response(413, tooLarge(limit)));
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            String origin = request.getHeaderString("Origin");
            if (origin != null && !sameOrigin(origin, request.getUriInfo().getRequestUri())
                    && !allowedOrigins.contains(normalized(origin))) {
                request.abortWith(ErrorBody.response(403, "a request from the web page at " + origin + " can't change"
                        + " anything here; only the API's own origin and the allowedOrigins of io.cardlink.rest may"));
                return;
            }
            MediaType type = request.getMediaType();
            boolean body = type != null || (length != null && parsedLength(length) > 0)
                    || request.getHeaderString("Transfer-Encoding") != null;
            if (body && (type == null || !isJson(type))) {
                request.abortWith(ErrorBody.response(415, "a request that changes something takes a JSON body"
                        + " (Content-Type: application/json) or none; " + (type == null ? "this one has no type"
                        : "this one is " + type.getType() + "/" + type.getSubtype())));
                return;
            }
        }
        request.setEntityStream(new Bounded(request.getEntityStream(), limit));
    }

    private static long parsedLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    static boolean isJson(MediaType type) {
        return type.getType().equalsIgnoreCase("application")
                && (type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase(Locale.ROOT)
                        .endsWith("+json"));
    }

    /** The request came from a page of the API's own origin (scheme, host, port as the client addressed them). */
    private static boolean sameOrigin(String origin, URI requestUri) {
        String own = requestUri.getScheme() + "://" + requestUri.getHost()
                + (requestUri.getPort() == -1 ? "" : ":" + requestUri.getPort());
        return normalized(origin).equals(normalized(own));
    }

    /** Lower case, without a trailing slash and without the scheme's default port. */
    static String normalized(String origin) {
        String text = origin.trim().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        if (text.startsWith("https://") && text.endsWith(":443")) {
            return text.substring(0, text.length() - 4);
        }
        if (text.startsWith("http://") && text.endsWith(":80")) {
            return text.substring(0, text.length() - 3);
        }
        return text;
    }

    private static String tooLarge(long limit) {
        return "the body is larger than " + limit + " bytes, the most this endpoint takes (maxBodyBytes and"
                + " maxImportBytes of io.cardlink.rest)";
    }

    /**
     * The 413 for a failure that a body cut off at its limit caused, wherever the reader wrapped it; empty for any
     * other failure.
     */
    static Optional<Response> tooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLarge) {
                return Optional.of(ErrorBody.response(413, cause.getMessage()));
            }
        }
        return Optional.empty();
    }

    /** Thrown by the body's stream at the limit; an I/O failure, so that readers pass it on rather than judge it. */
    static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge(long limit) {
            super(tooLarge(limit));
        }
    }

    /** A body without a length (chunked) is cut off at the limit with the same 413. */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private long read;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }
    }
}
