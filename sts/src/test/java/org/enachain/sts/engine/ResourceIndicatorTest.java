package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;
import static org.enachain.sts.engine.TokenEndpointChecks.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 8707 resource indicators at the token endpoint (REQUIREMENTS 3.3, GEN-102 to GEN-105; Profile
 * 7.1): accepted for every grant, malformed or unknown values refused with {@code invalid_target},
 * and every indicated resource named in {@code aud}.
 */
class ResourceIndicatorTest {

    private static final String UNKNOWN = "https://unknown.domain-a.test";

    private final StsFixture sts = StsFixture.create();

    private String grant() {
        EndpointResponse leg1 = sts.grantFor(API_A, sts.aliceTokenForApiA(), "a-read");
        assertOk(leg1);
        return (String) leg1.jsonBody().get("access_token");
    }

    /** API A's exchange of Alice's token, with {@code resource} once per value. */
    private EndpointResponse exchangeFor(String scope, String... resources) {
        return sts.a.token(post(authenticatedForm(sts, sts.a, API_A, params("grant_type", TOKEN_EXCHANGE,
                "subject_token", sts.aliceTokenForApiA(), "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", ACCESS_TOKEN_TYPE, "scope", scope), repeated(resources)),
                sts.proof(API_A, sts.a)));
    }

    /** The grant redeemed at domain-b with {@code resource} once per value. */
    private EndpointResponse redeemFor(String... resources) {
        return sts.b.token(post(authenticatedForm(sts, sts.b, API_A_AT_B, params("grant_type", JWT_BEARER,
                "assertion", grant(), "scope", "partner-read"), repeated(resources))));
    }

    private static String[] repeated(String... resources) {
        String[] pairs = new String[resources.length * 2];
        for (int i = 0; i < resources.length; i++) {
            pairs[2 * i] = "resource";
            pairs[2 * i + 1] = resources[i];
        }
        return pairs;
    }

    private Map<String, Object> login() {
        return sts.login(API_A, "a-read", false);
    }

    // ---- GEN-102 --------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-102: resource is accepted on a token-exchange request")
    void whenAnExchangeNamesAResourceThenItIsAccepted() {
        EndpointResponse response = sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "b-read", false);

        assertOk(response);
        assertThat(claimsOf((String) response.jsonBody().get("access_token")).get("aud")).asList().contains(API_B);
    }

    @Test
    @DisplayName("GEN-102: resource is accepted on a jwt-bearer request")
    void whenAJwtBearerRequestNamesAResourceThenItIsAccepted() {
        EndpointResponse response = sts.redeem(API_A_AT_B, grant(), PARTNER, "partner-read", false);

        assertOk(response);
        assertThat(claimsOf((String) response.jsonBody().get("access_token"))).containsEntry("aud", PARTNER);
    }

    @Test
    @DisplayName("GEN-102: resource naming the authorized resource is accepted on authorization_code and refresh_token requests")
    void whenAUserGrantNamesTheAuthorizedResourceThenItIsAccepted() {
        String code = sts.authorizationCode("alice", "alice-demo-password", APP, API_A, "a-read");
        EndpointResponse byCode = sts.token(sts.a, APP, params("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", VERIFIER, "resource", API_A));
        assertOk(byCode);

        EndpointResponse byRefresh = sts.token(sts.a, APP, params("grant_type", "refresh_token",
                "refresh_token", (String) byCode.jsonBody().get("refresh_token"), "resource", API_A));

        assertOk(byRefresh);
        assertThat(claimsOf((String) byRefresh.jsonBody().get("access_token")).get("aud")).asList().contains(API_A);
    }

    @Test
    @DisplayName("GEN-102, GEN-104: resource naming another resource than the user authorized is invalid_target on a refresh, not ignored")
    void whenARefreshNamesAnotherResourceThenInvalidTarget() {
        String refreshToken = (String) login().get("refresh_token");

        EndpointResponse response = sts.token(sts.a, APP, params("grant_type", "refresh_token",
                "refresh_token", refreshToken, "resource", API_B));

        assertError(response, 400, "invalid_target");
    }

    @Test
    @DisplayName("GEN-102, GEN-104: resource naming another resource than the user authorized is invalid_target on a code redemption")
    void whenACodeRedemptionNamesAnotherResourceThenInvalidTarget() {
        String code = sts.authorizationCode("alice", "alice-demo-password", APP, API_A, "a-read");

        EndpointResponse response = sts.token(sts.a, APP, params("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", VERIFIER, "resource", API_B));

        assertError(response, 400, "invalid_target");
    }

    @Test
    @DisplayName("GEN-102: resource is accepted at the authorization endpoint and decides the token's audience")
    void whenTheAuthorizationRequestNamesAResourceThenTheTokenIsForIt() {
        String token = (String) sts.login(API_B, "b-read", false).get("access_token");

        assertThat(claimsOf(token).get("aud")).asList().contains(API_B).doesNotContain(API_A);
    }

    // ---- GEN-103 --------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://api-b.domain-a.test#frag", "https://api-b.domain-a.test/#", "api-b.domain-a.test",
            "/api-b", "https://api b.test"})
    @DisplayName("GEN-103: a resource that is not an absolute URI, or has a fragment, is invalid_target on token exchange")
    void whenAnExchangeResourceIsMalformedThenInvalidTarget(String resource) {
        assertError(sts.exchange(API_A, sts.aliceTokenForApiA(), resource, "b-read", false), 400, "invalid_target");
    }

    @Test
    @DisplayName("GEN-103: a resource with a fragment is invalid_target on a jwt-bearer request")
    void whenAJwtBearerResourceHasAFragmentThenInvalidTarget() {
        assertError(sts.redeem(API_A_AT_B, grant(), PARTNER + "#frag", "partner-read", false), 400, "invalid_target");
    }

    @Test
    @DisplayName("GEN-103: a resource with a fragment is invalid_target on a refresh request")
    void whenARefreshResourceHasAFragmentThenInvalidTarget() {
        String refreshToken = (String) login().get("refresh_token");

        EndpointResponse response = sts.token(sts.a, APP, params("grant_type", "refresh_token",
                "refresh_token", refreshToken, "resource", API_A + "#frag"));

        assertError(response, 400, "invalid_target");
    }

    @Test
    @DisplayName("GEN-103: a resource with a fragment in the authorization request is answered with invalid_target")
    void whenTheAuthorizationRequestResourceHasAFragmentThenInvalidTarget() {
        Map<String, String> request = params("response_type", "code", "client_id", APP, "redirect_uri", REDIRECT,
                "scope", "a-read", "state", "s-1", "resource", API_A + "#frag",
                "code_challenge", UserGrants.Pkce.challengeOf(VERIFIER), "code_challenge_method", "S256");

        AuthorizationEndpoint.Outcome outcome = sts.a.authorizationEndpoint().show(request);

        assertThat(outcome).isInstanceOf(AuthorizationEndpoint.Outcome.Redirect.class);
        assertThat(query(((AuthorizationEndpoint.Outcome.Redirect) outcome).location()))
                .containsEntry("error", "invalid_target");
    }

    // ---- GEN-104 --------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-104: an exchange naming a known and an unknown resource is invalid_target")
    void whenOneOfTwoExchangeResourcesIsUnknownThenInvalidTarget() {
        assertError(exchangeFor("c-read", API_C, UNKNOWN), 400, "invalid_target");
    }

    @Test
    @DisplayName("GEN-104: an exchange naming only an unknown resource is invalid_target")
    void whenTheExchangeResourceIsUnknownThenInvalidTarget() {
        assertError(exchangeFor("c-read", UNKNOWN), 400, "invalid_target");
    }

    @Test
    @DisplayName("GEN-104: a resource of another domain (the partner API at domain-a) is invalid_target")
    void whenTheResourceBelongsToAnotherDomainThenInvalidTarget() {
        assertError(exchangeFor("c-read", PARTNER), 400, "invalid_target");
    }

    @Test
    @DisplayName("GEN-104: a jwt-bearer request naming the partner API and an unknown resource is invalid_target")
    void whenOneOfTwoJwtBearerResourcesIsUnknownThenInvalidTarget() {
        assertError(redeemFor(PARTNER, "https://unknown.domain-b.test"), 400, "invalid_target");
    }

    @Test
    @DisplayName("GEN-104: in a cross-domain exchange, resource naming the configured peer issuer is a target-AS indicator (A-18)")
    void whenACrossDomainResourceIsThePeerIssuerThenTheGrantIsIssued() {
        EndpointResponse response = sts.token(sts.a, API_A, params("grant_type", TOKEN_EXCHANGE,
                "subject_token", sts.aliceTokenForApiA(), "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", JWT_TYPE, "resource", ISSUER_B, "scope", "a-read"));

        assertOk(response);
        assertThat(claimsOf((String) response.jsonBody().get("access_token"))).containsEntry("aud", ISSUER_B);
    }

    @Test
    @DisplayName("GEN-104: in a cross-domain exchange, resource naming an unconfigured authorization server is invalid_target")
    void whenACrossDomainResourceIsAnUnknownIssuerThenInvalidTarget() {
        EndpointResponse response = sts.token(sts.a, API_A, params("grant_type", TOKEN_EXCHANGE,
                "subject_token", sts.aliceTokenForApiA(), "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", JWT_TYPE, "resource", "https://sts.test/domain-x", "scope", "a-read"));

        assertError(response, 400, "invalid_target");
    }

    // ---- GEN-105 --------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-105: the token's aud names each of two indicated resources")
    void whenTwoResourcesAreIndicatedThenAudNamesBoth() {
        EndpointResponse response = exchangeFor("c-read", API_C, API_C2);

        assertOk(response);
        assertThat(claimsOf((String) response.jsonBody().get("access_token")).get("aud")).asList()
                .contains(API_C, API_C2);
    }

    @Test
    @DisplayName("GEN-105: a resource indicated by its alias is named in aud by that alias")
    void whenTheResourceIsIndicatedByItsAliasThenAudNamesTheAlias() {
        EndpointResponse response = sts.exchange(API_A, sts.aliceTokenForApiA(), API_B_ALIAS, "b-read", false);

        assertOk(response);
        assertThat(claimsOf((String) response.jsonBody().get("access_token")).get("aud"))
                .isEqualTo(List.of(API_B, API_B_ALIAS, ISSUER_A));
    }
}
