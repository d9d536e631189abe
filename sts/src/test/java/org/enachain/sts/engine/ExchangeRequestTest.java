package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.ExchangeTestSupport.*;
import static org.enachain.sts.engine.StsFixture.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.enachain.sts.policy.GrantType;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * REQUIREMENTS 6.1 to 6.3: prerequisites (STS-01 to STS-05), tokens issued for later exchange
 * (STS-06 to STS-09) and the validation of the exchange request itself (STS-10 to STS-20).
 */
class ExchangeRequestTest {

    private static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

    private final StsFixture sts = StsFixture.create();

    /** An exchange at domain-a with exactly the given parameters besides client authentication. */
    private static EndpointResponse exchange(StsFixture sts, String clientId, String... namesAndValues) {
        return post(sts, clientId, false, namesAndValues);
    }

    private EndpointResponse exchange(String clientId, String... namesAndValues) {
        return exchange(sts, clientId, namesAndValues);
    }

    /** The app may also obtain tokens for API C (DPoP required, not exchange-capable). */
    private static void appMayUseApiC(StsFixture.Spec spec) {
        spec.replaceClientA(client(APP, Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN,
                GrantType.TOKEN_EXCHANGE), Optional.empty(), Set.of(API_A, API_B, API_C), Map.of(ISSUER_B, APP)));
    }

    // ---- 6.1 prerequisites ----------------------------------------------------------------------------

    @Test
    @DisplayName("STS-01, STS-15: an access token requested by a resource is issued under the intra-domain rules")
    void whenAccessTokenIsRequestedThenIntraDomainAccessTokenIsIssued() {
        EndpointResponse response = sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "b-read", false);
        Map<String, Object> body = ok(response);
        assertThat(body).containsEntry("issued_token_type", ACCESS_TOKEN_TYPE).containsEntry("token_type", "Bearer");
        String token = (String) body.get("access_token");
        assertThat(headerOf(token)).containsEntry("typ", "at+jwt");
        assertThat(claimsOf(token)).containsEntry("iss", ISSUER_A).containsEntry("client_id", API_A);
    }

    @Test
    @DisplayName("STS-01, STS-16: a JWT requested for the peer authorization server is issued under the cross-domain rules")
    void whenJwtIsRequestedThenCrossDomainGrantIsIssued() {
        EndpointResponse response = sts.grantFor(API_A, sts.aliceTokenForApiA(), "a-read");
        Map<String, Object> body = ok(response);
        assertThat(body).containsEntry("issued_token_type", JWT_TYPE).containsEntry("token_type", "N_A");
        String grant = (String) body.get("access_token");
        assertThat(headerOf(grant)).containsEntry("typ", "JWT");
        assertThat(claimsOf(grant)).containsEntry("iss", ISSUER_A).containsEntry("aud", ISSUER_B);
    }

    @Test
    @DisplayName("STS-02: a cross-domain exchange towards an issuer that is not a configured peer is invalid_target")
    void whenTargetIssuerIsNotConfiguredThenInvalidTarget() {
        String subject = sts.aliceTokenForApiA();
        EndpointResponse response = exchange(API_A, "grant_type", TOKEN_EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", JWT_TYPE,
                "audience", "https://sts.unknown-domain.test/domain-x", "scope", "a-read");
        assertRejected(response, 400, "invalid_target", subject);
    }

    @Test
    @DisplayName("STS-03: a grant names the requester by the identifier it is registered under at the target domain")
    void whenClientHasTargetDomainIdentifierThenGrantUsesIt() {
        Map<String, Object> grant = issuedClaims(sts.grantFor(API_A, sts.aliceTokenForApiA(), "a-read"));
        assertThat(grant).containsEntry("client_id", API_A_AT_B);
    }

    @Test
    @DisplayName("STS-03: a client registered at the target domain under the same identifier keeps it in the grant")
    void whenClientIsKnownByTheSameIdentifierThenGrantKeepsIt() {
        String own = (String) sts.login(API_A, "a-read", false).get("access_token");
        Map<String, Object> grant = issuedClaims(sts.grantFor(APP, own, "a-read"));
        assertThat(grant).containsEntry("client_id", APP);
    }

    @Test
    @DisplayName("STS-04: the grant is signed with a key of the STS's published JWK Set, which the target AS accepts")
    void whenGrantIsIssuedThenItVerifiesWithThePublishedKeyAndTheTargetRedeemsIt() throws Exception {
        String grant = accessToken(sts.grantFor(API_A, sts.aliceTokenForApiA(), "a-read"));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(grant);
        JsonWebKey key = new JsonWebKeySet(sts.a.jwksJson()).findJsonWebKey(jws.getKeyIdHeaderValue(), null, null, null);
        assertThat(key).as("the grant's kid names a published key").isNotNull();
        jws.setKey(key.getKey());
        assertThat(jws.verifySignature()).isTrue();
        ok(sts.redeem(API_A_AT_B, grant, PARTNER, "partner-read", false));
    }

    @Test
    @DisplayName("STS-05, STS-40: resource-owner mode refuses a scope beyond the subject token even when the user is entitled")
    void whenResourceOwnerModeThenEntitledScopeBeyondSubjectTokenIsInvalidScope() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(sts.exchange(API_A, subject, API_B, "b-write", false), 400, "invalid_scope", subject);
    }

    @Test
    @DisplayName("STS-05, STS-43: non-owner mode issues a scope beyond the subject token that the user is entitled to")
    void whenNonOwnerModeThenEntitledScopeBeyondSubjectTokenIsIssued() {
        StsFixture nonOwner = StsFixture.create(spec -> spec.resourceOwnerMode = false);
        Map<String, Object> body = ok(nonOwner.exchange(API_A, nonOwner.aliceTokenForApiA(), API_B, "b-write", false));
        assertThat(body).containsEntry("scope", "b-write");
    }

    @Test
    @DisplayName("STS-05, STS-42: resource-owner mode refuses a grant scope beyond the subject token")
    void whenResourceOwnerModeThenGrantScopeBeyondSubjectTokenIsInvalidScope() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(sts.grantFor(API_A, subject, "b-write"), 400, "invalid_scope", subject);
    }

    @Test
    @DisplayName("STS-05, STS-43: non-owner mode puts an entitled scope beyond the subject token into the grant")
    void whenNonOwnerModeThenGrantCarriesEntitledScope() {
        StsFixture nonOwner = StsFixture.create(spec -> spec.resourceOwnerMode = false);
        Map<String, Object> grant = issuedClaims(nonOwner.grantFor(API_A, nonOwner.aliceTokenForApiA(), "b-write"));
        assertThat(grant).containsEntry("scope", "b-write");
    }

    @Test
    @DisplayName("STS-05, STS-42: resource-owner mode: a peer scope map adds no target scope whose source is not in the subject token")
    void whenOwnerModeAndPeerMapsScopesThenOnlySubjectScopesAreMapped() {
        StsFixture mapping = StsFixture.create(spec -> spec.peerScopeMap = Map.of("a-read", Set.of("partner-read"),
                "b-write", Set.of("partner-write")));
        String subject = mapping.aliceTokenForApiA();
        Map<String, Object> grant = issuedClaims(post(mapping, API_A, false, "grant_type", TOKEN_EXCHANGE,
                "subject_token", subject, "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", JWT_TYPE,
                "audience", ISSUER_B));
        assertThat(grant).containsEntry("scope", "partner-read");
        assertRejected(mapping.grantFor(API_A, subject, "a-read b-write"), 400, "invalid_scope", subject);
    }

    // ---- 6.2 tokens usable for exchange ----------------------------------------------------------------

    @Test
    @DisplayName("STS-06: a token for an exchange-capable resource also names the issuer in aud")
    void whenTokenIsForExchangeCapableResourceThenAudNamesTheIssuer() {
        Map<String, Object> claims = claimsOf(sts.aliceTokenForApiA());
        assertThat(claims.get("aud")).isEqualTo(List.of(API_A, ISSUER_A));
    }

    @Test
    @DisplayName("STS-06: a token for a resource that does not exchange tokens does not name the issuer")
    void whenTokenIsForResourceThatDoesNotExchangeThenAudLacksTheIssuer() {
        StsFixture fixture = StsFixture.create(ExchangeRequestTest::appMayUseApiC);
        Map<String, Object> claims = claimsOf((String) fixture.login(API_C, "c-read", true).get("access_token"));
        assertThat(claims.get("aud")).isEqualTo(API_C);
    }

    @Test
    @DisplayName("STS-06: with self-audience off, tokens for exchange-capable resources do not name the issuer")
    void whenSelfAudienceIsOffThenAudLacksTheIssuer() {
        StsFixture fixture = StsFixture.create(spec -> spec.selfAudience = false);
        assertThat(claimsOf(fixture.aliceTokenForApiA()).get("aud")).isEqualTo(API_A);
    }

    @Test
    @DisplayName("STS-07: a token requested for the issuer itself is exchange-only: its aud is exactly the issuer")
    void whenResourceIsTheIssuerThenAudIsExactlyTheIssuer() {
        Map<String, Object> body = sts.login(ISSUER_A, "a-read b-read", false);
        Map<String, Object> claims = claimsOf((String) body.get("access_token"));
        assertThat(claims.get("aud")).isEqualTo(ISSUER_A);
        assertThat(claims).containsEntry("client_id", APP).containsEntry("sub", ALICE_SUB);
    }

    @Test
    @DisplayName("STS-07, STS-27: the exchange-only token is usable as a subject token by the client it was issued to")
    void whenExchangeOnlyTokenIsExchangedByItsClientThenAccepted() {
        String exchangeOnly = (String) sts.login(ISSUER_A, "a-read b-read", false).get("access_token");
        Map<String, Object> claims = issuedClaims(sts.exchange(APP, exchangeOnly, API_B, "b-read", false));
        assertThat(claims).containsEntry("client_id", APP).containsEntry("sub", ALICE_SUB);
    }

    @Test
    @DisplayName("STS-08: with may_act switched on, an exchange-only token carries may_act.sub equal to its client_id")
    void whenMayActIsOnThenExchangeOnlyTokenCarriesMayActOfItsClient() {
        StsFixture fixture = StsFixture.create(spec -> spec.emitMayAct = true);
        Map<String, Object> claims = claimsOf((String) fixture.login(ISSUER_A, "a-read", false).get("access_token"));
        assertThat(claims).containsEntry("may_act", Map.of("sub", APP)).containsEntry("client_id", APP);
    }

    @Test
    @DisplayName("STS-08: may_act is off by default (A-03)")
    void whenMayActIsOffThenExchangeOnlyTokenHasNoMayAct() {
        Map<String, Object> claims = claimsOf((String) sts.login(ISSUER_A, "a-read", false).get("access_token"));
        assertThat(claims).doesNotContainKey("may_act");
    }

    @Test
    @DisplayName("STS-08: with may_act switched on, a token for a protected resource still has none (A-03)")
    void whenMayActIsOnThenTokenForResourceHasNoMayAct() {
        StsFixture fixture = StsFixture.create(spec -> spec.emitMayAct = true);
        assertThat(claimsOf(fixture.aliceTokenForApiA())).doesNotContainKey("may_act");
    }

    @Test
    @DisplayName("STS-09: the refresh token issued with an acceptable access token is accepted as subject token too")
    void whenAccessTokenIsAcceptedThenItsRefreshTokenIsAccepted() {
        Map<String, Object> login = sts.login(API_A, "a-read", false);
        EndpointResponse byAccessToken = sts.grantFor(APP, (String) login.get("access_token"), "a-read");
        EndpointResponse byRefreshToken = exchange(APP, "grant_type", TOKEN_EXCHANGE,
                "subject_token", (String) login.get("refresh_token"), "subject_token_type", REFRESH_TOKEN_TYPE,
                "requested_token_type", JWT_TYPE, "audience", ISSUER_B, "scope", "a-read");
        assertThat(issuedClaims(byAccessToken)).containsEntry("sub", ALICE_SUB).containsEntry("client_id", APP);
        assertThat(issuedClaims(byRefreshToken)).containsEntry("sub", ALICE_SUB).containsEntry("client_id", APP);
    }

    @Test
    @DisplayName("STS-09, STS-30: the refresh token issued with a token lacking the issuer in aud is refused like it")
    void whenAccessTokenIsRefusedThenItsRefreshTokenIsRefused() {
        StsFixture fixture = StsFixture.create(ExchangeRequestTest::appMayUseApiC);
        Map<String, Object> login = fixture.login(API_C, "c-read", true);
        String accessToken = (String) login.get("access_token");
        String refreshToken = (String) login.get("refresh_token");
        assertRejected(fixture.grantFor(APP, accessToken, "c-read"), 400, "invalid_request", accessToken);
        assertRejected(exchange(fixture, APP, "grant_type", TOKEN_EXCHANGE, "subject_token", refreshToken,
                "subject_token_type", REFRESH_TOKEN_TYPE, "requested_token_type", JWT_TYPE, "audience", ISSUER_B,
                "scope", "c-read"), 400, "invalid_request", refreshToken);
    }

    @Test
    @DisplayName("STS-09, STS-08: with may_act on, the refresh token of an exchange-only token is accepted for its client")
    void whenMayActIsOnThenRefreshTokenOfExchangeOnlyTokenIsAcceptedForItsClient() {
        StsFixture fixture = StsFixture.create(spec -> spec.emitMayAct = true);
        Map<String, Object> login = fixture.login(ISSUER_A, "a-read", false);
        ok(fixture.grantFor(APP, (String) login.get("access_token"), "a-read"));
        ok(exchange(fixture, APP, "grant_type", TOKEN_EXCHANGE, "subject_token", (String) login.get("refresh_token"),
                "subject_token_type", REFRESH_TOKEN_TYPE, "requested_token_type", JWT_TYPE, "audience", ISSUER_B,
                "scope", "a-read"));
    }

    @Test
    @DisplayName("STS-09, STS-07, STS-08: refreshing an exchange-only authorization gives again aud exactly the issuer and may_act")
    void whenExchangeOnlyAuthorizationIsRefreshedThenTokenKeepsItsExchangeOnlyShape() {
        StsFixture fixture = StsFixture.create(spec -> spec.emitMayAct = true);
        Map<String, Object> login = fixture.login(ISSUER_A, "a-read", false);
        Map<String, Object> refreshed = ok(fixture.token(fixture.a, APP, params("grant_type", "refresh_token",
                "refresh_token", (String) login.get("refresh_token"))));
        Map<String, Object> claims = claimsOf((String) refreshed.get("access_token"));
        assertThat(claims).containsEntry("aud", ISSUER_A).containsEntry("may_act", Map.of("sub", APP))
                .containsEntry("client_id", APP).containsEntry("sid", claimsOf((String) login.get("access_token")).get("sid"));
    }

    // ---- 6.3 request validation ------------------------------------------------------------------------

    @Test
    @DisplayName("STS-10: a request without subject_token is invalid_request")
    void whenSubjectTokenIsMissingThenInvalidRequest() {
        assertRejected(exchange(API_A, "grant_type", TOKEN_EXCHANGE, "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", ACCESS_TOKEN_TYPE, "resource", API_B, "scope", "b-read"), 400, "invalid_request");
    }

    @Test
    @DisplayName("STS-10: a request without subject_token_type is invalid_request")
    void whenSubjectTokenTypeIsMissingThenInvalidRequest() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, "grant_type", TOKEN_EXCHANGE, "subject_token", subject,
                "requested_token_type", ACCESS_TOKEN_TYPE, "resource", API_B, "scope", "b-read"),
                400, "invalid_request", subject);
    }

    @ParameterizedTest
    @ValueSource(strings = {ID_TOKEN_TYPE, JWT_TYPE, "urn:ietf:params:oauth:token-type:saml2", "access_token"})
    @DisplayName("STS-11: a subject_token_type other than the access or refresh token type is invalid_request")
    void whenSubjectTokenTypeIsNotAccessOrRefreshTokenThenInvalidRequest(String type) {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, "grant_type", TOKEN_EXCHANGE, "subject_token", subject,
                "subject_token_type", type, "requested_token_type", ACCESS_TOKEN_TYPE, "resource", API_B,
                "scope", "b-read"), 400, "invalid_request", subject);
    }

    @Test
    @DisplayName("STS-12: a refresh token declared as an access token is invalid_request")
    void whenRefreshTokenIsDeclaredAsAccessTokenThenInvalidRequest() {
        String refreshToken = (String) sts.login(API_A, "a-read", false).get("refresh_token");
        assertRejected(exchange(APP, "grant_type", TOKEN_EXCHANGE, "subject_token", refreshToken,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", JWT_TYPE, "audience", ISSUER_B,
                "scope", "a-read"), 400, "invalid_request", refreshToken);
    }

    @Test
    @DisplayName("STS-12: an access token declared as a refresh token is invalid_request")
    void whenAccessTokenIsDeclaredAsRefreshTokenThenInvalidRequest() {
        String accessToken = (String) sts.login(API_A, "a-read", false).get("access_token");
        assertRejected(exchange(APP, "grant_type", TOKEN_EXCHANGE, "subject_token", accessToken,
                "subject_token_type", REFRESH_TOKEN_TYPE, "requested_token_type", JWT_TYPE, "audience", ISSUER_B,
                "scope", "a-read"), 400, "invalid_request", accessToken);
    }

    @Test
    @DisplayName("STS-13: a request with both resource and audience is invalid_request")
    void whenResourceAndAudienceAreBothPresentThenInvalidRequest() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, "grant_type", TOKEN_EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", ACCESS_TOKEN_TYPE,
                "resource", API_B, "audience", API_B, "scope", "b-read"), 400, "invalid_request", subject);
    }

    @Test
    @DisplayName("STS-13: the same request with audience alone is accepted")
    void whenOnlyAudienceIsPresentThenAccepted() {
        Map<String, Object> claims = issuedClaims(exchange(API_A, "grant_type", TOKEN_EXCHANGE,
                "subject_token", sts.aliceTokenForApiA(), "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", ACCESS_TOKEN_TYPE, "audience", API_B, "scope", "b-read"));
        assertThat(claims.get("aud")).isEqualTo(List.of(API_B, API_B_ALIAS, ISSUER_A));
    }

    @Test
    @DisplayName("STS-14: a request with an actor_token is invalid_request (A-31)")
    void whenActorTokenIsPresentThenInvalidRequest() {
        String subject = sts.aliceTokenForApiA();
        String actor = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, "grant_type", TOKEN_EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE, "actor_token", actor, "actor_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", ACCESS_TOKEN_TYPE, "resource", API_B, "scope", "b-read"),
                400, "invalid_request", subject, actor);
    }

    @Test
    @DisplayName("STS-14: a request with an actor_token_type alone is invalid_request (A-31)")
    void whenActorTokenTypeIsPresentThenInvalidRequest() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, "grant_type", TOKEN_EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE, "actor_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", ACCESS_TOKEN_TYPE, "resource", API_B, "scope", "b-read"),
                400, "invalid_request", subject);
    }

    @Test
    @DisplayName("STS-17: without requested_token_type, a target equal to the peer issuer yields a grant")
    void whenTypeIsOmittedAndTargetIsPeerIssuerThenGrantIsIssued() {
        Map<String, Object> body = ok(exchange(API_A, "grant_type", TOKEN_EXCHANGE,
                "subject_token", sts.aliceTokenForApiA(), "subject_token_type", ACCESS_TOKEN_TYPE,
                "audience", ISSUER_B, "scope", "a-read"));
        assertThat(body).containsEntry("issued_token_type", JWT_TYPE);
        assertThat(claimsOf((String) body.get("access_token"))).containsEntry("aud", ISSUER_B);
    }

    @Test
    @DisplayName("STS-17: without requested_token_type, a registered resource as target yields an access token")
    void whenTypeIsOmittedAndTargetIsRegisteredResourceThenAccessTokenIsIssued() {
        Map<String, Object> body = ok(exchange(API_A, "grant_type", TOKEN_EXCHANGE,
                "subject_token", sts.aliceTokenForApiA(), "subject_token_type", ACCESS_TOKEN_TYPE,
                "resource", API_B, "scope", "b-read"));
        assertThat(body).containsEntry("issued_token_type", ACCESS_TOKEN_TYPE);
        assertThat(headerOf((String) body.get("access_token"))).containsEntry("typ", "at+jwt");
    }

    @Test
    @DisplayName("STS-18: without requested_token_type, an unknown target is invalid_request")
    void whenTypeIsOmittedAndTargetIsUnknownThenInvalidRequest() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, "grant_type", TOKEN_EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE, "audience", "https://unknown.domain-a.test",
                "scope", "b-read"), 400, "invalid_request", subject);
    }

    @Test
    @DisplayName("STS-18: without requested_token_type, a peer issuer together with a resource is invalid_request")
    void whenTypeIsOmittedAndTargetsAreMixedThenInvalidRequest() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, "grant_type", TOKEN_EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE, "audience", ISSUER_B, "audience", API_B,
                "scope", "b-read"), 400, "invalid_request", subject);
    }

    @Test
    @DisplayName("STS-18: without requested_token_type and without a target, the intent is unclear: invalid_request")
    void whenTypeAndTargetAreOmittedThenInvalidRequest() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, "grant_type", TOKEN_EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE, "scope", "b-read"), 400, "invalid_request", subject);
    }

    @ParameterizedTest
    @ValueSource(strings = {REFRESH_TOKEN_TYPE, ID_TOKEN_TYPE, "urn:ietf:params:oauth:token-type:saml2", "Bearer"})
    @DisplayName("STS-19: a requested_token_type other than the access token or JWT type is invalid_request")
    void whenRequestedTokenTypeIsOtherThenInvalidRequest(String type) {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, "grant_type", TOKEN_EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", type, "resource", API_B,
                "scope", "b-read"), 400, "invalid_request", subject);
    }

    @Test
    @DisplayName("STS-20: a client without token-exchange permission is unauthorized_client")
    void whenClientMayNotExchangeThenUnauthorizedClient() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(REPORTS, "grant_type", TOKEN_EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", ACCESS_TOKEN_TYPE,
                "resource", API_A, "scope", "a-read"), 400, "unauthorized_client", subject);
    }

    @Test
    @DisplayName("STS-20: a client without token-exchange permission is unauthorized_client for a grant too")
    void whenClientMayNotExchangeThenGrantIsUnauthorizedClient() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(REPORTS, "grant_type", TOKEN_EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", JWT_TYPE, "audience", ISSUER_B,
                "scope", "a-read"), 400, "unauthorized_client", subject);
    }
}
