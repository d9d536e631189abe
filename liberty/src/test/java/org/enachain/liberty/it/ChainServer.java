package org.enachain.liberty.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
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

    private static final LibertyTestServer.Configured SERVER = LibertyTestServer.configured("chain.it");

    private ChainServer() {
    }

    /** {@code https://127.0.0.1:<https port>}, without a trailing slash. */
    public static URI origin() {
        return SERVER.origin();
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
        return SERVER.client();
    }

    /** Trusts the certificates of the server's {@code resources/security/key.p12}; waits for its HTTPS port first. */
    public static SSLContext sslContext() {
        return SERVER.sslContext();
    }

    /** {@code <wlp>/usr/servers/<name>}. */
    public static Path directory() {
        return SERVER.directory();
    }

    public static Path logs() {
        return directory().resolve("logs");
    }

    /** A file of the test-only client keys the build copied into the server ({@code it-keys/<name>.jwks}). */
    public static Path key(String name) {
        return directory().resolve("it-keys").resolve(name + ".jwks");
    }

    static String property(String name) {
        return LibertyTestServer.property(name);
    }
}
