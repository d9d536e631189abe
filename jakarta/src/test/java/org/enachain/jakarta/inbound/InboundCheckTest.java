package org.enachain.jakarta.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.enachain.core.dpop.DpopNonces;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.dpop.DpopProofVerifier;
import org.enachain.core.jose.AlgorithmPolicy;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.resource.DpopMode;
import org.enachain.core.resource.Presentation;
import org.enachain.core.resource.RequiredScopes;
import org.enachain.core.resource.ResourceRequestVerifier;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestKeys;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.core.token.TrustedIssuer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The inbound decision the filter applies, against core's real verifier: which credentials are read,
 * the status, the exact challenges, the headers and the body of every refusal.
 */
class InboundCheckTest {

    static final URI BASE = URI.create("https://api-b.example.com/app");
    static final URI ORDERS = URI.create(BASE + "/orders/42");
    static final String ALGS = "DPoP algs=\"ES256 RS256\"";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final DpopProofFactory client = new DpopProofFactory(TestKeys.CLIENT_ES256, clock);
    private final DpopNonces nonces = DpopNonces.withRandomKey(clock, Duration.ofMinutes(5));

    private InboundCheck check(DpopMode mode, boolean withNonces) {
        AccessTokenValidator tokens = AccessTokenValidator.builder()
                .trustedIssuer(TrustedIssuer.of(JwtFixture.ISSUER, VerificationKeys.of(TestKeys.AS_ES256)))
                .audience(JwtFixture.RESOURCE).clock(clock).build();
        ResourceRequestVerifier.Builder b = ResourceRequestVerifier.builder(tokens);
        if (mode == DpopMode.DISABLED) {
            b.dpop(mode, null);
        } else {
            DpopProofVerifier.Builder proofs = DpopProofVerifier.builder(DpopProofVerifier.Receiver.PROTECTED_RESOURCE)
                    .algorithms(AlgorithmPolicy.of(JwsAlgorithm.ES256, JwsAlgorithm.RS256))
                    .replayStore(new InMemoryReplayStore(100, clock)).clock(clock);
            if (withNonces) {
                proofs.requireNonces(nonces);
            }
            b.dpop(mode, proofs.build());
        }
        return new InboundCheck(b.build());
    }

    private InboundCheck optional() {
        return check(DpopMode.OPTIONAL, false);
    }

    private String bearerToken() {
        return JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant()).compact();
    }

    private String boundToken() {
        return JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant())
                .claim("cnf", Map.of("jkt", client.thumbprint().value())).compact();
    }

    private static InboundCheck.Outcome bearer(InboundCheck check, String token, RequiredScopes scopes) {
        return check.check("GET", ORDERS, List.of("Bearer " + token), List.of(), InboundCheck.FormToken.NONE, scopes);
    }

    private InboundCheck.Outcome dpop(InboundCheck check, String token, URI proofUri) {
        return check.check("GET", ORDERS, List.of("DPoP " + token), List.of(client.forResourceRequest("GET", proofUri, token)),
                InboundCheck.FormToken.NONE, RequiredScopes.NONE);
    }

    private static InboundCheck.Refused refused(InboundCheck.Outcome outcome) {
        assertThat(outcome).isInstanceOf(InboundCheck.Refused.class);
        InboundCheck.Refused r = (InboundCheck.Refused) outcome;
        assertThat(r.headers().get("Cache-Control")).containsExactly("no-store");
        return r;
    }

    private static InboundCheck.Accepted accepted(InboundCheck.Outcome outcome) {
        assertThat(outcome).as("%s", outcome).isInstanceOf(InboundCheck.Accepted.class);
        return (InboundCheck.Accepted) outcome;
    }

    @Test
    @DisplayName("RS-01: a valid token in the Authorization header, Bearer scheme, is accepted")
    void checkWhenBearerHeaderValidThenAccepted() {
        InboundCheck.Accepted a = accepted(bearer(optional(), bearerToken(), RequiredScopes.NONE));
        assertThat(a.request().presentation()).isEqualTo(Presentation.BEARER_HEADER);
        assertThat(a.request().token().subject()).isEqualTo("user-4711");
    }

    @Test
    @DisplayName("RS-01, RS-33, GEN-30: a DPoP-bound token with a proof for the external URI (base URL + path) is accepted")
    void checkWhenDpopProofForExternalUriThenAccepted() {
        assertThat(accepted(dpop(optional(), boundToken(), ORDERS)).request().presentation())
                .isEqualTo(Presentation.DPOP_HEADER);
    }

    @Test
    @DisplayName("GEN-30, A-28: a proof for the internal URI (not the configured external base) is refused")
    void checkWhenProofForInternalUriThenInvalidDpopProof() {
        InboundCheck.Refused r = refused(dpop(optional(), boundToken(), URI.create("http://localhost:9080/app/orders/42")));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.challenge().wwwAuthenticate()).containsExactly("Bearer", "DPoP algs=\"ES256 RS256\","
                + " error=\"invalid_dpop_proof\", error_description=\"The DPoP proof's htu does not match the request URI\"");
        assertThat(r.body()).isEqualTo("{\"error\":\"invalid_dpop_proof\",\"error_description\":\"The DPoP proof's htu"
                + " does not match the request URI\"}");
    }

    @Test
    @DisplayName("RS-02: the form-encoded body parameter access_token is accepted")
    void checkWhenFormBodyTokenThenAccepted() {
        String token = bearerToken();
        InboundCheck.FormToken form = InboundCheck.formToken(("a=1&access_token=" + token + "&b=2")
                .getBytes(StandardCharsets.US_ASCII));
        InboundCheck.Outcome outcome = optional().check("POST", ORDERS, List.of(), List.of(), form, RequiredScopes.NONE);
        assertThat(accepted(outcome).request().presentation()).isEqualTo(Presentation.FORM_BODY);
    }

    @Test
    @DisplayName("RS-03, RS-24: a request without credentials (a token in the query is never read) gets 401 with bare challenges")
    void checkWhenNoCredentialsThenBareChallenges() {
        InboundCheck.Refused r = refused(optional().check("GET", ORDERS, null, null, InboundCheck.FormToken.NONE,
                RequiredScopes.NONE));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.challenge().wwwAuthenticate()).containsExactly("Bearer", ALGS);
        assertThat(r.headers().keySet()).containsExactly("WWW-Authenticate", "Cache-Control");
        assertThat(r.body()).isEqualTo("{\"error_description\":\"No access token was presented\"}");
    }

    @Test
    @DisplayName("RS-04: a token in the header and in the body is 400 invalid_request")
    void checkWhenHeaderAndBodyTokenThenInvalidRequest() {
        String token = bearerToken();
        InboundCheck.Refused r = refused(optional().check("POST", ORDERS, List.of("Bearer " + token), List.of(),
                new InboundCheck.FormToken(1, token), RequiredScopes.NONE));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.challenge().wwwAuthenticate()).containsExactly("Bearer error=\"invalid_request\","
                + " error_description=\"The request presents a token in both the header and the body\"", ALGS);
        assertThat(r.body()).doesNotContain(token);
    }

    @Test
    @DisplayName("RS-04: two access_token parameters in the body are 400 invalid_request")
    void checkWhenTwoBodyTokensThenInvalidRequest() {
        String token = bearerToken();
        InboundCheck.FormToken form = InboundCheck.formToken(("access_token=" + token + "&access_token=" + token)
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(form.count()).isEqualTo(2);
        InboundCheck.Refused r = refused(optional().check("POST", ORDERS, List.of(), List.of(), form, RequiredScopes.NONE));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.challenge().wwwAuthenticate().get(0)).startsWith("Bearer error=\"invalid_request\"");
    }

    @Test
    @DisplayName("RS-04: two Authorization headers are 400 invalid_request")
    void checkWhenTwoAuthorizationHeadersThenInvalidRequest() {
        String token = bearerToken();
        InboundCheck.Refused r = refused(optional().check("GET", ORDERS, List.of("Bearer " + token, "Bearer " + token),
                List.of(), InboundCheck.FormToken.NONE, RequiredScopes.NONE));
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    @DisplayName("RS-25, RS-09: an expired token is 401 invalid_token in the Bearer challenge; the body holds no token")
    void checkWhenExpiredThenInvalidToken() {
        String token = bearerToken();
        clock.advance(Duration.ofMinutes(10));
        InboundCheck.Refused r = refused(bearer(optional(), token, RequiredScopes.NONE));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.challenge().wwwAuthenticate()).containsExactly("Bearer error=\"invalid_token\","
                + " error_description=\"The JWT has expired\"", ALGS);
        assertThat(r.body()).isEqualTo("{\"error\":\"invalid_token\",\"error_description\":\"The JWT has expired\"}");
    }

    @Test
    @DisplayName("RS-11: a token for another resource is 401 invalid_token")
    void checkWhenWrongAudienceThenInvalidToken() {
        String token = JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant()).claim("aud", "https://other.example")
                .compact();
        assertThat(refused(bearer(optional(), token, RequiredScopes.NONE)).challenge().wwwAuthenticate().get(0))
                .startsWith("Bearer error=\"invalid_token\"");
    }

    @Test
    @DisplayName("RS-16, RS-26, RS-27, RS-28: a token lacking a required scope is 403 insufficient_scope naming the scopes")
    void checkWhenScopeMissingThenInsufficientScopeWithScope() {
        InboundCheck.Refused r = refused(bearer(optional(), bearerToken(), RequiredScopes.allOf("orders-read", "orders-write")));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.challenge().wwwAuthenticate()).containsExactly("Bearer error=\"insufficient_scope\","
                + " error_description=\"The access token lacks a required scope\", scope=\"orders-read orders-write\"", ALGS);
        assertThat(r.body()).isEqualTo("{\"error\":\"insufficient_scope\",\"error_description\":\"The access token lacks"
                + " a required scope\"}");
    }

    @Test
    void checkWhenScopesPresentThenAccepted() {
        accepted(bearer(optional(), bearerToken(), RequiredScopes.allOf("orders-read", "profile")));
    }

    @Test
    @DisplayName("RS-31: a DPoP-bound token presented as Bearer is 401 invalid_token")
    void checkWhenBoundTokenAsBearerThenInvalidToken() {
        InboundCheck.Refused r = refused(bearer(optional(), boundToken(), RequiredScopes.NONE));
        assertThat(r.challenge().wwwAuthenticate()).containsExactly("Bearer error=\"invalid_token\","
                + " error_description=\"A DPoP-bound access token must be presented with the DPoP scheme\"", ALGS);
    }

    @Test
    @DisplayName("RS-32, RS-40: the DPoP scheme without a proof is 401 with a DPoP challenge")
    void checkWhenDpopSchemeWithoutProofThenInvalidDpopProof() {
        InboundCheck.Refused r = refused(optional().check("GET", ORDERS, List.of("DPoP " + boundToken()), List.of(),
                InboundCheck.FormToken.NONE, RequiredScopes.NONE));
        assertThat(r.challenge().wwwAuthenticate()).containsExactly("Bearer", "DPoP algs=\"ES256 RS256\","
                + " error=\"invalid_dpop_proof\", error_description=\"A DPoP proof is required\"");
    }

    @Test
    @DisplayName("RS-38: a replayed proof is 401 invalid_dpop_proof")
    void checkWhenProofReplayedThenRefused() {
        InboundCheck check = optional();
        String token = boundToken();
        String proof = client.forResourceRequest("GET", ORDERS, token);
        accepted(check.check("GET", ORDERS, List.of("DPoP " + token), List.of(proof), InboundCheck.FormToken.NONE,
                RequiredScopes.NONE));
        InboundCheck.Refused r = refused(check.check("GET", ORDERS, List.of("DPoP " + token), List.of(proof),
                InboundCheck.FormToken.NONE, RequiredScopes.NONE));
        assertThat(r.challenge().wwwAuthenticate().get(1)).contains("error=\"invalid_dpop_proof\"");
    }

    @Test
    @DisplayName("RS-39: a resource requiring DPoP answers a Bearer token with 401 DPoP error=\"invalid_token\" only")
    void checkWhenDpopRequiredAndBearerThenDpopChallenge() {
        InboundCheck.Refused r = refused(bearer(check(DpopMode.REQUIRED, false), bearerToken(), RequiredScopes.NONE));
        assertThat(r.challenge().wwwAuthenticate()).containsExactly("DPoP algs=\"ES256 RS256\", error=\"invalid_token\","
                + " error_description=\"This resource accepts DPoP-bound access tokens only\"");
    }

    @Test
    @DisplayName("DPoP disabled: only a Bearer challenge, and the DPoP scheme is refused")
    void checkWhenDpopDisabledThenBearerOnly() {
        InboundCheck.Refused r = refused(dpop(check(DpopMode.DISABLED, false), boundToken(), ORDERS));
        assertThat(r.challenge().wwwAuthenticate()).containsExactly("Bearer error=\"invalid_token\","
                + " error_description=\"This resource does not accept DPoP-bound access tokens\"");
        r = refused(check(DpopMode.DISABLED, false).check("GET", ORDERS, null, null, InboundCheck.FormToken.NONE,
                RequiredScopes.NONE));
        assertThat(r.challenge().wwwAuthenticate()).containsExactly("Bearer");
    }

    @Test
    @DisplayName("RS-44, GEN-39: with nonces on, a proof without a nonce gets 401 use_dpop_nonce with DPoP-Nonce and no-store; the retry with it passes")
    void checkWhenNoncesRequiredThenUseDpopNonceAndRetrySucceeds() {
        InboundCheck check = check(DpopMode.REQUIRED, true);
        String token = boundToken();
        InboundCheck.Refused r = refused(dpop(check, token, ORDERS));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.challenge().wwwAuthenticate()).singleElement().asString()
                .startsWith("DPoP algs=\"ES256 RS256\", error=\"use_dpop_nonce\"");
        String nonce = r.headers().get("DPoP-Nonce").get(0);
        assertThat(nonces.isValid(nonce)).isTrue();
        assertThat(r.headers().keySet()).containsExactly("WWW-Authenticate", "DPoP-Nonce", "Cache-Control");
        client.rememberResourceNonce(ORDERS, nonce);
        InboundCheck.Accepted a = accepted(dpop(check, token, ORDERS));
        assertThat(a.request().responseHeaders()).isEmpty();
    }

    @Test
    @DisplayName("RS-45: a failed DPoP request carries the error in the DPoP challenge, the Bearer one stays bare")
    void checkWhenDpopFailsThenErrorInDpopChallenge() {
        String unbound = bearerToken();
        InboundCheck.Refused r = refused(dpop(optional(), unbound, ORDERS));
        assertThat(r.challenge().wwwAuthenticate()).containsExactly("Bearer", "DPoP algs=\"ES256 RS256\","
                + " error=\"invalid_token\", error_description=\"The access token is not DPoP-bound and cannot be"
                + " presented with the DPoP scheme\"");
    }

    @Test
    @DisplayName("RS-46: Proxy-Authorization is not read: DPoP credentials there are no credentials")
    void checkWhenOnlyProxyAuthorizationThenNoCredentials() {
        // The filter passes only Authorization and DPoP to the check; Proxy-Authorization never reaches it.
        InboundCheck.Refused r = refused(optional().check("GET", ORDERS, List.of(), List.of(), InboundCheck.FormToken.NONE,
                RequiredScopes.NONE));
        assertThat(r.challenge().wwwAuthenticate()).containsExactly("Bearer", ALGS);
    }

    @Test
    @DisplayName("A-28: the external URI is the base URL plus the request path, without query")
    void externalUriWhenPathUnderBasePathThenBasePlusRest() {
        assertThat(InboundCheck.externalUri(BASE, "/app/orders/42", "orders/42"))
                .isEqualTo(URI.create("https://api-b.example.com/app/orders/42"));
        assertThat(InboundCheck.externalUri(BASE, "/app", "")).isEqualTo(URI.create("https://api-b.example.com/app"));
        assertThat(InboundCheck.externalUri(URI.create("https://api-b.example.com"), "/app/orders/a%20b", "orders/a%20b"))
                .isEqualTo(URI.create("https://api-b.example.com/app/orders/a%20b"));
    }

    @Test
    @DisplayName("A-28: behind a proxy that maps another path, the base URL stands for the application's base URI")
    void externalUriWhenPathNotUnderBasePathThenBasePlusRelativePath() {
        assertThat(InboundCheck.externalUri(URI.create("https://gw.example.com/public/orders-api"), "/orders-app/api/x",
                "x")).isEqualTo(URI.create("https://gw.example.com/public/orders-api/x"));
        assertThat(InboundCheck.externalUri(BASE, "/application/orders", "/orders"))
                .isEqualTo(URI.create("https://api-b.example.com/app/orders"));
    }

    @Test
    void formTokenWhenAbsentOrEncodedThenRead() {
        assertThat(InboundCheck.formToken("a=b".getBytes(StandardCharsets.US_ASCII))).isEqualTo(InboundCheck.FormToken.NONE);
        assertThat(InboundCheck.formToken(new byte[0])).isEqualTo(InboundCheck.FormToken.NONE);
        assertThat(InboundCheck.formToken("access%5Ftoken=a%2Bb".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(new InboundCheck.FormToken(1, "a+b"));
        assertThat(InboundCheck.formToken("access_token".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(new InboundCheck.FormToken(1, ""));
        assertThat(InboundCheck.formToken("x=%zz&access_token=t".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(new InboundCheck.FormToken(1, "t"));
    }
}
