package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.ExchangeTestSupport.*;
import static org.enachain.sts.engine.StsFixture.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.enachain.core.jose.JwkThumbprint;
import org.enachain.core.jose.SigningKey;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * REQUIREMENTS 6.4: how the STS judges a subject token (Chaining 4.2.2; STS-21 to STS-34). Every
 * failure is 400 {@code invalid_request} (RFC 8693 2.2.2) whose description names neither the token
 * nor its user (GEN-77).
 */
class SubjectTokenTest {

    private final StsFixture sts = StsFixture.create();

    /** API A exchanges {@code subject} for API B with scope b-read (the valid request every test varies). */
    private static EndpointResponse exchangeForApiB(StsFixture sts, String requester, String subject) {
        return sts.exchange(requester, subject, API_B, "b-read", false);
    }

    private EndpointResponse exchangeForApiB(String subject) {
        return exchangeForApiB(sts, API_A, subject);
    }

    /** {@code clientId} asks for a grant for domain-b with a refresh token as subject token. */
    private static EndpointResponse grantByRefreshToken(StsFixture sts, String clientId, String refreshToken) {
        return sts.token(sts.a, clientId, params("grant_type", TOKEN_EXCHANGE, "subject_token", refreshToken,
                "subject_token_type", REFRESH_TOKEN_TYPE, "requested_token_type", JWT_TYPE, "audience", ISSUER_B,
                "scope", "a-read"));
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("STS-21, STS-22, STS-26, STS-29: a user token with client_id and sid, signed with the STS's key, is accepted (baseline of the crafted tokens)")
    void whenCraftedTokenIsValidThenAccepted() {
        Map<String, Object> claims = issuedClaims(exchangeForApiB(craftedAccessToken(userTokenClaims(sts))));
        assertThat(claims).containsEntry("sub", ALICE_SUB).containsEntry("client_id", API_A);
    }

    // ---- STS-21 signature -----------------------------------------------------------------------------

    @Test
    @DisplayName("STS-21: a subject token whose payload was tampered with is invalid_request")
    void whenPayloadIsTamperedThenInvalidRequest() {
        String[] parts = sts.aliceTokenForApiA().split("\\.");
        Map<String, Object> claims = new LinkedHashMap<>(claimsOf(String.join(".", parts)));
        claims.put("scope", "a-read b-read b-write c-read");
        String tampered = parts[0] + "." + base64Url(JsonUtil.toJson(claims)) + "." + parts[2];
        assertRejected(exchangeForApiB(tampered), 400, "invalid_request", tampered);
    }

    @Test
    @DisplayName("STS-21: a subject token signed with a key the STS does not have, under its key id, is invalid_request")
    void whenSignedWithUnknownKeyThenInvalidRequest() {
        SigningKey impostor = SigningKey.generateEs256().withKeyId(A_ES256.keyId());
        String token = impostor.sign("at+jwt", SigningKey.HeaderKey.KEY_ID, JsonUtil.toJson(userTokenClaims(sts)));
        assertRejected(exchangeForApiB(token), 400, "invalid_request", token);
    }

    @Test
    @DisplayName("STS-21: an unsigned subject token (alg none) is invalid_request")
    void whenAlgorithmIsNoneThenInvalidRequest() {
        String token = base64Url("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"a-es256\"}") + "."
                + base64Url(JsonUtil.toJson(userTokenClaims(sts))) + ".";
        assertRejected(exchangeForApiB(token), 400, "invalid_request", token);
    }

    // ---- STS-22 issuer --------------------------------------------------------------------------------

    @Test
    @DisplayName("STS-22: a subject token naming another issuer, even signed with the STS's key, is invalid_request")
    void whenIssuerIsForeignThenInvalidRequest() {
        Map<String, Object> claims = userTokenClaims(sts);
        claims.put("iss", ISSUER_B);
        String token = craftedAccessToken(claims);
        assertRejected(exchangeForApiB(token), 400, "invalid_request", token);
    }

    @Test
    @DisplayName("STS-22: an access token issued by the peer domain is invalid_request")
    void whenTokenWasIssuedByPeerDomainThenInvalidRequest() {
        String grant = accessToken(sts.grantFor(API_A, sts.aliceTokenForApiA(), "a-read"));
        String foreign = accessToken(sts.redeem(API_A_AT_B, grant, PARTNER, "partner-read", false));
        assertThat(claimsOf(foreign)).containsEntry("iss", ISSUER_B);
        assertRejected(exchangeForApiB(foreign), 400, "invalid_request", foreign);
    }

    // ---- STS-23 token kind ----------------------------------------------------------------------------

    @Test
    @DisplayName("STS-23: a JWT authorization grant the STS issued is not accepted as subject token")
    void whenGrantIsUsedAsSubjectThenInvalidRequest() {
        String grant = accessToken(sts.grantFor(API_A, sts.aliceTokenForApiA(), "a-read"));
        assertRejected(exchangeForApiB(grant), 400, "invalid_request", grant);
        assertRejected(sts.grantFor(API_A, grant, "a-read"), 400, "invalid_request", grant);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jwt", "dpop+jwt", "client-authentication+jwt", "id_token+jwt"})
    @DisplayName("STS-23: a JWT with user-token claims but another typ (ID token, proof, assertion) is invalid_request")
    void whenTypIsNotAtJwtThenInvalidRequest(String typ) {
        String token = signedByA(typ, userTokenClaims(sts));
        assertRejected(exchangeForApiB(token), 400, "invalid_request", token);
    }

    // ---- STS-24 expiry --------------------------------------------------------------------------------

    @Test
    @DisplayName("STS-24: an expired subject access token is invalid_request")
    void whenAccessTokenHasExpiredThenInvalidRequest() {
        String subject = sts.aliceTokenForApiA();
        sts.clock.advance(Duration.ofSeconds(300).plus(sts.spec.lifetimes.leeway()).plusSeconds(1));
        assertRejected(exchangeForApiB(subject), 400, "invalid_request", subject);
    }

    @Test
    @DisplayName("STS-24, STS-55: a subject token expired 30 s ago, within the clock leeway, is invalid_request (A-34)")
    void whenAccessTokenExpiredWithinLeewayThenInvalidRequest() {
        String subject = sts.aliceTokenForApiA();
        sts.clock.set(instant(claimsOf(subject).get("exp")).plusSeconds(30));
        assertRejected(exchangeForApiB(subject), 400, "invalid_request", subject);
    }

    @Test
    @DisplayName("STS-24: a subject token expired within the clock leeway gives no cross-domain grant either")
    void whenAccessTokenExpiredWithinLeewayThenNoGrant() {
        String subject = sts.aliceTokenForApiA();
        sts.clock.set(instant(claimsOf(subject).get("exp")).plusSeconds(30));
        assertRejected(sts.grantFor(API_A, subject, "a-read"), 400, "invalid_request", subject);
    }

    @Test
    @DisplayName("STS-24, STS-55: a subject token one second before its exp is accepted, the new token living that second")
    void whenAccessTokenHasOneSecondLeftThenAccepted() {
        String subject = sts.aliceTokenForApiA();
        long exp = seconds(claimsOf(subject).get("exp"));
        sts.clock.set(instant(exp).minusSeconds(1));
        EndpointResponse response = exchangeForApiB(subject);
        assertThat(ok(response)).containsEntry("expires_in", 1L);
        assertThat(issuedClaims(response)).containsEntry("exp", exp);
    }

    @Test
    @DisplayName("STS-24: an expired refresh token as subject is invalid_request")
    void whenRefreshTokenHasExpiredThenInvalidRequest() {
        String refreshToken = (String) sts.login(API_A, "a-read", false).get("refresh_token");
        sts.clock.advance(sts.spec.lifetimes.refreshToken().plusSeconds(1));
        assertRejected(grantByRefreshToken(sts, APP, refreshToken), 400, "invalid_request", refreshToken);
    }

    // ---- STS-25 revocation ----------------------------------------------------------------------------

    @Test
    @DisplayName("STS-25: once the app revokes its access token, the token is invalid_request as subject token")
    void whenAccessTokenIsRevokedThenInvalidRequest() {
        String subject = sts.aliceTokenForApiA();
        ok(exchangeForApiB(subject));
        revoke(sts, APP, subject);
        assertRejected(exchangeForApiB(subject), 400, "invalid_request", subject);
    }

    @Test
    @DisplayName("STS-25: revoking the refresh token invalidates the access token of the same authorization")
    void whenRefreshTokenIsRevokedThenItsAccessTokenIsInvalidRequest() {
        Map<String, Object> login = sts.login(API_A, "a-read b-read", false);
        String subject = (String) login.get("access_token");
        revoke(sts, APP, (String) login.get("refresh_token"));
        assertRejected(exchangeForApiB(subject), 400, "invalid_request", subject);
    }

    @Test
    @DisplayName("STS-25: a token exchanged from a revoked authorization cannot be exchanged again")
    void whenAuthorizationIsRevokedThenTokensExchangedFromItAreInvalidRequest() {
        String subject = sts.aliceTokenForApiA();
        String tokenForB = accessToken(sts.exchange(API_A, subject, API_B, "c-read", false));
        revoke(sts, APP, subject);
        assertRejected(sts.exchange(API_B, tokenForB, API_C, "c-read", true), 400, "invalid_request", tokenForB);
    }

    // ---- STS-26 to STS-28 client -----------------------------------------------------------------------

    @Test
    @DisplayName("STS-26: a subject token without client_id is invalid_request")
    void whenClientIdIsMissingThenInvalidRequest() {
        Map<String, Object> claims = userTokenClaims(sts);
        claims.remove("client_id");
        String token = craftedAccessToken(claims);
        assertRejected(exchangeForApiB(token), 400, "invalid_request", token);
    }

    @Test
    @DisplayName("STS-27: a client exchanging a token issued to itself is accepted without being in its aud")
    void whenClientPresentsItsOwnTokenThenAccepted() {
        String own = sts.aliceTokenForApiA();
        assertThat((List<Object>) claimsOf(own).get("aud")).doesNotContain(APP);
        assertThat(issuedClaims(exchangeForApiB(sts, APP, own))).containsEntry("client_id", APP);
    }

    @Test
    @DisplayName("STS-27: a client presenting a token issued to another client that does not name it in aud is invalid_request")
    void whenClientPresentsAnotherClientsTokenNotNamingItThenInvalidRequest() {
        String issuedToApiA = accessToken(sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "b-read", false));
        assertThat(claimsOf(issuedToApiA)).containsEntry("client_id", API_A);
        assertThat((List<Object>) claimsOf(issuedToApiA).get("aud")).doesNotContain(APP);
        assertRejected(exchangeForApiB(sts, APP, issuedToApiA), 400, "invalid_request", issuedToApiA);
    }

    @Test
    @DisplayName("STS-27: with the strict subject-client option, a resource exchanging a token it received is invalid_request")
    void whenStrictSubjectClientThenReceivedTokenIsInvalidRequest() {
        StsFixture strict = StsFixture.create(spec -> spec.strictSubjectClient = true);
        String subject = strict.aliceTokenForApiA();
        assertRejected(exchangeForApiB(strict, API_A, subject), 400, "invalid_request", subject);
    }

    @Test
    @DisplayName("STS-27: with the strict subject-client option, a client exchanging its own token is accepted")
    void whenStrictSubjectClientThenOwnTokenIsAccepted() {
        StsFixture strict = StsFixture.create(spec -> spec.strictSubjectClient = true);
        ok(exchangeForApiB(strict, APP, strict.aliceTokenForApiA()));
    }

    @Test
    @DisplayName("STS-28: a resource exchanging the token it received, whose aud names it, is accepted (A-02)")
    void whenResourceIsInAudOfReceivedTokenThenAccepted() {
        String subject = sts.aliceTokenForApiA();
        assertThat(claimsOf(subject)).containsEntry("client_id", APP);
        assertThat(issuedClaims(exchangeForApiB(subject))).containsEntry("client_id", API_A);
    }

    @Test
    @DisplayName("STS-28: another resource exchanging the same token, not in its aud, is invalid_request (A-02)")
    void whenResourceIsNotInAudOfReceivedTokenThenInvalidRequest() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(sts.exchange(API_B, subject, API_C, "c-read", true), 400, "invalid_request", subject);
    }

    // ---- STS-29 user -----------------------------------------------------------------------------------

    @Test
    @DisplayName("STS-29: a client-credentials-like token (sub equals client_id) is invalid_request (A-29)")
    void whenSubjectIsTheClientThenInvalidRequest() {
        Map<String, Object> claims = userTokenClaims(sts);
        claims.put("sub", APP);
        String token = craftedAccessToken(claims);
        assertRejected(exchangeForApiB(token), 400, "invalid_request", token);
    }

    @Test
    @DisplayName("STS-29: a token without the authorization (sid) every user token of the STS carries is invalid_request (A-29)")
    void whenTokenHasNoAuthorizationThenInvalidRequest() {
        Map<String, Object> claims = userTokenClaims(sts);
        claims.remove("sid");
        String token = craftedAccessToken(claims);
        assertRejected(exchangeForApiB(token), 400, "invalid_request", token);
    }

    // ---- STS-30 self-audience --------------------------------------------------------------------------

    @Test
    @DisplayName("STS-30: in self-audience mode a subject token whose aud lacks the issuer is invalid_request")
    void whenSelfAudienceAndAudLacksIssuerThenInvalidRequest() {
        Map<String, Object> claims = userTokenClaims(sts);
        claims.put("aud", List.of(API_A));
        String token = craftedAccessToken(claims);
        assertRejected(exchangeForApiB(token), 400, "invalid_request", token);
    }

    @Test
    @DisplayName("STS-30: with self-audience off the same token without the issuer in aud is accepted")
    void whenSelfAudienceIsOffThenAudWithoutIssuerIsAccepted() {
        StsFixture fixture = StsFixture.create(spec -> spec.selfAudience = false);
        Map<String, Object> claims = userTokenClaims(fixture);
        claims.put("aud", List.of(API_A));
        ok(exchangeForApiB(fixture, API_A, craftedAccessToken(claims)));
    }

    // ---- STS-31 may_act --------------------------------------------------------------------------------

    @Test
    @DisplayName("STS-31: a subject token whose may_act names another client is invalid_request")
    void whenMayActNamesAnotherClientThenInvalidRequest() {
        Map<String, Object> claims = userTokenClaims(sts);
        claims.put("may_act", Map.of("sub", APP));
        String token = craftedAccessToken(claims);
        assertRejected(exchangeForApiB(token), 400, "invalid_request", token);
    }

    @Test
    @DisplayName("STS-31: a subject token whose may_act names the requester is accepted")
    void whenMayActNamesTheRequesterThenAccepted() {
        Map<String, Object> claims = userTokenClaims(sts);
        claims.put("may_act", Map.of("sub", API_A));
        ok(exchangeForApiB(craftedAccessToken(claims)));
    }

    @Test
    @DisplayName("STS-31: a may_act that is not an object with sub is invalid_request")
    void whenMayActIsMalformedThenInvalidRequest() {
        Map<String, Object> claims = userTokenClaims(sts);
        claims.put("may_act", API_A);
        String token = craftedAccessToken(claims);
        assertRejected(exchangeForApiB(token), 400, "invalid_request", token);
    }

    @Test
    @DisplayName("STS-31, STS-08: the exchange-only token with may_act of the app is accepted for the app")
    void whenMayActOfExchangeOnlyTokenNamesItsClientThenAccepted() {
        StsFixture fixture = StsFixture.create(spec -> spec.emitMayAct = true);
        String exchangeOnly = (String) fixture.login(ISSUER_A, "a-read b-read", false).get("access_token");
        ok(exchangeForApiB(fixture, APP, exchangeOnly));
    }

    // ---- STS-32, STS-33 refresh tokens -----------------------------------------------------------------

    @Test
    @DisplayName("STS-32: the refresh token of a revoked authorization is invalid_request as subject token")
    void whenRefreshTokensAuthorizationIsRevokedThenInvalidRequest() {
        Map<String, Object> login = sts.login(API_A, "a-read", false);
        String refreshToken = (String) login.get("refresh_token");
        ok(grantByRefreshToken(sts, APP, refreshToken));
        revoke(sts, APP, (String) login.get("access_token"));
        assertRejected(grantByRefreshToken(sts, APP, refreshToken), 400, "invalid_request", refreshToken);
    }

    @Test
    @DisplayName("STS-32, STS-27: a refresh token presented by a client other than its own is invalid_request")
    void whenRefreshTokenIsPresentedByAnotherClientThenInvalidRequest() {
        String refreshToken = (String) sts.login(API_A, "a-read", false).get("refresh_token");
        assertRejected(grantByRefreshToken(sts, API_A, refreshToken), 400, "invalid_request", refreshToken);
    }

    @Test
    @DisplayName("STS-33: a refresh token as subject of an intra-domain exchange is invalid_request (A-30)")
    void whenRefreshTokenIsUsedForIntraDomainExchangeThenInvalidRequest() {
        String refreshToken = (String) sts.login(API_A, "a-read b-read", false).get("refresh_token");
        assertRejected(sts.token(sts.a, APP, params("grant_type", TOKEN_EXCHANGE, "subject_token", refreshToken,
                "subject_token_type", REFRESH_TOKEN_TYPE, "requested_token_type", ACCESS_TOKEN_TYPE,
                "resource", API_B, "scope", "b-read")), 400, "invalid_request", refreshToken);
    }

    @Test
    @DisplayName("STS-33: a refresh token with an inferred intra-domain exchange (resource target, no type) is invalid_request")
    void whenRefreshTokenIsUsedForInferredIntraDomainExchangeThenInvalidRequest() {
        String refreshToken = (String) sts.login(API_A, "a-read b-read", false).get("refresh_token");
        assertRejected(sts.token(sts.a, APP, params("grant_type", TOKEN_EXCHANGE, "subject_token", refreshToken,
                "subject_token_type", REFRESH_TOKEN_TYPE, "resource", API_B, "scope", "b-read")),
                400, "invalid_request", refreshToken);
    }

    // ---- STS-34 DPoP-bound subject --------------------------------------------------------------------

    @Test
    @DisplayName("STS-34: a DPoP-bound app token exchanged by api-a with its own proof yields a token bound to api-a's key (A-24)")
    void whenDpopBoundSubjectIsExchangedWithRequesterProofThenNewTokenIsBoundToRequesterKey() {
        Map<String, Object> login = sts.login(API_A, "a-read b-read", true);
        String subject = (String) login.get("access_token");
        assertThat(login).containsEntry("token_type", "DPoP");
        assertThat(claimsOf(subject)).containsEntry("cnf", Map.of("jkt", JwkThumbprint.of(dpopKey(APP).publicKey()).value()));

        EndpointResponse response = sts.exchange(API_A, subject, API_B, "b-read", true);
        assertThat(ok(response)).containsEntry("token_type", "DPoP");
        assertThat(issuedClaims(response))
                .containsEntry("cnf", Map.of("jkt", JwkThumbprint.of(dpopKey(API_A).publicKey()).value()));
    }
}
