package org.enachain.sts.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

import org.enachain.core.testing.LibertyTestServer;

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
        return LibertyTestServer.client(sslContext());
    }

    /**
     * Trusts the certificates of the test server's keystore ({@code resources/security/key.p12}). The
     * first call waits (at most 60 s) for the server's HTTPS port, which opens after Liberty wrote that
     * keystore.
     */
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
        LibertyTestServer.awaitHttpsEndpoint(serverDirectory(), Duration.ofSeconds(60), "move it with -Dsts.it.https.port=...");
        return LibertyTestServer.trustingCertificateOf(serverDirectory(), property("sts.it.keystore.password").toCharArray());
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
