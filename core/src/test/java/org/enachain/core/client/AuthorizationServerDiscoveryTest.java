package org.enachain.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enachain.core.http.HttpTransport;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestHttpsServer.Reply;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 8414 discovery of an issuer with a path (Profile 3.1.2; CL-73, CL-74, GEN-01). */
class AuthorizationServerDiscoveryTest {

    private static final String APPENDED = "/tenant-a/.well-known/oauth-authorization-server";
    private static final String INSERTED = "/.well-known/oauth-authorization-server/tenant-a";
    private static final String OPENID = "/tenant-a/.well-known/openid-configuration";

    private static TestHttpsServer server;
    private static String issuer;
    private static JdkHttpTransport transport;

    private final MutableClock clock = MutableClock.atFixedStart();

    @BeforeAll
    static void startServer() {
        server = TestHttpsServer.start();
        issuer = server.uri("/tenant-a").toString();
        transport = JdkHttpTransport.builder().sslContext(server.trustingContext()).build();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.received().clear();
        server.reply(Reply.json(404, "{}"));
    }

    private AuthorizationServerDiscovery discovery() {
        return AuthorizationServerDiscovery.builder().transport(transport).clock(clock).build();
    }

    private static Map<String, Object> document(String documentIssuer) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", documentIssuer);
        d.put("token_endpoint", server.uri("/tenant-a/token").toString());
        d.put("token_endpoint_auth_signing_alg_values_supported", List.of("ES256"));
        d.put("dpop_signing_alg_values_supported", List.of("ES256", "PS256"));
        return d;
    }

    /** Serves {@code document} at {@code path} only; every other path is 404. */
    private static void serveOnlyAt(String path, Map<String, Object> document) {
        server.handle(r -> r.path().equals(path) ? Reply.json(200, JsonUtil.toJson(document)) : Reply.json(404, "{}"));
    }

    private static List<String> requestedPaths() {
        return server.received().stream().map(TestHttpsServer.Received::path).toList();
    }

    // ---------------------------------------------------------------- CL-73

    @Test
    @DisplayName("CL-73: metadata served only at the issuer-appended oauth-authorization-server location is discovered")
    void discoverWhenOnlyAppendedLocationServesThenFound() {
        serveOnlyAt(APPENDED, document(issuer));

        AuthorizationServerMetadata metadata = discovery().discover(issuer);

        assertThat(metadata.issuer()).isEqualTo(issuer);
        assertThat(metadata.tokenEndpoint()).isEqualTo(server.uri("/tenant-a/token"));
        assertThat(metadata.assertionAlgorithms()).containsExactly("ES256");
        assertThat(metadata.dpopAlgorithms()).containsExactly("ES256", "PS256");
        assertThat(requestedPaths()).containsExactly(APPENDED);
    }

    @Test
    @DisplayName("CL-73: metadata served only at the RFC 8414 location (well-known inserted before the path) is discovered")
    void discoverWhenOnlyInsertedLocationServesThenFound() {
        serveOnlyAt(INSERTED, document(issuer));

        AuthorizationServerMetadata metadata = discovery().discover(issuer);

        assertThat(metadata.issuer()).isEqualTo(issuer);
        assertThat(metadata.tokenEndpoint()).isEqualTo(server.uri("/tenant-a/token"));
        assertThat(requestedPaths()).containsExactly(APPENDED, INSERTED);
    }

    @Test
    @DisplayName("CL-73: metadata served only at the issuer-appended openid-configuration location is discovered")
    void discoverWhenOnlyOpenidLocationServesThenFound() {
        serveOnlyAt(OPENID, document(issuer));

        AuthorizationServerMetadata metadata = discovery().discover(issuer);

        assertThat(metadata.issuer()).isEqualTo(issuer);
        assertThat(metadata.tokenEndpoint()).isEqualTo(server.uri("/tenant-a/token"));
        assertThat(requestedPaths()).containsExactly(APPENDED, INSERTED, OPENID);
    }

    @Test
    @DisplayName("CL-73: an issuer with a path has three candidate URLs, in the documented order")
    void candidatesWhenIssuerHasPathThenThreeUrls() {
        assertThat(AuthorizationServerDiscovery.candidates("https://as.example.com/tenant-a")).containsExactly(
                URI.create("https://as.example.com/tenant-a/.well-known/oauth-authorization-server"),
                URI.create("https://as.example.com/.well-known/oauth-authorization-server/tenant-a"),
                URI.create("https://as.example.com/tenant-a/.well-known/openid-configuration"));
    }

    @Test
    @DisplayName("CL-73: an issuer without a path has two candidate URLs, as appended and inserted coincide")
    void candidatesWhenIssuerHasNoPathThenTwoUrls() {
        assertThat(AuthorizationServerDiscovery.candidates("https://as.example.com")).containsExactly(
                URI.create("https://as.example.com/.well-known/oauth-authorization-server"),
                URI.create("https://as.example.com/.well-known/openid-configuration"));
    }

    @Test
    @DisplayName("CL-73: a location answering something that is not JSON counts as a miss and the next one is tried")
    void discoverWhenFirstLocationIsNotJsonThenNextTried() {
        String json = JsonUtil.toJson(document(issuer));
        server.handle(r -> switch (r.path()) {
            case APPENDED -> new Reply(200, Map.of("Content-Type", "text/html"), "<html>hi</html>".getBytes());
            case INSERTED -> Reply.json(200, json);
            default -> Reply.json(404, "{}");
        });

        assertThat(discovery().discover(issuer).issuer()).isEqualTo(issuer);
    }

    @Test
    @DisplayName("CL-73: no location serves metadata: DISCOVERY failure naming every URL tried")
    void discoverWhenNoLocationServesThenDiscoveryFailure() {
        assertThatThrownBy(() -> discovery().discover(issuer))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.DISCOVERY);
                    assertThat(e.authorizationServer()).isEqualTo(issuer);
                    assertThat(e.getMessage()).contains(issuer).contains(APPENDED).contains(INSERTED).contains(OPENID)
                            .contains("HTTP 404");
                });
        assertThat(requestedPaths()).containsExactly(APPENDED, INSERTED, OPENID);
    }

    // ---------------------------------------------------------------- CL-74

    @Test
    @DisplayName("CL-74: metadata naming a different issuer fails DISCOVERY at once, without falling back to the other locations")
    void discoverWhenIssuerDiffersThenDiscoveryFailureWithoutFallback() {
        String impostor = JsonUtil.toJson(document("https://evil.example.com/tenant-a"));
        String genuine = JsonUtil.toJson(document(issuer));
        server.handle(r -> r.path().equals(APPENDED) ? Reply.json(200, impostor)
                : r.path().equals(OPENID) ? Reply.json(200, genuine) : Reply.json(404, "{}"));

        assertThatThrownBy(() -> discovery().discover(issuer))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.DISCOVERY);
                    assertThat(e.getMessage()).contains("https://evil.example.com/tenant-a").contains("RFC 8414 3.3");
                });
        assertThat(requestedPaths()).containsExactly(APPENDED);
    }

    @Test
    @DisplayName("CL-74: an issuer that differs only by a trailing slash is not identical: DISCOVERY failure")
    void discoverWhenIssuerHasExtraTrailingSlashThenDiscoveryFailure() {
        serveOnlyAt(APPENDED, document(issuer + "/"));

        assertThatThrownBy(() -> discovery().discover(issuer))
                .isInstanceOfSatisfying(TokenEndpointException.class,
                        e -> assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.DISCOVERY));
    }

    // ---------------------------------------------------------------- GEN-01

    @Test
    @DisplayName("GEN-01: an http:// issuer fails DISCOVERY before any request is sent")
    void discoverWhenIssuerIsPlainHttpThenDiscoveryFailureAndNothingSent() {
        List<HttpTransport.Request> sent = new ArrayList<>();
        AuthorizationServerDiscovery discovery = AuthorizationServerDiscovery.builder().transport(request -> {
            sent.add(request);
            throw new AssertionError("nothing may be sent");
        }).transportSecurity(TransportSecurity.requireTls()).build();

        assertThatThrownBy(() -> discovery.discover("http://as.example.com"))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.DISCOVERY);
                    assertThat(e.getMessage()).contains("GEN-01");
                });
        assertThat(sent).isEmpty();
    }

    @Test
    @DisplayName("GEN-01: metadata whose token_endpoint is http:// fails DISCOVERY")
    void discoverWhenTokenEndpointIsPlainHttpThenDiscoveryFailure() {
        Map<String, Object> document = document(issuer);
        document.put("token_endpoint", "http://127.0.0.1/tenant-a/token");
        serveOnlyAt(APPENDED, document);

        assertThatThrownBy(() -> discovery().discover(issuer))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.DISCOVERY);
                    assertThat(e.getMessage()).contains("token_endpoint").contains("GEN-01");
                });
    }

    // ---------------------------------------------------------------- cache

    @Test
    @DisplayName("Discovered metadata is cached: a second discovery within the cache lifetime sends nothing")
    void discoverWhenCalledTwiceWithinLifetimeThenFetchedOnce() {
        serveOnlyAt(APPENDED, document(issuer));
        AuthorizationServerDiscovery discovery = discovery();
        discovery.discover(issuer);
        clock.advance(AuthorizationServerDiscovery.DEFAULT_CACHE_LIFETIME.minusSeconds(1));

        discovery.discover(issuer);

        assertThat(server.received()).hasSize(1);
    }

    @Test
    @DisplayName("Cached metadata is fetched again once the cache lifetime has passed")
    void discoverWhenCacheLifetimePassedThenFetchedAgain() {
        serveOnlyAt(APPENDED, document(issuer));
        AuthorizationServerDiscovery discovery = discovery();
        discovery.discover(issuer);
        clock.advance(AuthorizationServerDiscovery.DEFAULT_CACHE_LIFETIME);

        discovery.discover(issuer);

        assertThat(server.received()).hasSize(2);
    }

    @Test
    @DisplayName("A failed discovery is not cached: the next call succeeds once the metadata is there")
    void discoverWhenEarlierAttemptFailedThenNextCallTriesAgain() {
        AuthorizationServerDiscovery discovery = discovery();
        assertThatThrownBy(() -> discovery.discover(issuer)).isInstanceOf(TokenEndpointException.class);
        serveOnlyAt(APPENDED, document(issuer));

        assertThat(discovery.discover(issuer).issuer()).isEqualTo(issuer);
    }

    @Test
    @DisplayName("An unreachable server fails as DISCOVERY, marked transient, naming the cause")
    void discoverWhenServerUnreachableThenTransientDiscoveryFailure() {
        AuthorizationServerDiscovery discovery = AuthorizationServerDiscovery.builder()
                .transport(request -> {
                    throw new java.net.ConnectException("Connection refused");
                })
                .build();

        assertThatThrownBy(() -> discovery.discover("https://as.example.com/tenant-a"))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.DISCOVERY);
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("ConnectException");
                });
    }
}
