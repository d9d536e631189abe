package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;
import static org.enachain.sts.engine.TokenEndpointChecks.*;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.enachain.core.jose.SigningKey;
import org.enachain.sts.policy.DpopRequirement;
import org.enachain.sts.policy.ResourcePolicy;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token endpoint's request handling and response shape, whatever the grant (REQUIREMENTS 3.3):
 * form POST only (GEN-60), {@code grant_type} and {@code client_id} required (GEN-61), no-store
 * success responses (GEN-74), RFC 6749 5.2 errors with a harmless description (GEN-75 to GEN-77) and
 * no implicit or password grant (GEN-78).
 */
class TokenEndpointRequestTest {

    private final StsFixture sts = StsFixture.create();

    /** A valid request body: API A exchanges Alice's token for API B. */
    private String validExchangeBody() {
        return authenticatedForm(sts, sts.a, API_A, exchangeParams(sts.aliceTokenForApiA()));
    }

    private static Map<String, String> exchangeParams(String subjectToken) {
        return params("grant_type", TOKEN_EXCHANGE, "subject_token", subjectToken,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", ACCESS_TOKEN_TYPE,
                "resource", API_B, "scope", "b-read");
    }

    // ---- GEN-60 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-60: a valid form POST to the token endpoint succeeds, also with a charset parameter on the media type")
    void whenTheRequestIsAFormPostThenItIsProcessed() {
        EndpointRequest request = new EndpointRequest("POST", "application/x-www-form-urlencoded; charset=UTF-8",
                validExchangeBody(), List.of(), Optional.empty());

        assertOk(sts.a.token(request));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "PUT", "HEAD"})
    @DisplayName("GEN-60: a request to the token endpoint with another method than POST is invalid_request")
    void whenTheMethodIsNotPostThenInvalidRequest(String method) {
        EndpointRequest request = new EndpointRequest(method, FormParameters.MEDIA_TYPE, validExchangeBody(), List.of(),
                Optional.empty());

        assertError(sts.a.token(request), 400, "invalid_request");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "multipart/form-data; boundary=x", "text/plain", "(none)"})
    @DisplayName("GEN-60: a POST whose body is not application/x-www-form-urlencoded is invalid_request")
    void whenTheContentTypeIsNotFormThenInvalidRequest(String contentType) {
        EndpointRequest request = new EndpointRequest("POST", contentType.equals("(none)") ? null : contentType,
                validExchangeBody(), List.of(), Optional.empty());

        assertError(sts.a.token(request), 400, "invalid_request");
    }

    // ---- GEN-61 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-61: a token request without client_id is invalid_request, even with a valid client assertion")
    void whenClientIdIsMissingThenInvalidRequest() {
        Map<String, String> all = new LinkedHashMap<>(exchangeParams(sts.aliceTokenForApiA()));
        all.put("client_assertion_type", ASSERTION_TYPE);
        all.put("client_assertion", sts.assertion(API_A, sts.a));

        EndpointResponse response = sts.a.token(post(form(all)));

        assertError(response, 400, "invalid_request");
        assertThat((String) response.jsonBody().get("error_description")).contains("client_id");
    }

    @Test
    @DisplayName("GEN-61: a token request without grant_type is invalid_request")
    void whenGrantTypeIsMissingThenInvalidRequest() {
        Map<String, String> withoutGrantType = new LinkedHashMap<>(exchangeParams(sts.aliceTokenForApiA()));
        withoutGrantType.remove("grant_type");

        EndpointResponse response = sts.a.token(post(authenticatedForm(sts, sts.a, API_A, withoutGrantType)));

        assertError(response, 400, "invalid_request");
        assertThat((String) response.jsonBody().get("error_description")).contains("grant_type");
    }

    // ---- GEN-74 ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuccessPath.class)
    @DisplayName("GEN-74: every successful token response is 200 application/json with Cache-Control no-store and Pragma no-cache")
    void whenATokenIsIssuedThenTheResponseIsUncacheableJson(SuccessPath path) {
        EndpointResponse response = path.run(StsFixture.create());

        assertOk(response);
        assertThat(response.mediaType()).isEqualTo("application/json");
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store").containsEntry("Pragma", "no-cache");
        assertThat(response.jsonBody()).containsKey("access_token");
    }

    // ---- GEN-75, GEN-76 -------------------------------------------------------------------------------

    /** One request per error path of the token endpoint, each answered with its own error code. */
    enum ErrorPath {
        METHOD_NOT_POST(400, "invalid_request", s -> s.a.token(new EndpointRequest("GET", FormParameters.MEDIA_TYPE,
                authenticatedForm(s, s.a, API_A, exchangeParams("x")), List.of(), Optional.empty()))),
        NOT_A_FORM(400, "invalid_request", s -> s.a.token(new EndpointRequest("POST", "application/json", "{}",
                List.of(), Optional.empty()))),
        MISSING_GRANT_TYPE(400, "invalid_request", s -> s.token(s.a, API_A, params("subject_token", "x"))),
        REPEATED_PARAMETER(400, "invalid_request", s -> s.a.token(post(authenticatedForm(s, s.a, API_A,
                exchangeParams("x"), "grant_type", "authorization_code")))),
        NO_CLIENT_AUTHENTICATION(401, "invalid_client", s -> s.a.token(post(form(params("grant_type", TOKEN_EXCHANGE,
                "client_id", API_A))))),
        UNSUPPORTED_GRANT_TYPE(400, "unsupported_grant_type", s -> s.token(s.a, API_A,
                params("grant_type", "password", "username", "alice", "password", "alice-demo-password"))),
        GRANT_TYPE_NOT_PERMITTED(400, "unauthorized_client", s -> s.token(s.a, REPORTS,
                exchangeParams(s.aliceTokenForApiA()))),
        BAD_SUBJECT_TOKEN(400, "invalid_request", s -> s.token(s.a, API_A, exchangeParams("not-a-token"))),
        UNKNOWN_AUTHORIZATION_CODE(400, "invalid_grant", s -> s.token(s.a, APP, params("grant_type",
                "authorization_code", "code", "unknown", "redirect_uri", REDIRECT, "code_verifier", VERIFIER))),
        BAD_JWT_GRANT(400, "invalid_grant", s -> s.redeem(API_A_AT_B, "not-a-grant", PARTNER, "partner-read", false)),
        UNKNOWN_RESOURCE(400, "invalid_target", s -> s.exchange(API_A, s.aliceTokenForApiA(),
                "https://unknown.domain-a.test", "b-read", false)),
        SCOPE_NOT_OF_TARGET(400, "invalid_scope", s -> s.exchange(API_A, s.aliceTokenForApiA(), API_B, "a-read",
                false)),
        DPOP_PROOF_MISSING(400, "invalid_dpop_proof", s -> s.exchange(API_A, s.aliceTokenForApiA(), API_C, "c-read",
                false)),
        DPOP_NONCE_MISSING(400, "use_dpop_nonce", spec -> spec.dpopNonces = true,
                s -> s.exchange(API_A, s.aliceTokenForApiA(), API_C, "c-read", true));

        private final int status;
        private final String error;
        private final Consumer<StsFixture.Spec> variant;
        private final Function<StsFixture, EndpointResponse> request;

        ErrorPath(int status, String error, Function<StsFixture, EndpointResponse> request) {
            this(status, error, spec -> { }, request);
        }

        ErrorPath(int status, String error, Consumer<StsFixture.Spec> variant,
                  Function<StsFixture, EndpointResponse> request) {
            this.status = status;
            this.error = error;
            this.variant = variant;
            this.request = request;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ErrorPath.class)
    @DisplayName("GEN-75, GEN-76: every error path answers RFC 6749 5.2 JSON with its error code and an error_description, 400 or 401 for invalid_client")
    void whenARequestFailsThenTheErrorFollowsRfc6749(ErrorPath path) {
        EndpointResponse response = path.request.apply(StsFixture.create(path.variant));

        assertError(response, path.status, path.error);
    }

    @Test
    @DisplayName("GEN-75: invalid_client is answered 401 with a WWW-Authenticate challenge")
    void whenClientAuthenticationFailsThen401WithChallenge() {
        EndpointResponse response = sts.a.token(post(form(params("grant_type", TOKEN_EXCHANGE, "client_id", API_A))));

        assertError(response, 401, "invalid_client");
        assertThat(response.headers()).containsKey("WWW-Authenticate");
    }

    // ---- GEN-77 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-77: the error for an expired subject token names neither the token nor its user")
    void whenTheSubjectTokenIsExpiredThenTheDescriptionHoldsNeitherTokenNorSub() {
        String subjectToken = sts.aliceTokenForApiA();
        sts.clock.advance(Duration.ofMinutes(10));

        EndpointResponse response = sts.exchange(API_A, subjectToken, API_B, "b-read", false);

        assertError(response, 400, "invalid_request", subjectToken, ALICE_SUB, "alice@domain-a.test");
    }

    @Test
    @DisplayName("GEN-77: the error for a subject token from an untrusted key names neither the token nor its sub")
    void whenTheSubjectTokenIsForgedThenTheDescriptionHoldsNeitherTokenNorSub() {
        Instant now = sts.clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>(claimsOf(sts.aliceTokenForApiA()));
        claims.put("sub", "u-forged-subject-190101-1234");
        claims.put("iat", now.getEpochSecond());
        String forged = SigningKey.generateEs256().withKeyId("a-es256")
                .sign("at+jwt", SigningKey.HeaderKey.KEY_ID,
                        JsonUtil.toJson(claims));

        EndpointResponse response = sts.exchange(API_A, forged, API_B, "b-read", false);

        assertError(response, 400, "invalid_request", forged, "u-forged-subject-190101-1234",
                forged.substring(forged.lastIndexOf('.') + 1));
    }

    @Test
    @DisplayName("GEN-77: a subject_token that is not a JWT is not echoed in the error")
    void whenTheSubjectTokenIsGarbageThenItIsNotEchoed() {
        String garbage = "secret-opaque-token-value-4711";

        EndpointResponse response = sts.exchange(API_A, garbage, API_B, "b-read", false);

        assertError(response, 400, "invalid_request", garbage);
    }

    @Test
    @DisplayName("GEN-77: the error for a sensitive subject refused to a resource does not name the subject")
    void whenTheSubjectIsNotReleasableThenTheDescriptionDoesNotNameIt() {
        StsFixture sensitive = StsFixture.create(spec -> {
            spec.sensitiveSubjects = Optional.of(Pattern.compile("u-[0-9a-f]{4}-.*"));
            ResourcePolicy apiA = spec.resourcesA.stream().filter(r -> r.id().equals(API_A)).findFirst().orElseThrow();
            spec.replaceResourceA(new ResourcePolicy(API_A, apiA.aliases(), apiA.scopes(), DpopRequirement.OPTIONAL,
                    apiA.identityClaims(), true, true, Optional.empty()));
        });

        EndpointResponse response = sensitive.exchange(API_A, sensitive.aliceTokenForApiA(), API_B, "b-read", false);

        assertError(response, 400, "invalid_target", ALICE_SUB);
    }

    @Test
    @DisplayName("GEN-77: the error for a rejected client assertion holds neither the assertion nor key material")
    void whenTheAssertionIsRejectedThenTheDescriptionHoldsNeitherAssertionNorKey() {
        SigningKey stranger = SigningKey.generateEs256()
                .withKeyId(clientKey(API_A).keyId());
        String assertion = sts.assertion(API_A, ISSUER_A, "client-authentication+jwt", stranger, Duration.ofSeconds(60));

        EndpointResponse response = sts.token(sts.a, API_A, params("grant_type", TOKEN_EXCHANGE,
                "client_assertion", assertion));

        assertError(response, 401, "invalid_client", assertion, (String) stranger.publicJwk().get("x"),
                (String) clientKey(API_A).publicJwk().get("x"));
    }

    @Test
    @DisplayName("GEN-77: the error for a replayed JWT grant names neither the grant nor its subject")
    void whenTheGrantIsReplayedThenTheDescriptionHoldsNeitherGrantNorSub() {
        EndpointResponse leg1 = sts.grantFor(API_A, sts.aliceTokenForApiA(), "a-read");
        assertOk(leg1);
        String grant = (String) leg1.jsonBody().get("access_token");
        assertOk(sts.redeem(API_A_AT_B, grant, PARTNER, "partner-read", false));

        EndpointResponse replay = sts.redeem(API_A_AT_B, grant, PARTNER, "partner-read", false);

        assertError(replay, 400, "invalid_grant", grant, ALICE_SUB);
    }

    // ---- GEN-78 ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"password", "implicit", "client_credentials", "token",
            "urn:ietf:params:oauth:grant-type:saml2-bearer"})
    @DisplayName("GEN-78: an authenticated client asking for the password, implicit or another unsupported grant gets unsupported_grant_type")
    void whenTheGrantTypeIsNotSupportedThenUnsupportedGrantType(String grantType) {
        EndpointResponse response = sts.token(sts.a, APP, params("grant_type", grantType, "username", "alice",
                "password", "alice-demo-password", "scope", "a-read"));

        assertError(response, 400, "unsupported_grant_type", "alice-demo-password");
    }

    @Test
    @DisplayName("GEN-78: the authorization endpoint refuses response_type=token (implicit grant) with unsupported_response_type")
    void whenTheImplicitResponseTypeIsAskedThenItIsRefused() {
        Map<String, String> request = params("response_type", "token", "client_id", APP, "redirect_uri", REDIRECT,
                "scope", "a-read", "state", "s-1", "resource", API_A, "code_challenge",
                UserGrants.Pkce.challengeOf(VERIFIER), "code_challenge_method", "S256");

        AuthorizationEndpoint.Outcome outcome = sts.a.authorizationEndpoint().show(request);

        assertThat(outcome).isInstanceOf(AuthorizationEndpoint.Outcome.Redirect.class);
        String location = ((AuthorizationEndpoint.Outcome.Redirect) outcome).location();
        assertThat(location).startsWith(REDIRECT + "?").doesNotContain("access_token").doesNotContain("#");
        assertThat(query(location)).containsEntry("error", "unsupported_response_type").doesNotContainKey("code");
    }
}
