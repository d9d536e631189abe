package org.enachain.sts.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS access to the Liberty integration-test server: its base URL and an {@link SSLContext} that
 * trusts exactly the self-signed certificate Liberty generated for it.
 *
 * <p>The server, its ports and its keystore password are system properties that
 * maven-failsafe-plugin sets from {@code sts/pom.xml}. Call these methods from a test method (not a
 * static initializer): Liberty writes its keystore when the server first starts, which Arquillian does
 * before the first test.
 */
public final class LibertyHttps {

    private static volatile SSLContext sslContext;

    private LibertyHttps() {
    }

    /** {@code https://127.0.0.1:<test https port>/sts}, without a trailing slash. */
    public static URI baseUri() {
        return URI.create("https://127.0.0.1:" + Integer.parseInt(property("sts.it.https.port")) + "/sts");
    }

    /** A URL under the STS context root; {@code path} starts with a slash, e.g. {@code "/health"}. */
    public static URI uri(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        return URI.create(baseUri() + path);
    }

    /**
     * A new client that trusts the test server's certificate (and nothing else), speaks HTTP/1.1 and does
     * not follow redirects. HTTP/1.1 because an idle HTTP/2 connection, which the JDK client keeps open
     * (JDK 17 has no {@code HttpClient.close()}), holds Liberty's shutdown quiesce for its full 30 s, and
     * Arquillian's stop then fails the run.
     */
    public static HttpClient client() {
        return HttpClient.newBuilder()
                .sslContext(sslContext())
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Trusts the certificates of the test server's keystore ({@code resources/security/key.p12}). */
    public static SSLContext sslContext() {
        SSLContext context = sslContext;
        if (context == null) {
            synchronized (LibertyHttps.class) {
                context = sslContext;
                if (context == null) {
                    context = sslContext = load();
                }
            }
        }
        return context;
    }

    /** The server directory of the test server, {@code <wlp>/usr/servers/<name>}. */
    public static Path serverDirectory() {
        return Path.of(property("sts.it.wlp.home"), "usr", "servers", property("sts.it.server"));
    }

    private static SSLContext load() {
        Path keyStoreFile = serverDirectory().resolve(Path.of("resources", "security", "key.p12"));
        char[] password = property("sts.it.keystore.password").toCharArray();
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            KeyStore serverKeys = KeyStore.getInstance("PKCS12");
            serverKeys.load(in, password);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (String alias : Collections.list(serverKeys.aliases())) {
                Certificate certificate = serverKeys.getCertificate(alias);
                if (certificate != null) {
                    trusted.setCertificateEntry(alias, certificate);
                }
            }
            if (trusted.size() == 0) {
                throw new IllegalStateException("no certificate in " + keyStoreFile);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the Liberty test server's keystore " + keyStoreFile
                    + " (has the server started?)", e);
        }
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the integration tests"
                    + " through Maven (./mvnw verify), whose failsafe configuration sets it");
        }
        return value;
    }
}
