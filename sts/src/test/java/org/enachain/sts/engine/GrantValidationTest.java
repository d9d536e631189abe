package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.CrossDomainSupport.*;
import static org.enachain.sts.engine.StsFixture.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.enachain.core.Reason;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.sts.policy.Lifetimes;
import org.enachain.sts.policy.TrustedIssuerPolicy;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The assertion (JWT grant) checks at domain-b (Chaining 3.4.2 step 2, RFC 7523 3, Profile 5.4.2):
 * TAS-08 to TAS-23. Each test crafts the grant domain-a would issue and changes one thing.
 */
class GrantValidationTest {

    /** A second originating domain that domain-b trusts in the TAS-10 variant. */
    private static final String ISSUER_X = BASE + "/domain-x";
    /** domain-x's key, published under the same kid as domain-a's default key. */
    private static final SigningKey X_ES256 = SigningKey.generateEs256().withKeyId(A_ES256.keyId());

    private final StsFixture sts = StsFixture.create();

    private EndpointResponse redeemCrafted(Map<String, Object> claims) {
        return redeem(sts, signGrant(claims));
    }

    /** The grant is refused with invalid_grant, and the description tells the reason (and leaks nothing). */
    private static void assertInvalidGrant(EndpointResponse response, String grant, String reason) {
        Map<String, Object> body = assertRejected(response, 400, "invalid_grant", grant);
        assertThat((String) body.get("error_description")).containsIgnoringCase(reason);
    }

    @Test
    @DisplayName("TAS-08, TAS-09, TAS-20: a crafted grant as domain-a issues it is accepted (the baseline of this class)")
    void whenTheCraftedGrantIsValidThenItIsRedeemed() {
        assertOk(redeemCrafted(grantClaims(sts)));
    }

    // ---- signature and issuer ------------------------------------------------------------------------

    @Test
    @DisplayName("TAS-08: an unsigned grant (alg none) is invalid_grant")
    void whenTheGrantIsUnsignedThenInvalidGrant() {
        String unsigned = base64url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + base64url(JsonUtil.toJson(grantClaims(sts))) + ".";

        assertInvalidGrant(redeem(sts, unsigned), unsigned, "alg");
    }

    @Test
    @DisplayName("TAS-08: a grant whose payload was changed after signing (another user) is invalid_grant")
    void whenTheGrantIsTamperedThenInvalidGrant() {
        Map<String, Object> claims = grantClaims(sts);
        String[] parts = signGrant(claims).split("\\.");
        claims.put("sub", BOB_SUB);
        String tampered = parts[0] + "." + base64url(JsonUtil.toJson(claims)) + "." + parts[2];

        assertInvalidGrant(redeem(sts, tampered), tampered, Reason.BAD_SIGNATURE.description());
    }

    @Test
    @DisplayName("TAS-08: a grant signed by an attacker's key under domain-a's kid is invalid_grant")
    void whenTheGrantIsSignedWithAnAttackerKeyThenInvalidGrant() {
        SigningKey attacker = SigningKey.generateEs256().withKeyId(A_ES256.keyId());
        String grant = sign(attacker, header("JWT", attacker.keyId()), grantClaims(sts));

        assertInvalidGrant(redeem(sts, grant), grant, Reason.BAD_SIGNATURE.description());
    }

    @Test
    @DisplayName("TAS-08, TAS-02: a grant signed with domain-a's second published key (RS256) is accepted")
    void whenTheGrantIsSignedWithAnotherKeyOfTheIssuerThenItIsRedeemed() {
        String grant = sign(A_RS256, header("JWT", A_RS256.keyId()), grantClaims(sts));

        assertOk(redeem(sts, grant));
    }

    @ParameterizedTest(name = "iss {0}")
    @ValueSource(strings = {ISSUER_X, ISSUER_A + "/", "https://STS.test/domain-a", "https://sts.test/Domain-A"})
    @DisplayName("TAS-09, TAS-02: a grant from an issuer domain-b does not trust (compared exactly) is invalid_grant")
    void whenTheIssuerIsNotTrustedThenInvalidGrant(String issuer) {
        Map<String, Object> claims = grantClaims(sts);
        claims.put("iss", issuer);
        String grant = signGrant(claims);

        assertInvalidGrant(redeem(sts, grant), grant, "issuer");
    }

    @Test
    @DisplayName("TAS-09: a grant without iss is invalid_grant")
    void whenTheIssuerIsMissingThenInvalidGrant() {
        Map<String, Object> claims = grantClaims(sts);
        claims.remove("iss");
        String grant = signGrant(claims);

        assertInvalidGrant(redeem(sts, grant), grant, "iss");
    }

    @Test
    @DisplayName("TAS-10: a grant naming domain-a as iss but signed with domain-x's key (trusted for domain-x) is invalid_grant")
    void whenTheGrantIsSignedWithAnotherTrustedIssuersKeyThenInvalidGrant() {
        Tenant tas = tasTrustingDomainAAndX();
        String grant = sign(X_ES256, header("JWT", X_ES256.keyId()), grantClaims(sts));

        assertInvalidGrant(redeemAt(sts, tas, API_A_AT_B, grant), grant, Reason.BAD_SIGNATURE.description());
    }

    @Test
    @DisplayName("TAS-10: the same key is accepted for the issuer it is configured for")
    void whenTheGrantIsSignedWithItsOwnIssuersKeyThenItIsRedeemed() {
        Tenant tas = tasTrustingDomainAAndX();
        Map<String, Object> claims = grantClaims(sts);
        claims.put("iss", ISSUER_X);

        assertOk(redeemAt(sts, tas, API_A_AT_B, sign(X_ES256, header("JWT", X_ES256.keyId()), claims)));
    }

    // ---- sub and aud ---------------------------------------------------------------------------------

    @Test
    @DisplayName("TAS-11: a grant without sub is invalid_grant")
    void whenSubIsMissingThenInvalidGrant() {
        Map<String, Object> claims = grantClaims(sts);
        claims.remove("sub");
        String grant = signGrant(claims);

        assertInvalidGrant(redeem(sts, grant), grant, "sub");
    }

    @ParameterizedTest(name = "aud {0}")
    @ValueSource(strings = {ISSUER_A, BASE + "/domain-c", ISSUER_B + "/token", PARTNER})
    @DisplayName("TAS-12: a grant whose aud does not name domain-b's issuer is invalid_grant")
    void whenAudNamesAnotherPartyThenInvalidGrant(String audience) {
        Map<String, Object> claims = grantClaims(sts);
        claims.put("aud", audience);
        String grant = signGrant(claims);

        assertInvalidGrant(redeem(sts, grant), grant, "aud");
    }

    @Test
    @DisplayName("TAS-12: a grant without aud is invalid_grant")
    void whenAudIsMissingThenInvalidGrant() {
        Map<String, Object> claims = grantClaims(sts);
        claims.remove("aud");
        String grant = signGrant(claims);

        assertInvalidGrant(redeem(sts, grant), grant, "aud");
    }

    @Test
    @DisplayName("TAS-13, A-09: aud [issuer, https://other] is invalid_grant")
    void whenAudHasAnotherValueBesidesTheIssuerThenInvalidGrant() {
        Map<String, Object> claims = grantClaims(sts);
        claims.put("aud", List.of(ISSUER_B, "https://other.test"));
        String grant = signGrant(claims);

        assertInvalidGrant(redeem(sts, grant), grant, "aud");
    }

    @Test
    @DisplayName("TAS-13, A-09: aud [issuer, own token endpoint] is accepted")
    void whenAudIsTheIssuerAndTheOwnTokenEndpointThenItIsRedeemed() {
        Map<String, Object> claims = grantClaims(sts);
        claims.put("aud", List.of(ISSUER_B, ISSUER_B + "/token"));

        assertOk(redeemCrafted(claims));
    }

    @Test
    @DisplayName("TAS-13: aud [issuer, another server's token endpoint] is invalid_grant")
    void whenAudHasAnotherServersTokenEndpointThenInvalidGrant() {
        Map<String, Object> claims = grantClaims(sts);
        claims.put("aud", List.of(ISSUER_B, ISSUER_A + "/token"));
        String grant = signGrant(claims);

        assertInvalidGrant(redeem(sts, grant), grant, "aud");
    }

    // ---- time ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("TAS-14: a grant past exp plus the 60 s leeway is invalid_grant")
    void whenTheGrantHasExpiredThenInvalidGrant() {
        String grant = signGrant(grantClaims(sts));
        sts.clock.advance(Duration.ofSeconds(120).plus(Lifetimes.DEFAULTS.leeway()));

        assertInvalidGrant(redeem(sts, grant), grant, Reason.EXPIRED.description());
    }

    @Test
    @DisplayName("TAS-14: a grant past exp but within the leeway is still accepted")
    void whenTheGrantExpiredWithinTheLeewayThenItIsRedeemed() {
        String grant = signGrant(grantClaims(sts));
        sts.clock.advance(Duration.ofSeconds(120).plus(Lifetimes.DEFAULTS.leeway()).minusSeconds(1));

        assertOk(redeem(sts, grant));
    }

    @Test
    @DisplayName("TAS-14: a grant without exp is invalid_grant")
    void whenExpIsMissingThenInvalidGrant() {
        Map<String, Object> claims = grantClaims(sts);
        claims.remove("exp");
        String grant = signGrant(claims);

        assertInvalidGrant(redeem(sts, grant), grant, "exp");
    }

    @Test
    @DisplayName("TAS-15, A-34: a grant valid for one hour is invalid_grant")
    void whenTheGrantLivesOneHourThenInvalidGrant() {
        String grant = signGrant(withLifetime(sts, grantClaims(sts), Duration.ofHours(1)));

        assertInvalidGrant(redeem(sts, grant), grant, "longer than");
    }

    @Test
    @DisplayName("TAS-15, A-34: a grant valid for the maximum 300 s is accepted")
    void whenTheGrantLivesThreeHundredSecondsThenItIsRedeemed() {
        assertOk(redeemCrafted(withLifetime(sts, grantClaims(sts), Lifetimes.MAX_GRANT_LIFETIME)));
    }

    @Test
    @DisplayName("TAS-16: a grant whose nbf is 10 minutes ahead is invalid_grant")
    void whenNbfIsInTheFutureThenInvalidGrant() {
        Map<String, Object> claims = grantClaims(sts);
        claims.put("nbf", sts.clock.instant().plus(Duration.ofMinutes(10)).getEpochSecond());
        String grant = signGrant(claims);

        assertInvalidGrant(redeem(sts, grant), grant, Reason.NOT_YET_VALID.description());
    }

    @Test
    @DisplayName("TAS-16: a grant whose nbf is within the leeway ahead is accepted")
    void whenNbfIsAheadWithinTheLeewayThenItIsRedeemed() {
        Map<String, Object> claims = grantClaims(sts);
        claims.put("nbf", sts.clock.instant().plus(Lifetimes.DEFAULTS.leeway()).getEpochSecond());

        assertOk(redeemCrafted(claims));
    }

    // ---- jti, replay, client_id ----------------------------------------------------------------------

    @Test
    @DisplayName("TAS-18: a grant without jti is invalid_grant")
    void whenJtiIsMissingThenInvalidGrant() {
        Map<String, Object> claims = grantClaims(sts);
        claims.remove("jti");
        String grant = signGrant(claims);

        assertInvalidGrant(redeem(sts, grant), grant, "jti");
    }

    @Test
    @DisplayName("TAS-19, A-36: the same grant presented twice is refused the second time")
    void whenTheGrantIsReplayedThenInvalidGrant() {
        String grant = signGrant(grantClaims(sts));
        assertOk(redeem(sts, grant));

        assertInvalidGrant(redeem(sts, grant), grant, "already been used");
    }

    @Test
    @DisplayName("TAS-19: a second grant of the same issuer with the same jti is refused even though it differs otherwise")
    void whenAnotherGrantReusesTheJtiThenInvalidGrant() {
        Map<String, Object> claims = grantClaims(sts);
        assertOk(redeemCrafted(claims));
        claims.put("sub", BOB_SUB);
        String grant = signGrant(claims);

        assertInvalidGrant(redeem(sts, grant), grant, "already been used");
    }

    @Test
    @DisplayName("TAS-19: a replay stays refused until the grant expires, and is refused as expired after that")
    void whenTheGrantIsReplayedLaterThenItIsStillRefused() {
        String grant = signGrant(grantClaims(sts));
        assertOk(redeem(sts, grant));
        sts.clock.advance(Duration.ofSeconds(170));
        assertInvalidGrant(redeem(sts, grant), grant, "already been used");

        sts.clock.advance(Duration.ofSeconds(20));

        assertInvalidGrant(redeem(sts, grant), grant, Reason.EXPIRED.description());
    }

    @Test
    @DisplayName("TAS-19, A-36: when the replay check cannot decide, the grant is refused with 503 server_error, never accepted")
    void whenTheReplayStoreIsUnavailableThenServerErrorAndNoToken() {
        Tenant tas = domainB(sts, List.of(trustedDomainA(sts)), unavailableFor(sts, "grant:"));
        String grant = signGrant(grantClaims(sts));

        assertRejected(redeemAt(sts, tas, API_A_AT_B, grant), 503, "server_error", grant);
    }

    @Test
    @DisplayName("TAS-20: a grant for api-a presented by the app (another registered client) is invalid_grant and stays usable")
    void whenAnotherClientPresentsTheGrantThenInvalidGrant() {
        String grant = aliceGrantForApiA(sts, "a-read");

        EndpointResponse response = sts.redeem(APP, grant, PARTNER, "partner-read", false);

        assertInvalidGrant(response, grant, "another client");
        assertOk(redeem(sts, grant));
    }

    @Test
    @DisplayName("TAS-20: a grant without client_id is invalid_grant")
    void whenClientIdIsMissingThenInvalidGrant() {
        Map<String, Object> claims = grantClaims(sts);
        claims.remove("client_id");
        String grant = signGrant(claims);

        assertInvalidGrant(redeem(sts, grant), grant, "client_id");
    }

    // ---- structure and type --------------------------------------------------------------------------

    @Test
    @DisplayName("TAS-21: a grant with an unknown crit header is invalid_grant")
    void whenTheGrantHasAnUnknownCriticalHeaderThenInvalidGrant() {
        Map<String, Object> header = header("JWT", A_ES256.keyId());
        header.put("crit", List.of("urn:example:unknown"));
        header.put("urn:example:unknown", true);
        String grant = sign(A_ES256, header, grantClaims(sts));

        assertInvalidGrant(redeem(sts, grant), grant, Reason.CRITICAL_HEADER.description());
    }

    @Test
    @DisplayName("TAS-21: a grant with a payload that is not base64url is invalid_grant")
    void whenTheGrantIsBadlyEncodedThenInvalidGrant() {
        String[] parts = signGrant(grantClaims(sts)).split("\\.");
        String broken = parts[0] + "." + parts[1].substring(0, 10) + "+/" + parts[1].substring(10) + "." + parts[2];

        assertRejected(redeem(sts, broken), 400, "invalid_grant", broken);
    }

    @Test
    @DisplayName("TAS-21: a grant whose payload is not a JSON object is invalid_grant")
    void whenThePayloadIsNotJsonThenInvalidGrant() {
        String[] parts = signGrant(grantClaims(sts)).split("\\.");
        String broken = parts[0] + "." + base64url("not json") + "." + parts[2];

        assertRejected(redeem(sts, broken), 400, "invalid_grant", broken);
    }

    @ParameterizedTest(name = "typ {0}")
    @ValueSource(strings = {"at+jwt", "dpop+jwt", "client-authentication+jwt", "application/at+jwt", "AT+JWT"})
    @DisplayName("TAS-22, A-32: a grant typed as another JWT kind is invalid_grant, every claim being right")
    void whenTheGrantIsTypedAsAnotherJwtKindThenInvalidGrant(String typ) {
        String grant = sign(A_ES256, header(typ, A_ES256.keyId()), grantClaims(sts));

        assertInvalidGrant(redeem(sts, grant), grant, "typ");
    }

    @Test
    @DisplayName("TAS-22: an access token of domain-a (typ at+jwt) presented as a grant is invalid_grant")
    void whenAnOriginatingAccessTokenIsPresentedThenInvalidGrant() {
        String accessToken = sts.aliceTokenForApiA();

        assertInvalidGrant(redeem(sts, accessToken), accessToken, "typ");
    }

    @ParameterizedTest(name = "typ {0}")
    @ValueSource(strings = {"JWT", "jwt", "application/jwt"})
    @DisplayName("TAS-22, A-32: a grant typed JWT is accepted")
    void whenTheGrantIsTypedJwtThenItIsRedeemed(String typ) {
        assertOk(redeem(sts, sign(A_ES256, header(typ, A_ES256.keyId()), grantClaims(sts))));
    }

    @Test
    @DisplayName("TAS-22, A-32: a grant without typ is accepted")
    void whenTheGrantHasNoTypThenItIsRedeemed() {
        assertOk(redeem(sts, sign(A_ES256, header(null, A_ES256.keyId()), grantClaims(sts))));
    }

    // ---- error codes (TAS-23) ------------------------------------------------------------------------

    @Test
    @DisplayName("TAS-23: a failed client authentication is 401 invalid_client even when the grant is bad too")
    void whenClientAuthenticationAndGrantFailThenInvalidClient() {
        Map<String, Object> claims = grantClaims(sts);
        claims.remove("sub");
        String grant = signGrant(claims);
        String assertion = sts.assertion(API_A_AT_B, ISSUER_B, "client-authentication+jwt", clientKey(APP),
                Duration.ofSeconds(60));

        EndpointResponse response = sts.token(sts.b, API_A_AT_B, params("grant_type", JWT_BEARER, "assertion", grant,
                "resource", PARTNER, "scope", "partner-read", "client_assertion", assertion));

        assertRejected(response, 401, "invalid_client", grant, assertion);
    }

    @Test
    @DisplayName("TAS-23: an authenticated client with a bad grant gets 400 invalid_grant, not invalid_client")
    void whenOnlyTheGrantFailsThenInvalidGrant() {
        Map<String, Object> claims = grantClaims(sts);
        claims.put("iss", ISSUER_X);
        String grant = signGrant(claims);

        EndpointResponse response = redeem(sts, grant);

        assertRejected(response, 400, "invalid_grant", grant);
        assertThat(response.headers()).doesNotContainKey("WWW-Authenticate");
    }

    /** domain-b trusting domain-a (its own keys) and domain-x (X_ES256, under the same kid as domain-a's key). */
    private Tenant tasTrustingDomainAAndX() {
        return domainB(sts, List.of(trustedDomainA(sts), new TrustedIssuerPolicy(ISSUER_X, StsFixture.jwksOf(X_ES256),
                sts.spec.tasScopeMap, Map.of(), Set.of())), new InMemoryReplayStore(1_000, sts.clock));
    }
}
