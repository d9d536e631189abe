package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;
import static org.enachain.sts.engine.TokenEndpointChecks.assertError;
import static org.enachain.sts.engine.UserGrantSupport.*;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.enachain.sts.policy.GrantType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The refresh token grant (RFC 6749 6) with rotation: every use gives a new refresh token and spends
 * the old one, only the client the token was issued to may use it, scopes may narrow but never widen,
 * and a revoked authorization refreshes no more (STS-25). The refresh grant is not catalogued
 * (REQUIREMENTS 9) apart from its revocation, so these tests cite the RFC sections.
 */
class RefreshTokenGrantTest {

    /** A second client of the code flow that may refresh its own tokens. */
    private static final String OTHER_APP = "https://other-app.domain-a.test";

    private final StsFixture sts = StsFixture.create(spec -> spec.clientsA.add(client(OTHER_APP,
            Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), Optional.empty(), Set.of(API_A), Map.of())));

    /** Alice's login at the app for API A with scope a-read b-read. */
    private Map<String, Object> login() {
        return sts.login(API_A, "a-read b-read", false);
    }

    private static Map<String, Object> ok(EndpointResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.jsonBody();
    }

    private static String refreshTokenOf(Map<String, Object> body) {
        assertThat(body.get("refresh_token")).as("refresh_token").isInstanceOf(String.class);
        return (String) body.get("refresh_token");
    }

    // ---- rotation ------------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6749 6: a refresh gives a new access token of the same authorization and a new refresh token")
    void whenRefreshedThenNewTokensOfTheSameAuthorizationAreIssued() {
        Map<String, Object> login = login();
        String refreshToken = refreshTokenOf(login);

        Map<String, Object> body = ok(refresh(sts, APP, refreshToken, null));

        assertThat(refreshTokenOf(body)).isNotEqualTo(refreshToken);
        assertThat(body).containsEntry("scope", "a-read b-read").containsEntry("token_type", "Bearer");
        Map<String, Object> before = claimsOf((String) login.get("access_token"));
        Map<String, Object> after = claimsOf((String) body.get("access_token"));
        assertThat(after).containsEntry("sub", ALICE_SUB).containsEntry("client_id", APP)
                .containsEntry("sid", before.get("sid")).containsEntry("aud", before.get("aud"))
                .containsEntry("scope", "a-read b-read");
        assertThat(after.get("jti")).isNotEqualTo(before.get("jti"));
    }

    @Test
    @DisplayName("RFC 6749 6, 10.4: after rotation the old refresh token is invalid_grant and the new one works")
    void whenTheOldRefreshTokenIsUsedAfterRotationThenInvalidGrant() {
        String old = refreshTokenOf(login());
        String rotated = refreshTokenOf(ok(refresh(sts, APP, old, null)));

        assertError(refresh(sts, APP, old, null), 400, "invalid_grant", old);

        assertThat(refreshTokenOf(ok(refresh(sts, APP, rotated, null)))).isNotEqualTo(rotated).isNotEqualTo(old);
    }

    @Test
    @DisplayName("RFC 6749 6: rotation does not extend the authorization: the rotated token expires when the first one would have")
    void whenRotatedThenTheNewRefreshTokenKeepsTheOriginalExpiry() {
        String first = refreshTokenOf(login());
        sts.clock.advance(Duration.ofHours(4));
        String rotated = refreshTokenOf(ok(refresh(sts, APP, first, null)));
        sts.clock.advance(sts.spec.lifetimes.refreshToken().minus(Duration.ofHours(4)).minusSeconds(1));
        String last = refreshTokenOf(ok(refresh(sts, APP, rotated, null)));

        sts.clock.advance(Duration.ofSeconds(1));

        assertError(refresh(sts, APP, last, null), 400, "invalid_grant", last);
    }

    // ---- client binding ------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6749 6: a refresh token presented by another client that may refresh is invalid_grant; the app's own use still works")
    void whenAnotherClientPresentsTheRefreshTokenThenInvalidGrant() {
        String refreshToken = refreshTokenOf(login());

        assertError(refresh(sts, OTHER_APP, refreshToken, null), 400, "invalid_grant", refreshToken);

        assertThat(ok(refresh(sts, APP, refreshToken, null))).containsKey("access_token");
    }

    @Test
    @DisplayName("RFC 6749 6: a client not registered for the refresh grant (reports) gets no refresh token at login")
    void whenTheClientMayNotRefreshThenNoRefreshTokenIsIssued() {
        assertThat(sts.login("alice", ALICE_PASSWORD, REPORTS, API_A, "a-read", false)).containsKey("access_token")
                .doesNotContainKey("refresh_token");
        assertThat(login()).containsKey("refresh_token");
    }

    // ---- scope ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6749 6: a refresh may narrow the scope; the rotated token keeps the scope originally granted")
    void whenTheRefreshNarrowsTheScopeThenTheTokenHasTheNarrowerScope() {
        String refreshToken = refreshTokenOf(login());

        Map<String, Object> narrowed = ok(refresh(sts, APP, refreshToken, "a-read"));

        assertThat(narrowed).containsEntry("scope", "a-read");
        assertThat(claimsOf((String) narrowed.get("access_token"))).containsEntry("scope", "a-read");
        Map<String, Object> again = ok(refresh(sts, APP, refreshTokenOf(narrowed), null));
        assertThat(again).containsEntry("scope", "a-read b-read");
    }

    @Test
    @DisplayName("RFC 6749 6: a refresh asking for a scope not originally granted is invalid_scope, and the refresh token stays usable")
    void whenTheRefreshWidensTheScopeThenInvalidScope() {
        String refreshToken = refreshTokenOf(login());

        assertError(refresh(sts, APP, refreshToken, "a-read a-write"), 400, "invalid_scope", refreshToken);

        assertThat(ok(refresh(sts, APP, refreshToken, "a-read b-read"))).containsEntry("scope", "a-read b-read");
    }

    @Test
    @DisplayName("GEN-107: a refresh for a DPoP-required resource without a proof is invalid_dpop_proof, and the refresh token stays usable")
    void whenTheResourceRequiresDpopAndTheRefreshHasNoProofThenInvalidDpopProof() {
        StsFixture fixture = StsFixture.create(spec -> spec.replaceClientA(client(APP, Set.of(GrantType.AUTHORIZATION_CODE,
                GrantType.REFRESH_TOKEN), Optional.empty(), Set.of(API_A, API_C), Map.of())));
        String refreshToken = refreshTokenOf(fixture.login(API_C, "c-read", true));

        assertError(refresh(fixture, APP, refreshToken, null), 400, "invalid_dpop_proof", refreshToken);

        Map<String, Object> bound = ok(fixture.token(fixture.a, APP, params("grant_type", "refresh_token",
                "refresh_token", refreshToken), true));
        assertThat(bound).containsEntry("token_type", "DPoP");
    }

    // ---- revocation and validity ---------------------------------------------------------------------

    @Test
    @DisplayName("STS-25: the refresh token of an authorization revoked through its access token is invalid_grant")
    void whenTheAuthorizationIsRevokedThenTheRefreshTokenIsInvalidGrant() {
        Map<String, Object> rotated = ok(refresh(sts, APP, refreshTokenOf(login()), null));
        String refreshToken = refreshTokenOf(rotated);
        assertThat(revocation(sts, APP, (String) rotated.get("access_token")).status()).isEqualTo(200);

        assertError(refresh(sts, APP, refreshToken, null), 400, "invalid_grant", refreshToken);
    }

    @Test
    @DisplayName("RFC 6749 6: a refresh token past its lifetime is invalid_grant")
    void whenTheRefreshTokenHasExpiredThenInvalidGrant() {
        String refreshToken = refreshTokenOf(login());
        sts.clock.advance(sts.spec.lifetimes.refreshToken());

        assertError(refresh(sts, APP, refreshToken, null), 400, "invalid_grant", refreshToken);
    }

    @Test
    @DisplayName("RFC 6749 6: a refresh token the server never issued is invalid_grant")
    void whenTheRefreshTokenIsUnknownThenInvalidGrant() {
        String forged = "Zm9yZ2VkLXJlZnJlc2gtdG9rZW4tbmV2ZXItaXNzdWVkLXg";

        assertError(refresh(sts, APP, forged, null), 400, "invalid_grant", forged);
    }

    @Test
    @DisplayName("RFC 6749 6, 5.2: a refresh request without refresh_token is invalid_request")
    void whenTheRefreshTokenIsMissingThenInvalidRequest() {
        assertError(refresh(sts, APP, null, null), 400, "invalid_request");
    }
}
