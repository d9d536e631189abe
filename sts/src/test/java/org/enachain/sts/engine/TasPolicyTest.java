package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.CrossDomainSupport.*;
import static org.enachain.sts.engine.ExchangeTestSupport.actorChain;
import static org.enachain.sts.engine.StsFixture.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.enachain.core.jose.JwkThumbprint;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.token.ActorChain;
import org.enachain.sts.policy.DpopRequirement;
import org.enachain.sts.policy.GrantType;
import org.enachain.sts.policy.ResourcePolicy;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What domain-b issues for a valid grant (Chaining 3.4.2 steps 3 to 8, 3.4.3): scopes, subject,
 * client, resource policy, actor chain, DPoP binding and the response. TAS-25 to TAS-42.
 */
class TasPolicyTest {

    /** A second resource of domain-b that api-a's registration there does not cover. */
    private static final String LEDGER = "https://ledger.domain-b.test";

    private final StsFixture sts = StsFixture.create();

    private static Map<String, Object> tokenOf(Map<String, Object> body) {
        return claimsOf((String) body.get("access_token"));
    }

    // ---- scopes (TAS-25, TAS-26, TAS-31) -------------------------------------------------------------

    @Test
    @DisplayName("TAS-25: a-read in the grant plus scope=partner-read gives a token with partner-read")
    void whenTheRequestedScopeIsImpliedByTheGrantThenItIsIssued() {
        Map<String, Object> body = assertOk(redeem(sts, aliceGrantForApiA(sts, "a-read")));

        assertThat(body).containsEntry("scope", "partner-read");
        assertThat(tokenOf(body)).containsEntry("scope", "partner-read");
    }

    @Test
    @DisplayName("TAS-25, GEN-115: without scope the token carries every target scope the grant's scopes map to")
    void whenNoScopeIsRequestedThenTheMappedGrantScopesAreIssued() {
        String subjectToken = (String) sts.login(API_A, "a-read a-write b-read", false).get("access_token");
        String grant = grantValue(sts.grantFor(API_A, subjectToken, "a-read a-write b-read"));

        Map<String, Object> body = assertOk(sts.redeem(API_A_AT_B, grant, PARTNER, null, false));

        assertThat(body).containsEntry("scope", "partner-read partner-write");
        assertThat(tokenOf(body)).containsEntry("scope", "partner-read partner-write");
    }

    @Test
    @DisplayName("TAS-26: a scope the grant does not imply (partner-write from a-read) is invalid_scope")
    void whenTheRequestedScopeIsNotImpliedThenInvalidScope() {
        String grant = aliceGrantForApiA(sts, "a-read");

        EndpointResponse response = sts.redeem(API_A_AT_B, grant, PARTNER, "partner-read partner-write", false);

        assertRejected(response, 400, "invalid_scope", grant);
    }

    @Test
    @DisplayName("TAS-19, TAS-26: a redemption refused for its scope does not use the grant up; the corrected request succeeds")
    void whenARedemptionIsRefusedThenTheGrantIsStillUsable() {
        String grant = aliceGrantForApiA(sts, "a-read");
        assertRejected(sts.redeem(API_A_AT_B, grant, PARTNER, "partner-write", false), 400, "invalid_scope", grant);

        Map<String, Object> body = assertOk(sts.redeem(API_A_AT_B, grant, PARTNER, "partner-read", false));

        assertThat(body).containsEntry("scope", "partner-read");
        assertRejected(sts.redeem(API_A_AT_B, grant, PARTNER, "partner-read", false), 400, "invalid_grant", grant);
    }

    @Test
    @DisplayName("TAS-26, GEN-115: a grant scope the trusted issuer's map does not know implies nothing")
    void whenTheGrantScopeIsUnmappedThenItImpliesNothing() {
        Map<String, Object> claims = grantClaims(sts);
        claims.put("scope", "partner-read");
        String grant = signGrant(claims);

        assertRejected(redeem(sts, grant), 400, "invalid_scope", grant);
    }

    @Test
    @DisplayName("TAS-31: an unknown target-domain scope is invalid_scope")
    void whenTheRequestedScopeIsUnknownThenInvalidScope() {
        String grant = aliceGrantForApiA(sts, "a-read");

        assertRejected(sts.redeem(API_A_AT_B, grant, PARTNER, "partner-admin", false), 400, "invalid_scope", grant);
    }

    @Test
    @DisplayName("TAS-31: a scope the grant implies but the resource does not have is invalid_scope")
    void whenTheImpliedScopeIsNotAScopeOfTheResourceThenInvalidScope() {
        StsFixture mapping = StsFixture.create(spec -> spec.tasScopeMap = Map.of("a-read",
                Set.of("partner-read", "ledger-read")));
        String grant = aliceGrantForApiA(mapping, "a-read");

        assertRejected(mapping.redeem(API_A_AT_B, grant, PARTNER, "ledger-read", false), 400, "invalid_scope", grant);
    }

    @Test
    @DisplayName("TAS-31: without scope, a grant implying no scope of the resource is invalid_scope")
    void whenNothingImpliedFitsTheResourceThenInvalidScope() {
        String grant = aliceGrantForApiA(sts, "b-read");

        assertRejected(sts.redeem(API_A_AT_B, grant, PARTNER, null, false), 400, "invalid_scope", grant);
    }

    // ---- subject and client (TAS-27 to TAS-29, TAS-37, TAS-38) ---------------------------------------

    @Test
    @DisplayName("TAS-27, TAS-37, GEN-89: the issued sub is the grant's sub when no transcription is configured")
    void whenNoTranscriptionIsConfiguredThenSubIsTheGrantSub() {
        String bobToken = (String) sts.login("bob", "bob-demo-password", APP, API_A, "a-read", false).get("access_token");
        String grant = grantValue(sts.grantFor(API_A, bobToken, "a-read"));

        assertThat(tokenOf(assertOk(redeem(sts, grant)))).containsEntry("sub", BOB_SUB);
    }

    @Test
    @DisplayName("TAS-28, TAS-37: with a configured transcription the mapped sub is issued")
    void whenTranscriptionIsConfiguredThenTheMappedSubIsIssued() {
        StsFixture transcribing = StsFixture.create(spec -> spec.tasSubjectMap = Map.of(ALICE_SUB, "b-user-0042"));

        Map<String, Object> token = tokenOf(assertOk(redeem(transcribing, aliceGrantForApiA(transcribing, "a-read"))));

        assertThat(token).containsEntry("sub", "b-user-0042");
    }

    @Test
    @DisplayName("TAS-28: a user missing from the transcription keeps the grant's sub")
    void whenTheUserIsNotInTheTranscriptionThenTheGrantSubIsKept() {
        StsFixture transcribing = StsFixture.create(spec -> spec.tasSubjectMap = Map.of(ALICE_SUB, "b-user-0042"));
        String bobToken = (String) transcribing.login("bob", "bob-demo-password", APP, API_A, "a-read", false)
                .get("access_token");

        Map<String, Object> token = tokenOf(assertOk(redeem(transcribing,
                grantValue(transcribing.grantFor(API_A, bobToken, "a-read")))));

        assertThat(token).containsEntry("sub", BOB_SUB);
    }

    @Test
    @DisplayName("TAS-29, TAS-38, GEN-92: client_id is the authenticated client's domain-b identifier, not api-a's")
    void whenTheGrantIsRedeemedThenClientIdIsTheAuthenticatedClient() {
        Map<String, Object> token = tokenOf(assertOk(redeem(sts, aliceGrantForApiA(sts, "a-read"))));

        assertThat(token).containsEntry("client_id", API_A_AT_B);
    }

    @Test
    @DisplayName("TAS-29, TAS-38: the app, registered at domain-b under its own identifier, gets client_id = the app")
    void whenTheAppRedeemsItsGrantThenClientIdIsTheApp() {
        String grant = grantValue(sts.grantFor(APP, sts.aliceTokenForApiA(), "a-read"));

        Map<String, Object> token = tokenOf(assertOk(sts.redeem(APP, grant, PARTNER, "partner-read", false)));

        assertThat(token).containsEntry("client_id", APP);
    }

    // ---- resource policy (TAS-30, TAS-39) ------------------------------------------------------------

    @Test
    @DisplayName("TAS-30, A-19: a resource of domain-b the client is not permitted to obtain tokens for is refused (invalid_target)")
    void whenTheResourceIsNotPermittedForTheClientThenInvalidTarget() {
        StsFixture withLedger = StsFixture.create(spec -> spec.resourcesB.add(new ResourcePolicy(LEDGER, Set.of(),
                Set.of("partner-read", "partner-write"), DpopRequirement.OPTIONAL, Set.of(), false, false,
                Optional.empty())));
        String grant = aliceGrantForApiA(withLedger, "a-read");

        EndpointResponse response = withLedger.redeem(API_A_AT_B, grant, LEDGER, "partner-read", false);

        assertRejected(response, 400, "invalid_target", grant);
    }

    @Test
    @DisplayName("TAS-39, GEN-86: aud is exactly the requested resource")
    void whenAResourceIsRequestedThenAudIsThatResource() {
        Map<String, Object> token = tokenOf(assertOk(redeem(sts, aliceGrantForApiA(sts, "a-read"))));

        assertThat(token).containsEntry("aud", PARTNER);
    }

    // ---- actors (TAS-32 to TAS-34) -------------------------------------------------------------------

    @Test
    @DisplayName("TAS-32, TAS-33, TAS-34: the grant's whole chain is kept below the target-domain client")
    void whenTheGrantHasAChainThenTheTokenKeepsItBelowTheClient() {
        Map<String, Object> claims = grantClaims(sts);
        Map<String, Object> chain = Map.of("sub", API_A, "act", Map.of("sub", API_B, "act", Map.of("sub", APP)));
        claims.put("act", chain);

        Map<String, Object> token = tokenOf(assertOk(redeem(sts, signGrant(claims))));

        assertThat(token).containsEntry("act", Map.of("sub", API_A_AT_B, "act", chain));
    }

    @Test
    @DisplayName("TAS-34, A-12: a mapped client (act.sub api-a ≠ client_id) becomes the outer actor, the chain intact")
    void whenTheGrantActorDiffersFromTheClientThenAnOuterActorIsAdded() {
        Map<String, Object> token = tokenOf(assertOk(redeem(sts, aliceGrantForApiA(sts, "a-read"))));

        assertThat(token).containsEntry("act", Map.of("sub", API_A_AT_B, "act",
                Map.of("sub", API_A, "act", Map.of("sub", APP))));
        assertThat(ActorClaim.currentActor(token.get("act"))).isEqualTo(token.get("client_id"));
    }

    @Test
    @DisplayName("TAS-34, A-12: a grant whose act.sub already is the client gets no extra level")
    void whenTheGrantActorIsTheClientThenNoLevelIsAdded() {
        Map<String, Object> claims = grantClaims(sts);
        Map<String, Object> chain = Map.of("sub", API_A_AT_B, "act", Map.of("sub", APP));
        claims.put("act", chain);

        Map<String, Object> token = tokenOf(assertOk(redeem(sts, signGrant(claims))));

        assertThat(token).containsEntry("act", chain);
    }

    @Test
    @DisplayName("TAS-32: a chain of 32 actors whose outermost is the client is kept whole")
    void whenTheGrantChainIs32DeepThenItIsKeptWhole() {
        Map<String, Object> claims = grantClaims(sts);
        Map<String, Object> chain = actorChain(API_A_AT_B, 32);
        claims.put("act", chain);

        Map<String, Object> token = tokenOf(assertOk(redeem(sts, signGrant(claims))));

        assertThat(token).containsEntry("act", chain);
        assertThat(ActorChain.fromClaim(token.get("act")).actors()).hasSize(32);
    }

    @Test
    @DisplayName("TAS-32, TAS-34: a chain of 32 actors below which the client would be a 33rd level is invalid_grant, not a token no verifier reads")
    void whenAddingTheClientWouldNestTheChainTooDeeplyThenInvalidGrant() {
        Map<String, Object> claims = grantClaims(sts);
        claims.put("act", actorChain(API_A, 32));
        String grant = signGrant(claims);

        assertRejected(redeem(sts, grant), 400, "invalid_grant", grant);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedActs")
    @DisplayName("TAS-32: a grant whose act is not a chain of objects with a string sub, at most 32 deep, is invalid_grant")
    void whenTheGrantActIsMalformedThenInvalidGrant(Object act) {
        Map<String, Object> claims = grantClaims(sts);
        claims.put("act", act);
        String grant = signGrant(claims);

        assertRejected(redeem(sts, grant), 400, "invalid_grant", grant);
    }

    static Stream<Arguments> malformedActs() {
        return Stream.of(
                Arguments.of(Named.of("a string", API_A)),
                Arguments.of(Named.of("an array", List.of(Map.of("sub", API_A)))),
                Arguments.of(Named.of("an object without sub", Map.of("client_id", API_A))),
                Arguments.of(Named.of("a sub that is a number", Map.of("sub", 42))),
                Arguments.of(Named.of("an inner level that is a string", Map.of("sub", API_A, "act", APP))),
                Arguments.of(Named.of("an inner level without sub", Map.of("sub", API_A, "act", Map.of("name", APP)))),
                Arguments.of(Named.of("33 levels", actorChain(API_A_AT_B, 33))));
    }

    @Test
    @DisplayName("TAS-34, A-12: the app redeeming its own grant stays the only actor")
    void whenTheAppRedeemsItsOwnGrantThenActIsTheAppAlone() {
        String grant = grantValue(sts.grantFor(APP, sts.aliceTokenForApiA(), "a-read"));

        Map<String, Object> token = tokenOf(assertOk(sts.redeem(APP, grant, PARTNER, "partner-read", false)));

        assertThat(token).containsEntry("act", Map.of("sub", APP));
    }

    // ---- response and token (TAS-35, TAS-36, TAS-40 to TAS-42) ---------------------------------------

    @Test
    @DisplayName("TAS-35, GEN-74, GEN-98: 200 JSON with no-store, access_token, token_type Bearer, expires_in and scope")
    void whenTheGrantIsRedeemedThenTheResponseFollowsRfc6749() {
        EndpointResponse response = redeem(sts, aliceGrantForApiA(sts, "a-read"));

        Map<String, Object> body = assertOk(response);
        assertThat(response.mediaType()).isEqualTo(EndpointResponse.JSON);
        assertThat(body).containsEntry("token_type", "Bearer").containsEntry("scope", "partner-read")
                .containsKeys("access_token", "expires_in");
        Map<String, Object> token = tokenOf(body);
        assertThat(((Number) body.get("expires_in")).longValue())
                .isEqualTo(((Number) token.get("exp")).longValue() - ((Number) token.get("iat")).longValue())
                .isPositive();
    }

    @Test
    @DisplayName("TAS-36, GEN-80, GEN-83, GEN-85: the token is typ at+jwt, signed by a domain-b key under its kid, iss domain-b")
    void whenTheGrantIsRedeemedThenTheTokenIsADomainBAccessToken() throws JoseException {
        String accessToken = (String) assertOk(redeem(sts, aliceGrantForApiA(sts, "a-read"))).get("access_token");
        Map<String, Object> header = headerOf(accessToken);
        JwsAlgorithm algorithm = JwsAlgorithm.fromJwaName((String) header.get("alg")).orElseThrow();

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(accessToken);
        jws.setKey(VerificationKeys.fromJwks(sts.b.jwksJson()).keysFor((String) header.get("kid"), algorithm).get(0));

        assertThat(header).containsEntry("typ", "at+jwt");
        assertThat(jws.verifySignature()).isTrue();
        assertThat(claimsOf(accessToken)).containsEntry("iss", ISSUER_B).containsKeys("iat", "exp", "jti", "sid");
    }

    @Test
    @DisplayName("TAS-36, GEN-96: acr, amr and auth_time of the grant are kept in the token")
    void whenTheGrantHasAuthenticationContextThenTheTokenKeepsIt() {
        String grant = aliceGrantForApiA(sts, "a-read");
        Map<String, Object> grantClaims = claimsOf(grant);

        Map<String, Object> token = tokenOf(assertOk(redeem(sts, grant)));

        for (String name : List.of("acr", "amr", "auth_time")) {
            assertThat(token.get(name)).as(name).isNotNull().isEqualTo(grantClaims.get(name));
        }
    }

    @Test
    @DisplayName("TAS-36, GEN-95: an identity claim in the grant the resource may not receive is not issued")
    void whenTheGrantCarriesAnIdentityClaimTheResourceMayNotReceiveThenItIsDropped() {
        Map<String, Object> claims = grantClaims(sts);
        claims.put("email", "alice@domain-a.test");

        Map<String, Object> token = tokenOf(assertOk(redeem(sts, signGrant(claims))));

        assertThat(token).doesNotContainKey("email");
    }

    @Test
    @DisplayName("TAS-40, GEN-107, GEN-111: for a DPoP-required resource a proof gives a token bound to its key, token_type DPoP")
    void whenTheResourceRequiresDpopAndAProofIsSentThenTheTokenIsBound() {
        StsFixture dpopOnly = StsFixture.create(spec -> spec.resourcesB = partnerWith(DpopRequirement.REQUIRED));

        Map<String, Object> body = assertOk(dpopOnly.redeem(API_A_AT_B, aliceGrantForApiA(dpopOnly, "a-read"), PARTNER,
                "partner-read", true));

        assertThat(body).containsEntry("token_type", "DPoP");
        assertThat(tokenOf(body)).containsEntry("cnf", Map.of("jkt",
                JwkThumbprint.of(dpopKey(API_A_AT_B).publicKey()).value()));
    }

    @Test
    @DisplayName("TAS-40, GEN-107, A-20: for a DPoP-required resource a request without proof is invalid_dpop_proof")
    void whenTheResourceRequiresDpopAndNoProofIsSentThenInvalidDpopProof() {
        StsFixture dpopOnly = StsFixture.create(spec -> spec.resourcesB = partnerWith(DpopRequirement.REQUIRED));
        String grant = aliceGrantForApiA(dpopOnly, "a-read");

        assertRejected(dpopOnly.redeem(API_A_AT_B, grant, PARTNER, "partner-read", false), 400, "invalid_dpop_proof",
                grant);
    }

    @Test
    @DisplayName("TAS-40, GEN-112: for a resource where DPoP is optional, no proof gives an unbound Bearer token")
    void whenDpopIsOptionalAndNoProofIsSentThenTheTokenIsBearer() {
        Map<String, Object> body = assertOk(redeem(sts, aliceGrantForApiA(sts, "a-read")));

        assertThat(body).containsEntry("token_type", "Bearer");
        assertThat(tokenOf(body)).doesNotContainKey("cnf");
    }

    @Test
    @DisplayName("TAS-41: no refresh_token is issued, even to a client registered at domain-b for the refresh grant")
    void whenTheGrantIsRedeemedThenNoRefreshTokenIsIssued() {
        StsFixture refreshCapable = StsFixture.create(spec -> {
            spec.clientsB.removeIf(c -> c.clientId().equals(API_A_AT_B));
            spec.clientsB.add(StsFixture.client(API_A_AT_B, Set.of(GrantType.JWT_BEARER, GrantType.REFRESH_TOKEN),
                    Optional.empty(), Set.of(PARTNER), Map.of()));
        });

        assertThat(assertOk(redeem(sts, aliceGrantForApiA(sts, "a-read")))).doesNotContainKey("refresh_token");
        assertThat(assertOk(redeem(refreshCapable, aliceGrantForApiA(refreshCapable, "a-read"))))
                .doesNotContainKey("refresh_token");
    }

    private static List<ResourcePolicy> partnerWith(DpopRequirement dpop) {
        return new ArrayList<>(List.of(new ResourcePolicy(PARTNER, Set.of(), Set.of("partner-read", "partner-write"),
                dpop, Set.of(), false, false, Optional.empty())));
    }
}
