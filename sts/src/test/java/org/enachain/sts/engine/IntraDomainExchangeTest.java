package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.ExchangeTestSupport.*;
import static org.enachain.sts.engine.StsFixture.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.enachain.core.ValidationResult;
import org.enachain.core.jose.JwkThumbprint;
import org.enachain.core.token.AccessToken;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.core.token.TrustedIssuer;
import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.DpopRequirement;
import org.enachain.sts.policy.GrantType;
import org.enachain.sts.policy.ResourcePolicy;
import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * REQUIREMENTS 6.5: intra-domain exchange (Chaining 2.3.1, 2.4, 4.3; STS-35 to STS-59): targets,
 * scopes, and the issued access token and response.
 */
class IntraDomainExchangeTest {

    private static final String UNKNOWN = "https://unknown.domain-a.test";

    private final StsFixture sts = StsFixture.create();

    /** An intra-domain exchange at {@code sts} with the given parameters (names may repeat). */
    private static EndpointResponse exchange(StsFixture sts, String clientId, boolean dpop, String subject,
                                             String... namesAndValues) {
        String[] all = new String[namesAndValues.length + 8];
        String[] fixed = {"grant_type", TOKEN_EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", ACCESS_TOKEN_TYPE};
        System.arraycopy(fixed, 0, all, 0, fixed.length);
        System.arraycopy(namesAndValues, 0, all, fixed.length, namesAndValues.length);
        return post(sts, clientId, dpop, all);
    }

    private EndpointResponse exchange(String clientId, boolean dpop, String subject, String... namesAndValues) {
        return exchange(sts, clientId, dpop, subject, namesAndValues);
    }

    /** API A is also allowed to hand on the given scopes only. */
    private static ClientPolicy apiAWithScopes(Set<String> scopes) {
        return new ClientPolicy(API_A, jwksOf(clientKey(API_A)), Set.of(GrantType.TOKEN_EXCHANGE), List.of(REDIRECT),
                Optional.of(API_A), Set.of(API_B, API_C, API_C2), scopes, Map.of(ISSUER_B, API_A_AT_B), false, false);
    }

    // ---- STS-35 to STS-39 targets -----------------------------------------------------------------------

    @Test
    @DisplayName("STS-35: without resource or audience, a scope of exactly one permitted resource names the target")
    void whenScopeIdentifiesOneResourceThenTargetIsDeduced() {
        Map<String, Object> claims = issuedClaims(exchange(API_A, false, sts.aliceTokenForApiA(), "scope", "b-read"));
        assertThat(claims.get("aud")).isEqualTo(List.of(API_B, API_B_ALIAS, ISSUER_A));
    }

    @Test
    @DisplayName("STS-35: without resource or audience, a scope of several resources is invalid_request")
    void whenScopeFitsSeveralResourcesThenInvalidRequest() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, true, subject, "scope", "c-read"), 400, "invalid_request", subject);
    }

    @Test
    @DisplayName("STS-35: without resource, audience or scope, the request is invalid_request")
    void whenNoTargetAndNoScopeThenInvalidRequest() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, false, subject), 400, "invalid_request", subject);
    }

    @Test
    @DisplayName("STS-36: an audience that is not a registered protected resource is invalid_target")
    void whenAudienceIsUnknownThenInvalidTarget() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, false, subject, "audience", UNKNOWN, "scope", "b-read"),
                400, "invalid_target", subject);
    }

    @Test
    @DisplayName("STS-36: one unknown resource among known ones is invalid_target")
    void whenOneOfSeveralResourcesIsUnknownThenInvalidTarget() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, false, subject, "resource", API_B, "resource", UNKNOWN, "scope", "b-read"),
                400, "invalid_target", subject);
    }

    @Test
    @DisplayName("STS-37: an audience equal to an identifier that names only a client is invalid_target")
    void whenAudienceIsClientOnlyIdentifierThenInvalidTarget() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, false, subject, "audience", APP, "scope", "b-read"),
                400, "invalid_target", subject);
    }

    @Test
    @DisplayName("STS-37: an audience equal to the STS's own issuer is not a protected resource: invalid_target")
    void whenAudienceIsTheIssuerThenInvalidTarget() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, false, subject, "audience", ISSUER_A, "scope", "b-read"),
                400, "invalid_target", subject);
    }

    @Test
    @DisplayName("STS-37, STS-47: an audience equal to a resource's alternative identifier names that resource")
    void whenAudienceIsAliasOfResourceThenTokenIsForTheResource() {
        Map<String, Object> claims = issuedClaims(exchange(API_A, false, sts.aliceTokenForApiA(),
                "audience", API_B_ALIAS, "scope", "b-read"));
        assertThat(claims.get("aud")).isEqualTo(List.of(API_B, API_B_ALIAS, ISSUER_A));
    }

    @Test
    @DisplayName("STS-38: two resources sharing one access configuration get one token naming both")
    void whenResourcesShareConfigurationThenOneTokenNamesBoth() {
        Map<String, Object> claims = issuedClaims(exchange(API_A, true, sts.aliceTokenForApiA(),
                "resource", API_C, "resource", API_C2, "scope", "c-read"));
        assertThat(claims.get("aud")).isEqualTo(List.of(API_C, API_C2));
    }

    @Test
    @DisplayName("STS-38, STS-47: a resource and its alternative identifier requested together are one resource")
    void whenResourceAndItsAliasAreRequestedThenOneTokenForTheResource() {
        Map<String, Object> claims = issuedClaims(exchange(API_A, false, sts.aliceTokenForApiA(),
                "resource", API_B, "resource", API_B_ALIAS, "scope", "b-read"));
        assertThat(claims.get("aud")).isEqualTo(List.of(API_B, API_B_ALIAS, ISSUER_A));
    }

    @Test
    @DisplayName("STS-38: two resources with different access configurations are invalid_target")
    void whenResourcesDifferInConfigurationThenInvalidTarget() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(exchange(API_A, true, subject, "resource", API_B, "resource", API_C, "scope", "c-read"),
                400, "invalid_target", subject);
    }

    @Test
    @DisplayName("STS-39: a resource asking for a target it may not obtain tokens for is invalid_target")
    void whenResourceIsNotPermittedForTargetThenInvalidTarget() {
        String tokenForB = (String) sts.login(API_B, "b-read c-read", false).get("access_token");
        assertRejected(exchange(API_B, false, tokenForB, "resource", API_A, "scope", "b-read"),
                400, "invalid_target", tokenForB);
    }

    @Test
    @DisplayName("STS-39: the app exchanging its own token for a resource it may not obtain tokens for is invalid_target")
    void whenAppIsNotPermittedForTargetThenInvalidTarget() {
        String own = sts.aliceTokenForApiA();
        assertRejected(exchange(APP, true, own, "resource", API_C, "scope", "c-read"), 400, "invalid_target", own);
    }

    @Test
    @DisplayName("STS-39: the same resource asking for a target it is permitted for is served")
    void whenResourceIsPermittedForTargetThenIssued() {
        String tokenForB = (String) sts.login(API_B, "b-read c-read", false).get("access_token");
        Map<String, Object> claims = issuedClaims(exchange(API_B, true, tokenForB, "resource", API_C, "scope", "c-read"));
        assertThat(claims).containsEntry("aud", API_C).containsEntry("client_id", API_B);
    }

    // ---- STS-40 to STS-44 scopes ------------------------------------------------------------------------

    @Test
    @DisplayName("STS-40: resource-owner mode: a requested scope missing from the subject token is invalid_scope")
    void whenOwnerModeAndScopeIsMissingFromSubjectThenInvalidScope() {
        String subject = (String) sts.login(API_A, "a-read b-read", false).get("access_token");
        assertRejected(sts.exchange(API_A, subject, API_B, "b-read c-read", false), 400, "invalid_scope", subject);
    }

    @Test
    @DisplayName("STS-40: resource-owner mode: requested scopes all granted in the subject token are issued")
    void whenOwnerModeAndScopesAreInSubjectThenIssued() {
        String subject = (String) sts.login(API_A, "a-read b-read", false).get("access_token");
        assertThat(ok(sts.exchange(API_A, subject, API_B, "b-read", false))).containsEntry("scope", "b-read");
    }

    @Test
    @DisplayName("STS-41: non-owner mode: a scope beyond the subject token that the user is not entitled to is invalid_scope")
    void whenNonOwnerModeAndUserIsNotEntitledThenInvalidScope() {
        StsFixture nonOwner = StsFixture.create(spec -> spec.resourceOwnerMode = false);
        String bobs = (String) nonOwner.login("bob", "bob-demo-password", APP, API_A, "a-read b-read c-read", false)
                .get("access_token");
        assertRejected(nonOwner.exchange(API_A, bobs, API_B, "b-write", false), 400, "invalid_scope", bobs);
    }

    @Test
    @DisplayName("STS-41, STS-43: non-owner mode: a scope beyond the subject token that the user is entitled to is issued")
    void whenNonOwnerModeAndUserIsEntitledThenIssued() {
        StsFixture nonOwner = StsFixture.create(spec -> spec.resourceOwnerMode = false);
        EndpointResponse response = nonOwner.exchange(API_A, nonOwner.aliceTokenForApiA(), API_B, "b-read b-write", false);
        assertThat(ok(response)).containsEntry("scope", "b-read b-write");
        assertThat(issuedClaims(response)).containsEntry("scope", "b-read b-write");
    }

    @Test
    @DisplayName("STS-41: non-owner mode: an entitled scope the requester may not obtain is invalid_scope")
    void whenNonOwnerModeAndRequesterIsNotEntitledThenInvalidScope() {
        StsFixture nonOwner = StsFixture.create(spec -> {
            spec.resourceOwnerMode = false;
            spec.replaceClientA(apiAWithScopes(Set.of("b-read", "c-read")));
        });
        String subject = nonOwner.aliceTokenForApiA();
        assertRejected(nonOwner.exchange(API_A, subject, API_B, "b-write", false), 400, "invalid_scope", subject);
    }

    @Test
    @DisplayName("STS-42, STS-44: resource-owner mode without scope: the entitled scope absent from the subject token is not added")
    void whenOwnerModeWithoutScopeThenNoScopeBeyondSubjectIsAdded() {
        EndpointResponse response = exchange(API_A, false, sts.aliceTokenForApiA(), "resource", API_B);
        assertThat(ok(response)).containsEntry("scope", "b-read c-read");
        assertThat(issuedClaims(response)).containsEntry("scope", "b-read c-read");
    }

    @Test
    @DisplayName("STS-42: resource-owner mode: a grant without scope carries only scopes of the subject token")
    void whenOwnerModeGrantWithoutScopeThenNoScopeBeyondSubjectIsAdded() {
        String subject = (String) sts.login(API_A, "a-read b-read", false).get("access_token");
        EndpointResponse response = post(sts, API_A, false, "grant_type", TOKEN_EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", JWT_TYPE, "audience", ISSUER_B);
        assertThat(issuedClaims(response)).containsEntry("scope", "a-read b-read");
    }

    @Test
    @DisplayName("STS-44: without scope, the subject token's scopes are filtered to those relevant to the target (A-14)")
    void whenNoScopeIsRequestedThenOnlyTargetRelevantScopesAreIssued() {
        EndpointResponse response = exchange(API_A, true, sts.aliceTokenForApiA(), "resource", API_C);
        assertThat(ok(response)).containsEntry("scope", "c-read");
        assertThat(issuedClaims(response)).containsEntry("scope", "c-read");
    }

    @Test
    @DisplayName("STS-44: without scope, the subject token's scopes are filtered to those permitted for the requester (A-14)")
    void whenNoScopeIsRequestedThenOnlyRequesterPermittedScopesAreIssued() {
        StsFixture restricted = StsFixture.create(spec -> spec.replaceClientA(apiAWithScopes(Set.of("c-read"))));
        EndpointResponse response = exchange(restricted, API_A, false, restricted.aliceTokenForApiA(), "resource", API_B);
        assertThat(ok(response)).containsEntry("scope", "c-read");
    }

    @Test
    @DisplayName("STS-44: without scope, no relevant scope left is invalid_scope (A-14)")
    void whenNoScopeIsRequestedAndNoneIsRelevantThenInvalidScope() {
        String subject = (String) sts.login(API_A, "a-read", false).get("access_token");
        assertRejected(exchange(API_A, false, subject, "resource", API_B), 400, "invalid_scope", subject);
    }

    @Test
    @DisplayName("STS-44: a requested scope not relevant to the target is invalid_scope (A-14)")
    void whenRequestedScopeIsNotRelevantToTargetThenInvalidScope() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(sts.exchange(API_A, subject, API_B, "a-read b-read", false), 400, "invalid_scope", subject);
    }

    @Test
    @DisplayName("STS-44: a requested scope not permitted for the requester is invalid_scope (A-14)")
    void whenRequestedScopeIsNotPermittedForRequesterThenInvalidScope() {
        StsFixture restricted = StsFixture.create(spec -> spec.replaceClientA(apiAWithScopes(Set.of("c-read"))));
        String subject = restricted.aliceTokenForApiA();
        assertRejected(restricted.exchange(API_A, subject, API_B, "b-read", false), 400, "invalid_scope", subject);
    }

    // ---- STS-45 to STS-55 the issued token --------------------------------------------------------------

    @Test
    @DisplayName("STS-45: the exchanged token is an at+jwt with kid, the Profile 6.1 claims, and validates as API B would")
    void whenExchangedThenTokenFollowsProfileAccessTokenRules() throws Exception {
        EndpointResponse response = sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "b-read", false);
        String token = accessToken(response);
        Map<String, Object> header = headerOf(token);
        assertThat(header).containsEntry("typ", "at+jwt").containsKey("kid");
        assertThat(new JsonWebKeySet(sts.a.jwksJson()).findJsonWebKey((String) header.get("kid"), null, null, null))
                .isNotNull();
        Map<String, Object> claims = claimsOf(token);
        assertThat(claims).containsKeys("iss", "exp", "aud", "sub", "client_id", "iat", "jti")
                .containsEntry("iss", ISSUER_A).containsEntry("scope", response.jsonBody().get("scope"));

        AccessTokenValidator apiB = AccessTokenValidator.builder()
                .trustedIssuer(TrustedIssuer.of(ISSUER_A, sts.a.verificationKeys())).audience(API_B)
                .clock(sts.clock).build();
        ValidationResult<AccessToken> result = apiB.validate(token);
        assertThat(result.isAccepted()).as(String.valueOf(result)).isTrue();
    }

    @Test
    @DisplayName("STS-46, STS-48: a token for a resource that does not exchange names only that resource")
    void whenTargetIsNotExchangeCapableThenAudIsExactlyTheTarget() {
        Map<String, Object> claims = issuedClaims(sts.exchange(API_A, sts.aliceTokenForApiA(), API_C, "c-read", true));
        assertThat(claims.get("aud")).isEqualTo(API_C);
    }

    @Test
    @DisplayName("STS-46, STS-47, STS-48: a token for exchange-capable API B names it, its alias and the issuer, not API A")
    void whenTargetIsExchangeCapableThenAudIsTargetAliasAndIssuer() {
        String subject = sts.aliceTokenForApiA();
        assertThat(claimsOf(subject).get("aud")).isEqualTo(List.of(API_A, ISSUER_A));
        Map<String, Object> claims = issuedClaims(sts.exchange(API_A, subject, API_B, "b-read", false));
        assertThat(claims.get("aud")).isEqualTo(List.of(API_B, API_B_ALIAS, ISSUER_A));
    }

    @Test
    @DisplayName("STS-48: with self-audience off, the subject token's aud values are not copied and no issuer is added")
    void whenSelfAudienceIsOffThenAudHoldsOnlyTheTarget() {
        StsFixture fixture = StsFixture.create(spec -> spec.selfAudience = false);
        Map<String, Object> claims = issuedClaims(fixture.exchange(API_A, fixture.aliceTokenForApiA(), API_B, "b-read",
                false));
        assertThat(claims.get("aud")).isEqualTo(List.of(API_B, API_B_ALIAS));
    }

    @Test
    @DisplayName("STS-47: a resource without alternative identifiers gets none")
    void whenTargetHasNoAliasThenAudHasNoAlternative() {
        StsFixture fixture = StsFixture.create(spec -> spec.replaceResourceA(new ResourcePolicy(API_B, Set.of(),
                Set.of("b-read", "b-write", "c-read"), DpopRequirement.OPTIONAL, Set.of(), false, true, Optional.empty())));
        Map<String, Object> claims = issuedClaims(fixture.exchange(API_A, fixture.aliceTokenForApiA(), API_B, "b-read",
                false));
        assertThat(claims.get("aud")).isEqualTo(List.of(API_B, ISSUER_A));
    }

    @Test
    @DisplayName("STS-49: the exchanged token carries the subject token's sub")
    void whenExchangedThenSubIsTheSubjectTokensSub() {
        String bobs = (String) sts.login("bob", "bob-demo-password", APP, API_A, "b-read", false).get("access_token");
        assertThat(issuedClaims(sts.exchange(API_A, bobs, API_B, "b-read", false))).containsEntry("sub", BOB_SUB);
        assertThat(issuedClaims(sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "b-read", false)))
                .containsEntry("sub", ALICE_SUB);
    }

    @Test
    @DisplayName("STS-49: a sensitive sub is kept unchanged for a resource authorised to receive it (A-16)")
    void whenTargetMayReceiveSensitiveSubjectThenSubIsKept() {
        StsFixture fixture = StsFixture.create(spec -> {
            spec.sensitiveSubjects = Optional.of(Pattern.compile("u-7c1e-.*"));
            spec.replaceResourceA(apiAReceivingSensitiveSubjects());
            spec.replaceResourceA(new ResourcePolicy(API_B, Set.of(API_B_ALIAS), Set.of("b-read", "b-write", "c-read"),
                    DpopRequirement.OPTIONAL, Set.of(), true, true, Optional.empty()));
        });
        Map<String, Object> claims = issuedClaims(fixture.exchange(API_A, fixture.aliceTokenForApiA(), API_B, "b-read",
                false));
        assertThat(claims).containsEntry("sub", ALICE_SUB);
    }

    @Test
    @DisplayName("STS-49: a sensitive sub is never rewritten: a resource not authorised to receive it is invalid_target (A-16)")
    void whenTargetMayNotReceiveSensitiveSubjectThenInvalidTarget() {
        StsFixture fixture = StsFixture.create(spec -> {
            spec.sensitiveSubjects = Optional.of(Pattern.compile("u-7c1e-.*"));
            spec.replaceResourceA(apiAReceivingSensitiveSubjects());
        });
        String subject = fixture.aliceTokenForApiA();
        assertRejected(fixture.exchange(API_A, subject, API_B, "b-read", false), 400, "invalid_target", subject);
    }

    /** API A as in the fixture, but authorised to receive sensitive subjects, so alice can log in to it (GEN-90). */
    private static ResourcePolicy apiAReceivingSensitiveSubjects() {
        return new ResourcePolicy(API_A, Set.of(), Set.of("a-read", "a-write", "b-read", "c-read"),
                DpopRequirement.OPTIONAL, Set.of("email"), true, true, Optional.empty());
    }

    @Test
    @DisplayName("STS-50, STS-51: identity claims go only where released: API C receives name, not email")
    void whenTargetMayReceiveNameThenNameIsIncludedAndEmailIsNot() {
        StsFixture fixture = StsFixture.create(spec -> spec.replaceResourceA(new ResourcePolicy(API_A, Set.of(),
                Set.of("a-read", "a-write", "b-read", "c-read"), DpopRequirement.OPTIONAL, Set.of("email", "name"),
                false, true, Optional.empty())));
        String subject = fixture.aliceTokenForApiA();
        assertThat(claimsOf(subject)).containsEntry("email", "alice@domain-a.test")
                .containsEntry("name", "Alice Andersson");
        Map<String, Object> claims = issuedClaims(fixture.exchange(API_A, subject, API_C, "c-read", true));
        assertThat(claims).containsEntry("name", "Alice Andersson").doesNotContainKey("email");
    }

    @Test
    @DisplayName("STS-51: a resource released no identity claims receives none of the subject token's")
    void whenTargetMayReceiveNoIdentityClaimThenNoneIsIncluded() {
        String subject = sts.aliceTokenForApiA();
        assertThat(claimsOf(subject)).containsEntry("email", "alice@domain-a.test");
        Map<String, Object> claims = issuedClaims(sts.exchange(API_A, subject, API_B, "b-read", false));
        assertThat(claims).doesNotContainKeys("email", "name");
    }

    @Test
    @DisplayName("STS-50: released identity claims come from the subject token only, never added from the user record (A-15)")
    void whenClaimIsAbsentFromSubjectThenItIsNotAdded() {
        String subject = sts.aliceTokenForApiA();
        assertThat(claimsOf(subject)).doesNotContainKey("name");
        Map<String, Object> claims = issuedClaims(sts.exchange(API_A, subject, API_C, "c-read", true));
        assertThat(claims).doesNotContainKeys("name", "email");
    }

    @Test
    @DisplayName("STS-52: acr, amr and auth_time are preserved identically, also for a resource released no identity claims")
    void whenExchangedThenAuthenticationContextIsPreserved() {
        String subject = sts.aliceTokenForApiA();
        Map<String, Object> original = claimsOf(subject);
        sts.clock.advance(Duration.ofSeconds(30));
        for (Map<String, Object> claims : List.of(
                issuedClaims(sts.exchange(API_A, subject, API_B, "b-read", false)),
                issuedClaims(sts.exchange(API_A, subject, API_C, "c-read", true)))) {
            assertThat(claims).containsEntry("acr", LOA3).containsEntry("acr", original.get("acr"))
                    .containsEntry("amr", original.get("amr")).containsEntry("auth_time", original.get("auth_time"));
            assertThat(seconds(claims.get("iat"))).isGreaterThan(seconds(original.get("auth_time")));
        }
    }

    @Test
    @DisplayName("STS-53: client_id is the requesting protected resource at every hop")
    void whenExchangedThenClientIdIsTheRequester() {
        String tokenForB = accessToken(sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "c-read", false));
        assertThat(claimsOf(tokenForB)).containsEntry("client_id", API_A);
        assertThat(issuedClaims(sts.exchange(API_B, tokenForB, API_C, "c-read", true))).containsEntry("client_id", API_B);
    }

    @Test
    @DisplayName("STS-54, STS-57: with the requester's DPoP proof the token is bound to its key and typed DPoP")
    void whenRequesterSendsProofThenTokenIsBoundToItsKey() {
        EndpointResponse response = sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "b-read", true);
        assertThat(ok(response)).containsEntry("token_type", "DPoP");
        assertThat(issuedClaims(response))
                .containsEntry("cnf", Map.of("jkt", JwkThumbprint.of(dpopKey(API_A).publicKey()).value()));
    }

    @Test
    @DisplayName("STS-54: a target that requires DPoP without the requester's proof is invalid_dpop_proof")
    void whenTargetRequiresDpopAndNoProofIsSentThenInvalidDpopProof() {
        String subject = sts.aliceTokenForApiA();
        assertRejected(sts.exchange(API_A, subject, API_C, "c-read", false), 400, "invalid_dpop_proof", subject);
    }

    @Test
    @DisplayName("STS-57: without a proof for a DPoP-optional target the token is unbound and typed Bearer")
    void whenNoProofIsSentThenTokenIsUnboundBearer() {
        EndpointResponse response = sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "b-read", false);
        assertThat(ok(response)).containsEntry("token_type", "Bearer");
        assertThat(issuedClaims(response)).doesNotContainKey("cnf");
    }

    @Test
    @DisplayName("STS-55: a subject token with 60 s left caps the new token's exp at the subject's (A-34)")
    void whenSubjectExpiresSoonThenNewTokenDoesNotOutliveIt() {
        String subject = sts.aliceTokenForApiA();
        long subjectExp = seconds(claimsOf(subject).get("exp"));
        sts.clock.set(instant(subjectExp).minusSeconds(60));
        EndpointResponse response = sts.exchange(API_A, subject, API_B, "b-read", false);
        Map<String, Object> claims = issuedClaims(response);
        assertThat(seconds(claims.get("exp"))).isLessThanOrEqualTo(subjectExp)
                .isLessThan(sts.clock.instant().plus(sts.spec.lifetimes.accessToken()).getEpochSecond());
        assertThat(((Number) response.jsonBody().get("expires_in")).longValue()).isPositive().isLessThanOrEqualTo(60);
    }

    @Test
    @DisplayName("STS-56: the response is RFC 8693 JSON with access_token, issued_token_type, token_type and expires_in")
    void whenExchangedThenResponseHasTheRfc8693Fields() {
        EndpointResponse response = sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "b-read", false);
        Map<String, Object> body = ok(response);
        assertThat(response.mediaType()).isEqualTo("application/json");
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store").containsEntry("Pragma", "no-cache");
        assertThat(body).containsKeys("access_token", "token_type", "expires_in")
                .containsEntry("issued_token_type", ACCESS_TOKEN_TYPE)
                .containsEntry("expires_in", sts.spec.lifetimes.accessToken().toSeconds());
    }

    @Test
    @DisplayName("STS-58: the response lists scope even when it equals the requested scope")
    void whenScopeEqualsRequestThenResponseStillListsIt() {
        Map<String, Object> body = ok(sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "b-read c-read", false));
        assertThat(body).containsEntry("scope", "b-read c-read");
    }

    @Test
    @DisplayName("STS-59: no refresh_token in an exchange response, even for a client that may use refresh tokens")
    void whenExchangedThenNoRefreshTokenIsIssued() {
        Map<String, Object> login = sts.login(API_A, "a-read b-read", false);
        assertThat(login).containsKey("refresh_token");
        Map<String, Object> own = ok(sts.exchange(APP, (String) login.get("access_token"), API_B, "b-read", false));
        assertThat(own).doesNotContainKey("refresh_token");
        Map<String, Object> grant = ok(sts.grantFor(APP, (String) login.get("access_token"), "a-read"));
        assertThat(grant).doesNotContainKey("refresh_token");
    }
}
