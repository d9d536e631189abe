package org.enachain.liberty.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.enachain.core.jose.SigningKey;
import org.jose4j.json.JsonUtil;

/**
 * A fault-injection fake of an authorization server, in the test JVM, over plain HTTP on 127.0.0.1 — the one
 * stand-in for a real AS in these ITs, used only by the fault-injection application (/api-fault), whose
 * configuration allows plain HTTP on loopback.
 *
 * <p>It plays both roles the application needs from its AS: it issues the tokens its callers present (RFC 8414
 * metadata and a JWKS at the issuer, always answering), and it answers the application's token exchanges at a
 * token endpoint on a second port, in the way the current {@link Mode} says: a 500, silence (the request is
 * read and never answered), an OAuth refusal — or nothing at all, when the IT {@link #stopTokenEndpoint()
 * stops} that listener (connection refused).
 */
public final class FaultyAuthorizationServer {

    public static final String RESOURCE = "https://api-fault.enachain.test";

    /** How the token endpoint answers. */
    public enum Mode {
        /** {@code 500 Internal Server Error}, a plain-text body. */
        SERVER_ERROR,
        /** Reads the request and never answers (until {@link #releaseHangingRequests()}). */
        HANG,
        /** {@code 400 {"error":"invalid_target"}}: a refusal, not an outage. */
        INVALID_TARGET
    }

    private static volatile FaultyAuthorizationServer instance;

    private final SigningKey key = SigningKey.generateEs256().withKeyId("fault-as-it");
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-as");
        t.setDaemon(true);
        return t;
    });
    private final HttpServer issuerServer;
    private final int tokenPort;
    private HttpServer tokenServer;
    private volatile Mode mode = Mode.SERVER_ERROR;
    private volatile CountDownLatch hanging = new CountDownLatch(1);
    private final AtomicInteger tokenRequests = new AtomicInteger();

    private FaultyAuthorizationServer() {
        try {
            issuerServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            issuerServer.setExecutor(executor);
            tokenServer = newTokenServer(0);
            tokenPort = tokenServer.getAddress().getPort();
            issuerServer.createContext("/fault-as/.well-known/oauth-authorization-server", this::metadata);
            issuerServer.createContext("/fault-as/jwks", this::jwks);
            issuerServer.start();
            tokenServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake authorization server on loopback", e);
        }
    }

    /** The one fake of the run, started on first use (when the fault-injection application is built). */
    public static FaultyAuthorizationServer get() {
        FaultyAuthorizationServer server = instance;
        if (server == null) {
            synchronized (FaultyAuthorizationServer.class) {
                server = instance;
                if (server == null) {
                    server = instance = new FaultyAuthorizationServer();
                }
            }
        }
        return server;
    }

    /** Stops the fake, if it was started (after the test server stopped). */
    static synchronized void stopIfStarted() {
        FaultyAuthorizationServer server = instance;
        if (server != null) {
            server.releaseHangingRequests();
            server.stopTokenEndpoint();
            server.issuerServer.stop(0);
            server.executor.shutdownNow();
            instance = null;
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + issuerServer.getAddress().getPort() + "/fault-as";
    }

    private String tokenEndpoint() {
        return "http://127.0.0.1:" + tokenPort + "/token";
    }

    /** An unbound access token of this issuer for the fault-injection application, with {@code a-read b-read}. */
    public String callerToken(String subject) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer());
        claims.put("sub", subject);
        claims.put("aud", RESOURCE);
        claims.put("client_id", TestClient.APP);
        claims.put("scope", "a-read b-read"); // b-read: resource-owner mode only chains scopes the caller has
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("jti", UUID.randomUUID().toString());
        return key.sign("at+jwt", SigningKey.HeaderKey.KEY_ID, JsonUtil.toJson(claims));
    }

    public void mode(Mode newMode) {
        this.mode = newMode;
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Lets every request held by {@link Mode#HANG} go (with a 500), and arms the next hang. */
    public void releaseHangingRequests() {
        CountDownLatch released = hanging;
        hanging = new CountDownLatch(1);
        released.countDown();
    }

    /** Closes the token endpoint's port: connections are refused, as with an AS that is down. */
    public synchronized void stopTokenEndpoint() {
        if (tokenServer != null) {
            tokenServer.stop(0);
            tokenServer = null;
        }
    }

    /** Opens the token endpoint again, on the same port. */
    public synchronized void startTokenEndpoint() {
        if (tokenServer == null) {
            try {
                tokenServer = newTokenServer(tokenPort);
                tokenServer.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reopen the fake token endpoint on port " + tokenPort, e);
            }
        }
    }

    private HttpServer newTokenServer(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        server.createContext("/token", this::token);
        return server;
    }

    private void metadata(HttpExchange exchange) throws IOException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer());
        metadata.put("token_endpoint", tokenEndpoint());
        metadata.put("jwks_uri", issuer() + "/jwks");
        metadata.put("grant_types_supported", List.of("urn:ietf:params:oauth:grant-type:token-exchange"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        metadata.put("token_endpoint_auth_signing_alg_values_supported", List.of("ES256"));
        metadata.put("dpop_signing_alg_values_supported", List.of("ES256"));
        reply(exchange, 200, "application/json", JsonUtil.toJson(metadata));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        reply(exchange, 200, "application/json", JsonUtil.toJson(Map.of("keys", List.of(key.publicJwk()))));
    }

    private void token(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        tokenRequests.incrementAndGet();
        switch (mode) {
            case SERVER_ERROR -> reply(exchange, 500, "text/plain", "internal error");
            case INVALID_TARGET -> reply(exchange, 400, "application/json",
                    "{\"error\":\"invalid_target\",\"error_description\":\"unknown audience\"}");
            case HANG -> {
                try {
                    hanging.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(exchange, 500, "text/plain", "released");
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // The client gave up (its read timeout): nothing to answer any more.
        } finally {
            exchange.close();
        }
    }
}
