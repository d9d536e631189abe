package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;
import static org.enachain.sts.engine.TokenEndpointChecks.assertError;
import static org.enachain.sts.engine.UserGrantSupport.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.GrantType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The authorization code grant at the token endpoint (RFC 6749 4.1.3) with PKCE S256 (RFC 7636 4.6):
 * a code is redeemed once, by the client it was issued to, with the redirect URI of its request and
 * the verifier of its challenge, within its lifetime. The base profile's code flow is not catalogued
 * (REQUIREMENTS 9), so these tests cite the RFC sections; every error is checked for the RFC 6749 5.2
 * shape and a description that holds neither the code nor the verifier (GEN-77).
 */
class AuthorizationCodeGrantTest {

    /** A redirect URI the app did not register. */
    private static final String OTHER_REDIRECT = APP + "/other-callback";
    /** A well-formed verifier (43 to 128 unreserved characters) that is not the one of the challenge. */
    private static final String WRONG_VERIFIER = "x".repeat(43);

    private final StsFixture sts = StsFixture.create();

    private String aliceCode() {
        return code(sts, authorizationRequest());
    }

    @Test
    @DisplayName("RFC 6749 4.1.3, RFC 7636 4.6: the code with its redirect_uri and verifier gives the user's tokens and a refresh token")
    void whenTheCodeIsRedeemedWithItsVerifierThenTokensAreIssued() {
        EndpointResponse response = redeemCode(sts, APP, aliceCode(), REDIRECT, VERIFIER);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, Object> body = response.jsonBody();
        assertThat(body).containsEntry("token_type", "Bearer").containsEntry("scope", "a-read b-read")
                .containsKey("refresh_token");
        assertThat(claimsOf((String) body.get("access_token"))).containsEntry("sub", ALICE_SUB)
                .containsEntry("client_id", APP).containsEntry("aud", List.of(API_A, ISSUER_A))
                .containsEntry("scope", "a-read b-read");
    }

    // ---- PKCE ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 7636 4.6: a well-formed code_verifier that does not match the code_challenge is invalid_grant")
    void whenTheVerifierDoesNotMatchTheChallengeThenInvalidGrant() {
        String code = aliceCode();

        assertError(redeemCode(sts, APP, code, REDIRECT, WRONG_VERIFIER), 400, "invalid_grant", code, WRONG_VERIFIER);
    }

    @Test
    @DisplayName("RFC 7636 4.6, 7.2: the code_challenge itself sent as verifier (the plain method) is invalid_grant")
    void whenTheChallengeIsSentAsTheVerifierThenInvalidGrant() {
        String code = aliceCode();

        assertError(redeemCode(sts, APP, code, REDIRECT, CHALLENGE), 400, "invalid_grant", code, CHALLENGE);
    }

    @Test
    @DisplayName("RFC 7636 4.1, 4.6: a code_verifier shorter than 43 characters is invalid_grant")
    void whenTheVerifierIsTooShortThenInvalidGrant() {
        String code = aliceCode();
        String shortVerifier = VERIFIER.substring(0, 42);

        assertError(redeemCode(sts, APP, code, REDIRECT, shortVerifier), 400, "invalid_grant", code, shortVerifier);
    }

    @Test
    @DisplayName("RFC 7636 4.5, RFC 6749 5.2: a code redemption without code_verifier is invalid_request")
    void whenTheVerifierIsMissingThenInvalidRequest() {
        String code = aliceCode();

        assertError(redeemCode(sts, APP, code, REDIRECT, null), 400, "invalid_request", code);
    }

    // ---- one use, one client, one redirect URI ------------------------------------------------------

    @Test
    @DisplayName("RFC 6749 4.1.2, 10.5: a code redeemed a second time is invalid_grant")
    void whenTheCodeIsRedeemedTwiceThenTheSecondIsInvalidGrant() {
        String code = aliceCode();
        EndpointResponse first = redeemCode(sts, APP, code, REDIRECT, VERIFIER);
        assertThat(first.status()).as(first.body()).isEqualTo(200);

        assertError(redeemCode(sts, APP, code, REDIRECT, VERIFIER), 400, "invalid_grant", code, VERIFIER);
    }

    @Test
    @DisplayName("RFC 6749 4.1.3: a code the app obtained, redeemed by another client of the code flow, is invalid_grant")
    void whenAnotherClientRedeemsTheCodeThenInvalidGrant() {
        assertThat(sts.spec.clientsA).anyMatch(c -> c.clientId().equals(REPORTS)
                && c.mayUse(GrantType.AUTHORIZATION_CODE) && c.redirectUris().contains(REDIRECT));
        String code = aliceCode();

        assertError(redeemCode(sts, REPORTS, code, REDIRECT, VERIFIER), 400, "invalid_grant", code, VERIFIER);
    }

    @Test
    @DisplayName("RFC 6749 4.1.3: a redirect_uri at the token endpoint other than the authorization request's is invalid_grant")
    void whenTheRedirectUriDiffersThenInvalidGrant() {
        StsFixture twoRedirects = StsFixture.create(spec -> spec.replaceClientA(new ClientPolicy(
                APP, jwksOf(clientKey(APP)), Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN,
                GrantType.TOKEN_EXCHANGE), List.of(REDIRECT, OTHER_REDIRECT), Optional.empty(),
                Set.of(API_A, API_B), Set.of(), Map.of(ISSUER_B, APP), false, false)));
        String code = code(twoRedirects, authorizationRequest());

        assertError(redeemCode(twoRedirects, APP, code, OTHER_REDIRECT, VERIFIER), 400, "invalid_grant", code, VERIFIER);
    }

    @Test
    @DisplayName("RFC 6749 4.1.3: a code redemption without redirect_uri is invalid_request")
    void whenTheRedirectUriIsMissingThenInvalidRequest() {
        String code = aliceCode();

        assertError(redeemCode(sts, APP, code, null, VERIFIER), 400, "invalid_request", code, VERIFIER);
    }

    @Test
    @DisplayName("RFC 6749 4.1.3: a code the server never issued is invalid_grant")
    void whenTheCodeIsUnknownThenInvalidGrant() {
        String forged = "Zm9yZ2VkLWNvZGUtdGhhdC13YXMtbmV2ZXItaXNzdWVk";

        assertError(redeemCode(sts, APP, forged, REDIRECT, VERIFIER), 400, "invalid_grant", forged, VERIFIER);
    }

    // ---- lifetime ------------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6749 4.1.2: a code redeemed one second before its 60 s lifetime ends is accepted")
    void whenTheCodeIsRedeemedWithinItsLifetimeThenTokensAreIssued() {
        assertThat(sts.spec.lifetimes.authorizationCode()).isEqualTo(Duration.ofSeconds(60));
        String code = aliceCode();
        sts.clock.advance(Duration.ofSeconds(59));

        EndpointResponse response = redeemCode(sts, APP, code, REDIRECT, VERIFIER);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("RFC 6749 4.1.2: a code redeemed after its 60 s lifetime is invalid_grant")
    void whenTheCodeHasExpiredThenInvalidGrant() {
        String code = aliceCode();
        sts.clock.advance(Duration.ofSeconds(61));

        assertError(redeemCode(sts, APP, code, REDIRECT, VERIFIER), 400, "invalid_grant", code, VERIFIER);
    }
}
