package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;
import static org.enachain.sts.engine.TokenEndpointChecks.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.enachain.core.jose.SigningKey;
import org.enachain.core.testing.JwtFixture;
import org.enachain.sts.policy.ClientPolicy;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code private_key_jwt} client authentication at the token endpoint (REQUIREMENTS 3.3, GEN-62 to
 * GEN-73). The valid request: API A exchanges Alice's token for API B, authenticated by a client
 * assertion that each test changes in one respect.
 */
class ClientAuthenticationTest {

    private static final String TOKEN_ENDPOINT_A = ISSUER_A + "/token";

    private final StsFixture sts = StsFixture.create();

    /** API A's valid exchange request with {@code assertion} as its client assertion. */
    private static EndpointResponse exchangeWith(StsFixture sts, String assertion) {
        return sts.token(sts.a, API_A, exchangeParams(sts, "client_assertion", assertion));
    }

    private EndpointResponse exchangeWith(String assertion) {
        return exchangeWith(sts, assertion);
    }

    /** The exchange parameters plus the given ones. */
    private static Map<String, String> exchangeParams(StsFixture sts, String... more) {
        Map<String, String> p = params("grant_type", TOKEN_EXCHANGE, "subject_token", sts.aliceTokenForApiA(),
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", ACCESS_TOKEN_TYPE,
                "resource", API_B, "scope", "b-read");
        p.putAll(params(more));
        return p;
    }

    /** API A's assertion with one claim changed; a value of null removes the claim. */
    private String assertionWith(Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = assertionClaims(sts, API_A, ISSUER_A);
        change.accept(claims);
        claims.values().removeIf(v -> v == null);
        return signAssertion(clientKey(API_A), "client-authentication+jwt", claims);
    }

    private static ClientPolicy apiAWithLegacyAssertionType(StsFixture.Spec spec) {
        ClientPolicy c = spec.clientsA.stream().filter(p -> p.clientId().equals(API_A)).findFirst().orElseThrow();
        return new ClientPolicy(c.clientId(), c.keys(), c.grantTypes(), c.redirectUris(), c.resourceId(),
                c.allowedResources(), c.allowedScopes(), c.crossDomainPeers(), c.dpopBoundAccessTokens(), true);
    }

    // ---- GEN-62 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-62: a client authenticated with a valid private_key_jwt assertion gets its token")
    void whenTheAssertionIsValidThenTheRequestSucceeds() {
        EndpointResponse response = exchangeWith(sts.assertion(API_A, sts.a));

        assertOk(response);
        assertThat(claimsOf((String) response.jsonBody().get("access_token"))).containsEntry("client_id", API_A);
    }

    // ---- GEN-64 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-64: client_secret_basic (an Authorization Basic header) is invalid_client")
    void whenTheClientUsesClientSecretBasicThenInvalidClient() {
        String basic = "Basic " + Base64.getEncoder().encodeToString((encode(API_A) + ":s3cr3t")
                .getBytes(StandardCharsets.UTF_8));
        Map<String, String> p = exchangeParams(sts, "client_id", API_A);
        EndpointRequest request = new EndpointRequest("POST", FormParameters.MEDIA_TYPE, form(p), List.of(),
                Optional.of(basic));

        assertError(sts.a.token(request), 401, "invalid_client", "s3cr3t");
    }

    @Test
    @DisplayName("GEN-64: an Authorization header beside a valid assertion (two methods at once) is invalid_client")
    void whenAnAuthorizationHeaderComesWithTheAssertionThenInvalidClient() {
        String body = authenticatedForm(sts, sts.a, API_A, exchangeParams(sts));
        EndpointRequest request = new EndpointRequest("POST", FormParameters.MEDIA_TYPE, body, List.of(),
                Optional.of("Basic " + Base64.getEncoder().encodeToString("x:y".getBytes(StandardCharsets.UTF_8))));

        assertError(sts.a.token(request), 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-64: client_secret_post (client_id and client_secret in the body) is invalid_client")
    void whenTheClientUsesClientSecretPostThenInvalidClient() {
        Map<String, String> p = exchangeParams(sts, "client_id", API_A, "client_secret", "s3cr3t");

        assertError(sts.a.token(post(form(p))), 401, "invalid_client", "s3cr3t");
    }

    @Test
    @DisplayName("GEN-64: client_secret_jwt (an HS256 assertion keyed with a shared secret) is invalid_client")
    void whenTheClientUsesClientSecretJwtThenInvalidClient() {
        String hmacAssertion = JwtFixture.clientAssertion(clientKey(API_A), sts.clock.instant())
                .claim("iss", API_A).claim("sub", API_A).claim("aud", ISSUER_A)
                .hmacSigned("HS256", "a-shared-secret-of-at-least-256-bits-length!".getBytes(StandardCharsets.UTF_8));

        assertError(exchangeWith(hmacAssertion), 401, "invalid_client", hmacAssertion);
    }

    @Test
    @DisplayName("GEN-64: a request with client_id only (method none) is invalid_client")
    void whenTheClientDoesNotAuthenticateThenInvalidClient() {
        Map<String, String> p = exchangeParams(sts, "client_id", API_A);

        assertError(sts.a.token(post(form(p))), 401, "invalid_client");
    }

    // ---- GEN-65 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-65: a bad client assertion together with a bad subject token is invalid_client")
    void whenAssertionAndSubjectTokenAreBadThenInvalidClient() {
        String badAssertion = assertionWith(c -> c.put("aud", ISSUER_B));

        EndpointResponse response = sts.token(sts.a, API_A, params("grant_type", TOKEN_EXCHANGE,
                "subject_token", "not-a-token", "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", ACCESS_TOKEN_TYPE, "resource", API_B, "client_assertion", badAssertion));

        assertError(response, 401, "invalid_client", "not-a-token");
    }

    @Test
    @DisplayName("GEN-65: a bad client assertion with an unsupported grant type is invalid_client, not unsupported_grant_type")
    void whenAssertionIsBadAndGrantTypeUnsupportedThenInvalidClient() {
        String badAssertion = assertionWith(c -> c.put("exp", sts.clock.instant().minusSeconds(600).getEpochSecond()));

        EndpointResponse response = sts.token(sts.a, API_A, params("grant_type", "password", "username", "alice",
                "password", "alice-demo-password", "client_assertion", badAssertion));

        assertError(response, 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-65: a bad client assertion with an invalid DPoP proof and an unknown resource is invalid_client")
    void whenAssertionProofAndTargetAreBadThenInvalidClient() {
        String badAssertion = assertionWith(c -> c.put("sub", API_B));
        String body = authenticatedForm(sts, sts.a, API_A, exchangeParams(sts, "resource", "https://unknown.test",
                "client_assertion", badAssertion));

        assertError(sts.a.token(post(body, "not-a-proof")), 401, "invalid_client");
    }

    // ---- GEN-66 ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"urn:ietf:params:oauth:client-assertion-type:saml2-bearer",
            "urn:ietf:params:oauth:grant-type:jwt-bearer", "private_key_jwt"})
    @DisplayName("GEN-66: a client_assertion_type other than the RFC 7523 jwt-bearer type is invalid_client")
    void whenTheAssertionTypeIsOtherThenInvalidClient(String assertionType) {
        EndpointResponse response = sts.token(sts.a, API_A, exchangeParams(sts,
                "client_assertion_type", assertionType));

        assertError(response, 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-66: a client_assertion without client_assertion_type is invalid_client")
    void whenTheAssertionTypeIsMissingThenInvalidClient() {
        Map<String, String> p = exchangeParams(sts, "client_id", API_A, "client_assertion", sts.assertion(API_A, sts.a));

        assertError(sts.a.token(post(form(p))), 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-66: a client_assertion holding two JWTs is invalid_client")
    void whenTheAssertionHoldsTwoJwtsThenInvalidClient() {
        String two = sts.assertion(API_A, sts.a) + "." + sts.assertion(API_A, sts.a);

        assertError(exchangeWith(two), 401, "invalid_client", two);
    }

    // ---- GEN-67 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-67: an assertion signed with a key not registered for the client (same kid) is invalid_client")
    void whenTheAssertionIsSignedWithAnUnregisteredKeyThenInvalidClient() {
        SigningKey unregistered = SigningKey.generateEs256().withKeyId(clientKey(API_A).keyId());

        String assertion = signAssertion(unregistered, "client-authentication+jwt",
                assertionClaims(sts, API_A, ISSUER_A));

        assertError(exchangeWith(assertion), 401, "invalid_client", assertion);
    }

    @Test
    @DisplayName("GEN-67: an assertion for API A signed with another registered client's key is invalid_client")
    void whenTheAssertionIsSignedWithAnotherClientsKeyThenInvalidClient() {
        String assertion = signAssertion(clientKey(API_B), "client-authentication+jwt",
                assertionClaims(sts, API_A, ISSUER_A));

        assertError(exchangeWith(assertion), 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-67: an assertion whose payload was altered after signing, or that is unsigned, is invalid_client")
    void whenTheSignatureDoesNotVerifyThenInvalidClient() {
        String valid = sts.assertion(API_A, sts.a);
        Map<String, Object> changed = new LinkedHashMap<>(claimsOf(valid));
        changed.put("exp", ((Number) changed.get("exp")).longValue() + 1);
        String altered = JwtFixture.replaceSegment(valid, 1, JwtFixture.b64(JsonUtil.toJson(changed)));
        String unsigned = JwtFixture.replaceSegment(valid, 2, "");

        assertError(exchangeWith(altered), 401, "invalid_client");
        assertError(exchangeWith(unsigned), 401, "invalid_client");
    }

    // ---- GEN-68 ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "typ {0}")
    @ValueSource(strings = {"JWT", "at+jwt", "dpop+jwt", "(none)"})
    @DisplayName("GEN-68: an assertion typed other than client-authentication+jwt, or untyped, is invalid_client")
    void whenTheAssertionTypIsNotTheProfileTypeThenInvalidClient(String typ) {
        String assertion = assertionTyped(typ);

        assertError(exchangeWith(assertion), 401, "invalid_client");
    }

    @ParameterizedTest(name = "typ {0}")
    @ValueSource(strings = {"JWT", "(none)"})
    @DisplayName("GEN-68: with the client's legacy assertion-type exception, typ JWT or no typ is accepted")
    void whenTheClientHasTheLegacyExceptionThenJwtTypIsAccepted(String typ) {
        StsFixture legacy = StsFixture.create(spec -> spec.replaceClientA(apiAWithLegacyAssertionType(spec)));
        String assertion = typed(typ, assertionClaims(legacy, API_A, ISSUER_A));

        assertOk(exchangeWith(legacy, assertion));
    }

    @Test
    @DisplayName("GEN-68: the legacy exception of one client does not extend to another client or to another JWT kind")
    void whenTheLegacyExceptionIsForAnotherClientOrKindThenInvalidClient() {
        StsFixture legacy = StsFixture.create(spec -> spec.replaceClientA(apiAWithLegacyAssertionType(spec)));
        String apiBWithJwtTyp = signAssertion(clientKey(API_B), "JWT", assertionClaims(legacy, API_B, ISSUER_A));
        String apiAAsAccessToken = typed("at+jwt", assertionClaims(legacy, API_A, ISSUER_A));

        EndpointResponse otherClient = legacy.token(legacy.a, API_B, params("grant_type", TOKEN_EXCHANGE,
                "client_assertion", apiBWithJwtTyp));
        assertError(otherClient, 401, "invalid_client");
        assertError(exchangeWith(legacy, apiAAsAccessToken), 401, "invalid_client");
    }

    private String assertionTyped(String typ) {
        return typed(typ, assertionClaims(sts, API_A, ISSUER_A));
    }

    private static String typed(String typ, Map<String, Object> claims) {
        JwtFixture f = JwtFixture.clientAssertion(clientKey(API_A), java.time.Instant.EPOCH);
        claims.forEach(f::claim);
        return typ.equals("(none)") ? f.withoutHeader("typ").compact() : f.header("typ", typ).compact();
    }

    // ---- GEN-69 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-69: an assertion whose sub differs from client_id is invalid_client")
    void whenSubDiffersFromClientIdThenInvalidClient() {
        assertError(exchangeWith(assertionWith(c -> c.put("sub", API_B))), 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-69: an assertion whose iss differs from client_id is invalid_client")
    void whenIssDiffersFromClientIdThenInvalidClient() {
        assertError(exchangeWith(assertionWith(c -> c.put("iss", API_B))), 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-69: API B's own valid assertion sent with client_id API A is invalid_client")
    void whenTheAssertionIsAnotherRegisteredClientsThenInvalidClient() {
        String apiBAssertion = sts.assertion(API_B, sts.a);

        assertError(exchangeWith(apiBAssertion), 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-69: an assertion by an unregistered client, iss = sub = client_id, is invalid_client")
    void whenTheClientIsNotRegisteredThenInvalidClient() {
        String stranger = "https://stranger.example";
        SigningKey key = SigningKey.generateEs256();
        String assertion = signAssertion(key, "client-authentication+jwt", assertionClaims(sts, stranger, ISSUER_A));

        EndpointResponse response = sts.token(sts.a, stranger, params("grant_type", TOKEN_EXCHANGE,
                "client_assertion", assertion));

        assertError(response, 401, "invalid_client");
    }

    // ---- GEN-70 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-70: an assertion whose aud is the issuer as a one-element array is accepted")
    void whenAudIsTheIssuerAloneInAnArrayThenAccepted() {
        assertOk(exchangeWith(assertionWith(c -> c.put("aud", List.of(ISSUER_A)))));
    }

    @Test
    @DisplayName("GEN-70: an assertion whose aud holds the issuer and another value is invalid_client")
    void whenAudHasSeveralValuesThenInvalidClient() {
        assertError(exchangeWith(assertionWith(c -> c.put("aud", List.of(ISSUER_A, "https://other.example")))), 401,
                "invalid_client");
    }

    @Test
    @DisplayName("GEN-70: an assertion whose aud is another authorization server's issuer is invalid_client")
    void whenAudIsAnotherIssuerThenInvalidClient() {
        assertError(exchangeWith(assertionWith(c -> c.put("aud", ISSUER_B))), 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-70: an assertion whose aud is the token endpoint URL is invalid_client when the legacy option is off")
    void whenAudIsTheTokenEndpointWithoutTheLegacyOptionThenInvalidClient() {
        assertError(exchangeWith(assertionWith(c -> c.put("aud", TOKEN_ENDPOINT_A))), 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-70: with acceptTokenEndpointAudience the token endpoint URL as sole aud is accepted")
    void whenAudIsTheTokenEndpointWithTheLegacyOptionThenAccepted() {
        StsFixture legacy = StsFixture.create(spec -> spec.acceptTokenEndpointAudience = true);
        Map<String, Object> claims = assertionClaims(legacy, API_A, TOKEN_ENDPOINT_A);

        assertOk(exchangeWith(legacy, signAssertion(clientKey(API_A), "client-authentication+jwt", claims)));
    }

    @Test
    @DisplayName("GEN-70: even with acceptTokenEndpointAudience, an aud array of issuer and token endpoint is invalid_client")
    void whenAudIsIssuerAndTokenEndpointWithTheLegacyOptionThenInvalidClient() {
        StsFixture legacy = StsFixture.create(spec -> spec.acceptTokenEndpointAudience = true);
        Map<String, Object> claims = assertionClaims(legacy, API_A, ISSUER_A);
        claims.put("aud", List.of(ISSUER_A, TOKEN_ENDPOINT_A));

        assertError(exchangeWith(legacy, signAssertion(clientKey(API_A), "client-authentication+jwt", claims)), 401,
                "invalid_client");
    }

    // ---- GEN-71 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-71: the same assertion sent twice is accepted once, then invalid_client")
    void whenTheAssertionIsReplayedThenInvalidClient() {
        String assertion = sts.assertion(API_A, sts.a);
        assertOk(exchangeWith(assertion));

        assertError(exchangeWith(assertion), 401, "invalid_client", assertion);
    }

    @Test
    @DisplayName("GEN-71: an assertion consumed by a request that failed later cannot be used again")
    void whenTheAssertionWasUsedInAFailedRequestThenItIsSpent() {
        String assertion = sts.assertion(API_A, sts.a);
        EndpointResponse failed = sts.token(sts.a, API_A, exchangeParams(sts, "resource", "https://unknown.test",
                "client_assertion", assertion));
        assertError(failed, 400, "invalid_target");

        assertError(exchangeWith(assertion), 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-71: an assertion without jti is invalid_client")
    void whenTheAssertionHasNoJtiThenInvalidClient() {
        assertError(exchangeWith(assertionWith(c -> c.put("jti", null))), 401, "invalid_client");
    }

    // ---- GEN-72 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-72: an assertion valid for one hour exceeds the maximum lifetime and is invalid_client")
    void whenTheAssertionLivesTooLongThenInvalidClient() {
        long now = sts.clock.instant().getEpochSecond();

        assertError(exchangeWith(assertionWith(c -> c.put("exp", now + 3600))), 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-72: the maximum lifetime counts from iat, so an old iat with a near exp is invalid_client")
    void whenTheAssertionWasIssuedLongAgoThenInvalidClient() {
        long now = sts.clock.instant().getEpochSecond();

        assertError(exchangeWith(assertionWith(c -> {
            c.put("iat", now - 3600);
            c.put("exp", now + 30);
        })), 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-72: without iat, an exp one hour ahead still exceeds the maximum and is invalid_client")
    void whenTheAssertionHasNoIatAndAFarExpThenInvalidClient() {
        long now = sts.clock.instant().getEpochSecond();

        assertError(exchangeWith(assertionWith(c -> {
            c.put("iat", null);
            c.put("exp", now + 3600);
        })), 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-72: an assertion at the configured maximum lifetime (plus clock leeway) is accepted, one second more is not")
    void whenTheLifetimeIsAtTheMaximumThenAccepted() {
        long now = sts.clock.instant().getEpochSecond();
        long max = sts.spec.lifetimes.clientAssertion().plus(sts.spec.lifetimes.leeway()).toSeconds();

        assertOk(exchangeWith(assertionWith(c -> c.put("exp", now + max))));
        assertError(exchangeWith(assertionWith(c -> c.put("exp", now + max + 1))), 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-72: an expired assertion is invalid_client")
    void whenTheAssertionHasExpiredThenInvalidClient() {
        String assertion = sts.assertion(API_A, sts.a);
        String subjectToken = sts.aliceTokenForApiA();
        sts.clock.advance(Duration.ofMinutes(3));

        EndpointResponse response = sts.token(sts.a, API_A, params("grant_type", TOKEN_EXCHANGE,
                "subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", ACCESS_TOKEN_TYPE, "resource", API_B, "scope", "b-read",
                "client_assertion", assertion));

        assertError(response, 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-72: an assertion without exp is invalid_client")
    void whenTheAssertionHasNoExpThenInvalidClient() {
        assertError(exchangeWith(assertionWith(c -> c.put("exp", null))), 401, "invalid_client");
    }

    // ---- GEN-73 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-73: an assertion whose nbf is ten minutes ahead is invalid_client")
    void whenNbfIsInTheFutureThenInvalidClient() {
        long now = sts.clock.instant().getEpochSecond();

        assertError(exchangeWith(assertionWith(c -> c.put("nbf", now + 600))), 401, "invalid_client");
    }

    @Test
    @DisplayName("GEN-73: an assertion whose nbf is now is accepted")
    void whenNbfIsNowThenAccepted() {
        long now = sts.clock.instant().getEpochSecond();

        assertOk(exchangeWith(assertionWith(c -> c.put("nbf", now))));
    }
}
