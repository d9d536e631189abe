package org.enachain.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.Rejection;
import org.enachain.core.ValidationResult;
import org.enachain.core.dpop.DpopNonces;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.dpop.DpopProofVerifier;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.AlgorithmPolicy;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestKeys;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.core.token.TrustedIssuer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The whole inbound check of a protected resource: REQUIREMENTS 5.1, 5.3 and 5.4. */
class ResourceRequestVerifierTest {

    private static final URI ORDERS = URI.create(JwtFixture.RESOURCE + "/orders/42");
    private static final String ALGS = "ES256 RS256";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final DpopProofFactory clientProofs = new DpopProofFactory(TestKeys.CLIENT_ES256, clock);
    private final DpopNonces nonces = DpopNonces.withRandomKey(clock, Duration.ofMinutes(5));

    private AccessTokenValidator tokens() {
        return AccessTokenValidator.builder()
                .trustedIssuer(TrustedIssuer.of(JwtFixture.ISSUER, VerificationKeys.of(TestKeys.AS_ES256)))
                .audience(JwtFixture.RESOURCE).clock(clock).build();
    }

    private DpopProofVerifier.Builder proofVerifier() {
        return DpopProofVerifier.builder(DpopProofVerifier.Receiver.PROTECTED_RESOURCE)
                .algorithms(AlgorithmPolicy.of(JwsAlgorithm.ES256, JwsAlgorithm.RS256))
                .replayStore(new InMemoryReplayStore(1000, clock)).clock(clock);
    }

    private ResourceRequestVerifier verifier(DpopMode mode) {
        return ResourceRequestVerifier.builder(tokens()).dpop(mode, mode == DpopMode.DISABLED ? null : proofVerifier().build())
                .build();
    }

    private ResourceRequestVerifier verifierWithNonces() {
        return ResourceRequestVerifier.builder(tokens()).dpop(DpopMode.REQUIRED, proofVerifier().requireNonces(nonces).build())
                .build();
    }

    private String bearerToken() {
        return JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant()).compact();
    }

    private String boundToken() {
        return JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant())
                .claim("cnf", Map.of("jkt", clientProofs.thumbprint().value())).compact();
    }

    private static ResourceRequest bearer(String token) {
        return new ResourceRequest("GET", ORDERS, List.of("Bearer " + token), List.of(), null);
    }

    private ResourceRequest dpop(String token) {
        return new ResourceRequest("GET", ORDERS, List.of("DPoP " + token),
                List.of(clientProofs.forResourceRequest("GET", ORDERS, token)), null);
    }

    private static ResourceRequest dpop(String token, String proof) {
        return new ResourceRequest("GET", ORDERS, List.of("DPoP " + token), List.of(proof), null);
    }

    private static Rejection rejection(ValidationResult<AuthenticatedRequest> r) {
        assertThat(r.isAccepted()).as("expected a rejection").isFalse();
        return r.rejection();
    }

    private static String header(ResourceChallenge c) {
        return String.join(" | ", c.wwwAuthenticate());
    }

    // ---------------------------------------------------------------- 5.1 transport

    @Test
    @DisplayName("RS-01: a valid token in the Authorization header (Bearer) is accepted")
    void verifyWhenBearerHeaderThenAccepted() {
        ValidationResult<AuthenticatedRequest> r = verifier(DpopMode.OPTIONAL).verify(bearer(bearerToken()));

        assertThat(r.isAccepted()).as(r.toString()).isTrue();
        assertThat(r.value().presentation()).isEqualTo(Presentation.BEARER_HEADER);
        assertThat(r.value().token().subject()).isEqualTo("user-4711");
    }

    @Test
    @DisplayName("RS-01: the scheme name is case-insensitive")
    void verifyWhenLowerCaseSchemeThenAccepted() {
        ResourceRequest req = new ResourceRequest("GET", ORDERS, List.of("bearer " + bearerToken()), List.of(), null);

        assertThat(verifier(DpopMode.DISABLED).verify(req).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("RS-02: a valid token as the form body parameter access_token is accepted")
    void verifyWhenFormBodyTokenThenAccepted() {
        ResourceRequest req = new ResourceRequest("POST", ORDERS, List.of(), List.of(), bearerToken());

        ValidationResult<AuthenticatedRequest> r = verifier(DpopMode.OPTIONAL).verify(req);

        assertThat(r.isAccepted()).isTrue();
        assertThat(r.value().presentation()).isEqualTo(Presentation.FORM_BODY);
    }

    @Test
    @DisplayName("RS-03, RS-24: a valid token in the query string is not taken: 401 with bare challenges")
    void verifyWhenTokenOnlyInQueryThenNoCredentials() {
        URI withQuery = URI.create(ORDERS + "?access_token=" + bearerToken());
        ResourceRequest req = new ResourceRequest("GET", withQuery, List.of(), List.of(), null);
        ResourceRequestVerifier v = verifier(DpopMode.OPTIONAL);

        Rejection r = rejection(v.verify(req));
        ResourceChallenge c = v.challenge(r, ResourceRequestVerifier.presentationOf(req), RequiredScopes.NONE);

        assertThat(r.reason()).isEqualTo(Reason.NO_CREDENTIALS);
        assertThat(c.status()).isEqualTo(401);
        assertThat(c.wwwAuthenticate()).containsExactly("Bearer", "DPoP algs=\"" + ALGS + "\"");
    }

    @Test
    @DisplayName("RS-04: a token in both the header and the body is 400 invalid_request")
    void verifyWhenHeaderAndBodyTokenThenInvalidRequest() {
        String t = bearerToken();
        ResourceRequest req = new ResourceRequest("POST", ORDERS, List.of("Bearer " + t), List.of(), t);

        Rejection r = rejection(verifier(DpopMode.OPTIONAL).verify(req));

        assertThat(r.error()).isEqualTo(OAuthError.INVALID_REQUEST);
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    @DisplayName("RS-04: two Authorization headers are 400 invalid_request")
    void verifyWhenTwoAuthorizationHeadersThenInvalidRequest() {
        String t = bearerToken();
        ResourceRequest req = new ResourceRequest("GET", ORDERS, List.of("Bearer " + t, "Bearer " + t), List.of(), null);

        Rejection r = rejection(verifier(DpopMode.OPTIONAL).verify(req));

        assertThat(r.error()).isEqualTo(OAuthError.INVALID_REQUEST);
        assertThat(r.status()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- 5.3 error responses

    @Test
    @DisplayName("RS-24: no Authorization header: 401 with a challenge without error")
    void challengeWhenNoCredentialsThenNoErrorAttribute() {
        ResourceRequest req = new ResourceRequest("GET", ORDERS, List.of(), List.of(), null);
        ResourceRequestVerifier v = verifier(DpopMode.DISABLED);

        ResourceChallenge c = v.challenge(rejection(v.verify(req)), Presentation.NONE, RequiredScopes.NONE);

        assertThat(c.status()).isEqualTo(401);
        assertThat(c.wwwAuthenticate()).containsExactly("Bearer");
    }

    @Test
    @DisplayName("RS-23, RS-25: an expired Bearer token: 401 invalid_token with its challenge")
    void challengeWhenExpiredBearerTokenThenInvalidToken() {
        String expired = JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant())
                .claim("exp", clock.instant().minusSeconds(600).getEpochSecond()).compact();
        ResourceRequestVerifier v = verifier(DpopMode.DISABLED);

        ResourceChallenge c = v.challenge(rejection(v.verify(bearer(expired))), Presentation.BEARER_HEADER,
                RequiredScopes.NONE);

        assertThat(c.status()).isEqualTo(401);
        assertThat(c.wwwAuthenticate()).containsExactly(
                "Bearer error=\"invalid_token\", error_description=\"The JWT has expired\"");
    }

    @Test
    @DisplayName("RS-26, RS-27, RS-28: a valid token lacking the scope: 403 insufficient_scope naming the required scope")
    void checkScopesWhenScopeMissingThenInsufficientScopeChallenge() {
        ResourceRequestVerifier v = verifier(DpopMode.DISABLED);
        AuthenticatedRequest ok = v.verify(bearer(bearerToken())).value();
        RequiredScopes required = RequiredScopes.allOf("orders-write");

        Rejection r = v.checkScopes(ok.token(), required).orElseThrow();
        ResourceChallenge c = v.challenge(r, ok.presentation(), required);

        assertThat(c.status()).isEqualTo(403);
        assertThat(c.wwwAuthenticate()).containsExactly("Bearer error=\"insufficient_scope\", error_description=\""
                + "The access token lacks a required scope\", scope=\"orders-write\"");
    }

    @Test
    @DisplayName("RS-16: a token carrying the required scope passes the scope check")
    void checkScopesWhenScopePresentThenNoRejection() {
        ResourceRequestVerifier v = verifier(DpopMode.DISABLED);
        AuthenticatedRequest ok = v.verify(bearer(bearerToken())).value();

        assertThat(v.checkScopes(ok.token(), RequiredScopes.allOf("orders-read"))).isEmpty();
    }

    @Test
    @DisplayName("RS-29, RS-45: a DPoP proof failure never puts an RFC 9449 code in the Bearer challenge")
    void challengeWhenDpopFailureInOptionalModeThenBearerChallengeBare() {
        ResourceRequestVerifier v = verifier(DpopMode.OPTIONAL);
        String t = boundToken();
        String wrongMethodProof = clientProofs.forResourceRequest("POST", ORDERS, t);

        Rejection r = rejection(v.verify(dpop(t, wrongMethodProof)));
        ResourceChallenge c = v.challenge(r, Presentation.DPOP_HEADER, RequiredScopes.NONE);

        assertThat(c.wwwAuthenticate()).containsExactly("Bearer", "DPoP algs=\"" + ALGS + "\", error=\"invalid_dpop_proof\","
                + " error_description=\"The DPoP proof's htm does not match the request method\"");
    }

    @Test
    @DisplayName("RS-45: an invalid Bearer token puts the error in the Bearer challenge, the DPoP one stays bare")
    void challengeWhenInvalidBearerInOptionalModeThenErrorInBearer() {
        ResourceRequestVerifier v = verifier(DpopMode.OPTIONAL);
        String wrongAudience = JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant())
                .claim("aud", "https://elsewhere.example").compact();

        ResourceChallenge c = v.challenge(rejection(v.verify(bearer(wrongAudience))), Presentation.BEARER_HEADER,
                RequiredScopes.NONE);

        assertThat(c.wwwAuthenticate()).containsExactly(
                "Bearer error=\"invalid_token\", error_description=\"The access token is not intended for this resource\"",
                "DPoP algs=\"" + ALGS + "\"");
    }

    // ---------------------------------------------------------------- 5.4 DPoP

    @Test
    @DisplayName("RS-33, RS-34, RS-35: a bound token with a valid proof for this request is accepted")
    void verifyWhenBoundTokenWithValidProofThenAccepted() {
        ValidationResult<AuthenticatedRequest> r = verifier(DpopMode.REQUIRED).verify(dpop(boundToken()));

        assertThat(r.isAccepted()).as(r.toString()).isTrue();
        assertThat(r.value().presentation()).isEqualTo(Presentation.DPOP_HEADER);
        assertThat(r.value().proof().orElseThrow().thumbprint()).isEqualTo(clientProofs.thumbprint());
    }

    @Test
    @DisplayName("RS-31: a DPoP-bound token presented as Bearer is 401 invalid_token")
    void verifyWhenBoundTokenAsBearerThenInvalidToken() {
        Rejection r = rejection(verifier(DpopMode.OPTIONAL).verify(bearer(boundToken())));

        assertThat(r.reason()).isEqualTo(Reason.BOUND_TOKEN_AS_BEARER);
        assertThat(r.error()).isEqualTo(OAuthError.INVALID_TOKEN);
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    @DisplayName("RS-31: a DPoP-bound token in the form body is 401 invalid_token")
    void verifyWhenBoundTokenInBodyThenInvalidToken() {
        ResourceRequest req = new ResourceRequest("POST", ORDERS, List.of(), List.of(), boundToken());

        assertThat(rejection(verifier(DpopMode.OPTIONAL).verify(req)).reason()).isEqualTo(Reason.BOUND_TOKEN_AS_BEARER);
    }

    @Test
    @DisplayName("RS-32: the DPoP scheme without a DPoP header is rejected with 401")
    void verifyWhenDpopSchemeWithoutProofThenRejected() {
        ResourceRequest req = new ResourceRequest("GET", ORDERS, List.of("DPoP " + boundToken()), List.of(), null);

        Rejection r = rejection(verifier(DpopMode.REQUIRED).verify(req));

        assertThat(r.reason()).isEqualTo(Reason.PROOF_MISSING);
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    @DisplayName("RS-33: the proof checks run against this request: a proof for another URI is rejected")
    void verifyWhenProofForAnotherUriThenRejected() {
        String t = boundToken();
        String proof = clientProofs.forResourceRequest("GET", URI.create(JwtFixture.RESOURCE + "/orders/43"), t);

        Rejection r = rejection(verifier(DpopMode.REQUIRED).verify(dpop(t, proof)));

        assertThat(r.reason()).isEqualTo(Reason.URI_MISMATCH);
        assertThat(r.error()).isEqualTo(OAuthError.INVALID_DPOP_PROOF);
    }

    @Test
    @DisplayName("RS-34, RS-43: a proof whose ath hashes another token is 401 invalid_dpop_proof")
    void verifyWhenAthOfAnotherTokenThenInvalidDpopProof() {
        String t = boundToken();
        String proof = clientProofs.forResourceRequest("GET", ORDERS, boundToken());

        Rejection r = rejection(verifier(DpopMode.REQUIRED).verify(dpop(t, proof)));

        assertThat(r.reason()).isEqualTo(Reason.ACCESS_TOKEN_HASH_MISMATCH);
        assertThat(r.error()).isEqualTo(OAuthError.INVALID_DPOP_PROOF);
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    @DisplayName("RS-34: a proof without ath is 401 invalid_dpop_proof")
    void verifyWhenProofWithoutAthThenInvalidDpopProof() {
        String t = boundToken();
        String proof = clientProofs.create("GET", ORDERS, null, null);

        Rejection r = rejection(verifier(DpopMode.REQUIRED).verify(dpop(t, proof)));

        assertThat(r.reason()).isEqualTo(Reason.MISSING_CLAIM);
        assertThat(r.error()).isEqualTo(OAuthError.INVALID_DPOP_PROOF);
    }

    @Test
    @DisplayName("RS-35, RS-43: a valid proof signed by a different key is 401 invalid_token")
    void verifyWhenProofByAnotherKeyThenInvalidToken() {
        String t = boundToken();
        String proof = new DpopProofFactory(TestKeys.ATTACKER_ES256, clock).forResourceRequest("GET", ORDERS, t);

        Rejection r = rejection(verifier(DpopMode.REQUIRED).verify(dpop(t, proof)));

        assertThat(r.reason()).isEqualTo(Reason.KEY_BINDING_MISMATCH);
        assertThat(r.error()).isEqualTo(OAuthError.INVALID_TOKEN);
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    @DisplayName("RS-36, RS-43: with a valid proof, a token failure (expired) is invalid_token and no access")
    void verifyWhenTokenExpiredButProofValidThenInvalidToken() {
        String expired = JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant())
                .claim("exp", clock.instant().minusSeconds(600).getEpochSecond())
                .claim("cnf", Map.of("jkt", clientProofs.thumbprint().value())).compact();

        Rejection r = rejection(verifier(DpopMode.REQUIRED).verify(dpop(expired)));

        assertThat(r.error()).isEqualTo(OAuthError.INVALID_TOKEN);
        assertThat(r.reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    @DisplayName("RS-37: an unbound token under the DPoP scheme with a valid proof is 401 invalid_token")
    void verifyWhenUnboundTokenWithDpopSchemeThenInvalidToken() {
        Rejection r = rejection(verifier(DpopMode.OPTIONAL).verify(dpop(bearerToken())));

        assertThat(r.reason()).isEqualTo(Reason.UNBOUND_TOKEN_AS_DPOP);
        assertThat(r.error()).isEqualTo(OAuthError.INVALID_TOKEN);
    }

    @Test
    @DisplayName("RS-38: the identical request replayed: the second is 401 invalid_dpop_proof")
    void verifyWhenIdenticalRequestReplayedThenInvalidDpopProof() {
        ResourceRequestVerifier v = verifier(DpopMode.REQUIRED);
        ResourceRequest req = dpop(boundToken());

        assertThat(v.verify(req).isAccepted()).isTrue();
        Rejection r = rejection(v.verify(req));

        assertThat(r.reason()).isEqualTo(Reason.REPLAYED);
        assertThat(r.error()).isEqualTo(OAuthError.INVALID_DPOP_PROOF);
    }

    @Test
    @DisplayName("RS-38: the same token with a new proof for each request is accepted every time")
    void verifyWhenTokenReusedWithFreshProofsThenAccepted() {
        ResourceRequestVerifier v = verifier(DpopMode.REQUIRED);
        String t = boundToken();

        assertThat(v.verify(dpop(t)).isAccepted()).isTrue();
        assertThat(v.verify(dpop(t)).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("RS-36: a rejected proof does not use up its jti")
    void verifyWhenRejectedForTokenReasonThenProofJtiNotBurned() {
        ResourceRequestVerifier v = verifier(DpopMode.REQUIRED);
        String t = boundToken();
        String proof = clientProofs.forResourceRequest("GET", ORDERS, t);
        ResourceRequest wrongMethod = new ResourceRequest("PUT", ORDERS, List.of("DPoP " + t), List.of(proof), null);

        assertThat(rejection(v.verify(wrongMethod)).reason()).isEqualTo(Reason.METHOD_MISMATCH);
        assertThat(v.verify(dpop(t, proof)).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("RS-39, RS-40: a Bearer token on a DPoP-only resource: 401 DPoP challenge with invalid_token")
    void challengeWhenBearerOnDpopOnlyResourceThenDpopInvalidToken() {
        ResourceRequestVerifier v = verifier(DpopMode.REQUIRED);

        ResourceChallenge c = v.challenge(rejection(v.verify(bearer(bearerToken()))), Presentation.BEARER_HEADER,
                RequiredScopes.NONE);

        assertThat(c.status()).isEqualTo(401);
        assertThat(c.wwwAuthenticate()).containsExactly("DPoP algs=\"" + ALGS + "\", error=\"invalid_token\","
                + " error_description=\"This resource accepts DPoP-bound access tokens only\"");
    }

    @Test
    @DisplayName("RS-40, RS-41, RS-42: a failed DPoP request is answered with a DPoP challenge carrying algs and error")
    void challengeWhenDpopFailureThenDpopSchemeWithAlgsAndError() {
        ResourceRequestVerifier v = verifier(DpopMode.REQUIRED);
        String t = boundToken();
        ResourceRequest replayed = dpop(t);
        v.verify(replayed);

        ResourceChallenge c = v.challenge(rejection(v.verify(replayed)), Presentation.DPOP_HEADER, RequiredScopes.NONE);

        assertThat(header(c)).startsWith("DPoP algs=\"ES256 RS256\", error=\"invalid_dpop_proof\", error_description=");
        assertThat(c.headers()).doesNotContainKey("DPoP-Nonce");
    }

    @Test
    @DisplayName("RS-44, GEN-39, GEN-40: nonce mode: first call 401 use_dpop_nonce with one DPoP-Nonce; retry with it succeeds")
    void verifyWhenNonceModeThenChallengeThenRetrySucceeds() {
        ResourceRequestVerifier v = verifierWithNonces();
        String t = boundToken();

        Rejection first = rejection(v.verify(dpop(t)));
        ResourceChallenge c = v.challenge(first, Presentation.DPOP_HEADER, RequiredScopes.NONE);

        assertThat(first.error()).isEqualTo(OAuthError.USE_DPOP_NONCE);
        assertThat(c.status()).isEqualTo(401);
        assertThat(c.wwwAuthenticate()).containsExactly("DPoP algs=\"" + ALGS + "\", error=\"use_dpop_nonce\","
                + " error_description=\"A DPoP nonce from this server is required\"");
        assertThat(c.headers().get("DPoP-Nonce")).hasSize(1);
        assertThat(c.headers().get("Cache-Control")).containsExactly("no-store");

        clientProofs.rememberResourceNonce(ORDERS, c.dpopNonce().orElseThrow());
        assertThat(v.verify(dpop(t)).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("GEN-34: a nonce issued past half its lifetime is rotated: the success carries a fresh nonce")
    void verifyWhenNonceAgingThenFreshNonceOffered() {
        ResourceRequestVerifier v = verifierWithNonces();
        String t = boundToken();
        clientProofs.rememberResourceNonce(ORDERS, nonces.issue());

        AuthenticatedRequest young = v.verify(dpop(t)).value();
        clock.advance(Duration.ofMinutes(3));
        AuthenticatedRequest aging = v.verify(dpop(boundToken())).value();

        assertThat(young.freshNonce()).isEmpty();
        assertThat(aging.freshNonce()).isPresent();
        assertThat(nonces.isValid(aging.freshNonce().get())).isTrue();
    }

    @Test
    @DisplayName("RS-39: DPoP disabled: the DPoP scheme is refused with a Bearer challenge")
    void verifyWhenDpopDisabledAndDpopSchemeThenRefused() {
        ResourceRequestVerifier v = verifier(DpopMode.DISABLED);

        Rejection r = rejection(v.verify(dpop(boundToken())));
        ResourceChallenge c = v.challenge(r, Presentation.DPOP_HEADER, RequiredScopes.NONE);

        assertThat(r.reason()).isEqualTo(Reason.DPOP_NOT_ACCEPTED);
        assertThat(c.wwwAuthenticate()).hasSize(1).allMatch(s -> s.startsWith("Bearer error=\"invalid_token\""));
    }

    @Test
    @DisplayName("RS-23: a 503 for an unavailable replay store carries no challenge")
    void challengeWhenServerSideConditionThenNoChallenge() {
        Rejection unavailable = Rejection.of(Reason.REPLAY_CHECK_UNAVAILABLE, "busy", OAuthError.INVALID_TOKEN, 401);

        ResourceChallenge c = verifier(DpopMode.REQUIRED).challenge(unavailable, Presentation.DPOP_HEADER,
                RequiredScopes.NONE);

        assertThat(c.status()).isEqualTo(503);
        assertThat(c.wwwAuthenticate()).isEmpty();
    }

    @Test
    @DisplayName("RS-01: an Authorization header of another scheme is no credentials for this resource")
    void verifyWhenBasicSchemeThenNoCredentials() {
        ResourceRequest req = new ResourceRequest("GET", ORDERS, List.of("Basic dXNlcjpwYXNz"), List.of(), null);

        assertThat(rejection(verifier(DpopMode.DISABLED).verify(req)).reason()).isEqualTo(Reason.NO_CREDENTIALS);
    }

    @Test
    @DisplayName("RS-25: an Authorization header with a malformed credential is 401 invalid_token")
    void verifyWhenCredentialMalformedThenInvalidToken() {
        ResourceRequest req = new ResourceRequest("GET", ORDERS, List.of("Bearer a b"), List.of(), null);

        Rejection r = rejection(verifier(DpopMode.DISABLED).verify(req));

        assertThat(r.error()).isEqualTo(OAuthError.INVALID_TOKEN);
        assertThat(r.reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    @DisplayName("RS-45: a malformed DPoP credential gets its error in the DPoP challenge, the Bearer one stays bare")
    void challengeWhenMalformedDpopCredentialThenErrorInDpopChallenge() {
        ResourceRequestVerifier v = verifier(DpopMode.OPTIONAL);
        ResourceRequest req = new ResourceRequest("GET", ORDERS, List.of("DPoP abc def"), List.of(), null);

        ResourceChallenge c = v.challenge(rejection(v.verify(req)), ResourceRequestVerifier.presentationOf(req),
                RequiredScopes.NONE);

        assertThat(c.wwwAuthenticate()).hasSize(2);
        assertThat(c.wwwAuthenticate().get(0)).isEqualTo("Bearer");
        assertThat(c.wwwAuthenticate().get(1)).startsWith("DPoP algs=\"" + ALGS + "\", error=\"invalid_token\"");
    }

    @Test
    @DisplayName("GEN-39, GEN-40: a success that hands out a fresh nonce sends one DPoP-Nonce with Cache-Control no-store")
    void responseHeadersWhenFreshNonceThenOneNonceAndNoStore() {
        ResourceRequestVerifier v = verifierWithNonces();
        clientProofs.rememberResourceNonce(ORDERS, nonces.issue());
        clock.advance(Duration.ofMinutes(3));

        AuthenticatedRequest ok = v.verify(dpop(boundToken())).value();

        assertThat(ok.responseHeaders()).containsOnlyKeys("DPoP-Nonce", "Cache-Control")
                .containsEntry("Cache-Control", "no-store");
        clientProofs.rememberResourceNonce(ORDERS, ok.responseHeaders().get("DPoP-Nonce"));
        assertThat(v.verify(dpop(boundToken())).value().responseHeaders()).isEmpty();
    }
}
