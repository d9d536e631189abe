package org.enachain.jakarta.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.LogCapture;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.enachain.jakarta.config.ConfigKeys;
import org.enachain.jakarta.config.ConfigReader;
import org.enachain.jakarta.config.EnachainComponents;
import org.enachain.jakarta.config.EnachainSettings;
import org.enachain.jakarta.config.KeyFileFixture;
import org.enachain.jakarta.internal.CallerTokenHolder;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter itself on fake JAX-RS contexts, with the core objects built from configuration (the JWK Set
 * served by a local HTTPS server): which headers it reads, the response it aborts with, what it sets
 * for the application.
 */
class AccessTokenFilterTest {

    static final String RESOURCE = JwtFixture.RESOURCE;
    static final String BASE = "https://api-b.example.com/app";

    @TempDir
    static java.nio.file.Path dir;
    static TestHttpsServer jwks;
    static EnachainComponents.Inbound inbound;
    static EnachainComponents.Inbound withNonces;

    @RequiredScope("orders-read")
    public static class Orders {
        public String list() {
            return "";
        }

        @RequiredScope("orders-write")
        public String create() {
            return "";
        }

        @PermitAll
        public String health() {
            return "";
        }
    }

    @BeforeAll
    static void keys() throws Exception {
        jwks = TestHttpsServer.start();
        jwks.handle(r -> TestHttpsServer.Reply.json(200, JsonUtil.toJson(Map.of("keys",
                List.of(TestKeys.AS_ES256.publicJwk())))));
        java.nio.file.Path trust = KeyFileFixture.trustStoreFor(jwks, dir, "trust.p12", "pw");
        Map<String, String> config = new HashMap<>(Map.of(ConfigKeys.RESOURCE_IDENTIFIER, RESOURCE,
                ConfigKeys.RESOURCE_BASE_URL, BASE, ConfigKeys.RESOURCE_ISSUERS, JwtFixture.ISSUER,
                "enachain.resource.jwks-uri.0", jwks.uri("/jwks").toString(),
                ConfigKeys.HTTP_TRUST_STORE, trust.toString(), ConfigKeys.HTTP_TRUST_STORE_PASSWORD, "pw"));
        inbound = EnachainComponents.build(EnachainSettings.read(ConfigReader.of(config)), Clock.systemUTC())
                .inbound().orElseThrow();
        config.put(ConfigKeys.RESOURCE_DPOP, "required");
        config.put(ConfigKeys.RESOURCE_DPOP_NONCES, "true");
        withNonces = EnachainComponents.build(EnachainSettings.read(ConfigReader.of(config)), Clock.systemUTC())
                .inbound().orElseThrow();
    }

    @AfterAll
    static void stop() {
        jwks.close();
    }

    /** What the filter sees of a request, and what it did to it. */
    static final class Call {
        final String method;
        final URI requestUri;
        final MultivaluedHashMap<String, String> headers = new MultivaluedHashMap<>();
        final Map<String, Object> properties = new HashMap<>();
        MediaType mediaType;
        InputStream entity;
        Response aborted;
        SecurityContext securityContext;

        Call(String method, String pathAndQuery) {
            this.method = method;
            this.requestUri = URI.create("http://localhost:9080" + pathAndQuery);
        }

        Call header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        Call form(String body) {
            mediaType = MediaType.APPLICATION_FORM_URLENCODED_TYPE;
            entity = new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        ContainerRequestContext context() {
            UriInfo uriInfo = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UriInfo.class},
                    (p, m, a) -> switch (m.getName()) {
                        case "getRequestUri" -> requestUri;
                        case "getPath" -> requestUri.getRawPath().substring("/app/".length());
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
            return (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ContainerRequestContext.class}, (p, m, a) -> switch (m.getName()) {
                        case "getUriInfo" -> uriInfo;
                        case "getMethod" -> method;
                        case "getHeaders" -> headers;
                        case "hasEntity" -> entity != null;
                        case "getMediaType" -> mediaType;
                        case "getEntityStream" -> entity;
                        case "setEntityStream" -> {
                            entity = (InputStream) a[0];
                            yield null;
                        }
                        case "abortWith" -> {
                            aborted = (Response) a[0];
                            yield null;
                        }
                        case "setSecurityContext" -> {
                            securityContext = (SecurityContext) a[0];
                            yield null;
                        }
                        case "setProperty" -> properties.put((String) a[0], a[1]);
                        case "getProperty" -> properties.get((String) a[0]);
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    private static ResourceInfo resource(String methodName) throws NoSuchMethodException {
        Method method = Orders.class.getMethod(methodName);
        return (ResourceInfo) Proxy.newProxyInstance(AccessTokenFilterTest.class.getClassLoader(),
                new Class<?>[] {ResourceInfo.class}, (p, m, a) -> switch (m.getName()) {
                    case "getResourceMethod" -> method;
                    case "getResourceClass" -> Orders.class;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private final CallerTokenHolder holder = new CallerTokenHolder();

    private Call run(EnachainComponents.Inbound in, String methodName, Call call) throws Exception {
        new AccessTokenFilter(in, holder, resource(methodName)).filter(call.context());
        return call;
    }

    private static String token() {
        return JwtFixture.accessToken(TestKeys.AS_ES256, Instant.now()).compact();
    }

    @Test
    @DisplayName("RS-01: a valid Bearer token passes; the SecurityContext names sub, scheme Bearer, secure; ChainContext is set")
    void filterWhenValidBearerThenAuthenticated() throws Exception {
        String token = token();
        Call call = run(inbound, "list", new Call("GET", "/app/orders").header("Authorization", "Bearer " + token));
        assertThat(call.aborted).isNull();
        assertThat(call.securityContext.getUserPrincipal().getName()).isEqualTo("user-4711");
        assertThat(call.securityContext.getAuthenticationScheme()).isEqualTo("Bearer");
        assertThat(call.securityContext.isSecure()).isTrue();
        assertThat(new ChainContext(holder).subject()).isEqualTo("user-4711");
        assertThat(holder.subject().value()).isEqualTo(token);
    }

    @Test
    @DisplayName("RS-23, RS-24: no token: the filter aborts with 401, the exact challenges, no-store and a JSON body")
    void filterWhenNoTokenThenAbortedWithChallenge() throws Exception {
        Call call = run(inbound, "list", new Call("GET", "/app/orders"));
        Response r = call.aborted;
        assertThat(r.getStatus()).isEqualTo(401);
        assertThat(r.getHeaders().get("WWW-Authenticate")).containsExactly("Bearer",
                "DPoP algs=\"" + String.join(" ", inbound.proofAlgorithms()) + "\"");
        assertThat(r.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(r.getHeaderString("Content-Type")).isEqualTo("application/json");
        assertThat(r.getEntity()).isEqualTo("{\"error_description\":\"No access token was presented\"}");
        assertThat(call.securityContext).isNull();
        assertThat(holder.token()).isNull();
    }

    @Test
    @DisplayName("RS-03: a token in the query string is never read")
    void filterWhenTokenInQueryThenNoCredentials() throws Exception {
        Call call = run(inbound, "list", new Call("GET", "/app/orders?access_token=" + token()));
        assertThat(call.aborted.getStatus()).isEqualTo(401);
        assertThat(call.aborted.getHeaders().get("WWW-Authenticate").get(0)).isEqualTo("Bearer");
    }

    @Test
    @DisplayName("RS-46: DPoP or Bearer credentials in Proxy-Authorization are ignored: no access")
    void filterWhenCredentialsInProxyAuthorizationThenNoCredentials() throws Exception {
        Call call = run(inbound, "list", new Call("GET", "/app/orders").header("Proxy-Authorization", "DPoP " + token())
                .header("DPoP", "x.y.z"));
        assertThat(call.aborted.getStatus()).isEqualTo(401);
        assertThat(call.aborted.getHeaders().get("WWW-Authenticate").get(0)).isEqualTo("Bearer");
    }

    @Test
    @DisplayName("RS-02: a form-encoded POST body's access_token is accepted, and the body is put back for the application")
    void filterWhenFormBodyTokenThenAcceptedAndBodyRestored() throws Exception {
        String body = "name=x&access_token=" + token();
        Call call = run(inbound, "list", new Call("POST", "/app/orders").form(body));
        assertThat(call.aborted).isNull();
        assertThat(new String(call.entity.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(body);
    }

    @Test
    void filterWhenBodyTokenOnGetThenNotRead() throws Exception {
        Call call = run(inbound, "list", new Call("GET", "/app/orders").form("access_token=" + token()));
        assertThat(call.aborted.getStatus()).isEqualTo(401);
    }

    @Test
    @DisplayName("RS-26, RS-28: the method's and the class's scopes both apply: 403 naming them")
    void filterWhenMethodScopeMissingThenInsufficientScope() throws Exception {
        Call call = run(inbound, "create", new Call("POST", "/app/orders").header("Authorization", "Bearer " + token()));
        assertThat(call.aborted.getStatus()).isEqualTo(403);
        assertThat(call.aborted.getHeaders().get("WWW-Authenticate").get(0)).isEqualTo("Bearer"
                + " error=\"insufficient_scope\", error_description=\"The access token lacks a required scope\","
                + " scope=\"orders-read orders-write\"");
    }

    @Test
    void filterWhenPermitAllThenNoCheck() throws Exception {
        Call call = run(inbound, "health", new Call("GET", "/app/health"));
        assertThat(call.aborted).isNull();
        assertThat(call.securityContext).isNull();
    }

    @Test
    void filterWhenInboundNotConfiguredThenMethodsWithoutRequiredScopePass() throws Exception {
        Call call = run(null, "health", new Call("GET", "/app/health"));
        assertThat(call.aborted).isNull();
    }

    @Test
    @DisplayName("Fail closed: without enachain.resource.identifier a @RequiredScope method is refused with 500, never served unprotected")
    void filterWhenInboundNotConfiguredThenRequiredScopeMethodsAreRefused() throws Exception {
        Call call = run(null, "list", new Call("GET", "/app/orders"));
        assertThat(call.aborted.getStatus()).isEqualTo(500);
        assertThat(String.valueOf(call.aborted.getEntity())).contains("server_error");
    }

    @Test
    @DisplayName("RS-44, GEN-39, GEN-40: nonces on: 401 use_dpop_nonce with one DPoP-Nonce; with it the request passes (scheme DPoP)")
    void filterWhenNoncesRequiredThenNonceChallengeThenSuccess() throws Exception {
        DpopProofFactory proofs = new DpopProofFactory(TestKeys.CLIENT_ES256, Clock.systemUTC());
        String bound = JwtFixture.accessToken(TestKeys.AS_ES256, Instant.now())
                .claim("cnf", Map.of("jkt", proofs.thumbprint().value())).compact();
        URI external = URI.create(BASE + "/orders");
        Call first = run(withNonces, "list", new Call("GET", "/app/orders").header("Authorization", "DPoP " + bound)
                .header("DPoP", proofs.forResourceRequest("GET", external, bound)));
        assertThat(first.aborted.getStatus()).isEqualTo(401);
        assertThat(first.aborted.getHeaders().get("DPoP-Nonce")).hasSize(1);
        assertThat(first.aborted.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(first.aborted.getHeaderString("WWW-Authenticate")).contains("error=\"use_dpop_nonce\"");
        proofs.rememberResourceNonce(external, first.aborted.getHeaderString("DPoP-Nonce"));
        Call second = run(withNonces, "list", new Call("GET", "/app/orders").header("Authorization", "DPoP " + bound)
                .header("DPoP", proofs.forResourceRequest("GET", external, bound)));
        assertThat(second.aborted).isNull();
        assertThat(second.securityContext.getAuthenticationScheme()).isEqualTo("DPoP");
    }

    @Test
    @DisplayName("RS-22, GEN-21: the filter's log lines never hold the token")
    void filterLogsNoToken() throws Exception {
        String token = token();
        String expired = JwtFixture.accessToken(TestKeys.AS_ES256, Instant.now().minusSeconds(3600)).compact();
        try (LogCapture log = new LogCapture()) {
            run(inbound, "list", new Call("GET", "/app/orders").header("Authorization", "Bearer " + token));
            run(inbound, "list", new Call("GET", "/app/orders").header("Authorization", "Bearer " + expired));
            run(inbound, "create", new Call("GET", "/app/orders").header("Authorization", "Bearer " + token));
            assertThat(log.all()).contains("ENAJ0302D", "ENAJ0301D").doesNotContain(token).doesNotContain(expired)
                    .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
    }

    @Test
    void responseFilterWhenFreshNonceDueThenAddedToResponse() {
        MultivaluedHashMap<String, Object> headers = new MultivaluedHashMap<>();
        Call call = new Call("GET", "/app/orders");
        call.properties.put(AccessTokenFilter.class.getName() + ".responseHeaders",
                Map.of("DPoP-Nonce", "n-1", "Cache-Control", "no-store"));
        ContainerResponseContext response = (ContainerResponseContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ContainerResponseContext.class}, (p, m, a) -> switch (m.getName()) {
                    case "getHeaders" -> headers;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        new AccessTokenFilter(inbound, holder, null).filter(call.context(), response);
        assertThat(headers.getFirst("DPoP-Nonce")).isEqualTo("n-1");
        assertThat(headers.getFirst("Cache-Control")).isEqualTo("no-store");
    }
}
