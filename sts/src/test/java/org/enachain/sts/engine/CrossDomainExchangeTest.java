package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.enachain.sts.engine.CrossDomainSupport.*;
import static org.enachain.sts.engine.StsFixture.*;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.enachain.core.ValidationResult;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.token.AuthorizationGrant;
import org.enachain.core.token.AuthorizationGrantValidator;
import org.enachain.sts.policy.DpopRequirement;
import org.enachain.sts.policy.GrantType;
import org.enachain.sts.policy.Lifetimes;
import org.enachain.sts.policy.ResourcePolicy;
import org.enachain.sts.policy.TargetPeerPolicy;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Leg 1 of the cross-domain flow: token exchange at domain-a for a JWT authorization grant (Chaining 3.3). */
class CrossDomainExchangeTest {

    /** api-b's identifier at domain-b, for the variant where api-b may exchange towards domain-b. */
    private static final String API_B_AT_B = "https://api-b.partners.domain-b.test";

    private final StsFixture sts = StsFixture.create();

    // ---- target peer (STS-65, STS-66, STS-67) --------------------------------------------------------

    @Test
    @DisplayName("STS-65: an audience naming no configured peer authorization server is invalid_target")
    void whenAudienceIsUnknownIssuerThenInvalidTarget() {
        String subjectToken = sts.aliceTokenForApiA();
        EndpointResponse response = exchangeAtA(sts, API_A, false, "grant_type", TOKEN_EXCHANGE,
                "subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", JWT_TYPE, "audience", BASE + "/domain-x", "scope", "a-read");
        assertRejected(response, 400, "invalid_target", subjectToken);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {ISSUER_B + "/", "https://STS.test/domain-b", "https://sts.test/Domain-B", ISSUER_B + "/token"})
    @DisplayName("STS-65: the peer issuer is compared exactly: a near miss is invalid_target")
    void whenAudienceOnlyResemblesThePeerIssuerThenInvalidTarget(String nearMiss) {
        String subjectToken = sts.aliceTokenForApiA();
        EndpointResponse response = exchangeAtA(sts, API_A, false, "grant_type", TOKEN_EXCHANGE,
                "subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", JWT_TYPE, "audience", nearMiss, "scope", "a-read");
        assertRejected(response, 400, "invalid_target", subjectToken);
    }

    @Test
    @DisplayName("STS-65, A-18: a resource equal to the configured peer issuer is accepted as the target authorization server")
    void whenResourceNamesThePeerIssuerThenTheGrantIsIssued() {
        EndpointResponse response = exchangeAtA(sts, API_A, false, "grant_type", TOKEN_EXCHANGE,
                "subject_token", sts.aliceTokenForApiA(), "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", JWT_TYPE, "resource", ISSUER_B, "scope", "a-read");
        Map<String, Object> body = assertOk(response);
        assertThat(body).containsEntry("issued_token_type", JWT_TYPE);
        assertThat(claimsOf((String) body.get("access_token"))).containsEntry("aud", ISSUER_B);
    }

    @Test
    @DisplayName("STS-65, A-18: a resource naming no configured peer in a cross-domain exchange is invalid_target")
    void whenResourceIsUnknownIssuerThenInvalidTarget() {
        String subjectToken = sts.aliceTokenForApiA();
        EndpointResponse response = exchangeAtA(sts, API_A, false, "grant_type", TOKEN_EXCHANGE,
                "subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", JWT_TYPE, "resource", BASE + "/domain-x", "scope", "a-read");
        assertRejected(response, 400, "invalid_target", subjectToken);
    }

    @Test
    @DisplayName("STS-65: a protected resource of this domain is not a peer authorization server: invalid_target")
    void whenCrossDomainTargetIsALocalResourceThenInvalidTarget() {
        String subjectToken = sts.aliceTokenForApiA();
        EndpointResponse response = exchangeAtA(sts, API_A, false, "grant_type", TOKEN_EXCHANGE,
                "subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", JWT_TYPE, "audience", API_B, "scope", "b-read");
        assertRejected(response, 400, "invalid_target", subjectToken);
    }

    @Test
    @DisplayName("STS-66, A-19: a known peer towards which the client may not exchange (api-b has no peers) is unauthorized_client")
    void whenClientIsNotPermittedForThePeerThenUnauthorizedClient() {
        String tokenForApiB = (String) sts.login(API_B, "b-read", false).get("access_token");

        EndpointResponse response = sts.grantFor(API_B, tokenForApiB, "b-read");

        assertRejected(response, 400, "unauthorized_client", tokenForApiB);
    }

    @Test
    @DisplayName("STS-66: the same request is granted once the client is registered for the peer")
    void whenClientIsPermittedForThePeerThenTheGrantIsIssued() {
        StsFixture withPeer = StsFixture.create(spec -> spec.replaceClientA(StsFixture.client(API_B,
                Set.of(GrantType.TOKEN_EXCHANGE), Optional.of(API_B), Set.of(API_C), Map.of(ISSUER_B, API_B_AT_B))));
        String tokenForApiB = (String) withPeer.login(API_B, "b-read", false).get("access_token");

        Map<String, Object> grant = claimsOf(grantValue(withPeer.grantFor(API_B, tokenForApiB, "b-read")));

        assertThat(grant).containsEntry("client_id", API_B_AT_B).containsEntry("aud", ISSUER_B);
    }

    static Stream<Arguments> leg1Errors() {
        return Stream.of(
                Arguments.of(Named.<Function<StsFixture, EndpointResponse>>of("subject_token missing",
                        s -> exchangeAtA(s, API_A, false, "grant_type", TOKEN_EXCHANGE,
                                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", JWT_TYPE,
                                "audience", ISSUER_B, "scope", "a-read")), 400, "invalid_request"),
                Arguments.of(Named.<Function<StsFixture, EndpointResponse>>of("scope not in the subject token",
                        s -> s.grantFor(API_A, s.aliceTokenForApiA(), "a-write")), 400, "invalid_scope"),
                Arguments.of(Named.<Function<StsFixture, EndpointResponse>>of("client not permitted for the peer",
                        s -> s.grantFor(API_B, (String) s.login(API_B, "b-read", false).get("access_token"), "b-read")),
                        400, "unauthorized_client"),
                Arguments.of(Named.<Function<StsFixture, EndpointResponse>>of("unknown peer",
                        s -> exchangeAtA(s, API_A, false, "grant_type", TOKEN_EXCHANGE,
                                "subject_token", s.aliceTokenForApiA(), "subject_token_type", ACCESS_TOKEN_TYPE,
                                "requested_token_type", JWT_TYPE, "audience", BASE + "/domain-x")), 400, "invalid_target"),
                Arguments.of(Named.<Function<StsFixture, EndpointResponse>>of("replay check unavailable",
                        s -> s.token(domainA(s, unavailableFor(s, "")), API_A, params("grant_type", TOKEN_EXCHANGE,
                                "subject_token", s.aliceTokenForApiA(), "subject_token_type", ACCESS_TOKEN_TYPE,
                                "requested_token_type", JWT_TYPE, "audience", ISSUER_B, "scope", "a-read"))),
                        503, "server_error"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("leg1Errors")
    @DisplayName("STS-67: cross-domain exchange errors use invalid_request, invalid_scope, unauthorized_client, invalid_target"
            + " and server_error")
    void whenLegOneFailsThenTheErrorCodeNamesTheCause(Function<StsFixture, EndpointResponse> request, int status,
                                                     String error) {
        assertRejected(request.apply(StsFixture.create()), status, error);
    }

    // ---- the grant (STS-68, STS-75 to STS-94) --------------------------------------------------------

    @Test
    @DisplayName("STS-68: the grant attests the user and the requesting client, targets domain-b and is short-lived")
    void whenGrantIsIssuedThenItAttestsUserClientAndTarget() {
        Map<String, Object> grant = claimsOf(aliceGrantForApiA(sts, "a-read"));

        assertThat(grant).containsEntry("sub", ALICE_SUB).containsEntry("client_id", API_A_AT_B)
                .containsEntry("aud", ISSUER_B).containsEntry("act", Map.of("sub", API_A, "act", Map.of("sub", APP)));
        assertThat(seconds(grant, "exp") - seconds(grant, "iat"))
                .isPositive().isLessThanOrEqualTo(Lifetimes.MAX_GRANT_LIFETIME.toSeconds());
    }

    @Test
    @DisplayName("STS-68, TAS-19: the grant is one-time use: redeemed once, refused the second time")
    void whenGrantIsRedeemedTwiceThenTheSecondIsInvalidGrant() {
        String grant = aliceGrantForApiA(sts, "a-read");
        assertOk(redeem(sts, grant));

        assertRejected(redeem(sts, grant), 400, "invalid_grant", grant);
    }

    @Test
    @DisplayName("STS-69, A-25: a valid DPoP proof on leg 1 is accepted but the grant is not bound (no cnf)")
    void whenLegOneCarriesAValidProofThenTheGrantHasNoCnf() {
        EndpointResponse response = exchangeAtA(sts, API_A, true, "grant_type", TOKEN_EXCHANGE,
                "subject_token", sts.aliceTokenForApiA(), "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", JWT_TYPE, "audience", ISSUER_B, "scope", "a-read");
        Map<String, Object> body = assertOk(response);

        assertThat(body).containsEntry("token_type", "N_A");
        assertThat(claimsOf((String) body.get("access_token"))).doesNotContainKey("cnf");
    }

    @Test
    @DisplayName("STS-69: an invalid DPoP proof on leg 1 (htu of another token endpoint) is invalid_dpop_proof")
    void whenLegOneCarriesAnInvalidProofThenInvalidDpopProof() {
        String subjectToken = sts.aliceTokenForApiA();
        String body = form(params("grant_type", TOKEN_EXCHANGE, "client_id", API_A,
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", sts.assertion(API_A, sts.a),
                "subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", JWT_TYPE, "audience", ISSUER_B, "scope", "a-read"));
        EndpointRequest request = EndpointRequest.formPost(body).withDpop(sts.proof(API_A, sts.b));

        assertRejected(sts.a.token(request), 400, "invalid_dpop_proof", subjectToken);
    }

    @Test
    @DisplayName("STS-70, STS-71, STS-72, STS-73: the grant comes in access_token, issued_token_type jwt, token_type N_A,"
            + " expires_in = exp − iat")
    void whenGrantIsIssuedThenTheResponseHasTheExchangeMembers() {
        Map<String, Object> body = assertOk(sts.grantFor(API_A, sts.aliceTokenForApiA(), "a-read"));

        assertThat(body).containsEntry("issued_token_type", JWT_TYPE).containsEntry("token_type", "N_A")
                .doesNotContainKey("refresh_token");
        assertThat(body.get("access_token")).isInstanceOf(String.class);
        Map<String, Object> grant = claimsOf((String) body.get("access_token"));
        assertThat(((Number) body.get("expires_in")).longValue()).isEqualTo(seconds(grant, "exp") - seconds(grant, "iat"));
    }

    @Test
    @DisplayName("STS-73, A-34: a grant from a subject token about to expire ends with it, and expires_in says so")
    void whenSubjectTokenExpiresSoonThenGrantAndExpiresInFollowIt() {
        String subjectToken = sts.aliceTokenForApiA();
        long subjectExp = seconds(claimsOf(subjectToken), "exp");
        sts.clock.advance(Lifetimes.DEFAULTS.accessToken().minusSeconds(30));

        Map<String, Object> body = assertOk(sts.grantFor(API_A, subjectToken, "a-read"));

        Map<String, Object> grant = claimsOf((String) body.get("access_token"));
        assertThat(seconds(grant, "exp")).isEqualTo(subjectExp);
        assertThat(((Number) body.get("expires_in")).longValue()).isEqualTo(30);
    }

    @Test
    @DisplayName("STS-74: scope is returned with the narrowed value when less than the subject token's scopes is asked")
    void whenScopeIsNarrowedThenTheResponseScopeIsTheNarrowedValue() {
        Map<String, Object> body = assertOk(sts.grantFor(API_A, sts.aliceTokenForApiA(), "a-read"));

        assertThat(body).containsEntry("scope", "a-read");
        assertThat(claimsOf((String) body.get("access_token"))).containsEntry("scope", "a-read");
    }

    @Test
    @DisplayName("STS-74, A-14: scope is returned even when none was requested (the subject token's scopes)")
    void whenNoScopeIsRequestedThenTheResponseStillHasScope() {
        Map<String, Object> body = assertOk(sts.grantFor(API_A, sts.aliceTokenForApiA(), null));

        assertThat(body).containsEntry("scope", "a-read b-read c-read");
    }

    @Test
    @DisplayName("STS-75, STS-91: the grant passes an RFC 7523 validator configured with domain-a's published JWK Set")
    void whenGrantIsCheckedAsAnRfc7523AssertionThenItIsValid() {
        String grant = aliceGrantForApiA(sts, "a-read");
        AuthorizationGrantValidator checker = AuthorizationGrantValidator.builder(ISSUER_B)
                .trustedIssuer(ISSUER_A, VerificationKeys.fromJwks(sts.a.jwksJson()))
                .replayStore(new InMemoryReplayStore(10, sts.clock)).clock(sts.clock).build();

        ValidationResult<AuthorizationGrant> result = checker.validate(grant, API_A_AT_B);

        assertThat(result.isAccepted()).as(() -> String.valueOf(result.rejection())).isTrue();
        assertThat(result.value().subject()).isEqualTo(ALICE_SUB);
    }

    @Test
    @DisplayName("STS-75, STS-76, STS-78, STS-80, STS-82: iss, sub, aud, exp, iat, nbf and jti are present; iss is"
            + " domain-a, aud domain-b alone")
    void whenGrantIsIssuedThenTheRegisteredClaimsArePresent() {
        Map<String, Object> grant = claimsOf(aliceGrantForApiA(sts, "a-read"));

        assertThat(grant).containsEntry("iss", ISSUER_A).containsEntry("aud", ISSUER_B)
                .containsKeys("sub", "exp", "iat", "nbf", "jti");
        long now = sts.clock.instant().getEpochSecond();
        assertThat(seconds(grant, "iat")).isEqualTo(now);
        assertThat(seconds(grant, "nbf")).isEqualTo(now);
    }

    @Test
    @DisplayName("STS-91, STS-04: the grant verifies with a key of domain-a's published JWK Set under its kid")
    void whenGrantIsVerifiedWithDomainAJwksThenTheSignatureHolds() throws JoseException {
        String grant = aliceGrantForApiA(sts, "a-read");
        Map<String, Object> header = headerOf(grant);
        VerificationKeys keys = VerificationKeys.fromJwks(sts.a.jwksJson());
        JwsAlgorithm algorithm = JwsAlgorithm.fromJwaName((String) header.get("alg")).orElseThrow();

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(grant);
        jws.setKey(keys.keysFor((String) header.get("kid"), algorithm).get(0));

        assertThat(jws.verifySignature()).isTrue();
        assertThat(VerificationKeys.fromJwks(sts.b.jwksJson()).keysFor((String) header.get("kid"), algorithm)).isEmpty();
    }

    @Test
    @DisplayName("STS-77: the grant sub is the subject token's sub")
    void whenGrantIsIssuedThenSubIsTheUsersSub() {
        String bobToken = (String) sts.login("bob", "bob-demo-password", APP, API_A, "a-read", false).get("access_token");

        Map<String, Object> grant = claimsOf(grantValue(sts.grantFor(API_A, bobToken, "a-read")));

        assertThat(grant).containsEntry("sub", BOB_SUB);
    }

    @Test
    @DisplayName("STS-79, A-09: with the peer's token endpoint option the grant aud is [issuer, token endpoint]")
    void whenTokenEndpointAudienceIsOnThenAudHasTwoValues() {
        StsFixture option = StsFixture.create(spec -> spec.grantTokenEndpointAudience = true);

        Map<String, Object> grant = claimsOf(aliceGrantForApiA(option, "a-read"));

        assertThat(grant).containsEntry("aud", List.of(ISSUER_B, ISSUER_B + "/token"));
        assertOk(redeem(option, grantValue(option.grantFor(API_A, option.aliceTokenForApiA(), "a-read"))));
    }

    @Test
    @DisplayName("STS-79: without the option the grant aud is the one issuer string")
    void whenTokenEndpointAudienceIsOffThenAudIsTheIssuerAlone() {
        assertThat(claimsOf(aliceGrantForApiA(sts, "a-read"))).containsEntry("aud", ISSUER_B);
    }

    @Test
    @DisplayName("STS-80: 1,000 grants have 1,000 distinct jti values")
    void whenAThousandGrantsAreIssuedThenEveryJtiIsDistinct() {
        String subjectToken = sts.aliceTokenForApiA();
        Set<Object> jtis = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            jtis.add(claimsOf(grantValue(sts.grantFor(API_A, subjectToken, "a-read"))).get("jti"));
        }
        assertThat(jtis).hasSize(1000).doesNotContainNull();
    }

    @Test
    @DisplayName("STS-81: the grant lives exactly the configured authorization grant lifetime (60 s), at most the maximum")
    void whenGrantLifetimeIsConfiguredThenExpMinusIatIsIt() {
        Lifetimes d = Lifetimes.DEFAULTS;
        StsFixture short60 = StsFixture.create(spec -> spec.lifetimes = new Lifetimes(d.accessToken(), d.refreshToken(),
                Duration.ofSeconds(60), d.authorizationCode(), d.clientAssertion(), d.receivedGrant(), d.leeway()));

        Map<String, Object> grant = claimsOf(aliceGrantForApiA(short60, "a-read"));
        Map<String, Object> byDefault = claimsOf(aliceGrantForApiA(sts, "a-read"));

        assertThat(seconds(grant, "exp") - seconds(grant, "iat")).isEqualTo(60);
        assertThat(seconds(byDefault, "exp") - seconds(byDefault, "iat"))
                .isEqualTo(d.authorizationGrant().toSeconds()).isLessThanOrEqualTo(Lifetimes.MAX_GRANT_LIFETIME.toSeconds());
    }

    @Test
    @DisplayName("STS-81, A-34: a grant lifetime above 300 s cannot be configured")
    void whenGrantLifetimeAboveTheMaximumIsConfiguredThenThePolicyIsRefused() {
        Lifetimes d = Lifetimes.DEFAULTS;
        assertThatThrownBy(() -> new Lifetimes(d.accessToken(), d.refreshToken(), Duration.ofSeconds(301),
                d.authorizationCode(), d.clientAssertion(), d.receivedGrant(), d.leeway()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("STS-83, STS-03: api-a's grant carries its identifier registered at domain-b as client_id")
    void whenClientIsKnownByAnotherIdAtThePeerThenClientIdIsTheMappedId() {
        assertThat(claimsOf(aliceGrantForApiA(sts, "a-read"))).containsEntry("client_id", API_A_AT_B);
    }

    @Test
    @DisplayName("STS-83: the app, registered at domain-b under the same identifier, gets client_id = its identifier")
    void whenClientHasTheSameIdAtThePeerThenClientIdIsThatId() {
        String appToken = sts.aliceTokenForApiA();

        Map<String, Object> grant = claimsOf(grantValue(sts.grantFor(APP, appToken, "a-read")));

        assertThat(grant).containsEntry("client_id", APP);
    }

    @Test
    @DisplayName("STS-84, STS-85, STS-86: a mapped client is the first-level act.sub under its originating identifier")
    void whenClientIsMappedThenTheOuterActorIsTheOriginatingId() {
        Map<String, Object> grant = claimsOf(aliceGrantForApiA(sts, "a-read"));

        assertThat(grant.get("act")).isInstanceOf(Map.class);
        assertThat(ActorClaim.currentActor(grant.get("act"))).isEqualTo(API_A).isNotEqualTo(grant.get("client_id"));
    }

    @Test
    @DisplayName("STS-85, STS-86: the app exchanging its own token is the only actor of the grant")
    void whenTheAppExchangesItsOwnTokenThenActIsTheAppAlone() {
        Map<String, Object> grant = claimsOf(grantValue(sts.grantFor(APP, sts.aliceTokenForApiA(), "a-read")));

        assertThat(grant).containsEntry("act", Map.of("sub", APP));
    }

    @Test
    @DisplayName("STS-87, STS-64: actors of earlier hops are nested below the requester, the application innermost")
    void whenSubjectTokenHasActThenTheChainIsNestedBelowTheRequester() {
        StsFixture withPeer = StsFixture.create(spec -> spec.replaceClientA(StsFixture.client(API_B,
                Set.of(GrantType.TOKEN_EXCHANGE), Optional.of(API_B), Set.of(API_C), Map.of(ISSUER_B, API_B_AT_B))));
        String forApiB = (String) assertOk(withPeer.exchange(API_A, withPeer.aliceTokenForApiA(), API_B, "b-read", false))
                .get("access_token");

        Map<String, Object> grant = claimsOf(grantValue(withPeer.grantFor(API_B, forApiB, "b-read")));

        assertThat(grant).containsEntry("act", Map.of("sub", API_B, "act", Map.of("sub", API_A, "act", Map.of("sub", APP))));
    }

    @Test
    @DisplayName("STS-88: acr, amr and auth_time of the subject token are copied into the grant unchanged")
    void whenSubjectTokenHasAuthenticationContextThenTheGrantCopiesIt() {
        String subjectToken = sts.aliceTokenForApiA();
        Map<String, Object> subject = claimsOf(subjectToken);
        assertThat(subject).containsKeys("acr", "amr", "auth_time");

        Map<String, Object> grant = claimsOf(grantValue(sts.grantFor(API_A, subjectToken, "a-read")));

        for (String name : List.of("acr", "amr", "auth_time")) {
            assertThat(grant.get(name)).as(name).isEqualTo(subject.get(name));
        }
    }

    @Test
    @DisplayName("STS-89: the grant scope is the requested subset; a-write, granted but not requested, is dropped")
    void whenASubsetIsRequestedThenTheGrantCarriesOnlyIt() {
        String subjectToken = (String) sts.login(API_A, "a-read a-write b-read", false).get("access_token");

        Map<String, Object> grant = claimsOf(grantValue(sts.grantFor(API_A, subjectToken, "a-read b-read")));

        assertThat(grant).containsEntry("scope", "a-read b-read");
    }

    @Test
    @DisplayName("STS-89, STS-42: a requested scope missing from the subject token is invalid_scope, not added")
    void whenARequestedScopeIsNotInTheSubjectTokenThenInvalidScope() {
        String subjectToken = sts.aliceTokenForApiA();

        assertRejected(sts.grantFor(API_A, subjectToken, "a-read a-write"), 400, "invalid_scope", subjectToken);
    }

    @Test
    @DisplayName("STS-89, GEN-115, A-37: with the peer's scope map the grant carries the mapped target values")
    void whenThePeerMapsScopesThenTheGrantCarriesTargetValues() {
        StsFixture mapping = StsFixture.create(spec -> {
            spec.peerScopeMap = Map.of("a-read", Set.of("partner-read"), "a-write", Set.of("partner-write"));
            spec.tasScopeMap = Map.of();
        });
        String subjectToken = (String) mapping.login(API_A, "a-read a-write b-read", false).get("access_token");

        Map<String, Object> body = assertOk(mapping.grantFor(API_A, subjectToken, "a-read"));

        assertThat(body).containsEntry("scope", "partner-read");
        String grant = (String) body.get("access_token");
        assertThat(claimsOf(grant)).containsEntry("scope", "partner-read");
        Map<String, Object> token = claimsOf((String) assertOk(mapping.redeem(API_A_AT_B, grant, PARTNER, "partner-read",
                false)).get("access_token"));
        assertThat(token).containsEntry("scope", "partner-read");
    }

    @Test
    @DisplayName("GEN-115: the same input mapped twice gives identical output; a value mapping to several is listed in order")
    void whenTheSameScopesAreMappedTwiceThenTheOutputIsIdentical() {
        StsFixture mapping = StsFixture.create(spec -> spec.peerScopeMap = Map.of(
                "a-read", Set.of("partner-read", "partner-list"), "a-write", Set.of("partner-write")));
        String subjectToken = (String) mapping.login(API_A, "a-read a-write", false).get("access_token");

        Map<String, Object> first = claimsOf(grantValue(mapping.grantFor(API_A, subjectToken, "a-write a-read")));
        Map<String, Object> second = claimsOf(grantValue(mapping.grantFor(API_A, subjectToken, "a-read a-write")));

        assertThat(first.get("scope")).isEqualTo(second.get("scope")).isEqualTo("partner-list partner-read partner-write");
    }

    @Test
    @DisplayName("GEN-115: a requested scope the peer's map does not know is invalid_scope")
    void whenARequestedScopeHasNoMappingThenInvalidScope() {
        StsFixture mapping = StsFixture.create(spec -> spec.peerScopeMap = Map.of("a-read", Set.of("partner-read")));
        String subjectToken = mapping.aliceTokenForApiA();

        assertRejected(mapping.grantFor(API_A, subjectToken, "a-read b-read"), 400, "invalid_scope", subjectToken);
    }

    @Test
    @DisplayName("GEN-115, A-14: without scope, subject token values the peer's map does not know are dropped")
    void whenNoScopeIsRequestedThenUnmappedValuesAreDropped() {
        StsFixture mapping = StsFixture.create(spec -> spec.peerScopeMap = Map.of("a-read", Set.of("partner-read")));

        Map<String, Object> body = assertOk(mapping.grantFor(API_A, mapping.aliceTokenForApiA(), null));

        assertThat(body).containsEntry("scope", "partner-read");
    }

    @Test
    @DisplayName("STS-93, A-32: the grant's JOSE typ is JWT, never at+jwt, dpop+jwt or client-authentication+jwt")
    void whenGrantIsIssuedThenTypIsJwt() {
        Map<String, Object> header = headerOf(aliceGrantForApiA(sts, "a-read"));

        assertThat(header).containsEntry("typ", "JWT").containsKey("kid");
    }

    @ParameterizedTest(name = "typ ''{0}''")
    @ValueSource(strings = {"at+jwt", "dpop+jwt", "client-authentication+jwt", "application/AT+JWT", " "})
    @DisplayName("STS-93, A-32: a peer configured with the typ of another JWT kind is refused")
    void whenPeerGrantTypeIsAnotherJwtKindThenThePolicyIsRefused(String typ) {
        assertThatThrownBy(() -> new TargetPeerPolicy(ISSUER_B, Optional.empty(), false, Map.of(), false, typ))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new TargetPeerPolicy(ISSUER_B, Optional.empty(), false, Map.of(), false, "grant+jwt").grantType())
                .isEqualTo("grant+jwt");
    }

    @Test
    @DisplayName("STS-94, STS-77: in pseudonym mode sub is a pseudonym, stable per user and peer, that maps back to the user")
    void whenPseudonymsAreOnThenSubIsAStablePseudonymTheStsResolves() {
        StsFixture pseudonymous = StsFixture.create(spec -> spec.pseudonymousSubject = true);
        String aliceToken = pseudonymous.aliceTokenForApiA();

        String first = (String) claimsOf(grantValue(pseudonymous.grantFor(API_A, aliceToken, "a-read"))).get("sub");
        String again = (String) claimsOf(grantValue(pseudonymous.grantFor(API_A, aliceToken, "b-read"))).get("sub");

        assertThat(first).isNotEqualTo(ALICE_SUB).doesNotContain(ALICE_SUB).isEqualTo(again);
        assertThat(pseudonymous.a.pseudonyms().resolve(first)).contains(ALICE_SUB);
    }

    @Test
    @DisplayName("STS-94: different users get different pseudonyms, each resolving to its own user")
    void whenPseudonymsAreOnThenEachUserHasHisOwn() {
        StsFixture pseudonymous = StsFixture.create(spec -> spec.pseudonymousSubject = true);
        String bobToken = (String) pseudonymous.login("bob", "bob-demo-password", APP, API_A, "a-read", false)
                .get("access_token");

        String alice = (String) claimsOf(grantValue(pseudonymous.grantFor(API_A, pseudonymous.aliceTokenForApiA(),
                "a-read"))).get("sub");
        String bob = (String) claimsOf(grantValue(pseudonymous.grantFor(API_A, bobToken, "a-read"))).get("sub");

        assertThat(alice).isNotEqualTo(bob);
        assertThat(pseudonymous.a.pseudonyms().resolve(bob)).contains(BOB_SUB);
        assertThat(pseudonymous.a.pseudonyms().resolve("not-a-pseudonym")).isEmpty();
    }

    @Test
    @DisplayName("STS-94: one user's pseudonym differs per peer, so peers cannot correlate")
    void whenPseudonymsAreForDifferentPeersThenTheyDiffer() {
        Pseudonyms pseudonyms = new Pseudonyms(new byte[32], 10, sts.clock);

        String forB = pseudonyms.of(ISSUER_B, ALICE_SUB);

        assertThat(pseudonyms.of(BASE + "/domain-c", ALICE_SUB)).isNotEqualTo(forB);
        assertThat(pseudonyms.of(ISSUER_B, ALICE_SUB)).isEqualTo(forB);
    }

    @Test
    @DisplayName("STS-94, TAS-27: the target domain receives the pseudonym as the user's sub and never the real one")
    void whenAPseudonymousGrantIsRedeemedThenTheTargetTokenCarriesThePseudonym() {
        StsFixture pseudonymous = StsFixture.create(spec -> spec.pseudonymousSubject = true);
        String grant = grantValue(pseudonymous.grantFor(API_A, pseudonymous.aliceTokenForApiA(), "a-read"));

        Map<String, Object> token = claimsOf((String) assertOk(redeem(pseudonymous, grant)).get("access_token"));

        assertThat(token.get("sub")).isEqualTo(claimsOf(grant).get("sub")).isNotEqualTo(ALICE_SUB);
    }

    // ---- sensitive subjects (GEN-90, STS-94, A-16) ---------------------------------------------------

    /**
     * Alice's subject is sensitive; API A may receive it, so she can log in to it (GEN-90). Domain-b
     * gets pseudonyms when {@code pseudonyms}.
     */
    private static StsFixture sensitiveAlice(boolean pseudonyms) {
        return StsFixture.create(spec -> {
            spec.sensitiveSubjects = Optional.of(Pattern.compile("u-7c1e-.*"));
            spec.replaceResourceA(new ResourcePolicy(API_A, Set.of(), Set.of("a-read", "a-write", "b-read", "c-read"),
                    DpopRequirement.OPTIONAL, Set.of("email"), true, true, Optional.empty()));
            spec.pseudonymousSubject = pseudonyms;
        });
    }

    @Test
    @DisplayName("GEN-90: a sensitive subject exchanged towards domain-b, which gets real subjects, is invalid_target (A-16)")
    void whenTheSubjectIsSensitiveAndThePeerGetsRealSubjectsThenInvalidTarget() {
        StsFixture fixture = sensitiveAlice(false);
        String aliceToken = fixture.aliceTokenForApiA();
        assertThat(claimsOf(aliceToken)).containsEntry("sub", ALICE_SUB);

        assertRejected(fixture.grantFor(API_A, aliceToken, "a-read"), 400, "invalid_target", aliceToken);
    }

    @Test
    @DisplayName("GEN-90: the refresh token of a sensitive subject as cross-domain subject is invalid_target too (A-16)")
    void whenTheRefreshTokenOfASensitiveSubjectIsExchangedTowardsThePeerThenInvalidTarget() {
        StsFixture fixture = sensitiveAlice(false);
        String refreshToken = (String) fixture.login(API_A, "a-read", false).get("refresh_token");

        EndpointResponse response = exchangeAtA(fixture, APP, false, "grant_type", TOKEN_EXCHANGE,
                "subject_token", refreshToken, "subject_token_type", REFRESH_TOKEN_TYPE,
                "requested_token_type", JWT_TYPE, "audience", ISSUER_B, "scope", "a-read");

        assertRejected(response, 400, "invalid_target", refreshToken);
    }

    @Test
    @DisplayName("GEN-90: a subject outside the sensitive pattern (Bob) is exchanged towards domain-b under its real sub")
    void whenTheSubjectIsNotSensitiveThenTheGrantCarriesTheRealSub() {
        StsFixture fixture = sensitiveAlice(false);
        String bobToken = (String) fixture.login("bob", "bob-demo-password", APP, API_A, "a-read", false)
                .get("access_token");

        assertThat(claimsOf(grantValue(fixture.grantFor(API_A, bobToken, "a-read")))).containsEntry("sub", BOB_SUB);
    }

    @Test
    @DisplayName("GEN-90, STS-94: with pseudonymous subjects for domain-b, the sensitive subject leaves as a pseudonym that maps back (A-16)")
    void whenTheSubjectIsSensitiveAndThePeerGetsPseudonymsThenTheGrantCarriesAPseudonym() {
        StsFixture fixture = sensitiveAlice(true);

        String grant = grantValue(fixture.grantFor(API_A, fixture.aliceTokenForApiA(), "a-read"));

        String pseudonym = (String) claimsOf(grant).get("sub");
        assertThat(pseudonym).isNotEqualTo(ALICE_SUB).doesNotContain(ALICE_SUB).doesNotContain("alice");
        assertThat(fixture.a.pseudonyms().resolve(pseudonym)).contains(ALICE_SUB);
        Map<String, Object> token = claimsOf((String) assertOk(redeem(fixture, grant)).get("access_token"));
        assertThat(token).containsEntry("sub", pseudonym);
    }

    @Test
    @DisplayName("STS-09, STS-77, A-30: a refresh token is a valid subject of a cross-domain exchange")
    void whenRefreshTokenIsTheSubjectOfACrossDomainExchangeThenTheGrantIsIssued() {
        Map<String, Object> login = sts.login(API_A, "a-read b-read", false);
        Map<String, Object> accessToken = claimsOf((String) login.get("access_token"));

        EndpointResponse response = exchangeAtA(sts, APP, false, "grant_type", TOKEN_EXCHANGE,
                "subject_token", (String) login.get("refresh_token"), "subject_token_type", REFRESH_TOKEN_TYPE,
                "requested_token_type", JWT_TYPE, "audience", ISSUER_B, "scope", "a-read");

        Map<String, Object> grant = claimsOf(grantValue(response));
        assertThat(grant).containsEntry("sub", ALICE_SUB).containsEntry("client_id", APP)
                .containsEntry("act", Map.of("sub", APP)).containsEntry("scope", "a-read")
                .containsEntry("acr", accessToken.get("acr")).containsEntry("auth_time", accessToken.get("auth_time"));
    }

    @Test
    @DisplayName("STS-33, A-30: the same refresh token as subject of an intra-domain exchange is invalid_request")
    void whenRefreshTokenIsTheSubjectOfAnIntraDomainExchangeThenInvalidRequest() {
        String refreshToken = (String) sts.login(API_A, "a-read b-read", false).get("refresh_token");

        EndpointResponse response = exchangeAtA(sts, APP, false, "grant_type", TOKEN_EXCHANGE,
                "subject_token", refreshToken, "subject_token_type", REFRESH_TOKEN_TYPE,
                "requested_token_type", ACCESS_TOKEN_TYPE, "resource", API_A, "scope", "a-read");

        assertRejected(response, 400, "invalid_request", refreshToken);
    }

    private static long seconds(Map<String, Object> claims, String name) {
        return ((Number) claims.get(name)).longValue();
    }
}
