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
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestHttpsServer.Reply;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9728 protected resource metadata as a client reads it (CL-75, GEN-01). */
class ProtectedResourceMetadataTest {

    private static final String METADATA_PATH = "/.well-known/oauth-protected-resource/api";
    private static final String AS_ISSUER = "https://as.example.com";

    private static TestHttpsServer server;
    private static String resource;
    private static JdkHttpTransport transport;

    @BeforeAll
    static void startServer() {
        server = TestHttpsServer.start();
        resource = server.uri("/api").toString();
        transport = JdkHttpTransport.builder().sslContext(server.trustingContext()).build();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.received().clear();
    }

    private static Map<String, Object> document(String documentResource) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("resource", documentResource);
        d.put("authorization_servers", List.of(AS_ISSUER));
        d.put("dpop_bound_access_tokens_required", true);
        d.put("dpop_signing_alg_values_supported", List.of("ES256"));
        return d;
    }

    private static void serve(Map<String, Object> document) {
        String json = JsonUtil.toJson(document);
        server.handle(r -> r.path().equals(METADATA_PATH) ? Reply.json(200, json) : Reply.json(404, "{}"));
    }

    private static ProtectedResourceMetadata discover() {
        return ProtectedResourceMetadata.discover(resource, transport, TransportSecurity.requireTls());
    }

    @Test
    @DisplayName("CL-75: metadata whose resource matches is read, including dpop_bound_access_tokens_required")
    void discoverWhenResourceMatchesThenRead() {
        serve(document(resource));

        ProtectedResourceMetadata metadata = discover();

        assertThat(metadata.resource()).isEqualTo(resource);
        assertThat(metadata.authorizationServers()).containsExactly(AS_ISSUER);
        assertThat(metadata.dpopBoundAccessTokensRequired()).isTrue();
        assertThat(metadata.dpopAlgorithms()).containsExactly("ES256");
        assertThat(server.received()).extracting(TestHttpsServer.Received::path).containsExactly(METADATA_PATH);
    }

    @Test
    @DisplayName("CL-75: metadata whose resource names another resource is rejected as DISCOVERY")
    void discoverWhenResourceMismatchesThenRejected() {
        serve(document(server.uri("/other").toString()));

        assertThatThrownBy(ProtectedResourceMetadataTest::discover)
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.DISCOVERY);
                    assertThat(e.authorizationServer()).isEqualTo(resource);
                    assertThat(e.getMessage()).contains("another resource").contains("RFC 9728 3.3");
                });
    }

    @Test
    @DisplayName("CL-75: a resource that differs only by a trailing slash is not identical: rejected")
    void discoverWhenResourceHasExtraTrailingSlashThenRejected() {
        serve(document(resource + "/"));

        assertThatThrownBy(ProtectedResourceMetadataTest::discover)
                .isInstanceOfSatisfying(TokenEndpointException.class,
                        e -> assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.DISCOVERY));
    }

    @Test
    @DisplayName("CL-75: metadata without a resource member is rejected")
    void discoverWhenResourceMissingThenRejected() {
        Map<String, Object> document = document(resource);
        document.remove("resource");
        serve(document);

        assertThatThrownBy(ProtectedResourceMetadataTest::discover)
                .isInstanceOfSatisfying(TokenEndpointException.class,
                        e -> assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.DISCOVERY));
    }

    @Test
    @DisplayName("Metadata without dpop_bound_access_tokens_required reads as not requiring DPoP (RFC 9728 2 default false)")
    void discoverWhenDpopFlagAbsentThenNotRequired() {
        Map<String, Object> document = document(resource);
        document.remove("dpop_bound_access_tokens_required");
        serve(document);

        assertThat(discover().dpopBoundAccessTokensRequired()).isFalse();
    }

    @Test
    @DisplayName("The metadata URL inserts the well-known string between host and path (RFC 9728 3)")
    void metadataUriWhenResourceHasPathThenWellKnownInserted() {
        assertThat(ProtectedResourceMetadata.metadataUri("https://api.example.com/orders/v1"))
                .isEqualTo(URI.create("https://api.example.com/.well-known/oauth-protected-resource/orders/v1"));
        assertThat(ProtectedResourceMetadata.metadataUri("https://api.example.com"))
                .isEqualTo(URI.create("https://api.example.com/.well-known/oauth-protected-resource"));
    }

    @Test
    @DisplayName("A 404 at the metadata URL fails as DISCOVERY naming the status")
    void discoverWhenNotFoundThenDiscoveryFailure() {
        server.reply(Reply.json(404, "{}"));

        assertThatThrownBy(ProtectedResourceMetadataTest::discover)
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.DISCOVERY);
                    assertThat(e.getMessage()).contains("HTTP 404");
                });
    }

    @Test
    @DisplayName("GEN-01: an http:// resource's metadata is not fetched: DISCOVERY failure before anything is sent")
    void discoverWhenResourceIsPlainHttpThenNothingSent() {
        List<HttpTransport.Request> sent = new ArrayList<>();
        HttpTransport recording = request -> {
            sent.add(request);
            throw new AssertionError("nothing may be sent");
        };

        assertThatThrownBy(() -> ProtectedResourceMetadata.discover("http://api.example.com/api", recording,
                TransportSecurity.requireTls()))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.DISCOVERY);
                    assertThat(e.getMessage()).contains("GEN-01");
                });
        assertThat(sent).isEmpty();
    }
}
