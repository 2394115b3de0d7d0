package io.cardlink.engine.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Reads the certificate chain an {@code https} server presents and tells when its first certificate expires. The
 * handshake accepts any chain, because it only reads it: nothing is sent over this connection, and whether the
 * instance is trusted is the connection test's and the client's business.
 */
final class CertificateExpiry {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The certificate of a chain that expires first, and when. */
    record Expiry(String subject, Instant notAfter) {
    }

    private CertificateExpiry() {
    }

    /** Empty for a URL that is not https; an IOException when the server can't be reached or does no TLS. */
    static Optional<Expiry> of(String url) throws IOException {
        URI uri;
        try {
            uri = url == null ? null : URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return Optional.empty();
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        try (SSLSocket socket = (SSLSocket) readOnlyContext().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.startHandshake();
            return earliest(socket.getSession().getPeerCertificates());
        }
    }

    static Optional<Expiry> earliest(Certificate[] chain) {
        return Stream.of(chain)
                .filter(X509Certificate.class::isInstance)
                .map(X509Certificate.class::cast)
                .min(Comparator.comparing(X509Certificate::getNotAfter))
                .map(c -> new Expiry(c.getSubjectX500Principal().getName(), c.getNotAfter().toInstant()));
    }

    private static SSLContext readOnlyContext() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new ReadOnlyTrust()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS context: " + e.getMessage(), e);
        }
    }

    /** Accepts any chain: used only to read it. */
    private static final class ReadOnlyTrust implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // never used as a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // the chain is read, not trusted: nothing is sent over this connection
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
