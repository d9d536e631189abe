package org.enachain.core.testing;

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
 * What every module's Liberty integration tests need from their test server, given its directory
 * ({@code <wlp>/usr/servers/<name>}): to wait until its HTTPS port listens, to trust exactly the
 * self-signed certificate Liberty generated for it, and an HTTP client for it. Plain Java: no Liberty
 * class is involved.
 */
public final class LibertyTestServer {

    private LibertyTestServer() {
    }

    /**
     * Waits until the server's HTTPS port listens. Liberty opens it asynchronously, after generating its
     * certificate (first start) and possibly after the applications started. Event-driven: re-reads
     * {@code messages.log} (a new one at each server start) whenever the logs folder changes.
     *
     * @param portHint how to move the port when it is taken, for the error message
     */
    public static void awaitHttpsEndpoint(Path serverDirectory, Duration timeout, String portHint) {
        Path logs = serverDirectory.resolve("logs");
        Path log = logs.resolve("messages.log");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            Files.createDirectories(logs);
            logs.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (!httpsEndpointStarted(log, portHint)) {
                long remaining = deadline - System.nanoTime();
                WatchKey key = remaining > 0 ? watcher.poll(remaining, TimeUnit.NANOSECONDS) : null;
                if (key == null) {
                    throw new IllegalStateException("the HTTPS endpoint of the Liberty test server "
                            + serverDirectory.getFileName() + " did not start within " + timeout + "; see " + log);
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

    private static boolean httpsEndpointStarted(Path log, String portHint) throws IOException {
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
                throw new IllegalStateException("the Liberty test server could not open its HTTPS port (in use? "
                        + portHint + "): " + event.strip());
            }
            return event != null;
        }
    }

    /** Trusts exactly the certificates of the server's {@code resources/security/key.p12}. */
    public static SSLContext trustingCertificateOf(Path serverDirectory, char[] keystorePassword) {
        Path keyStoreFile = serverDirectory.resolve(Path.of("resources", "security", "key.p12"));
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            KeyStore serverKeys = KeyStore.getInstance("PKCS12");
            serverKeys.load(in, keystorePassword);
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

    /**
     * A new client trusting {@code context}, speaking HTTP/1.1 and not following redirects. HTTP/1.1
     * because an idle HTTP/2 connection, which the JDK client keeps open (JDK 17 has no
     * {@code HttpClient.close()}), holds Liberty's shutdown quiesce for its full 30 s.
     */
    public static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder()
                .sslContext(context)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * A system property that maven-failsafe-plugin sets for the integration tests.
     *
     * @throws IllegalStateException naming the fix when it is not set (the tests were not run through Maven)
     */
    public static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the integration tests"
                    + " through Maven (./mvnw verify), whose failsafe configuration sets it");
        }
        return value;
    }

    /** The test server a module's failsafe configuration names under {@code prefix}; see {@link Configured}. */
    public static Configured configured(String prefix) {
        return new Configured(prefix);
    }

    /**
     * A module's test server, named by the system properties {@code <prefix>.wlp.home}, {@code <prefix>.server},
     * {@code <prefix>.https.port} and {@code <prefix>.keystore.password}. Its {@link SSLContext} is made on first
     * use — after waiting for the HTTPS port, which opens after Liberty wrote its keystore — and then kept.
     */
    public static final class Configured {

        private final String prefix;
        private volatile SSLContext sslContext;

        private Configured(String prefix) {
            this.prefix = prefix;
        }

        /** {@code <prefix>.<suffix>}, e.g. {@code property("keystore.password")}. */
        public String property(String suffix) {
            return LibertyTestServer.property(prefix + "." + suffix);
        }

        /** {@code https://127.0.0.1:<https port>}, without a trailing slash. */
        public URI origin() {
            return URI.create("https://127.0.0.1:" + Integer.parseInt(property("https.port")));
        }

        /** {@code <wlp>/usr/servers/<name>}. */
        public Path directory() {
            return Path.of(property("wlp.home"), "usr", "servers", property("server"));
        }

        /** Trusts exactly the certificates of the server's {@code resources/security/key.p12}. */
        public SSLContext sslContext() {
            SSLContext context = sslContext;
            if (context == null) {
                synchronized (this) {
                    context = sslContext;
                    if (context == null) {
                        awaitHttpsEndpoint(directory(), Duration.ofSeconds(60), "move it with -D" + prefix + ".https.port=...");
                        context = sslContext = trustingCertificateOf(directory(), property("keystore.password").toCharArray());
                    }
                }
            }
            return context;
        }

        /** A new client trusting the server, speaking HTTP/1.1 and not following redirects (see {@link LibertyTestServer#client}). */
        public HttpClient client() {
            return LibertyTestServer.client(sslContext());
        }
    }
}
