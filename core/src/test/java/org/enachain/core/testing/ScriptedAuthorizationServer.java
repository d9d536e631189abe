package org.enachain.core.testing;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.client.TokenEndpointClient;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.http.TransportSecurity;
import org.jose4j.json.JsonUtil;

/**
 * A scripted authorization server for client tests: an in-process HTTPS server on 127.0.0.1 whose
 * issuer is its base URL, which publishes RFC 8414 metadata (at the issuer-appended well-known URL)
 * and answers token requests at {@code /token} with whatever the test queued or scripted. It verifies
 * nothing: tests assert on the requests it recorded.
 */
public final class ScriptedAuthorizationServer implements AutoCloseable {

    private final TestHttpsServer server = TestHttpsServer.start();
    private final Deque<TestHttpsServer.Reply> queued = new ArrayDeque<>();
    private volatile Function<TestHttpsServer.Received, TestHttpsServer.Reply> tokenHandler;
    private volatile Map<String, Object> metadata;

    public ScriptedAuthorizationServer() {
        metadata = Map.of("issuer", issuer(), "token_endpoint", tokenEndpoint().toString(),
                "token_endpoint_auth_signing_alg_values_supported", List.of("ES256", "RS256"),
                "dpop_signing_alg_values_supported", List.of("ES256", "RS256"));
        server.handle(this::route);
    }

    private TestHttpsServer.Reply route(TestHttpsServer.Received r) {
        if (r.path().equals("/.well-known/oauth-authorization-server")) {
            return TestHttpsServer.Reply.json(200, JsonUtil.toJson(metadata));
        }
        if (r.path().equals("/token")) {
            Function<TestHttpsServer.Received, TestHttpsServer.Reply> h = tokenHandler;
            if (h != null) {
                return h.apply(r);
            }
            synchronized (queued) {
                if (!queued.isEmpty()) {
                    return queued.poll();
                }
            }
            return TestHttpsServer.Reply.json(500, "{\"error\":\"server_error\",\"error_description\":\"nothing scripted\"}");
        }
        return TestHttpsServer.Reply.json(404, "{}");
    }

    /** The issuer identifier: the server's base URL, https://127.0.0.1:port. */
    public String issuer() {
        return server.uri("").toString();
    }

    public URI tokenEndpoint() {
        return server.uri("/token");
    }

    /** The metadata a client would discover, built by hand. */
    public AuthorizationServerMetadata metadata() {
        return AuthorizationServerMetadata.of(issuer(), tokenEndpoint());
    }

    /** Replaces the published metadata document. */
    public void publish(Map<String, Object> document) {
        this.metadata = Map.copyOf(document);
    }

    /** Queues answers for the next token requests, in order. */
    public void enqueue(TestHttpsServer.Reply... replies) {
        synchronized (queued) {
            queued.addAll(List.of(replies));
        }
    }

    /** Answers every token request with what {@code handler} returns for it (instead of the queue). */
    public void onToken(Function<TestHttpsServer.Received, TestHttpsServer.Reply> handler) {
        this.tokenHandler = handler;
    }

    /** The token requests received, in order. */
    public List<TestHttpsServer.Received> tokenRequests() {
        return server.received().stream().filter(r -> r.path().equals("/token")).toList();
    }

    public TestHttpsServer server() {
        return server;
    }

    /** A token endpoint client that trusts this server, with a short read timeout. */
    public TokenEndpointClient client() {
        return TokenEndpointClient.create(transport(), TransportSecurity.requireTls());
    }

    public JdkHttpTransport transport() {
        return JdkHttpTransport.builder().sslContext(server.trustingContext())
                .readTimeout(java.time.Duration.ofSeconds(2)).build();
    }

    /** A successful token response body. */
    public static TestHttpsServer.Reply token(String accessToken, String tokenType, long expiresIn,
                                              String issuedTokenType, String scope) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("access_token", accessToken);
        if (issuedTokenType != null) {
            body.put("issued_token_type", issuedTokenType);
        }
        body.put("token_type", tokenType);
        if (expiresIn > 0) {
            body.put("expires_in", expiresIn);
        }
        if (scope != null) {
            body.put("scope", scope);
        }
        return TestHttpsServer.Reply.json(200, JsonUtil.toJson(body), Map.of("Cache-Control", "no-store"));
    }

    /** An OAuth error response body (RFC 6749 5.2). */
    public static TestHttpsServer.Reply error(int status, String error, String description) {
        return TestHttpsServer.Reply.json(status, JsonUtil.toJson(Map.of("error", error, "error_description", description)));
    }

    @Override
    public void close() {
        server.close();
    }
}
