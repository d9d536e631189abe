package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;
import static org.enachain.sts.engine.TokenEndpointChecks.assertError;
import static org.enachain.sts.engine.UserGrantSupport.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.enachain.core.jose.SigningKey;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /revoke} (RFC 7009). The app revoking its refresh or access token ends the user's
 * authorization: no token of it is exchanged or refreshed any more (STS-25). A resource revoking a
 * token it obtained by exchange revokes that token only, never the user's session at the app. Tokens
 * the client does not own, or the server does not know, get 200 and nothing happens (RFC 7009 2.2;
 * for another client's token the engine answers 200 rather than the error RFC 7009 2.1 describes, so
 * the endpoint does not tell whether a token exists, as {@link Revocation} decides); the client
 * authenticates as at the token endpoint (RFC 7009 2.1). Revocation is not catalogued (REQUIREMENTS 9) apart from its
 * effect on subject tokens (STS-25).
 */
class RevocationTest {

    private final StsFixture sts = StsFixture.create();

    /** Alice's login at the app for API A (a-read b-read c-read), with its refresh token. */
    private Map<String, Object> login() {
        return sts.login(API_A, "a-read b-read c-read", false);
    }

    private static String accessTokenOf(Map<String, Object> body) {
        return (String) body.get("access_token");
    }

    private static String refreshTokenOf(Map<String, Object> body) {
        return (String) body.get("refresh_token");
    }

    private static Map<String, Object> ok(EndpointResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.jsonBody();
    }

    /** A revocation answered as RFC 7009 2.2 says: 200, an empty JSON object, not cached. */
    private static void assertRevocationAccepted(EndpointResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.jsonBody()).isEmpty();
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
    }

    /** API A exchanges the app's token for API B. */
    private EndpointResponse apiAExchanges(String appToken) {
        return sts.exchange(API_A, appToken, API_B, "b-read c-read", false);
    }

    /** API B exchanges the token it received from API A for API C. */
    private EndpointResponse apiBExchanges(String tokenForB) {
        return sts.exchange(API_B, tokenForB, API_C, "c-read", true);
    }

    // ---- the app ends the authorization --------------------------------------------------------------

    @Test
    @DisplayName("STS-25: the app revoking its refresh token revokes the authorization: its access token is no longer exchanged, nor the refresh token used")
    void whenTheAppRevokesItsRefreshTokenThenTheAuthorizationIsRevoked() {
        Map<String, Object> login = login();
        String accessToken = accessTokenOf(login);
        String refreshToken = refreshTokenOf(login);
        ok(apiAExchanges(accessToken));

        assertRevocationAccepted(revocation(sts, APP, refreshToken));

        assertError(apiAExchanges(accessToken), 400, "invalid_request", accessToken);
        assertError(refresh(sts, APP, refreshToken, null), 400, "invalid_grant", refreshToken);
    }

    @Test
    @DisplayName("STS-25: the app revoking its access token revokes the authorization: the token is no longer exchanged and the refresh token is invalid_grant")
    void whenTheAppRevokesItsAccessTokenThenTheAuthorizationIsRevoked() {
        Map<String, Object> login = login();
        String accessToken = accessTokenOf(login);
        String refreshToken = refreshTokenOf(login);
        ok(apiAExchanges(accessToken));

        assertRevocationAccepted(revocation(sts, APP, accessToken));

        assertError(apiAExchanges(accessToken), 400, "invalid_request", accessToken);
        assertError(refresh(sts, APP, refreshToken, null), 400, "invalid_grant", refreshToken);
    }

    @Test
    @DisplayName("STS-25: once the app revokes its authorization, a token API A exchanged from it is refused to API B as well")
    void whenTheAppRevokesThenTokensExchangedFromTheAuthorizationAreRefused() {
        Map<String, Object> login = login();
        String tokenForB = ExchangeTestSupport.accessToken(apiAExchanges(accessTokenOf(login)));

        assertRevocationAccepted(revocation(sts, APP, refreshTokenOf(login)));

        assertError(apiBExchanges(tokenForB), 400, "invalid_request", tokenForB);
    }

    @Test
    @DisplayName("STS-25, RFC 7009 2.1: a wrong token_type_hint does not stop the revocation")
    void whenTheHintIsWrongThenTheTokenIsRevokedAnyway() {
        Map<String, Object> login = login();
        String accessToken = accessTokenOf(login);

        assertRevocationAccepted(sts.a.revoke(EndpointRequest.formPost(form(params("token", accessToken,
                "token_type_hint", "refresh_token", "client_id", APP, "client_assertion_type", ASSERTION_TYPE,
                "client_assertion", sts.assertion(APP, sts.a))))));

        assertError(apiAExchanges(accessToken), 400, "invalid_request", accessToken);
    }

    // ---- a resource revokes only its own token -------------------------------------------------------

    @Test
    @DisplayName("STS-25: API A revoking the token it exchanged makes only that token unusable as subject; the app's token and refresh still work")
    void whenApiARevokesItsExchangedTokenThenOnlyThatTokenIsRevoked() {
        Map<String, Object> login = login();
        String appToken = accessTokenOf(login);
        String tokenForB = ExchangeTestSupport.accessToken(apiAExchanges(appToken));
        String otherTokenForB = ExchangeTestSupport.accessToken(apiAExchanges(appToken));
        ok(apiBExchanges(tokenForB));

        assertRevocationAccepted(revocation(sts, API_A, tokenForB));

        assertError(apiBExchanges(tokenForB), 400, "invalid_request", tokenForB);
        ok(apiBExchanges(otherTokenForB));
        ok(apiAExchanges(appToken));
        ok(refresh(sts, APP, refreshTokenOf(login), null));
    }

    @Test
    @DisplayName("RFC 7009 2.1, 2.2: API A revoking the app's access token (issued to the app) is 200 and revokes nothing: a resource cannot end the user's session")
    void whenApiARevokesTheAppsTokenThenNothingIsRevoked() {
        Map<String, Object> login = login();
        String appToken = accessTokenOf(login);

        assertRevocationAccepted(revocation(sts, API_A, appToken));

        ok(apiAExchanges(appToken));
        ok(refresh(sts, APP, refreshTokenOf(login), null));
    }

    @Test
    @DisplayName("RFC 7009 2.1, 2.2: API A revoking the app's refresh token is 200 and revokes nothing")
    void whenApiARevokesTheAppsRefreshTokenThenNothingIsRevoked() {
        Map<String, Object> login = login();

        assertRevocationAccepted(revocation(sts, API_A, refreshTokenOf(login)));

        ok(apiAExchanges(accessTokenOf(login)));
        ok(refresh(sts, APP, refreshTokenOf(login), null));
    }

    @Test
    @DisplayName("RFC 7009 2.1, 2.2: API B revoking the token it received from API A (client_id API A) is 200 and revokes nothing")
    void whenApiBRevokesATokenIssuedToApiAThenNothingIsRevoked() {
        String tokenForB = ExchangeTestSupport.accessToken(apiAExchanges(accessTokenOf(login())));

        assertRevocationAccepted(revocation(sts, API_B, tokenForB));

        ok(apiBExchanges(tokenForB));
    }

    // ---- unknown tokens and client authentication ----------------------------------------------------

    @Test
    @DisplayName("RFC 7009 2.2: revoking an unknown token, or a JWT this server did not sign, is 200 and revokes nothing")
    void whenTheTokenIsUnknownThenOkAndNothingIsRevoked() {
        Map<String, Object> login = login();
        Map<String, Object> claims = ExchangeTestSupport.userTokenClaims(sts);
        claims.put("iss", ISSUER_B);
        String foreign = B_ES256.sign("at+jwt", SigningKey.HeaderKey.KEY_ID,
                JsonUtil.toJson(claims));

        assertRevocationAccepted(revocation(sts, APP, "not-a-token-of-this-server"));
        assertRevocationAccepted(revocation(sts, APP, foreign));

        ok(apiAExchanges(accessTokenOf(login)));
        ok(refresh(sts, APP, refreshTokenOf(login), null));
    }

    @Test
    @DisplayName("RFC 7009 2.1: a revocation without client authentication is 401 invalid_client and revokes nothing")
    void whenTheClientDoesNotAuthenticateThenInvalidClient() {
        Map<String, Object> login = login();
        String refreshToken = refreshTokenOf(login);

        EndpointResponse response = sts.a.revoke(EndpointRequest.formPost(form(params("token", refreshToken,
                "client_id", APP))));

        assertError(response, 401, "invalid_client", refreshToken);
        assertThat(response.headers()).containsKey("WWW-Authenticate");
        ok(refresh(sts, APP, refreshToken, null));
    }

    @Test
    @DisplayName("RFC 7009 2.1: a revocation authenticated with client_secret_basic is 401 invalid_client and revokes nothing")
    void whenTheClientUsesBasicAuthenticationThenInvalidClient() {
        Map<String, Object> login = login();
        String accessToken = accessTokenOf(login);
        EndpointRequest basic = new EndpointRequest("POST", FormParameters.MEDIA_TYPE, form(params("token", accessToken,
                "client_id", APP)), List.of(), Optional.of("Basic YXBwOnNlY3JldA=="));

        assertError(sts.a.revoke(basic), 401, "invalid_client", accessToken);

        ok(apiAExchanges(accessToken));
    }

    @Test
    @DisplayName("RFC 7009 2.1: a revocation without the token parameter is invalid_request")
    void whenTheTokenIsMissingThenInvalidRequest() {
        assertError(revocation(sts, APP, null), 400, "invalid_request");
    }
}
