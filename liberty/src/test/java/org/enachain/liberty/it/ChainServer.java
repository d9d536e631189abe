package org.enachain.liberty.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

import org.enachain.core.testing.LibertyTestServer;

/**
 * The chain-it Liberty test server as the tests see it: its HTTPS base URL, an {@link SSLContext} that trusts
 * exactly its self-signed certificate, its directory and its logs.
 *
 * <p>The server name, ports and keystore password are system properties that maven-failsafe-plugin sets from
 * {@code liberty/pom.xml}. Call these methods from test methods (or after the server started): Liberty
 * writes its keystore at its first start.
 */
public final class ChainServer {

    private static volatile SSLContext sslContext;

    private ChainServer() {
    }

    /** {@code https://127.0.0.1:<https port>}, without a trailing slash. */
    public static URI origin() {
        return URI.create("https://127.0.0.1:" + Integer.parseInt(property("chain.it.https.port")));
    }

    /** A URL on the server; {@code path} starts with a slash, e.g. {@code "/api-a/chain/b"}. */
    public static URI uri(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        return URI.create(origin() + path);
    }

    /** The issuer of the STS tenant {@code domain-a} (the home domain of the app and APIs A, B, C). */
    public static String issuerA() {
        return origin() + "/sts/domain-a";
    }

    /** The issuer of the STS tenant {@code domain-b} (the partner API's domain; TAS for domain-a's grants). */
    public static String issuerB() {
        return origin() + "/sts/domain-b";
    }

    /**
     * A new client that trusts the server's certificate (and nothing else), speaks HTTP/1.1 and does not
     * follow redirects. HTTP/1.1 because an idle HTTP/2 connection, which the JDK client keeps open, holds
     * Liberty's shutdown quiesce for its full 30 s.
     */
    public static HttpClient client() {
        return LibertyTestServer.client(sslContext());
    }

    /** Trusts the certificates of the server's {@code resources/security/key.p12}; waits for its HTTPS port first. */
    public static SSLContext sslContext() {
        SSLContext context = sslContext;
        if (context == null) {
            synchronized (ChainServer.class) {
                context = sslContext;
                if (context == null) {
                    context = sslContext = load();
                }
            }
        }
        return context;
    }

    /** {@code <wlp>/usr/servers/<name>}. */
    public static Path directory() {
        return Path.of(property("chain.it.wlp.home"), "usr", "servers", property("chain.it.server"));
    }

    public static Path logs() {
        return directory().resolve("logs");
    }

    /** A file of the test-only client keys the build copied into the server ({@code it-keys/<name>.jwks}). */
    public static Path key(String name) {
        return directory().resolve("it-keys").resolve(name + ".jwks");
    }

    private static SSLContext load() {
        LibertyTestServer.awaitHttpsEndpoint(directory(), Duration.ofSeconds(60), "move it with -Dchain.it.https.port=...");
        return LibertyTestServer.trustingCertificateOf(directory(), property("chain.it.keystore.password").toCharArray());
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
