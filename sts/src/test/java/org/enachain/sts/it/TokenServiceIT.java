package org.enachain.sts.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.enachain.sts.it.ItClients.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.enachain.core.testing.OAuthForms;
import org.enachain.core.client.AuthorizationServerDiscovery;
import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.client.JwtBearerRequest;
import org.enachain.core.client.TokenEndpointClient;
import org.enachain.core.client.TokenEndpointException;
import org.enachain.core.client.TokenExchangeRequest;
import org.enachain.core.client.TokenResponse;
import org.enachain.core.client.TokenScheme;
import org.enachain.core.client.TokenTypeUri;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.jose.JwkThumbprint;
import org.enachain.core.jose.SigningKey;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * enachain-sts on a real Liberty over HTTPS on 127.0.0.1, driven by enachain-core's client: the
 * login form, intra-domain exchange with and without DPoP, two hops, the cross-domain grant and its
 * one-time redemption, revocation, and concurrency.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenServiceIT {

    private static final String VERIFIER = "it-verifier-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG";
    private static final JdkHttpTransport TRANSPORT = JdkHttpTransport.builder().sslContext(LibertyHttps.sslContext())
            .readTimeout(Duration.ofSeconds(30)).build();
    private static final TokenEndpointClient TOKENS = TokenEndpointClient.create(TRANSPORT, TransportSecurity.requireTls());
    private static final AuthorizationServerDiscovery DISCOVERY = AuthorizationServerDiscovery.builder()
            .transport(TRANSPORT).build();
    private static final ClientIdentity APP_IDENTITY = identity(APP, "app");

    private final HttpClient http = LibertyHttps.client();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PackagedWar.war();
    }

    private static AuthorizationServerMetadata domainA() {
        return DISCOVERY.discover(issuerA());
    }

    private static AuthorizationServerMetadata domainB() {
        return DISCOVERY.discover(issuerB());
    }

    @Test
    @DisplayName("GEN-41, GEN-43, GEN-46, GEN-48: metadata at the appended well-known URL names the issuer exactly; its JWKS is served")
    void metadataAndJwksAreServed() throws Exception {
        AuthorizationServerMetadata metadata = domainA();
        assertThat(metadata.issuer()).isEqualTo(issuerA());
        assertThat(metadata.tokenEndpoint()).isEqualTo(URI.create(issuerA() + "/token"));

        HttpResponse<String> jwks = get(URI.create(issuerA() + "/jwks"));
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).contains("\"use\":\"sig\"").doesNotContain("\"d\"");
    }

    @Test
    @DisplayName("Authorization code + PKCE through the login form gives alice's token for API A, with a refresh token")
    void loginThroughTheFormGivesAUserToken() throws Exception {
        Map<String, Object> tokens = login("alice", "alice-DEMO-ONLY");

        Map<String, Object> claims = claimsOf((String) tokens.get("access_token"));
        assertThat(claims).containsEntry("iss", issuerA()).containsEntry("sub", ALICE_SUB)
                .containsEntry("client_id", APP).containsEntry("aud", List.of(API_A, issuerA()));
        assertThat(tokens).containsKey("refresh_token").containsEntry("token_type", "Bearer");
    }

    @Test
    @DisplayName("The login form refuses a wrong password and shows the form again, with no redirect")
    void loginWithAWrongPasswordIsRefused() throws Exception {
        HttpResponse<String> response = postForm(URI.create(issuerA() + "/authorize"),
                authorizeParameters("alice", "wrong-password"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("Unknown user or wrong password").doesNotContain("wrong-password");
    }

    @Test
    @DisplayName("STS-54, STS-57: API A exchanges alice's token for API B with DPoP (bound) and without (Bearer)")
    void intraDomainExchangeWithAndWithoutDpop() throws Exception {
        String appToken = (String) login("alice", "alice-DEMO-ONLY").get("access_token");
        SigningKey dpopKey = SigningKey.generateEs256();
        ClientIdentity apiA = ClientIdentity.builder(API_A, key("api-a")).dpopKey(dpopKey).build();

        TokenResponse bound = TOKENS.send(domainA(), apiA,
                TokenExchangeRequest.intraDomain(appToken).audience(API_B).scope("b-read").build(), false);
        TokenResponse bearer = TOKENS.send(domainA(), identity(API_A, "api-a"),
                TokenExchangeRequest.intraDomain(appToken).audience(API_B).scope("b-read").build(), false);

        assertThat(bound.scheme()).isEqualTo(TokenScheme.DPOP);
        assertThat(claimsOf(bound.accessToken())).containsEntry("aud", List.of(API_B, issuerA()))
                .containsEntry("client_id", API_A)
                .containsEntry("act", Map.of("sub", API_A, "act", Map.of("sub", APP)))
                .containsEntry("cnf", Map.of("jkt", JwkThumbprint.of(dpopKey.publicKey()).value()));
        assertThat(bearer.scheme()).isEqualTo(TokenScheme.BEARER);
        assertThat(claimsOf(bearer.accessToken())).doesNotContainKey("cnf");
    }

    @Test
    @DisplayName("STS-63, STS-64: app → API A → API B → API C: act nests twice, the application innermost")
    void twoHopsNestTheActorsTwice() throws Exception {
        String appToken = (String) login("alice", "alice-DEMO-ONLY").get("access_token");
        TokenResponse forB = TOKENS.send(domainA(), identityWithDpop(API_A, "api-a"),
                TokenExchangeRequest.intraDomain(appToken).audience(API_B).scope("b-read", "c-read").build(), false);
        TokenResponse forC = TOKENS.send(domainA(), identityWithDpop(API_B, "api-b"),
                TokenExchangeRequest.intraDomain(forB.accessToken()).audience(API_C).scope("c-read").build(), true);

        assertThat(claimsOf(forC.accessToken())).containsEntry("aud", API_C).containsEntry("client_id", API_B)
                .containsEntry("act", Map.of("sub", API_B, "act", Map.of("sub", API_A, "act", Map.of("sub", APP))))
                // identity claims come only from the subject token; API B's token carried none
                .doesNotContainKeys("email", "name");
    }

    @Test
    @DisplayName("STS-16, TAS-01, TAS-19: domain-a issues a grant, domain-b redeems it once; the replay is invalid_grant")
    void crossDomainGrantIsRedeemedOnce() throws Exception {
        String appToken = (String) login("alice", "alice-DEMO-ONLY").get("access_token");
        TokenResponse grant = TOKENS.send(domainA(), identity(API_A, "api-a"),
                TokenExchangeRequest.crossDomain(appToken, TokenTypeUri.ACCESS_TOKEN, issuerB()).scope("a-read").build(),
                false);
        assertThat(grant.scheme()).isEqualTo(TokenScheme.N_A);
        assertThat(claimsOf(grant.accessToken())).containsEntry("aud", issuerB()).containsEntry("client_id", API_A_AT_B);

        ClientIdentity atB = identityWithDpop(API_A_AT_B, "api-a-at-b");
        JwtBearerRequest redeem = JwtBearerRequest.of(grant.accessToken()).withResource(PARTNER).withScope("partner-read");
        TokenResponse token = TOKENS.send(domainB(), atB, redeem, false);

        assertThat(claimsOf(token.accessToken())).containsEntry("iss", issuerB()).containsEntry("aud", PARTNER)
                .containsEntry("sub", ALICE_SUB).containsEntry("client_id", API_A_AT_B)
                .containsEntry("act", Map.of("sub", API_A_AT_B, "act", Map.of("sub", API_A, "act", Map.of("sub", APP))));
        TokenEndpointException replay = catchThrowableOfType(TokenEndpointException.class,
                () -> TOKENS.send(domainB(), atB, redeem, false));
        assertThat(replay.errorCode()).contains("invalid_grant");
    }

    @Test
    @DisplayName("STS-25, STS-32: after the app revokes its refresh token, neither its access token nor the refresh token can be exchanged")
    void revocationMakesTheSubjectTokensUnusable() throws Exception {
        Map<String, Object> tokens = login("alice", "alice-DEMO-ONLY");
        String accessToken = (String) tokens.get("access_token");
        String refreshToken = (String) tokens.get("refresh_token");
        TokenExchangeRequest exchange = TokenExchangeRequest.intraDomain(accessToken).audience(API_B).scope("b-read").build();
        assertThat(TOKENS.send(domainA(), identity(API_A, "api-a"), exchange, false).accessToken()).isNotBlank();

        Map<String, String> revoke = clientAuthentication(APP_IDENTITY);
        revoke.put("token", refreshToken);
        HttpResponse<String> revoked = postForm(URI.create(issuerA() + "/revoke"), revoke);
        assertThat(revoked.statusCode()).isEqualTo(200);

        TokenEndpointException refused = catchThrowableOfType(TokenEndpointException.class,
                () -> TOKENS.send(domainA(), identity(API_A, "api-a"), exchange, false));
        assertThat(refused.errorCode()).contains("invalid_request");
        TokenEndpointException refreshRefused = catchThrowableOfType(TokenEndpointException.class,
                () -> TOKENS.send(domainA(), APP_IDENTITY, TokenExchangeRequest.crossDomain(refreshToken,
                        TokenTypeUri.REFRESH_TOKEN, issuerB()).scope("a-read").build(), false));
        assertThat(refreshRefused.errorCode()).contains("invalid_request");
    }

    @Test
    @DisplayName("GEN-60, GEN-74, GEN-75: a GET to the token endpoint is an RFC 6749 error in JSON with no-store; an unknown tenant is 404")
    void tokenEndpointErrorsAreOAuthJson() throws Exception {
        HttpResponse<String> get = get(URI.create(issuerA() + "/token"));
        assertThat(get.statusCode()).isEqualTo(400);
        assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(get.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(JsonUtil.parseJson(get.body())).containsEntry("error", "invalid_request");

        HttpResponse<String> unknown = get(LibertyHttps.uri("/no-such-tenant/.well-known/oauth-authorization-server"));
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("TAS-19, STS-68: 50 parallel redemptions of one grant: exactly one succeeds, 49 are invalid_grant")
    void parallelRedemptionsOfOneGrantSucceedOnce() throws Exception {
        String appToken = (String) login("alice", "alice-DEMO-ONLY").get("access_token");
        String grant = TOKENS.send(domainA(), identity(API_A, "api-a"), TokenExchangeRequest
                .crossDomain(appToken, TokenTypeUri.ACCESS_TOKEN, issuerB()).scope("a-read").build(), false).accessToken();
        ClientIdentity atB = identity(API_A_AT_B, "api-a-at-b");
        AuthorizationServerMetadata b = domainB();

        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> {
                try {
                    TOKENS.send(b, atB, JwtBearerRequest.of(grant).withResource(PARTNER), false);
                    return "ok";
                } catch (TokenEndpointException e) {
                    return e.errorCode().orElse(e.kind().name());
                }
            });
        }
        List<String> outcomes = runAll(calls, 16);

        assertThat(outcomes).filteredOn("ok"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("invalid_grant"::equals).hasSize(49);
    }

    @Test
    @DisplayName("STS-01, GEN-81: 500 parallel exchanges of 500 distinct subject tokens all succeed with unique jti")
    void parallelExchangesAllSucceedWithUniqueIds() throws Exception {
        Map<String, Object> tokens = login("bob", "bob-DEMO-ONLY");
        String refreshToken = (String) tokens.get("refresh_token");
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Map<String, Object> refreshed = tokenRequest(Map.of("grant_type", "refresh_token",
                    "refresh_token", refreshToken));
            refreshToken = (String) refreshed.get("refresh_token");
            subjects.add((String) refreshed.get("access_token"));
        }
        assertThat(new HashSet<>(subjects)).hasSize(500);
        ClientIdentity apiA = identityWithDpop(API_A, "api-a");
        AuthorizationServerMetadata a = domainA();

        List<Callable<String>> calls = new ArrayList<>();
        for (String subject : subjects) {
            calls.add(() -> (String) claimsOf(TOKENS.send(a, apiA,
                    TokenExchangeRequest.intraDomain(subject).audience(API_B).scope("b-read").build(), false)
                    .accessToken()).get("jti"));
        }
        List<String> ids = runAll(calls, 8);

        assertThat(ids).hasSize(500).doesNotContainNull();
        assertThat(new HashSet<>(ids)).hasSize(500);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private Map<String, Object> login(String username, String password) throws Exception {
        HttpResponse<String> page = get(URI.create(issuerA() + "/authorize?" + OAuthForms.encode(authorizeParameters(null, null))));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"");

        HttpResponse<String> submitted = postForm(URI.create(issuerA() + "/authorize"),
                authorizeParameters(username, password));
        assertThat(submitted.statusCode()).isEqualTo(303);
        URI location = URI.create(submitted.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT + "?");
        Map<String, String> result = OAuthForms.query(location);
        assertThat(result).containsEntry("state", "it-state").containsEntry("iss", issuerA());

        return tokenRequest(Map.of("grant_type", "authorization_code", "code", result.get("code"),
                "redirect_uri", REDIRECT, "code_verifier", VERIFIER));
    }

    private Map<String, Object> tokenRequest(Map<String, String> parameters) throws Exception {
        Map<String, String> all = clientAuthentication(APP_IDENTITY);
        all.putAll(parameters);
        HttpResponse<String> response = postForm(URI.create(issuerA() + "/token"), all);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        return JsonUtil.parseJson(response.body());
    }

    private static Map<String, String> clientAuthentication(ClientIdentity client) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", client.clientId());
        p.put("client_assertion_type", TokenEndpointClient.CLIENT_ASSERTION_TYPE);
        p.put("client_assertion", client.newClientAssertion(domainA()));
        return p;
    }

    private static Map<String, String> authorizeParameters(String username, String password) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", APP);
        p.put("redirect_uri", REDIRECT);
        p.put("scope", "a-read b-read c-read");
        p.put("resource", API_A);
        p.put("state", "it-state");
        p.put("code_challenge", OAuthForms.s256Challenge(VERIFIER));
        p.put("code_challenge_method", "S256");
        if (username != null) {
            p.put("username", username);
            p.put("password", password);
        }
        return p;
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(URI uri, Map<String, String> parameters) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(OAuthForms.encode(parameters))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static <T> List<T> runAll(List<Callable<T>> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<String, Object> claimsOf(String jwt) {
        try {
            return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                    StandardCharsets.UTF_8));
        } catch (org.jose4j.lang.JoseException e) {
            throw new AssertionError(e);
        }
    }
}
