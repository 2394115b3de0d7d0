package io.cardlink.engine.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Scheme, host and port of a URL ({@code https://acme.example.com:443}), compared the way a browser compares
 * origins. A secret is bound to the origin it was given for: whatever else of the URL changes, a new origin needs
 * the secret again.
 */
final class Origin {
    private Origin() {
    }

    /** The URL's origin in lower case with the scheme's default port made explicit; empty for no http(s) URL. */
    static Optional<String> of(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return Optional.empty();
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("http") ? 80 : 443;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the URL sends in clear to another machine: {@code http://} to a host other than this one. Host names
     * other than {@code localhost} count as other machines without a look-up, so that the answer can't depend on
     * what a name server says today.
     */
    static boolean plainToAnotherHost(String url) {
        try {
            URI uri = new URI(url.trim());
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                return false;
            }
            String host = uri.getHost();
            if (host.equalsIgnoreCase("localhost")) {
                return false;
            }
            if (!isAddressLiteral(host)) {
                return true;
            }
            return !InetAddress.getByName(host).isLoopbackAddress();
        } catch (URISyntaxException | UnknownHostException e) {
            return false;
        }
    }

    private static boolean isAddressLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }
}
