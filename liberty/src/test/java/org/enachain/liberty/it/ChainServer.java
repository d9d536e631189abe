package org.enachain.liberty.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
        return HttpClient.newBuilder()
                .sslContext(sslContext())
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
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

    /**
     * Waits until the server's HTTPS port listens (Liberty opens it asynchronously, after generating its
     * certificate). Event-driven: re-reads {@code messages.log} whenever the logs folder changes.
     */
    static void awaitHttpsEndpoint(Duration timeout) {
        Path logs = logs();
        Path log = logs.resolve("messages.log");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            Files.createDirectories(logs);
            logs.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (!httpsEndpointStarted(log)) {
                long remaining = deadline - System.nanoTime();
                WatchKey key = remaining > 0 ? watcher.poll(remaining, TimeUnit.NANOSECONDS) : null;
                if (key == null) {
                    throw new IllegalStateException("the HTTPS endpoint of the chain-it server did not start within "
                            + timeout + "; see " + log);
                }
                key.pollEvents();
                key.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + logs, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the chain-it server", e);
        }
    }

    private static boolean httpsEndpointStarted(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            // CWWKO0219I: TCP Channel defaultHttpEndpoint-ssl has been started and is now listening ...
            // CWWKO0221E: TCP Channel defaultHttpEndpoint-ssl initialization did not succeed (bind failed) ...
            String event = lines.filter(line -> line.contains("defaultHttpEndpoint-ssl")
                            && (line.contains("CWWKO0219I") || line.contains("CWWKO0221E")))
                    .findFirst().orElse(null);
            if (event != null && event.contains("CWWKO0221E")) {
                throw new IllegalStateException("the chain-it server could not open its HTTPS port (in use? move it"
                        + " with -Dchain.it.https.port=...): " + event.strip());
            }
            return event != null;
        }
    }

    private static SSLContext load() {
        awaitHttpsEndpoint(Duration.ofSeconds(60));
        Path keyStoreFile = directory().resolve(Path.of("resources", "security", "key.p12"));
        char[] password = property("chain.it.keystore.password").toCharArray();
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
            throw new IllegalStateException("cannot read the chain-it server's keystore " + keyStoreFile
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
