package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;
import static org.enachain.sts.engine.TokenEndpointChecks.*;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.jose.JwkThumbprint;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.testing.JwtFixture;
import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.DpopRequirement;
import org.enachain.sts.policy.ResourcePolicy;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DPoP at the token endpoint (REQUIREMENTS 3.3, GEN-106 to GEN-114) and the deterministic
 * cross-domain scope mapping (GEN-115). The valid request: API A exchanges Alice's token for API B
 * (DPoP optional) with a proof made by API A's DPoP key.
 */
class TokenEndpointDpopTest {

    private static final URI TOKEN_ENDPOINT_A = URI.create(ISSUER_A + "/token");

    private final StsFixture sts = StsFixture.create();

    /** API A's exchange of Alice's token for {@code resource} with exactly these DPoP headers. */
    private static EndpointResponse exchangeWithProofs(StsFixture sts, String resource, String scope,
                                                       String... proofs) {
        String body = authenticatedForm(sts, sts.a, API_A, params("grant_type", TOKEN_EXCHANGE,
                "subject_token", sts.aliceTokenForApiA(), "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", ACCESS_TOKEN_TYPE, "resource", resource, "scope", scope));
        return sts.a.token(post(body, proofs));
    }

    private EndpointResponse exchangeWithProofs(String... proofs) {
        return exchangeWithProofs(sts, API_B, "b-read", proofs);
    }

    private static Map<String, Object> tokenClaims(EndpointResponse response) {
        assertOk(response);
        return claimsOf((String) response.jsonBody().get("access_token"));
    }

    /** The RFC 7638 thumbprint recomputed from the {@code jwk} header of a proof. */
    @SuppressWarnings("unchecked")
    private static String thumbprintOfProofKey(String proof) {
        try {
            return JwkThumbprint.of(JsonWebKey.Factory.newJwk((Map<String, Object>) headerOf(proof).get("jwk"))).value();
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    private static ResourcePolicy withDpop(StsFixture.Spec spec, String id, DpopRequirement dpop) {
        ResourcePolicy r = spec.resourcesA.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        return new ResourcePolicy(r.id(), r.aliases(), r.scopes(), dpop, r.identityClaims(),
                r.receivesSensitiveSubjects(), r.exchangeCapable(), r.signingAlgorithm());
    }

    private static ClientPolicy dpopBound(StsFixture.Spec spec, String clientId) {
        ClientPolicy c = spec.clientsA.stream().filter(p -> p.clientId().equals(clientId)).findFirst().orElseThrow();
        return new ClientPolicy(c.clientId(), c.keys(), c.grantTypes(), c.redirectUris(), c.resourceId(),
                c.allowedResources(), c.allowedScopes(), c.crossDomainPeers(), true, c.legacyAssertionType());
    }

    // ---- GEN-106 --------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-106, GEN-112: for a resource where DPoP is optional, a proof binds the token and no proof gives a Bearer token")
    void whenDpopIsOptionalThenTheProofDecidesTheBinding() {
        EndpointResponse bound = exchangeWithProofs(sts.proof(API_A, sts.a));
        EndpointResponse unbound = exchangeWithProofs();

        assertThat(tokenClaims(bound)).containsKey("cnf");
        assertThat(tokenClaims(unbound)).doesNotContainKey("cnf");
    }

    @Test
    @DisplayName("GEN-106, GEN-112: for a resource that does not support DPoP, a proof is checked but the token stays an unbound Bearer token")
    void whenDpopIsUnsupportedThenTheTokenIsNeverBound() {
        StsFixture unsupported = StsFixture.create(spec -> spec.replaceResourceA(
                withDpop(spec, API_B, DpopRequirement.UNSUPPORTED)));

        EndpointResponse response = exchangeWithProofs(unsupported, API_B, "b-read",
                unsupported.proof(API_A, unsupported.a));

        assertThat(tokenClaims(response)).doesNotContainKey("cnf");
        assertThat(response.jsonBody()).containsEntry("token_type", "Bearer");
    }

    // ---- GEN-107 --------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-107: an exchange for API C, which requires DPoP, without a proof is 400 invalid_dpop_proof")
    void whenTheResourceRequiresDpopAndNoProofComesThenInvalidDpopProof() {
        assertError(exchangeWithProofs(sts, API_C, "c-read"), 400, "invalid_dpop_proof");
    }

    @Test
    @DisplayName("GEN-107: an exchange for API C with a valid proof gets a bound token")
    void whenTheResourceRequiresDpopAndAProofComesThenTheTokenIsBound() {
        assertThat(tokenClaims(exchangeWithProofs(sts, API_C, "c-read", sts.proof(API_A, sts.a)))).containsKey("cnf");
    }

    @Test
    @DisplayName("GEN-107: a code redemption for a resource requiring DPoP without a proof is 400 invalid_dpop_proof")
    void whenALoginTargetsADpopResourceWithoutProofThenInvalidDpopProof() {
        StsFixture required = StsFixture.create(spec -> spec.replaceResourceA(
                withDpop(spec, API_A, DpopRequirement.REQUIRED)));
        String code = required.authorizationCode("alice", "alice-demo-password", APP, API_A, "a-read");

        EndpointResponse response = required.token(required.a, APP, params("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "code_verifier", VERIFIER));

        assertError(response, 400, "invalid_dpop_proof");
    }

    @Test
    @DisplayName("GEN-107: a jwt-bearer request for a TAS resource requiring DPoP without a proof is 400 invalid_dpop_proof")
    void whenTheTasResourceRequiresDpopAndNoProofComesThenInvalidDpopProof() {
        StsFixture required = StsFixture.create(spec -> spec.resourcesB = List.of(new ResourcePolicy(PARTNER, Set.of(),
                Set.of("partner-read", "partner-write"), DpopRequirement.REQUIRED, Set.of(), false, false,
                java.util.Optional.empty())));
        EndpointResponse grant = required.grantFor(API_A, required.aliceTokenForApiA(), "a-read");
        assertOk(grant);

        EndpointResponse response = required.redeem(API_A_AT_B, (String) grant.jsonBody().get("access_token"),
                PARTNER, "partner-read", false);

        assertError(response, 400, "invalid_dpop_proof");
    }

    // ---- GEN-108, GEN-111 -----------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-108, GEN-111: the application, not registered for DPoP, sends a proof at login: its token is bound to the proof key")
    void whenAClientWithoutDpopRegistrationSendsAProofThenTheTokenIsBound() {
        String proof = sts.proof(APP, sts.a);
        String code = sts.authorizationCode("alice", "alice-demo-password", APP, API_A, "a-read");

        EndpointResponse response = sts.a.token(post(authenticatedForm(sts, sts.a, APP, params("grant_type",
                "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", VERIFIER)), proof));

        assertThat(tokenClaims(response)).containsEntry("cnf", Map.of("jkt", thumbprintOfProofKey(proof)));
    }

    @Test
    @DisplayName("GEN-111: cnf.jkt is the RFC 7638 thumbprint of the proof's jwk, whatever key the client uses")
    void whenTheProofUsesAnotherKeyThenCnfJktIsThatKeysThumbprint() {
        SigningKey other = SigningKey.generateEs256();
        String proof = new DpopProofFactory(other, sts.clock).create("POST", TOKEN_ENDPOINT_A, null, null);

        Map<String, Object> claims = tokenClaims(exchangeWithProofs(proof));

        assertThat(claims).containsEntry("cnf", Map.of("jkt", thumbprintOfProofKey(proof)));
        assertThat(thumbprintOfProofKey(proof)).isEqualTo(other.thumbprint().value())
                .isNotEqualTo(dpopKey(API_A).thumbprint().value());
    }

    // ---- GEN-109 --------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-109: a client registered with dpop_bound_access_tokens and no proof is 400 invalid_dpop_proof, even for a DPoP-optional resource")
    void whenADpopBoundClientSendsNoProofThenInvalidDpopProof() {
        StsFixture bound = StsFixture.create(spec -> spec.replaceClientA(dpopBound(spec, API_A)));

        assertError(exchangeWithProofs(bound, API_B, "b-read"), 400, "invalid_dpop_proof");
    }

    @Test
    @DisplayName("GEN-109: a client registered with dpop_bound_access_tokens that sends a proof gets a DPoP token")
    void whenADpopBoundClientSendsAProofThenTheTokenIsBound() {
        StsFixture bound = StsFixture.create(spec -> spec.replaceClientA(dpopBound(spec, API_A)));

        EndpointResponse response = exchangeWithProofs(bound, API_B, "b-read", bound.proof(API_A, bound.a));

        assertThat(tokenClaims(response)).containsKey("cnf");
        assertThat(response.jsonBody()).containsEntry("token_type", "DPoP");
    }

    @Test
    @DisplayName("GEN-109: a client registered with dpop_bound_access_tokens needs a proof for a cross-domain exchange too (A-25)")
    void whenADpopBoundClientAsksForAGrantWithoutProofThenInvalidDpopProof() {
        StsFixture bound = StsFixture.create(spec -> spec.replaceClientA(dpopBound(spec, API_A)));

        assertError(bound.grantFor(API_A, bound.aliceTokenForApiA(), "a-read"), 400, "invalid_dpop_proof");
    }

    // ---- GEN-110 --------------------------------------------------------------------------------------

    /** Proofs that fail one check each (GEN-22 to GEN-37 at a token endpoint). */
    enum BadProof {
        WRONG_HTM((sts, key) -> new DpopProofFactory(key, sts.clock).create("GET", TOKEN_ENDPOINT_A, null, null)),
        WRONG_HTU_PATH((sts, key) -> new DpopProofFactory(key, sts.clock)
                .create("POST", URI.create(ISSUER_B + "/token"), null, null)),
        WRONG_HTU_HOST((sts, key) -> new DpopProofFactory(key, sts.clock)
                .create("POST", URI.create("https://other.test/domain-a/token"), null, null)),
        IAT_TEN_MINUTES_OLD((sts, key) -> new DpopProofFactory(key, Clock.fixed(
                sts.clock.instant().minus(Duration.ofMinutes(10)), ZoneOffset.UTC))
                .create("POST", TOKEN_ENDPOINT_A, null, null)),
        IAT_TEN_MINUTES_AHEAD((sts, key) -> new DpopProofFactory(key, Clock.fixed(
                sts.clock.instant().plus(Duration.ofMinutes(10)), ZoneOffset.UTC))
                .create("POST", TOKEN_ENDPOINT_A, null, null)),
        SIGNED_BY_ANOTHER_KEY((sts, key) -> proof(sts, key, f -> f.signedBy(SigningKey.generateEs256())
                .withoutHeader("kid"))),
        TYP_MISSING((sts, key) -> proof(sts, key, f -> f.withoutHeader("typ"))),
        TYP_JWT((sts, key) -> proof(sts, key, f -> f.header("typ", "JWT"))),
        JWK_MISSING((sts, key) -> proof(sts, key, f -> f.withoutHeader("jwk"))),
        JTI_MISSING((sts, key) -> proof(sts, key, f -> f.without("jti"))),
        UNSIGNED((sts, key) -> proof(sts, key, f -> f).replaceAll("\\.[^.]*$", ".")),
        NOT_A_JWT((sts, key) -> "not-a-proof");

        private final BiFunction<StsFixture, SigningKey, String> proof;

        BadProof(BiFunction<StsFixture, SigningKey, String> proof) {
            this.proof = proof;
        }

        /** A valid proof by {@code key} as JwtFixture builds it, changed by {@code change}. */
        private static String proof(StsFixture sts, SigningKey key, UnaryOperator<JwtFixture> change) {
            JwtFixture f = JwtFixture.accessToken(key, sts.clock.instant()).withoutHeader("kid")
                    .header("typ", "dpop+jwt").header("jwk", publicMembers(key));
            for (String claim : List.of("iss", "sub", "aud", "client_id", "scope", "exp")) {
                f.without(claim);
            }
            f.claim("jti", UUID.randomUUID().toString()).claim("htm", "POST").claim("htu", TOKEN_ENDPOINT_A.toString())
                    .claim("iat", sts.clock.instant().getEpochSecond());
            return change.apply(f).compact();
        }
    }

    private static Map<String, Object> publicMembers(SigningKey key) {
        Map<String, Object> jwk = new LinkedHashMap<>(key.publicJwk());
        jwk.keySet().retainAll(Set.of("kty", "crv", "x", "y", "n", "e"));
        return jwk;
    }

    @Test
    @DisplayName("GEN-110: the proof builder of the failure cases makes a valid proof when nothing is changed")
    void whenTheHandBuiltProofIsUnchangedThenItIsAccepted() {
        String proof = BadProof.proof(sts, dpopKey(API_A), f -> f);

        assertThat(tokenClaims(exchangeWithProofs(proof)))
                .containsEntry("cnf", Map.of("jkt", dpopKey(API_A).thumbprint().value()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadProof.class)
    @DisplayName("GEN-110: an invalid DPoP proof at the token endpoint is 400 invalid_dpop_proof")
    void whenTheProofIsInvalidThenInvalidDpopProof(BadProof bad) {
        String proof = bad.proof.apply(sts, dpopKey(API_A));

        assertError(exchangeWithProofs(proof), 400, "invalid_dpop_proof", proof);
    }

    @Test
    @DisplayName("GEN-110: a replayed proof (same jti) is 400 invalid_dpop_proof the second time")
    void whenTheProofIsReplayedThenInvalidDpopProof() {
        String proof = sts.proof(API_A, sts.a);
        assertOk(exchangeWithProofs(proof));

        assertError(exchangeWithProofs(proof), 400, "invalid_dpop_proof", proof);
    }

    @Test
    @DisplayName("GEN-110: two DPoP headers, each a valid proof, are 400 invalid_dpop_proof")
    void whenTwoDpopHeadersComeThenInvalidDpopProof() {
        assertError(exchangeWithProofs(sts.proof(API_A, sts.a), sts.proof(API_A, sts.a)), 400, "invalid_dpop_proof");
    }

    @Test
    @DisplayName("GEN-110: a proof for a DPoP-optional resource that is invalid still fails the request rather than yielding a Bearer token")
    void whenAnOptionalResourceGetsABadProofThenInvalidDpopProof() {
        String stale = BadProof.IAT_TEN_MINUTES_OLD.proof.apply(sts, dpopKey(API_A));

        EndpointResponse response = exchangeWithProofs(sts, API_B, "b-read", stale);

        assertError(response, 400, "invalid_dpop_proof");
    }

    // ---- GEN-112 --------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-112: a DPoP-bound token is returned with token_type DPoP, an unbound one with Bearer")
    void whenTheTokenIsBoundThenTokenTypeIsDpopElseBearer() {
        assertThat(exchangeWithProofs(sts.proof(API_A, sts.a)).jsonBody()).containsEntry("token_type", "DPoP");
        assertThat(exchangeWithProofs().jsonBody()).containsEntry("token_type", "Bearer");
    }

    // ---- GEN-113, GEN-114 -----------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-113: in nonce mode, a proof without nonce is answered 400 use_dpop_nonce with one DPoP-Nonce header")
    void whenNoncesAreRequiredAndTheProofHasNoneThenUseDpopNonce() {
        StsFixture nonces = StsFixture.create(spec -> spec.dpopNonces = true);

        EndpointResponse first = exchangeWithProofs(nonces, API_B, "b-read", nonces.proof(API_A, nonces.a));

        assertError(first, 400, "use_dpop_nonce");
        assertThat(first.headers().get("DPoP-Nonce")).isNotBlank();
    }

    @Test
    @DisplayName("GEN-113: in nonce mode, the retry whose proof carries the server's nonce gets its bound token")
    void whenTheRetryCarriesTheNonceThenTheTokenIsIssued() {
        StsFixture nonces = StsFixture.create(spec -> spec.dpopNonces = true);
        EndpointResponse first = exchangeWithProofs(nonces, API_B, "b-read", nonces.proof(API_A, nonces.a));
        String nonce = first.headers().get("DPoP-Nonce");

        EndpointResponse retry = exchangeWithProofs(nonces, API_B, "b-read", nonces.proof(API_A, nonces.a, nonce));

        assertThat(tokenClaims(retry)).containsKey("cnf");
        assertThat(retry.jsonBody()).containsEntry("token_type", "DPoP");
    }

    @Test
    @DisplayName("GEN-113: in nonce mode, a nonce the server never issued is answered use_dpop_nonce with a fresh nonce")
    void whenTheNonceIsForeignThenUseDpopNonce() {
        StsFixture nonces = StsFixture.create(spec -> spec.dpopNonces = true);

        EndpointResponse response = exchangeWithProofs(nonces, API_B, "b-read",
                nonces.proof(API_A, nonces.a, "made-up-nonce"));

        assertError(response, 400, "use_dpop_nonce");
        assertThat(response.headers().get("DPoP-Nonce")).isNotBlank().isNotEqualTo("made-up-nonce");
    }

    @Test
    @DisplayName("GEN-114: in nonce mode, the successful response carries a fresh DPoP-Nonce that the next proof can use")
    void whenTheRequestSucceedsThenTheResponseCarriesAFreshNonce() {
        StsFixture nonces = StsFixture.create(spec -> spec.dpopNonces = true);
        String nonce = exchangeWithProofs(nonces, API_B, "b-read", nonces.proof(API_A, nonces.a))
                .headers().get("DPoP-Nonce");
        EndpointResponse success = exchangeWithProofs(nonces, API_B, "b-read", nonces.proof(API_A, nonces.a, nonce));
        assertOk(success);
        String fresh = success.headers().get("DPoP-Nonce");

        assertThat(fresh).isNotBlank().isNotEqualTo(nonce);
        assertThat(success.headers()).containsEntry("Cache-Control", "no-store");
        assertOk(exchangeWithProofs(nonces, API_B, "b-read", nonces.proof(API_A, nonces.a, fresh)));
    }

    @Test
    @DisplayName("GEN-114: without nonce mode, responses carry no DPoP-Nonce")
    void whenNoncesAreOffThenNoNonceIsSent() {
        EndpointResponse response = exchangeWithProofs(sts.proof(API_A, sts.a));

        assertOk(response);
        assertThat(response.headers()).doesNotContainKey("DPoP-Nonce");
    }

    // ---- GEN-115 --------------------------------------------------------------------------------------

    /** Alice's token for API A with a-read, a-write and b-read, exchanged for a grant with those scopes. */
    private static String grantWithScopes(StsFixture sts, String scope) {
        String token = (String) sts.login(API_A, "a-read a-write b-read", false).get("access_token");
        EndpointResponse grant = sts.grantFor(API_A, token, scope);
        assertOk(grant);
        return (String) grant.jsonBody().get("access_token");
    }

    @Test
    @DisplayName("GEN-115: the TAS maps the same originating scopes twice to the same target scopes")
    void whenTheTasMapsTheSameScopesTwiceThenTheResultIsIdentical() {
        EndpointResponse first = sts.redeem(API_A_AT_B, grantWithScopes(sts, "a-write a-read"), PARTNER, null, false);
        EndpointResponse second = sts.redeem(API_A_AT_B, grantWithScopes(sts, "a-read a-write"), PARTNER, null, false);

        assertThat(first.jsonBody()).containsEntry("scope", "partner-read partner-write");
        assertThat(second.jsonBody().get("scope")).isEqualTo(first.jsonBody().get("scope"));
        assertThat(tokenClaims(second).get("scope")).isEqualTo(tokenClaims(first).get("scope"));
    }

    @Test
    @DisplayName("GEN-115: the TAS drops an originating scope its map does not know")
    void whenTheTasMeetsAnUnmappedScopeThenItIsDropped() {
        EndpointResponse response = sts.redeem(API_A_AT_B, grantWithScopes(sts, "a-read b-read"), PARTNER, null, false);

        assertThat(response.jsonBody()).containsEntry("scope", "partner-read");
    }

    @Test
    @DisplayName("GEN-115: an STS that maps scopes puts the same target scopes into the grant for the same input, twice")
    void whenTheStsMapsTheSameScopesTwiceThenTheGrantScopesAreIdentical() {
        StsFixture mapping = StsFixture.create(spec -> {
            spec.peerScopeMap = Map.of("a-read", Set.of("partner-read"), "a-write", Set.of("partner-write"));
            spec.tasScopeMap = Map.of();
        });

        Object first = claimsOf(grantWithScopes(mapping, "a-write a-read")).get("scope");
        Object second = claimsOf(grantWithScopes(mapping, "a-read a-write")).get("scope");

        assertThat(first).isEqualTo("partner-read partner-write").isEqualTo(second);
    }

    @Test
    @DisplayName("GEN-115: an STS that maps scopes drops an unmapped scope of the subject token when no scope is requested")
    void whenTheStsMeetsAnUnmappedImpliedScopeThenItIsDropped() {
        StsFixture mapping = StsFixture.create(spec -> {
            spec.peerScopeMap = Map.of("a-read", Set.of("partner-read"));
            spec.tasScopeMap = Map.of();
        });

        assertThat(claimsOf(grantWithScopes(mapping, null))).containsEntry("scope", "partner-read");
    }

    @Test
    @DisplayName("GEN-115: an STS that maps scopes refuses an explicitly requested unmapped scope with invalid_scope")
    void whenTheStsIsAskedForAnUnmappedScopeThenInvalidScope() {
        StsFixture mapping = StsFixture.create(spec -> {
            spec.peerScopeMap = Map.of("a-read", Set.of("partner-read"));
            spec.tasScopeMap = Map.of();
        });
        String token = (String) mapping.login(API_A, "a-read b-read", false).get("access_token");

        assertError(mapping.grantFor(API_A, token, "a-read b-read"), 400, "invalid_scope");
    }

    @Test
    @DisplayName("GEN-115: the scope map gives one result whatever the order or set implementation of its input")
    void whenTheInputOrderDiffersThenTheMappedScopesAreIdentical() {
        Map<String, Set<String>> map = Map.of("a", Set.of("x", "y"), "b", Set.of("y", "z"));
        Set<String> forward = new LinkedHashSet<>(List.of("a", "b", "c"));
        Set<String> backward = new LinkedHashSet<>(List.of("c", "b", "a"));

        Set<String> first = ScopeRules.map(forward, map);
        Set<String> second = ScopeRules.map(backward, map);

        assertThat(first).containsExactly("x", "y", "z");
        assertThat(AccessTokens.scopeString(second)).isEqualTo(AccessTokens.scopeString(first)).isEqualTo("x y z");
    }
}
