package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateExpiryTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    @Test
    void readsWhenTheServersCertificateExpiresAndWarnsWithinTheWindow() throws Exception {
        Path keystore = generate(10);
        try (SSLServerSocket server = serve(keystore)) {
            Thread acceptor = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                } catch (Exception e) {
                    // the client closes after reading the chain
                }
            });
            acceptor.start();

            Optional<CertificateExpiry.Expiry> expiry = CertificateExpiry.of("https://localhost:"
                    + server.getLocalPort() + "/m42Services");
            acceptor.join(10_000);

            Instant notAfter = expiry.orElseThrow().notAfter();
            Instant now = Instant.now();
            assertTrue(notAfter.isAfter(now.plus(Duration.ofDays(9))) && notAfter.isBefore(now.plus(
                    Duration.ofDays(11))), notAfter.toString());
            assertTrue(expiry.get().subject().contains("CN=cardlink-test"), expiry.get().subject());
            String problem = AlertManager.expiring(expiry.get(), now, Duration.ofDays(30)).orElseThrow();
            assertTrue(problem.startsWith("expires at " + notAfter + ", in 9 day(s)")
                    || problem.startsWith("expires at " + notAfter + ", in 10 day(s)"), problem);
            assertEquals(Optional.empty(), AlertManager.expiring(expiry.get(), now, Duration.ofDays(5)));
        }
    }

    @Test
    void anExpiredCertificateSaysSo() {
        Instant now = Instant.parse("2026-05-01T00:00:00Z");
        CertificateExpiry.Expiry expired = new CertificateExpiry.Expiry("CN=x", now.minusSeconds(60));

        assertEquals(Optional.of("expired at 2026-04-30T23:59:00Z"),
                AlertManager.expiring(expired, now, Duration.ofDays(30)));
    }

    @Test
    void aPlainHttpUrlHasNoCertificate() throws Exception {
        assertEquals(Optional.empty(), CertificateExpiry.of("http://localhost:1/"));
        assertEquals(Optional.empty(), CertificateExpiry.of(null));
    }

    /** A key store with a self-signed certificate valid for {@code days}, made by the JDK's keytool. */
    private Path generate(int days) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=cardlink-test", "-validity", String.valueOf(days), "-storetype",
                "PKCS12", "-keystore", keystore.toString(), "-storepass", new String(PASSWORD), "-keypass",
                new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), output);
        return keystore;
    }

    private static SSLServerSocket serve(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress());
    }
}
