package org.enachain.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.enachain.core.client.ClientTestSupport.CLIENT_ID;
import static org.enachain.core.client.ClientTestSupport.ISSUED_ACCESS_TOKEN;
import static org.enachain.core.client.ClientTestSupport.ISSUED_GRANT;
import static org.enachain.core.client.ClientTestSupport.RESOURCE;
import static org.enachain.core.client.ClientTestSupport.SUBJECT_TOKEN;
import static org.enachain.core.client.ClientTestSupport.TARGET_ISSUER;
import static org.enachain.core.client.ClientTestSupport.bearer;
import static org.enachain.core.client.ClientTestSupport.dpopBound;
import static org.enachain.core.client.ClientTestSupport.grant;
import static org.enachain.core.client.ClientTestSupport.script;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the client reads token endpoint answers (RFC 6749 5.1, 5.2; RFC 8693 2.2): grants and access
 * tokens, the token type checks (CL-38, CL-39), the scheme (CL-48, CL-49), and OAuth error responses.
 */
class TokenEndpointResponseTest {

    private static ScriptedAuthorizationServer as;

    private final ClientIdentity client = ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_ES256).build();
    private final ClientIdentity dpopClient = ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_ES256)
            .dpopKey(TestKeys.CLIENT_ES256).build();
    private final TokenExchangeRequest intraDomain = TokenExchangeRequest.intraDomain(SUBJECT_TOKEN).audience(RESOURCE).build();
    private final TokenExchangeRequest crossDomain =
            TokenExchangeRequest.crossDomain(SUBJECT_TOKEN, TokenTypeUri.ACCESS_TOKEN, TARGET_ISSUER).build();

    @BeforeAll
    static void startServer() {
        as = new ScriptedAuthorizationServer();
    }

    @AfterAll
    static void stopServer() {
        as.close();
    }

    @BeforeEach
    void reset() {
        as.server().received().clear();
    }

    private TokenResponse send(TokenRequest request, TestHttpsServer.Reply reply) {
        script(as, reply);
        return as.client().send(as.metadata(), client, request, false);
    }

    private TokenEndpointException failure(ClientIdentity identity, TokenRequest request, boolean requireDpop,
                                           TestHttpsServer.Reply reply) {
        script(as, reply);
        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> as.client().send(as.metadata(), identity, request, requireDpop));
        assertThat(e).as("a TokenEndpointException").isNotNull();
        assertNoSecrets(e);
        return e;
    }

    private TokenEndpointException failure(TokenRequest request, TestHttpsServer.Reply reply) {
        return failure(client, request, false, reply);
    }

    private static void assertNoSecrets(TokenEndpointException e) {
        assertThat(as.tokenRequests()).isNotEmpty();
        ClientTestSupport.assertNoSecrets(e, as);
    }

    private static TestHttpsServer.Reply accessTokenWith(String tokenType) {
        return ScriptedAuthorizationServer.token(ISSUED_ACCESS_TOKEN, tokenType, 300, TokenTypeUri.ACCESS_TOKEN.uri(), null);
    }

    // ---------------------------------------------------------------- successful responses

    @Test
    @DisplayName("CL-38: issued_token_type jwt with token_type N_A is read as the JWT authorization grant")
    void sendWhenCrossDomainResponseIsJwtWithNaThenGrantReturned() {
        TokenResponse response = send(crossDomain, grant());

        assertThat(response.accessToken()).isEqualTo(ISSUED_GRANT);
        assertThat(response.issuedTokenType()).contains(TokenTypeUri.JWT);
        assertThat(response.scheme()).isEqualTo(TokenScheme.N_A);
        assertThat(response.expiresIn()).contains(Duration.ofSeconds(60));
    }

    @Test
    @DisplayName("A JWT grant that comes with token_type Bearer is INVALID_RESPONSE (Chaining 3.3.4 requires N_A)")
    void sendWhenGrantComesWithBearerThenInvalidResponse() {
        TokenEndpointException e = failure(crossDomain,
                ScriptedAuthorizationServer.token(ISSUED_GRANT, "Bearer", 60, TokenTypeUri.JWT.uri(), null));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.getMessage()).contains("N_A");
    }

    @Test
    @DisplayName("An access token response is read with its expires_in and scope")
    void sendWhenAccessTokenResponseThenFieldsRead() {
        TokenResponse response = send(intraDomain, ScriptedAuthorizationServer.token(ISSUED_ACCESS_TOKEN, "Bearer", 120,
                TokenTypeUri.ACCESS_TOKEN.uri(), "orders-read profile"));

        assertThat(response.accessToken()).isEqualTo(ISSUED_ACCESS_TOKEN);
        assertThat(response.issuedTokenType()).contains(TokenTypeUri.ACCESS_TOKEN);
        assertThat(response.scheme()).isEqualTo(TokenScheme.BEARER);
        assertThat(response.expiresIn()).contains(Duration.ofSeconds(120));
        assertThat(response.scope()).containsExactlyInAnyOrder("orders-read", "profile");
    }

    @Test
    @DisplayName("TokenResponse.toString() never shows the token")
    void toStringWhenTokenResponseThenNoToken() {
        assertThat(send(intraDomain, bearer()).toString()).doesNotContain(ISSUED_ACCESS_TOKEN);
    }

    // ---------------------------------------------------------------- CL-39

    @Test
    @DisplayName("CL-39: an access token was requested and the response's issued_token_type is jwt: INVALID_RESPONSE")
    void sendWhenAccessTokenRequestedAndJwtIssuedThenInvalidResponse() {
        TokenEndpointException e = failure(intraDomain,
                ScriptedAuthorizationServer.token(ISSUED_ACCESS_TOKEN, "Bearer", 300, TokenTypeUri.JWT.uri(), null));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.authorizationServer()).isEqualTo(as.issuer());
        assertThat(e.getMessage()).contains(as.issuer())
                .contains("urn:ietf:params:oauth:token-type:jwt")
                .contains("urn:ietf:params:oauth:token-type:access_token was requested");
    }

    @Test
    @DisplayName("CL-39: a JWT grant was requested and the response's issued_token_type is access_token: INVALID_RESPONSE")
    void sendWhenJwtRequestedAndAccessTokenIssuedThenInvalidResponse() {
        TokenEndpointException e = failure(crossDomain,
                ScriptedAuthorizationServer.token(ISSUED_GRANT, "N_A", 60, TokenTypeUri.ACCESS_TOKEN.uri(), null));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.getMessage()).contains("urn:ietf:params:oauth:token-type:jwt was requested");
    }

    @Test
    @DisplayName("CL-39: a jwt-bearer request answered with issued_token_type jwt: INVALID_RESPONSE")
    void sendWhenJwtBearerAnsweredWithJwtTypeThenInvalidResponse() {
        TokenEndpointException e = failure(JwtBearerRequest.of(ISSUED_GRANT),
                ScriptedAuthorizationServer.token(ISSUED_ACCESS_TOKEN, "Bearer", 300, TokenTypeUri.JWT.uri(), null));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
    }

    // ---------------------------------------------------------------- CL-48, CL-49

    @ParameterizedTest(name = "token_type {0} is read as {1}")
    @CsvSource({"bearer, BEARER, Bearer", "Bearer, BEARER, Bearer", "BEARER, BEARER, Bearer",
            "DPoP, DPOP, DPoP", "dpop, DPOP, DPoP"})
    @DisplayName("CL-48: token_type is read case-insensitively and fixes the presentation scheme")
    void sendWhenTokenTypeInAnyCaseThenSchemeRead(String tokenType, TokenScheme expected, String headerScheme) {
        script(as, accessTokenWith(tokenType));

        TokenResponse response = as.client().send(as.metadata(), dpopClient, intraDomain, false);

        assertThat(response.scheme()).isEqualTo(expected);
        assertThat(response.scheme().value()).isEqualTo(headerScheme);
    }

    @Test
    @DisplayName("A token_type that is neither Bearer, DPoP nor N_A is INVALID_RESPONSE")
    void sendWhenUnknownTokenTypeThenInvalidResponse() {
        TokenEndpointException e = failure(intraDomain, accessTokenWith("mac"));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.getMessage()).contains("'mac'");
    }

    @Test
    @DisplayName("CL-49: DPoP required and the response token_type is Bearer: INVALID_RESPONSE, the token is discarded")
    void sendWhenDpopRequiredAndBearerIssuedThenInvalidResponse() {
        TokenEndpointException e = failure(dpopClient, intraDomain, true, bearer());

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.getMessage()).contains("requires DPoP").contains("discarded");
    }

    @Test
    @DisplayName("DPoP required and the response token_type is DPoP: the token is returned")
    void sendWhenDpopRequiredAndDpopIssuedThenTokenReturned() {
        script(as, dpopBound());

        TokenResponse response = as.client().send(as.metadata(), dpopClient, intraDomain, true);

        assertThat(response.accessToken()).isEqualTo(ISSUED_ACCESS_TOKEN);
        assertThat(response.scheme()).isEqualTo(TokenScheme.DPOP);
    }

    // ---------------------------------------------------------------- OAuth error responses

    @Test
    @DisplayName("RFC 8693 2.2.2: a 400 invalid_target is OAUTH_ERROR with the AS's code, description and status")
    void sendWhenInvalidTargetThenOauthErrorWithCodeDescriptionAndStatus() {
        TokenEndpointException e = failure(intraDomain,
                ScriptedAuthorizationServer.error(400, "invalid_target", "unknown audience"));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.OAUTH_ERROR);
        assertThat(e.errorCode()).contains("invalid_target");
        assertThat(e.errorDescription()).contains("unknown audience");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.authorizationServer()).isEqualTo(as.issuer());
        assertThat(e.isTransient()).isFalse();
    }

    @Test
    @DisplayName("RFC 6749 5.2: the OAuth error's message names the AS, the error code and the HTTP status")
    void sendWhenOauthErrorThenMessageNamesServerCodeAndStatus() {
        TokenEndpointException e = failure(intraDomain,
                ScriptedAuthorizationServer.error(400, "invalid_grant", "subject token expired"));

        assertThat(e.getMessage()).contains(as.issuer()).contains("invalid_grant").contains("subject token expired")
                .contains("HTTP 400");
    }

    @Test
    @DisplayName("RFC 6749 5.2: a 401 invalid_client is OAUTH_ERROR with status 401")
    void sendWhenInvalidClientThenOauthErrorWithStatus401() {
        TokenEndpointException e = failure(intraDomain,
                ScriptedAuthorizationServer.error(401, "invalid_client", "client authentication failed"));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.OAUTH_ERROR);
        assertThat(e.errorCode()).contains("invalid_client");
        assertThat(e.httpStatus()).isEqualTo(401);
    }

    @Test
    @DisplayName("RFC 6749 5.2: an error without error_description has an empty description")
    void sendWhenErrorWithoutDescriptionThenDescriptionEmpty() {
        TokenEndpointException e = failure(intraDomain,
                TestHttpsServer.Reply.json(400, "{\"error\":\"invalid_request\"}"));

        assertThat(e.errorCode()).contains("invalid_request");
        assertThat(e.errorDescription()).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("RFC 6749 5.2: a description with control characters reaches the message as printable ASCII only")
    void sendWhenDescriptionHasControlCharactersThenPrintableOnly() {
        TokenEndpointException e = failure(intraDomain, TestHttpsServer.Reply.json(400,
                JsonUtil.toJson(Map.of("error", "invalid_request", "error_description", "bad\r\nX-Injected: yes"))));

        assertThat(e.errorDescription()).contains("bad??X-Injected: yes");
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    @DisplayName("RFC 6749 5.2: a 503 temporarily_unavailable is OAUTH_ERROR and transient")
    void sendWhenTemporarilyUnavailableThenOauthErrorAndTransient() {
        TokenEndpointException e = failure(intraDomain,
                ScriptedAuthorizationServer.error(503, "temporarily_unavailable", "try later"));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.OAUTH_ERROR);
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.isTransient()).isTrue();
    }

    @Test
    @DisplayName("CL-39: a token exchange answer without issued_token_type is INVALID_RESPONSE (RFC 8693 2.2.1 requires it)")
    void sendWhenExchangeAnswerLacksIssuedTokenTypeThenInvalidResponse() {
        TokenEndpointException e = failure(intraDomain,
                ScriptedAuthorizationServer.token(ISSUED_ACCESS_TOKEN, "Bearer", 300, null, null));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.getMessage()).contains("issued_token_type");
    }

    @Test
    @DisplayName("CL-48: a DPoP-bound token for a client that sent no proof is INVALID_RESPONSE: it could never be presented")
    void sendWhenDpopTokenWithoutProofSentThenInvalidResponse() {
        TokenEndpointException e = failure(intraDomain, dpopBound());

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.getMessage()).contains("no DPoP proof was sent");
    }

    @Test
    @DisplayName("An access_token with characters a token cannot have (space, line break) is INVALID_RESPONSE")
    void sendWhenAccessTokenHasHeaderBreakingCharactersThenInvalidResponse() {
        TokenEndpointException e = failure(intraDomain,
                ScriptedAuthorizationServer.token("at\r\nX-Injected: 1", "Bearer", 300, TokenTypeUri.ACCESS_TOKEN.uri(), null));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.getMessage()).doesNotContain("X-Injected");
    }
}
