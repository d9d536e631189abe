package org.enachain.sts.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
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

    private static final LibertyTestServer.Configured SERVER = LibertyTestServer.configured("sts.it");

    private LibertyHttps() {
    }

    /** {@code https://127.0.0.1:<test https port>/sts}, without a trailing slash. */
    public static URI baseUri() {
        return URI.create(SERVER.origin() + "/sts");
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
        return SERVER.client();
    }

    /**
     * Trusts the certificates of the test server's keystore ({@code resources/security/key.p12}). The
     * first call waits (at most 60 s) for the server's HTTPS port, which opens after Liberty wrote that
     * keystore.
     */
    public static SSLContext sslContext() {
        return SERVER.sslContext();
    }

    /** The server directory of the test server, {@code <wlp>/usr/servers/<name>}. */
    public static Path serverDirectory() {
        return SERVER.directory();
    }

    static String property(String name) {
        return LibertyTestServer.property(name);
    }
}
