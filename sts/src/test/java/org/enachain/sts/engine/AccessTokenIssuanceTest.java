package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.enachain.sts.engine.StsFixture.*;
import static org.enachain.sts.engine.TokenEndpointChecks.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.sts.policy.DemoUser;
import org.enachain.sts.policy.Lifetimes;
import org.enachain.sts.policy.ResourcePolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Access tokens the STS and the TAS issue, and their token responses (REQUIREMENTS 3.3, GEN-79 to
 * GEN-101: the base profile's access-token rules, Profile 6.1).
 */
class AccessTokenIssuanceTest {

    private final StsFixture sts = StsFixture.create();

    /** The tenant that issued a path's token. */
    private static Tenant issuerOf(StsFixture sts, SuccessPath path) {
        return path == SuccessPath.JWT_BEARER_GRANT ? sts.b : sts.a;
    }

    private static String accessToken(EndpointResponse response) {
        assertOk(response);
        return (String) response.jsonBody().get("access_token");
    }

    /** One of domain-a's resources with one thing changed. */
    private static ResourcePolicy changed(StsFixture.Spec spec, String id, UnaryOperator<ResourcePolicy> change) {
        return change.apply(spec.resourcesA.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow());
    }

    private static ResourcePolicy withSigningAlgorithm(ResourcePolicy r, JwsAlgorithm algorithm) {
        return new ResourcePolicy(r.id(), r.aliases(), r.scopes(), r.dpop(), r.identityClaims(),
                r.receivesSensitiveSubjects(), r.exchangeCapable(), Optional.of(algorithm));
    }

    private static ResourcePolicy withSensitiveSubjects(ResourcePolicy r) {
        return new ResourcePolicy(r.id(), r.aliases(), r.scopes(), r.dpop(), r.identityClaims(), true,
                r.exchangeCapable(), r.signingAlgorithm());
    }

    /** API A exchanges Alice's token with {@code resource} given once per value. */
    private static EndpointResponse exchangeFor(StsFixture sts, String scope, String... resources) {
        String[] repeated = new String[resources.length * 2];
        for (int i = 0; i < resources.length; i++) {
            repeated[2 * i] = "resource";
            repeated[2 * i + 1] = resources[i];
        }
        String body = authenticatedForm(sts, sts.a, API_A, params("grant_type", TOKEN_EXCHANGE,
                "subject_token", sts.aliceTokenForApiA(), "subject_token_type", ACCESS_TOKEN_TYPE,
                "requested_token_type", ACCESS_TOKEN_TYPE, "scope", scope), repeated);
        return sts.a.token(post(body, sts.proof(API_A, sts.a)));
    }

    // ---- GEN-79 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-79: a tenant in which a user's subject equals a client identifier is refused")
    void whenAUserSubjectEqualsAClientIdThenTheTenantIsRefused() {
        assertThatThrownBy(() -> StsFixture.create(spec -> spec.users.add(new DemoUser("mallory", "mallory-password",
                API_B, Map.of(), LOA3, Set.of())))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GEN-79").hasMessageContaining(API_B);
    }

    @Test
    @DisplayName("GEN-79: a TAS mapping grant subjects onto one of its client identifiers is refused")
    void whenTheSubjectMapTargetsAClientIdThenTheTenantIsRefused() {
        assertThatThrownBy(() -> StsFixture.create(spec -> spec.tasSubjectMap = Map.of(ALICE_SUB, API_A_AT_B)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GEN-79");
    }

    @Test
    @DisplayName("GEN-79: a client identifier matching the pattern of sensitive user subjects is refused")
    void whenAClientIdMatchesTheSubjectPatternThenTheTenantIsRefused() {
        assertThatThrownBy(() -> StsFixture.create(spec -> spec.sensitiveSubjects =
                Optional.of(Pattern.compile("https://api-.*")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GEN-79");
        assertThat(StsFixture.create(spec -> spec.sensitiveSubjects = Optional.of(Pattern.compile("u-.*"))).a)
                .isNotNull();
    }

    // ---- GEN-80 to GEN-85 -----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SuccessPath.class, mode = EnumSource.Mode.EXCLUDE, names = "CROSS_DOMAIN_GRANT")
    @DisplayName("GEN-80, GEN-83: every issued access token is a JWT typed at+jwt with a kid")
    void whenAnAccessTokenIsIssuedThenItIsTypedAtJwt(SuccessPath path) {
        String token = accessToken(path.run(StsFixture.create()));

        assertThat(headerOf(token)).containsEntry("typ", "at+jwt").containsKey("kid");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SuccessPath.class, mode = EnumSource.Mode.EXCLUDE, names = "CROSS_DOMAIN_GRANT")
    @DisplayName("GEN-81, GEN-85: every access token holds iss (the issuer), exp, aud, sub, client_id, iat and jti")
    void whenAnAccessTokenIsIssuedThenItHasTheRequiredClaims(SuccessPath path) {
        StsFixture fresh = StsFixture.create();
        Map<String, Object> claims = claimsOf(accessToken(path.run(fresh)));

        assertThat(claims).containsKeys("iss", "exp", "aud", "sub", "client_id", "iat", "jti")
                .containsEntry("iss", issuerOf(fresh, path).issuer());
        assertThat(((Number) claims.get("exp")).longValue()).isGreaterThan(((Number) claims.get("iat")).longValue());
        assertThat((String) claims.get("jti")).isNotBlank();
    }

    @Test
    @DisplayName("GEN-81: two tokens issued in the same second carry different jti values")
    void whenTwoTokensAreIssuedThenTheirJtisDiffer() {
        String first = sts.aliceTokenForApiA();
        String second = sts.aliceTokenForApiA();

        assertThat(claimsOf(first).get("jti")).isNotEqualTo(claimsOf(second).get("jti"));
    }

    @Test
    @DisplayName("GEN-82: without a preference of the resource, the token is signed with the tenant's default ES256 key")
    void whenTheResourceHasNoPreferenceThenTheTokenIsSignedEs256() {
        String token = sts.aliceTokenForApiA();

        assertThat(headerOf(token)).containsEntry("alg", "ES256").containsEntry("kid", "a-es256");
        assertThat(verifiesWithPublishedKey(sts.a, token)).isTrue();
    }

    @Test
    @DisplayName("GEN-82, GEN-84: a resource configured for RS256 gets a token signed RS256 whose kid resolves in the JWK Set")
    void whenTheResourceExpectsRs256ThenTheTokenIsSignedRs256() {
        StsFixture rs256 = StsFixture.create(spec -> spec.replaceResourceA(
                changed(spec, API_A, r -> withSigningAlgorithm(r, JwsAlgorithm.RS256))));

        String token = rs256.aliceTokenForApiA();

        assertThat(headerOf(token)).containsEntry("alg", "RS256").containsEntry("kid", "a-rs256");
        assertThat(verifiesWithPublishedKey(rs256.a, token)).isTrue();
    }

    @Test
    @DisplayName("GEN-82: a resource expecting an algorithm for which the tenant has no key is refused at configuration")
    void whenNoKeyFitsTheResourceAlgorithmThenTheTenantIsRefused() {
        assertThatThrownBy(() -> StsFixture.create(spec -> spec.replaceResourceA(
                changed(spec, API_A, r -> withSigningAlgorithm(r, JwsAlgorithm.ES384)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ES384");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SuccessPath.class, mode = EnumSource.Mode.EXCLUDE, names = "CROSS_DOMAIN_GRANT")
    @DisplayName("GEN-84: with several keys in the JWK Set, every access token's kid names exactly one published key that verifies it")
    void whenTheJwksHoldsSeveralKeysThenTheKidResolves(SuccessPath path) {
        StsFixture fresh = StsFixture.create();
        String token = accessToken(path.run(fresh));

        assertThat(verifiesWithPublishedKey(issuerOf(fresh, path), token)).isTrue();
    }

    @Test
    @DisplayName("GEN-84: a token whose signature was altered does not verify with the key its kid names")
    void whenTheSignatureIsAlteredThenThePublishedKeyRejectsIt() {
        String token = sts.aliceTokenForApiA();
        String other = sts.aliceTokenForApiA();
        String spliced = token.substring(0, token.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));

        assertThat(verifiesWithPublishedKey(sts.a, spliced)).isFalse();
    }

    // ---- GEN-86 to GEN-88 -----------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-86: a token for a resource that does not exchange tokens has exactly that resource as aud")
    void whenTheResourceIsNotExchangeCapableThenAudIsTheResourceAlone() {
        EndpointResponse response = sts.exchange(API_A, sts.aliceTokenForApiA(), API_C, "c-read", true);

        assertThat(claimsOf(accessToken(response)).get("aud")).isEqualTo(API_C);
    }

    @Test
    @DisplayName("GEN-86, GEN-87: a token for exchange-capable API B has aud API B, its alias and, in self-audience mode, the issuer")
    void whenTheResourceHasAnAliasThenAudHoldsResourceAliasAndIssuer() {
        EndpointResponse response = sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "b-read", false);

        assertThat(claimsOf(accessToken(response)).get("aud")).isEqualTo(List.of(API_B, API_B_ALIAS, ISSUER_A));
    }

    @Test
    @DisplayName("GEN-86, GEN-87: without self-audience, API B's token names API B and its alias only")
    void whenSelfAudienceIsOffThenAudHoldsResourceAndAliasOnly() {
        StsFixture noSelf = StsFixture.create(spec -> spec.selfAudience = false);

        EndpointResponse response = noSelf.exchange(API_A, noSelf.aliceTokenForApiA(), API_B, "b-read", false);

        assertThat(claimsOf(accessToken(response)).get("aud")).isEqualTo(List.of(API_B, API_B_ALIAS));
    }

    @Test
    @DisplayName("GEN-86: the TAS's token has the requested partner resource as its only aud")
    void whenTheTasIssuesThenAudIsThePartnerResource() {
        EndpointResponse grant = sts.grantFor(API_A, sts.aliceTokenForApiA(), "a-read");
        String token = accessToken(sts.redeem(API_A_AT_B, accessToken(grant), PARTNER, "partner-read", false));

        assertThat(claimsOf(token).get("aud")).isEqualTo(PARTNER);
    }

    @Test
    @DisplayName("GEN-88: two resources with the same access configuration (API C, API C2) get one token naming both")
    void whenTwoResourcesShareTheConfigurationThenOneTokenNamesBoth() {
        EndpointResponse response = exchangeFor(sts, "c-read", API_C, API_C2);

        assertThat(claimsOf(accessToken(response)).get("aud")).isEqualTo(List.of(API_C, API_C2));
    }

    @Test
    @DisplayName("GEN-88: two resources with different scope rules (API B, API C) requested together are invalid_target")
    void whenTwoResourcesDifferThenInvalidTarget() {
        assertError(exchangeFor(sts, "c-read", API_B, API_C), 400, "invalid_target");
    }

    @Test
    @DisplayName("GEN-88: API C and API C2 differing only in the signing algorithm are invalid_target together")
    void whenTwoResourcesDifferInSigningAlgorithmThenInvalidTarget() {
        StsFixture differ = StsFixture.create(spec -> spec.replaceResourceA(
                changed(spec, API_C2, r -> withSigningAlgorithm(r, JwsAlgorithm.RS256))));

        assertError(exchangeFor(differ, "c-read", API_C, API_C2), 400, "invalid_target");
    }

    @Test
    @DisplayName("GEN-88: API C and API C2 differing only in the identity claims they receive are invalid_target together")
    void whenTwoResourcesDifferInIdentityClaimsThenInvalidTarget() {
        StsFixture differ = StsFixture.create(spec -> spec.replaceResourceA(changed(spec, API_C2, r ->
                new ResourcePolicy(r.id(), r.aliases(), r.scopes(), r.dpop(), Set.of("email"),
                        r.receivesSensitiveSubjects(), r.exchangeCapable(), r.signingAlgorithm()))));

        assertError(exchangeFor(differ, "c-read", API_C, API_C2), 400, "invalid_target");
    }

    // ---- GEN-89 to GEN-92 -----------------------------------------------------------------------------

    @Test
    @DisplayName("GEN-89: sub is the user of the originating authorization, for Alice and for Bob")
    void whenUsersLogInThenSubIsTheirIdentifier() {
        String alice = (String) sts.login(API_A, "a-read", false).get("access_token");
        String bob = (String) sts.login("bob", "bob-demo-password", APP, API_A, "a-read", false).get("access_token");

        assertThat(claimsOf(alice)).containsEntry("sub", ALICE_SUB);
        assertThat(claimsOf(bob)).containsEntry("sub", BOB_SUB);
    }

    @Test
    @DisplayName("GEN-89: the exchanged and the TAS-issued tokens keep the user of the subject token as sub")
    void whenTokensAreExchangedThenSubStaysTheUser() {
        String subjectToken = sts.aliceTokenForApiA();
        String exchanged = accessToken(sts.exchange(API_A, subjectToken, API_B, "b-read", false));
        String grant = accessToken(sts.grantFor(API_A, subjectToken, "a-read"));
        String partner = accessToken(sts.redeem(API_A_AT_B, grant, PARTNER, "partner-read", false));

        assertThat(claimsOf(exchanged)).containsEntry("sub", ALICE_SUB);
        assertThat(claimsOf(partner)).containsEntry("sub", ALICE_SUB);
    }

    @Test
    @DisplayName("GEN-90: a sensitive sub is refused with invalid_target in an exchange for a resource not authorised for it")
    void whenTheTargetMayNotReceiveTheSensitiveSubThenInvalidTarget() {
        StsFixture sensitive = StsFixture.create(spec -> {
            spec.sensitiveSubjects = Optional.of(Pattern.compile("u-[0-9a-f]{4}-[a-z]+"));
            spec.replaceResourceA(changed(spec, API_A, AccessTokenIssuanceTest::withSensitiveSubjects));
        });

        EndpointResponse response = sensitive.exchange(API_A, sensitive.aliceTokenForApiA(), API_B, "b-read", false);

        assertError(response, 400, "invalid_target", ALICE_SUB);
    }

    @Test
    @DisplayName("GEN-90: a resource authorised for sensitive subjects receives the sensitive sub")
    void whenTheTargetMayReceiveTheSensitiveSubThenTheTokenIsIssued() {
        StsFixture sensitive = StsFixture.create(spec -> {
            spec.sensitiveSubjects = Optional.of(Pattern.compile("u-[0-9a-f]{4}-[a-z]+"));
            spec.replaceResourceA(changed(spec, API_A, AccessTokenIssuanceTest::withSensitiveSubjects));
            spec.replaceResourceA(changed(spec, API_B, AccessTokenIssuanceTest::withSensitiveSubjects));
        });

        EndpointResponse response = sensitive.exchange(API_A, sensitive.aliceTokenForApiA(), API_B, "b-read", false);

        assertThat(claimsOf(accessToken(response))).containsEntry("sub", ALICE_SUB);
    }

    @Test
    @DisplayName("GEN-90: the authorization code grant refuses a sensitive sub to a resource not authorised for it")
    void whenALoginTargetsAResourceNotAuthorisedForTheSubThenInvalidTarget() {
        StsFixture sensitive = StsFixture.create(spec ->
                spec.sensitiveSubjects = Optional.of(Pattern.compile("u-[0-9a-f]{4}-[a-z]+")));
        String code = sensitive.authorizationCode("alice", "alice-demo-password", APP, API_A, "a-read");

        EndpointResponse response = sensitive.token(sensitive.a, APP, params("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "code_verifier", VERIFIER));

        assertError(response, 400, "invalid_target", ALICE_SUB);
    }

    @Test
    @DisplayName("GEN-90: a sub outside the sensitive pattern is released to any resource")
    void whenTheSubIsNotSensitiveThenEveryResourceReceivesIt() {
        StsFixture sensitive = StsFixture.create(spec ->
                spec.sensitiveSubjects = Optional.of(Pattern.compile("[0-9]{12}")));

        assertThat(claimsOf(sensitive.aliceTokenForApiA())).containsEntry("sub", ALICE_SUB);
    }

    @Test
    @DisplayName("GEN-91: sub is the configured persistent identifier, stable across logins, never the username, email or name")
    void whenTheUserLogsInTwiceThenSubIsTheSamePersistentIdentifier() {
        Object first = claimsOf(sts.aliceTokenForApiA()).get("sub");
        sts.clock.advance(Duration.ofHours(1));
        Object second = claimsOf(sts.aliceTokenForApiA()).get("sub");

        assertThat(first).isEqualTo(second).isEqualTo(ALICE_SUB)
                .isNotIn("alice", "alice@domain-a.test", "Alice Andersson");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SuccessPath.class, mode = EnumSource.Mode.EXCLUDE, names = "CROSS_DOMAIN_GRANT")
    @DisplayName("GEN-92: client_id is the requesting client and no azp differs from it")
    void whenATokenIsIssuedThenClientIdIsTheRequester(SuccessPath path) {
        Map<String, Object> claims = claimsOf(accessToken(path.run(StsFixture.create())));

        String requester = switch (path) {
            case AUTHORIZATION_CODE, AUTHORIZATION_CODE_WITH_DPOP, REFRESH_TOKEN -> APP;
            case TOKEN_EXCHANGE, TOKEN_EXCHANGE_WITH_DPOP -> API_A;
            case JWT_BEARER_GRANT -> API_A_AT_B;
            case CROSS_DOMAIN_GRANT -> throw new AssertionError("excluded");
        };
        assertThat(claims).containsEntry("client_id", requester);
        assertThat(claims.getOrDefault("azp", requester)).isEqualTo(requester);
    }

    // ---- GEN-93 to GEN-96 -----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SuccessPath.class, mode = EnumSource.Mode.EXCLUDE, names = "CROSS_DOMAIN_GRANT")
    @DisplayName("GEN-93: the token's scope claim is identical to the scope of the token response")
    void whenATokenIsIssuedThenItsScopeClaimEqualsTheResponseScope(SuccessPath path) {
        EndpointResponse response = path.run(StsFixture.create());

        assertThat(claimsOf(accessToken(response)).get("scope")).isNotNull()
                .isEqualTo(response.jsonBody().get("scope"));
    }

    @Test
    @DisplayName("GEN-93: scopes requested out of order are the same string in claim and response")
    void whenScopesAreRequestedOutOfOrderThenClaimAndResponseAreIdentical() {
        EndpointResponse response = sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "c-read b-read", false);

        assertThat(response.jsonBody()).containsEntry("scope", "b-read c-read");
        assertThat(claimsOf(accessToken(response))).containsEntry("scope", "b-read c-read");
    }

    @Test
    @DisplayName("GEN-94: a resource configured for no identity claims receives none of the user's")
    void whenTheResourceTakesNoIdentityClaimsThenNoneArePresent() {
        String token = (String) sts.login(API_B, "b-read", false).get("access_token");

        assertThat(claimsOf(token)).doesNotContainKeys("email", "name");
    }

    @Test
    @DisplayName("GEN-94, GEN-95: a resource configured for email receives email and not name")
    void whenTheResourceTakesEmailThenOnlyEmailIsPresent() {
        Map<String, Object> claims = claimsOf(sts.aliceTokenForApiA());

        assertThat(claims).containsEntry("email", "alice@domain-a.test").doesNotContainKey("name");
    }

    @Test
    @DisplayName("GEN-95: an exchange does not pass the subject token's email on to API C, which may receive only name")
    void whenTheTargetMayNotReceiveAClaimThenTheExchangedTokenLacksIt() {
        String subjectToken = sts.aliceTokenForApiA();
        assertThat(claimsOf(subjectToken)).containsKey("email");

        String token = accessToken(sts.exchange(API_A, subjectToken, API_C, "c-read", true));

        assertThat(claimsOf(token)).doesNotContainKey("email");
    }

    @Test
    @DisplayName("GEN-96: the login token carries acr, amr and auth_time, and an exchange keeps them")
    void whenTheUserLoggedInThenAuthenticationClaimsArePresentAndKept() {
        String subjectToken = sts.aliceTokenForApiA();
        Map<String, Object> login = claimsOf(subjectToken);
        Map<String, Object> exchanged = claimsOf(accessToken(sts.exchange(API_A, subjectToken, API_B, "b-read", false)));

        assertThat(login).containsEntry("acr", LOA3).containsEntry("amr", List.of("pwd"))
                .containsEntry("auth_time", sts.clock.instant().getEpochSecond());
        assertThat(exchanged).containsEntry("acr", login.get("acr")).containsEntry("amr", login.get("amr"))
                .containsEntry("auth_time", login.get("auth_time"));
    }

    // ---- GEN-98 to GEN-101 ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuccessPath.class)
    @DisplayName("GEN-98: every token response holds access_token, token_type (Bearer, DPoP, or N_A for a grant) and expires_in")
    void whenATokenIsIssuedThenTheResponseHasTheRequiredFields(SuccessPath path) {
        Map<String, Object> body = path.run(StsFixture.create()).jsonBody();

        assertThat(body.get("access_token")).isInstanceOf(String.class);
        assertThat(body).containsEntry("token_type", path.tokenType());
        assertThat(body.get("expires_in")).isInstanceOf(Number.class);
        assertThat(((Number) body.get("expires_in")).longValue()).isPositive();
    }

    @Test
    @DisplayName("GEN-99: expires_in and the token's lifetime follow the configured access-token lifetime (default 300 s)")
    void whenTheLifetimeIsConfiguredThenExpiresInFollowsIt() {
        Lifetimes d = Lifetimes.DEFAULTS;
        StsFixture short60 = StsFixture.create(spec -> spec.lifetimes = new Lifetimes(Duration.ofSeconds(60),
                d.refreshToken(), d.authorizationGrant(), d.authorizationCode(), d.clientAssertion(),
                d.receivedGrant(), d.leeway()));

        Map<String, Object> byDefault = sts.login(API_A, "a-read", false);
        Map<String, Object> configured = short60.login(API_A, "a-read", false);

        assertThat(byDefault).containsEntry("expires_in", 300L);
        assertThat(configured).containsEntry("expires_in", 60L);
        Map<String, Object> claims = claimsOf((String) configured.get("access_token"));
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(60);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuccessPath.class)
    @DisplayName("GEN-100: every token response includes scope, also when it equals the requested scope")
    void whenATokenIsIssuedThenTheResponseIncludesScope(SuccessPath path) {
        Map<String, Object> body = path.run(StsFixture.create()).jsonBody();

        assertThat(body.get("scope")).isInstanceOf(String.class);
        assertThat((String) body.get("scope")).isNotBlank();
    }

    @Test
    @DisplayName("GEN-100: an exchange whose scope equals the requested one still returns scope")
    void whenTheGrantedScopeEqualsTheRequestThenScopeIsStillReturned() {
        EndpointResponse response = sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "b-read", false);

        assertThat(response.jsonBody()).containsEntry("scope", "b-read");
    }

    @Test
    @DisplayName("GEN-101: refresh tokens are opaque random values (256 bits, base64url), not JWTs, so carry no signature to check")
    void whenARefreshTokenIsIssuedThenItIsOpaque() {
        String refreshToken = (String) sts.login(API_A, "a-read", false).get("refresh_token");

        assertThat(refreshToken).matches("[A-Za-z0-9_-]{43}").doesNotContain(".");
    }
}
