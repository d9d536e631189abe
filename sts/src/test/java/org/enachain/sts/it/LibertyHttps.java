package org.enachain.sts.it;

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

    /**
     * Waits until the test server's HTTPS port listens. Liberty opens it asynchronously, after it has
     * generated its certificate (first start) and possibly after the application has started, which is
     * when Arquillian runs the first test. Event-driven: re-reads {@code messages.log} (Liberty starts a
     * new one at each server start) whenever the logs folder changes.
     */
    static void awaitHttpsEndpoint(Duration timeout) {
        Path logs = serverDirectory().resolve("logs");
        Path log = logs.resolve("messages.log");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            logs.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (!httpsEndpointStarted(log)) {
                long remaining = deadline - System.nanoTime();
                WatchKey key = remaining > 0 ? watcher.poll(remaining, TimeUnit.NANOSECONDS) : null;
                if (key == null) {
                    throw new IllegalStateException("the HTTPS endpoint of the Liberty test server did not start"
                            + " within " + timeout + "; see " + log);
                }
                key.pollEvents();
                key.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + logs, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Liberty test server", e);
        }
    }

    private static boolean httpsEndpointStarted(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            // CWWKO0219I: TCP Channel defaultHttpEndpoint-ssl has been started and is now listening ...
            // CWWKO0221E: TCP Channel defaultHttpEndpoint-ssl initialization did not succeed. The socket bind ...
            String event = lines.filter(line -> line.contains("defaultHttpEndpoint-ssl")
                            && (line.contains("CWWKO0219I") || line.contains("CWWKO0221E")))
                    .findFirst().orElse(null);
            if (event != null && event.contains("CWWKO0221E")) {
                throw new IllegalStateException("the Liberty test server could not open its HTTPS port (in use? move"
                        + " it with -Dsts.it.https.port=...): " + event.strip());
            }
            return event != null;
        }
    }

    private static SSLContext load() {
        awaitHttpsEndpoint(Duration.ofSeconds(60));
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
