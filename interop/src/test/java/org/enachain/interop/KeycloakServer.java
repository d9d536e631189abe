package org.enachain.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Keycloak in dev mode on 127.0.0.1 for the whole test JVM: started by the first test class that asks
 * for it ({@link KeycloakExtension}), stopped when JUnit closes its root store, and by a shutdown hook if
 * the JVM ends another way. It stops exactly the processes it started: {@code kc.sh} and whatever it
 * forked (the Keycloak JVM), found from the recorded process handle.
 */
final class KeycloakServer {

    private static final System.Logger LOG = System.getLogger(KeycloakServer.class.getName());

    private final Path home;
    private final int port;
    private final int managementPort;
    private final Duration startTimeout;
    private final Path log;
    /** DEVELOPMENT AND TESTS ONLY: a bootstrap admin password made up for this run, never printed. */
    private final String adminPassword;
    private final String adminUser = "enachain-it-admin";
    private final int httpsPort;
    /** DEVELOPMENT AND TESTS ONLY: the password of Keycloak's throw-away TLS key store. */
    private final String tlsPassword = TestSecrets.password();
    private Path tlsKeyStore;
    private volatile Process process;
    /** Every process started, read by the shutdown hook too (which must not wait for start()'s lock). */
    private final List<ProcessHandle> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Thread shutdownHook;

    KeycloakServer() {
        String homeProperty = System.getProperty("keycloak.home");
        if (homeProperty == null) {
            throw new IllegalStateException("keycloak.home is not set: run these tests through Maven (./mvnw verify),"
                    + " which unpacks Keycloak's distribution into interop/target/keycloak");
        }
        this.home = Path.of(homeProperty);
        this.port = Integer.getInteger("keycloak.port", 18080);
        this.managementPort = Integer.getInteger("keycloak.management.port", port + 10);
        this.httpsPort = Integer.getInteger("keycloak.https.port", 0);
        this.startTimeout = Duration.ofSeconds(Long.getLong("keycloak.start.timeout.seconds", 600));
        this.log = Path.of(System.getProperty("keycloak.log", home.resolveSibling("keycloak.log").toString()));
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.adminPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    String issuer(String realm) {
        return baseUri() + "/realms/" + realm;
    }

    /** Keycloak over HTTPS (scenario 3), or empty when no HTTPS port is configured. */
    java.util.Optional<URI> httpsBaseUri() {
        return httpsPort > 0 ? java.util.Optional.of(URI.create("https://127.0.0.1:" + httpsPort)) : java.util.Optional.empty();
    }

    Path tlsKeyStore() {
        return tlsKeyStore;
    }

    String tlsPassword() {
        return tlsPassword;
    }

    String adminUser() {
        return adminUser;
    }

    String adminPassword() {
        return adminPassword;
    }

    synchronized void start() {
        if (process != null) {
            return;
        }
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home + " (bin/kc.sh): run ./mvnw verify,"
                    + " whose pre-integration-test phase unpacks org.keycloak:keycloak-quarkus-dist");
        }
        Jdk21.Found jdk = Jdk21.require();
        requireFree(port, "keycloak.port");
        requireFree(managementPort, "keycloak.management.port");
        // A fresh dev-mode database per run: the bootstrap admin is created with this run's password, and no
        // realm of an earlier run lingers. The Quarkus build under lib/ is kept, so a warm start stays fast.
        deleteTree(home.resolve("data"));
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + managementPort,
                "--health-enabled=true"));
        if (httpsPort > 0) {
            requireFree(httpsPort, "keycloak.https.port");
            // HTTPS beside HTTP (enachain-sts takes only https peers): a self-signed certificate for 127.0.0.1
            // made by the JDK's keytool, with this run's password.
            Path keyStore = home.resolveSibling("keycloak-tls.p12");
            TestTls.generateKeyStore(jdk.home().resolve("bin/keytool"), keyStore, tlsPassword);
            command.add("--https-port=" + httpsPort);
            command.add("--https-key-store-file=" + keyStore);
            command.add("--https-key-store-password=" + tlsPassword);
            this.tlsKeyStore = keyStore;
        }
        // Keycloak trusts Liberty's self-signed certificate (enachain-sts's JWKS) when that server exists.
        Path libertyPem = TestTls.libertyCertificatePem(home.resolveSibling("liberty-trust.pem"));
        if (libertyPem != null) {
            command.add("--truststore-paths=" + libertyPem);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", jdk.home().toString());
        env.remove("JAVA");
        env.remove("JAVA_OPTS_APPEND");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUser);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        Instant begin = Instant.now();
        LOG.log(System.Logger.Level.INFO, "Starting Keycloak on " + baseUri() + " with the JDK " + jdk.feature()
                + " at " + jdk.home() + "; its log: " + log);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0), e);
        }
        started.add(process.toHandle());
        shutdownHook = new Thread(this::stopProcesses, "keycloak-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            awaitReady(begin);
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
        recordDescendants();
        LOG.log(System.Logger.Level.INFO, "Keycloak ready after " + Duration.between(begin, Instant.now()).toSeconds()
                + " s (processes " + started.stream().map(h -> Long.toString(h.pid())).toList() + ")");
    }

    /** Polls the management health endpoint (and the master realm) until ready, the process dies, or the deadline. */
    private void awaitReady(Instant begin) {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        // With HTTPS on, the management interface inherits it (and the certificate made for this run).
        String scheme = "http";
        if (tlsKeyStore != null) {
            client.sslContext(TestTls.trustingOnly(tlsKeyStore, tlsPassword));
            scheme = "https";
        }
        HttpClient http = client.build();
        URI ready = URI.create(scheme + "://127.0.0.1:" + managementPort + "/health/ready");
        URI realm = URI.create(issuer("master"));
        Instant deadline = begin.plus(startTimeout);
        while (Instant.now().isBefore(deadline)) {
            recordDescendants();
            if (ok(http, ready) && ok(http, realm)) {
                return;
            }
            try {
                if (process.waitFor(1, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("Keycloak exited with status " + process.exitValue()
                            + " before it was ready; see " + log);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
        }
        throw new IllegalStateException("Keycloak was not ready within " + startTimeout.toSeconds() + " s; see " + log);
    }

    private static boolean ok(HttpClient http, URI uri) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** kc.sh may exec the JVM or fork it: every descendant seen is one of ours, and is stopped with it. */
    private void recordDescendants() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.toHandle().descendants().filter(h -> started.stream().noneMatch(s -> s.pid() == h.pid()))
                .forEach(started::add);
    }

    /** The CPU time used so far by every process started (kc.sh and the Keycloak JVM), for the benchmark. */
    Duration cpuTime() {
        recordDescendants();
        return started.stream().map(h -> h.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    synchronized void stop() {
        if (process == null) {
            return;
        }
        stopProcesses();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs (or ran) anyway
            }
        }
        process = null;
    }

    private void stopProcesses() {
        recordDescendants();
        // Youngest first: the Keycloak JVM ends cleanly on SIGTERM; then the script that started it.
        List<ProcessHandle> mine = new ArrayList<>(started);
        java.util.Collections.reverse(mine);
        mine.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plusSeconds(60);
        for (ProcessHandle h : mine) {
            try {
                long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
                h.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (Exception notYet) {
                h.destroyForcibly();
            }
        }
        LOG.log(System.Logger.Level.INFO, "Keycloak stopped (processes "
                + mine.stream().map(h -> h.pid() + (h.isAlive() ? " still alive" : "")).toList() + ")");
    }

    private static void requireFree(int port, String property) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException free) {
            return;
        }
        throw new IllegalStateException("Port " + port + " on 127.0.0.1 is already in use (another Keycloak or"
                + " another engineer's server?); choose another with -D" + property + "=...");
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
