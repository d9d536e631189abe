package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.CrossDomainSupport.*;
import static org.enachain.sts.engine.StsFixture.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.enachain.core.jose.SigningKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The jwt-bearer request at domain-b (Chaining 3.4.1, 3.4.2 step 1; RFC 7523 2.1): TAS-01 to TAS-07. */
class JwtBearerRequestTest {

    private final StsFixture sts = StsFixture.create();

    @Test
    @DisplayName("TAS-01, TAS-35, TAS-39: api-a redeems domain-a's grant for a token for the partner API")
    void whenAValidGrantIsRedeemedThenAnAccessTokenIsIssued() {
        String grant = aliceGrantForApiA(sts, "a-read");

        Map<String, Object> body = assertOk(redeem(sts, grant));

        assertThat(body).containsEntry("token_type", "Bearer").containsEntry("scope", "partner-read")
                .containsKeys("access_token", "expires_in").doesNotContainKey("issued_token_type");
        assertThat(claimsOf((String) body.get("access_token"))).containsEntry("aud", PARTNER)
                .containsEntry("iss", ISSUER_B);
    }

    @Test
    @DisplayName("TAS-03: a caller not registered at domain-b (api-a under its domain-a identifier) is invalid_client")
    void whenTheCallerIsNotRegisteredAtTheTasThenInvalidClient() {
        String grant = aliceGrantForApiA(sts, "a-read");

        EndpointResponse response = sts.redeem(API_A, grant, PARTNER, "partner-read", false);

        assertRejected(response, 401, "invalid_client", grant);
        assertThat(response.headers()).containsKey("WWW-Authenticate");
        assertOk(redeem(sts, grant));
    }

    @Test
    @DisplayName("TAS-04, GEN-70: a client assertion addressed to domain-a is refused at domain-b with invalid_client")
    void whenTheClientAssertionNamesAnotherAudienceThenInvalidClient() {
        String grant = aliceGrantForApiA(sts, "a-read");
        String assertion = sts.assertion(API_A_AT_B, ISSUER_A, "client-authentication+jwt", clientKey(API_A_AT_B),
                Duration.ofSeconds(60));

        EndpointResponse response = sts.token(sts.b, API_A_AT_B, params("grant_type", JWT_BEARER, "assertion", grant,
                "resource", PARTNER, "scope", "partner-read", "client_assertion", assertion));

        assertRejected(response, 401, "invalid_client", grant, assertion);
    }

    @Test
    @DisplayName("TAS-04, GEN-69: a client assertion signed with a key not registered for the client is invalid_client")
    void whenTheClientAssertionIsSignedWithAnotherKeyThenInvalidClient() {
        String grant = aliceGrantForApiA(sts, "a-read");
        SigningKey attacker = SigningKey.generateEs256().withKeyId(clientKey(API_A_AT_B).keyId());
        String assertion = sts.assertion(API_A_AT_B, ISSUER_B, "client-authentication+jwt", attacker,
                Duration.ofSeconds(60));

        EndpointResponse response = sts.token(sts.b, API_A_AT_B, params("grant_type", JWT_BEARER, "assertion", grant,
                "resource", PARTNER, "scope", "partner-read", "client_assertion", assertion));

        assertRejected(response, 401, "invalid_client", grant, assertion);
    }

    @Test
    @DisplayName("TAS-05: a jwt-bearer request without assertion is invalid_request")
    void whenAssertionIsMissingThenInvalidRequest() {
        EndpointResponse response = sts.token(sts.b, API_A_AT_B, params("grant_type", JWT_BEARER, "resource", PARTNER,
                "scope", "partner-read"));

        assertRejected(response, 400, "invalid_request");
    }

    @Test
    @DisplayName("TAS-05: an assertion parameter sent twice is invalid_request, and the grant stays unused")
    void whenAssertionIsRepeatedThenInvalidRequest() {
        String grant = aliceGrantForApiA(sts, "a-read");
        String encoded = URLEncoder.encode(grant, StandardCharsets.UTF_8);

        EndpointResponse response = rawTokenRequest(sts, sts.b, API_A_AT_B, "grant_type="
                + URLEncoder.encode(JWT_BEARER, StandardCharsets.UTF_8) + "&assertion=" + encoded + "&assertion=" + encoded
                + "&resource=" + URLEncoder.encode(PARTNER, StandardCharsets.UTF_8) + "&scope=partner-read");

        assertRejected(response, 400, "invalid_request", grant);
        assertOk(redeem(sts, grant));
    }

    @ParameterizedTest(name = "joined by ''{0}''")
    @ValueSource(strings = {".", "", " ", ","})
    @DisplayName("TAS-05, TAS-21: two JWTs joined into one assertion value are invalid_grant")
    void whenTwoJwtsAreJoinedThenInvalidGrant(String separator) {
        String grant = aliceGrantForApiA(sts, "a-read");
        String other = aliceGrantForApiA(sts, "a-read");

        EndpointResponse response = redeem(sts, grant + separator + other);

        assertRejected(response, 400, "invalid_grant", grant, other);
    }

    @Test
    @DisplayName("TAS-06, A-33: a jwt-bearer request carrying audience is invalid_request")
    void whenAudienceIsPresentThenInvalidRequest() {
        String grant = aliceGrantForApiA(sts, "a-read");

        EndpointResponse response = sts.token(sts.b, API_A_AT_B, params("grant_type", JWT_BEARER, "assertion", grant,
                "audience", PARTNER, "scope", "partner-read"));

        assertRejected(response, 400, "invalid_request", grant);
    }

    @Test
    @DisplayName("TAS-07, GEN-104: a resource that is not a protected resource of domain-b is invalid_target")
    void whenResourceIsUnknownThenInvalidTarget() {
        String grant = aliceGrantForApiA(sts, "a-read");

        EndpointResponse response = sts.redeem(API_A_AT_B, grant, "https://unknown.domain-b.test", "partner-read", false);

        assertRejected(response, 400, "invalid_target", grant);
    }

    @ParameterizedTest(name = "resource ''{0}''")
    @ValueSource(strings = {"partner.domain-b.test", PARTNER + "#fragment"})
    @DisplayName("TAS-07, GEN-103: a resource that is not an absolute URI without fragment is invalid_target")
    void whenResourceIsMalformedThenInvalidTarget(String resource) {
        String grant = aliceGrantForApiA(sts, "a-read");

        assertRejected(sts.redeem(API_A_AT_B, grant, resource, "partner-read", false), 400, "invalid_target", grant);
    }

    @Test
    @DisplayName("TAS-07, TAS-25: without resource the target is deduced from the scope")
    void whenResourceIsOmittedThenTheTargetIsDeducedFromTheScope() {
        String grant = aliceGrantForApiA(sts, "a-read");

        Map<String, Object> body = assertOk(sts.redeem(API_A_AT_B, grant, null, "partner-read", false));

        assertThat(claimsOf((String) body.get("access_token"))).containsEntry("aud", PARTNER);
    }
}
