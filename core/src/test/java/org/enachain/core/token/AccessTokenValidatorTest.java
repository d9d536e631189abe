package org.enachain.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.Rejection;
import org.enachain.core.ValidationResult;
import org.enachain.core.jose.AlgorithmPolicy;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.replay.ReplayStore;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The access token rules of a protected resource (REQUIREMENTS 5.2) and the general JOSE rules (3.1). */
@SuppressWarnings("unchecked")
class AccessTokenValidatorTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final VerificationKeys asKeys = VerificationKeys.of(TestKeys.AS_ES256, TestKeys.AS_RS256);

    private AccessTokenValidator.Builder builder(TrustedIssuer issuer) {
        return AccessTokenValidator.builder().trustedIssuer(issuer).audience(JwtFixture.RESOURCE).clock(clock);
    }

    private AccessTokenValidator validator() {
        return builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys)).build();
    }

    private JwtFixture token() {
        return JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant());
    }

    private static void assertRejected(ValidationResult<AccessToken> result, Reason reason) {
        assertThat(result.isAccepted()).as("expected rejection %s but was %s", reason, result).isFalse();
        Rejection r = result.rejection();
        assertThat(r.reason()).isEqualTo(reason);
        if (reason != Reason.INSUFFICIENT_SCOPE && reason != Reason.KEYS_UNAVAILABLE
                && reason != Reason.REPLAY_CHECK_UNAVAILABLE) {
            assertThat(r.error()).isEqualTo(OAuthError.INVALID_TOKEN);
            assertThat(r.status()).isEqualTo(401);
        }
    }

    // ---------------------------------------------------------------- the valid fixture

    @Test
    @DisplayName("GEN-06, RS-07: an ES256 access token from the trusted issuer is accepted with its claims")
    void validateWhenValidEs256TokenThenAcceptedWithClaims() {
        ValidationResult<AccessToken> result = validator().validate(token().compact());

        assertThat(result.isAccepted()).as(result.toString()).isTrue();
        AccessToken t = result.value();
        assertThat(t.issuer()).isEqualTo(JwtFixture.ISSUER);
        assertThat(t.subject()).isEqualTo("user-4711");
        assertThat(t.clientId()).isEqualTo(JwtFixture.CLIENT);
        assertThat(t.audience()).containsExactly(JwtFixture.RESOURCE);
        assertThat(t.scopes()).containsExactly("orders-read", "profile");
        assertThat(t.expiresAt()).isEqualTo(clock.instant().plusSeconds(300));
        assertThat(t.isDpopBound()).isFalse();
    }

    @Test
    @DisplayName("GEN-06: an RS256 access token is accepted")
    void validateWhenValidRs256TokenThenAccepted() {
        String rs256 = JwtFixture.accessToken(TestKeys.AS_RS256, clock.instant()).compact();

        assertThat(validator().validate(rs256).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("GEN-07: RS384, RS512, PS256, ES384 and ES512 access tokens are accepted")
    void validateWhenOtherProfileAlgorithmsThenAccepted() {
        var rs384 = TestKeys.AS_RS256.withAlgorithm(JwsAlgorithm.RS384).withKeyId("rs384");
        var rs512 = TestKeys.AS_RS256.withAlgorithm(JwsAlgorithm.RS512).withKeyId("rs512");
        var ps256 = TestKeys.AS_RS256.withAlgorithm(JwsAlgorithm.PS256).withKeyId("ps256");
        var es384 = org.enachain.core.jose.SigningKey.generate(JwsAlgorithm.ES384);
        var es512 = org.enachain.core.jose.SigningKey.generate(JwsAlgorithm.ES512);
        AccessTokenValidator v = builder(TrustedIssuer.of(JwtFixture.ISSUER,
                VerificationKeys.of(rs384, rs512, ps256, es384, es512))).build();

        for (var key : List.of(rs384, rs512, ps256, es384, es512)) {
            String t = JwtFixture.accessToken(key, clock.instant()).compact();
            assertThat(v.validate(t).isAccepted()).as(key.algorithm().name()).isTrue();
        }
    }

    @Test
    @DisplayName("RS-17: a valid access token may be used for several requests by default")
    void validateWhenSameTokenTwiceWithoutSingleUseThenBothAccepted() {
        AccessTokenValidator v = validator();
        String t = token().compact();

        assertThat(v.validate(t).isAccepted()).isTrue();
        assertThat(v.validate(t).isAccepted()).isTrue();
    }

    // ---------------------------------------------------------------- typ (RS-05, A-05)

    @Test
    @DisplayName("RS-05: typ JWT is rejected with invalid_token by default")
    void validateWhenTypJwtThenRejected() {
        assertRejected(validator().validate(token().header("typ", "JWT").compact()), Reason.WRONG_TYPE);
    }

    @Test
    @DisplayName("RS-05: typ JWT is accepted under the issuer's A-05 legacy option")
    void validateWhenTypJwtAndLegacyOptionThenAccepted() {
        AccessTokenValidator v = builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys).acceptingLegacyJwtType()).build();

        assertThat(v.validate(token().header("typ", "JWT").compact()).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("RS-05: the legacy option of one issuer does not extend to another issuer")
    void validateWhenTypJwtFromIssuerWithoutLegacyOptionThenRejected() {
        AccessTokenValidator v = AccessTokenValidator.builder()
                .trustedIssuer(TrustedIssuer.of("https://legacy.example", asKeys).acceptingLegacyJwtType())
                .trustedIssuer(TrustedIssuer.of(JwtFixture.ISSUER, asKeys))
                .audience(JwtFixture.RESOURCE).clock(clock).build();

        assertRejected(v.validate(token().header("typ", "JWT").compact()), Reason.WRONG_TYPE);
    }

    @Test
    @DisplayName("RS-05, GEN-14: typ dpop+jwt is rejected even under the legacy option")
    void validateWhenTypDpopJwtAndLegacyOptionThenRejected() {
        AccessTokenValidator v = builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys).acceptingLegacyJwtType()).build();

        assertRejected(v.validate(token().header("typ", "dpop+jwt").compact()), Reason.WRONG_TYPE);
    }

    @Test
    @DisplayName("RS-05: an access token without typ is rejected")
    void validateWhenNoTypThenRejected() {
        assertRejected(validator().validate(token().withoutHeader("typ").compact()), Reason.WRONG_TYPE);
    }

    @Test
    @DisplayName("RS-05: typ application/at+jwt is accepted, compared case-insensitively")
    void validateWhenTypApplicationAtJwtThenAccepted() {
        assertThat(validator().validate(token().header("typ", "application/AT+JWT").compact()).isAccepted()).isTrue();
    }

    // ---------------------------------------------------------------- iss (RS-06)

    @Test
    @DisplayName("RS-06, GEN-16: an issuer with an added trailing slash is rejected")
    void validateWhenIssuerHasTrailingSlashThenRejected() {
        assertRejected(validator().validate(token().claim("iss", JwtFixture.ISSUER + "/").compact()),
                Reason.UNTRUSTED_ISSUER);
    }

    @Test
    @DisplayName("RS-06: a token without iss is rejected")
    void validateWhenNoIssuerThenRejected() {
        assertRejected(validator().validate(token().without("iss").compact()), Reason.MISSING_CLAIM);
    }

    // ---------------------------------------------------------------- algorithms and keys (RS-07, GEN-10..12, GEN-15)

    @Test
    @DisplayName("RS-07: a token signed by a key the issuer does not publish is rejected")
    void validateWhenSignedByUnknownKeyThenRejected() {
        String forged = JwtFixture.accessToken(TestKeys.ATTACKER_ES256, clock.instant()).compact();

        assertRejected(validator().validate(forged), Reason.BAD_SIGNATURE);
    }

    @Test
    @DisplayName("RS-07: a kid the issuer does not publish is rejected as an unknown key")
    void validateWhenUnknownKidThenRejected() {
        assertRejected(validator().validate(token().header("kid", "nobody").compact()), Reason.UNKNOWN_KEY);
    }

    @Test
    @DisplayName("RS-07, GEN-11: alg none is rejected")
    void validateWhenAlgNoneThenRejected() {
        assertRejected(validator().validate(token().unsecured()), Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    @DisplayName("GEN-10, GEN-12: an RS256 token re-signed as HS256 with the RSA public key as secret is rejected")
    void validateWhenHs256WithRsaPublicKeyAsSecretThenRejected() {
        String confused = JwtFixture.accessToken(TestKeys.AS_RS256, clock.instant())
                .hmacSigned("HS256", TestKeys.AS_RS256.publicKey().getEncoded());

        assertRejected(validator().validate(confused), Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    @DisplayName("GEN-10: an algorithm outside the resource's narrowed allow-list is rejected")
    void validateWhenAlgorithmNotInNarrowedPolicyThenRejected() {
        AccessTokenValidator esOnly = builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys))
                .algorithms(AlgorithmPolicy.of(JwsAlgorithm.ES256)).build();

        assertRejected(esOnly.validate(JwtFixture.accessToken(TestKeys.AS_RS256, clock.instant()).compact()),
                Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    @DisplayName("GEN-10: an RS256 header on a token whose kid names an EC key finds no key of that family")
    void validateWhenAlgFamilyDoesNotMatchKeyThenRejected() {
        String mismatched = token().header("alg", "RS256").rawWithSignature("c2ln");

        assertRejected(validator().validate(mismatched), Reason.UNKNOWN_KEY);
    }

    @Test
    @DisplayName("GEN-15: keys named by jku, x5u, x5c or jwk headers are never used or fetched")
    void validateWhenKeyInjectedThroughHeadersThenNotFetchedAndRejected() {
        try (TestHttpsServer attacker = TestHttpsServer.start()) {
            attacker.replyJson(200, "{\"keys\":[" + org.jose4j.json.JsonUtil.toJson(TestKeys.ATTACKER_ES256.publicJwk()) + "]}");
            String forged = JwtFixture.accessToken(TestKeys.ATTACKER_ES256, clock.instant())
                    .header("kid", "attacker")
                    .header("jku", attacker.uri("/jwks").toString())
                    .header("x5u", attacker.uri("/cert").toString())
                    .header("jwk", TestKeys.ATTACKER_ES256.publicJwk())
                    .compact();

            assertRejected(validator().validate(forged), Reason.UNKNOWN_KEY);
            assertThat(attacker.requestCount()).isZero();
        }
    }

    @Test
    @DisplayName("GEN-15: a jku header on a genuine token is ignored; the configured key verifies it")
    void validateWhenGenuineTokenCarriesJkuThenConfiguredKeyUsed() {
        String t = token().header("jku", "https://attacker.example/jwks").compact();

        assertThat(validator().validate(t).isAccepted()).isTrue();
    }

    // ---------------------------------------------------------------- time (RS-09, RS-10, GEN-17)

    @Test
    @DisplayName("RS-09, GEN-17: a token expired 5 minutes ago is rejected")
    void validateWhenExpiredBeyondLeewayThenRejected() {
        String t = token().claim("exp", clock.instant().minusSeconds(300).getEpochSecond()).compact();

        assertRejected(validator().validate(t), Reason.EXPIRED);
    }

    @Test
    @DisplayName("GEN-17: a token expired 30 seconds ago is accepted with the default 60 s leeway")
    void validateWhenExpiredWithinLeewayThenAccepted() {
        String t = token().claim("exp", clock.instant().minusSeconds(30).getEpochSecond()).compact();

        assertThat(validator().validate(t).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("RS-09: a token is rejected once the clock passes exp plus the leeway")
    void validateWhenClockPassesExpiryThenRejected() {
        AccessTokenValidator v = validator();
        String t = token().compact();
        assertThat(v.validate(t).isAccepted()).isTrue();

        clock.advance(Duration.ofSeconds(300 + 60));

        assertRejected(v.validate(t), Reason.EXPIRED);
    }

    @Test
    @DisplayName("RS-09: a token without exp is rejected")
    void validateWhenNoExpThenRejected() {
        assertRejected(validator().validate(token().without("exp").compact()), Reason.MISSING_CLAIM);
    }

    @Test
    @DisplayName("RS-10: a token whose nbf is 10 minutes ahead is rejected")
    void validateWhenNotYetValidThenRejected() {
        String t = token().claim("nbf", clock.instant().plusSeconds(600).getEpochSecond()).compact();

        assertRejected(validator().validate(t), Reason.NOT_YET_VALID);
    }

    @Test
    @DisplayName("GEN-17: a token whose iat is 10 minutes ahead is rejected")
    void validateWhenIssuedInFutureThenRejected() {
        String t = token().claim("iat", clock.instant().plusSeconds(600).getEpochSecond()).compact();

        assertRejected(validator().validate(t), Reason.ISSUED_IN_FUTURE);
    }

    @Test
    @DisplayName("GEN-17: the leeway is configurable but never more than a few minutes")
    void builderWhenLeewayOverFiveMinutesThenRefused() {
        assertThatThrownBy(() -> builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys)).leeway(Duration.ofHours(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leeway");
    }

    @Test
    @DisplayName("RS-09: exp of the wrong JSON type is rejected")
    void validateWhenExpIsStringThenRejected() {
        assertRejected(validator().validate(token().claim("exp", "tomorrow").compact()), Reason.INVALID_CLAIM);
    }

    // ---------------------------------------------------------------- aud (RS-11, RS-12)

    @Test
    @DisplayName("RS-11, GEN-16: a token for another resource is rejected")
    void validateWhenAudienceIsAnotherResourceThenRejected() {
        assertRejected(validator().validate(token().claim("aud", "https://api-c.example.com").compact()),
                Reason.WRONG_AUDIENCE);
    }

    @Test
    @DisplayName("RS-11: a token with aud [own identifier, AS issuer] is accepted")
    void validateWhenAudienceContainsOwnIdAndIssuerThenAccepted() {
        String t = token().claim("aud", List.of(JwtFixture.RESOURCE, JwtFixture.ISSUER)).compact();

        assertThat(validator().validate(t).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("RS-11: a token without aud is rejected")
    void validateWhenNoAudienceThenRejected() {
        assertRejected(validator().validate(token().without("aud").compact()), Reason.WRONG_AUDIENCE);
    }

    @Test
    @DisplayName("RS-12: a token naming one of the resource's alternative identifiers is accepted")
    void validateWhenAudienceIsAlternativeIdentifierThenAccepted() {
        AccessTokenValidator v = AccessTokenValidator.builder()
                .trustedIssuer(TrustedIssuer.of(JwtFixture.ISSUER, asKeys))
                .audience(JwtFixture.RESOURCE, "api-b-legacy").clock(clock).build();

        assertThat(v.validate(token().claim("aud", "api-b-legacy").compact()).isAccepted()).isTrue();
    }

    // ---------------------------------------------------------------- sub, client_id, azp (RS-13, RS-14)

    @Test
    @DisplayName("RS-13: a token without client_id is rejected by default")
    void validateWhenNoClientIdThenRejected() {
        assertRejected(validator().validate(token().without("client_id").claim("azp", JwtFixture.CLIENT).compact()),
                Reason.MISSING_CLAIM);
    }

    @Test
    @DisplayName("RS-13: a token without client_id is accepted with azp under the A-06 legacy option")
    void validateWhenNoClientIdButAzpAndLegacyOptionThenAccepted() {
        AccessTokenValidator v = builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys).takingClientIdFromAzp()).build();

        ValidationResult<AccessToken> r = v.validate(token().without("client_id").claim("azp", JwtFixture.CLIENT).compact());

        assertThat(r.value().clientId()).isEqualTo(JwtFixture.CLIENT);
    }

    @Test
    @DisplayName("RS-13: a token without sub is rejected")
    void validateWhenNoSubjectThenRejected() {
        assertRejected(validator().validate(token().without("sub").compact()), Reason.MISSING_CLAIM);
    }

    @Test
    @DisplayName("RS-14: a token whose client_id and azp differ is rejected")
    void validateWhenClientIdAndAzpDifferThenRejected() {
        assertRejected(validator().validate(token().claim("azp", "https://other.example.com").compact()),
                Reason.CLIENT_MISMATCH);
    }

    // ---------------------------------------------------------------- scope (RS-16)

    @Test
    @DisplayName("RS-16: a scope-based resource rejects a token without scope with 403 insufficient_scope")
    void validateWhenScopeRequiredAndMissingThenInsufficientScope() {
        AccessTokenValidator v = builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys)).requireScope(true).build();

        Rejection r = v.validate(token().without("scope").compact()).rejection();

        assertThat(r.reason()).isEqualTo(Reason.INSUFFICIENT_SCOPE);
        assertThat(r.error()).isEqualTo(OAuthError.INSUFFICIENT_SCOPE);
        assertThat(r.status()).isEqualTo(403);
    }

    // ---------------------------------------------------------------- single use (RS-18, RS-19, RS-22)

    @Test
    @DisplayName("RS-18: in single-use mode the same token twice: the second is rejected with invalid_token")
    void validateWhenSingleUseAndSameTokenTwiceThenSecondRejected() {
        AccessTokenValidator v = builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys))
                .singleUse(new InMemoryReplayStore(100, clock)).build();
        String t = token().compact();

        assertThat(v.validate(t).isAccepted()).isTrue();
        assertRejected(v.validate(t), Reason.REPLAYED);
    }

    @Test
    @DisplayName("RS-18: in single-use mode a token without jti is rejected")
    void validateWhenSingleUseAndNoJtiThenRejected() {
        AccessTokenValidator v = builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys))
                .singleUse(new InMemoryReplayStore(100, clock)).build();

        assertRejected(v.validate(token().without("jti").compact()), Reason.MISSING_CLAIM);
    }

    @Test
    @DisplayName("RS-19: two resource instances on one replay store reject a replay across instances")
    void validateWhenTwoInstancesShareStoreThenReplayAcrossInstancesRejected() {
        ReplayStore shared = new InMemoryReplayStore(100, clock);
        AccessTokenValidator instance1 = builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys)).singleUse(shared).build();
        AccessTokenValidator instance2 = builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys)).singleUse(shared).build();
        String t = token().compact();

        assertThat(instance1.validate(t).isAccepted()).isTrue();
        assertRejected(instance2.validate(t), Reason.REPLAYED);
    }

    @Test
    @DisplayName("RS-22: the jti cache holds hashes, never the token or its jti")
    void validateWhenSingleUseThenStoreHoldsOnlyHashes() {
        java.util.List<String> keys = new java.util.ArrayList<>();
        ReplayStore recording = (key, expiry) -> {
            keys.add(key);
            return ReplayStore.Use.FIRST;
        };
        AccessTokenValidator v = builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys)).singleUse(recording).build();
        JwtFixture f = token().claim("jti", "jti-visible-4711");
        String t = f.compact();

        v.validate(t);

        assertThat(keys).hasSize(1);
        assertThat(keys.get(0)).doesNotContain("jti-visible-4711").doesNotContain(t.substring(0, 20))
                .matches("at:[A-Za-z0-9_-]{43}");
    }

    @Test
    @DisplayName("RS-18: a full replay store fails closed with 503, never lets the token through")
    void validateWhenReplayStoreFullThenTemporarilyUnavailable() {
        AccessTokenValidator v = builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys))
                .singleUse(new InMemoryReplayStore(1, clock)).build();
        assertThat(v.validate(token().compact()).isAccepted()).isTrue();

        Rejection r = v.validate(token().compact()).rejection();

        assertThat(r.reason()).isEqualTo(Reason.REPLAY_CHECK_UNAVAILABLE);
        assertThat(r.error()).isEqualTo(OAuthError.SERVER_ERROR);
        assertThat(r.status()).isEqualTo(503);
    }

    // ---------------------------------------------------------------- DPoP binding and actors

    @Test
    @DisplayName("RS-30: a token with cnf.jkt is read as DPoP-bound, the same token without it as unbound")
    void validateWhenCnfJktPresentThenBound() {
        AccessToken bound = validator().validate(token().claim("cnf", Map.of("jkt", "abc")).compact()).value();
        AccessToken unbound = validator().validate(token().compact()).value();

        assertThat(bound.isDpopBound()).isTrue();
        assertThat(bound.confirmationThumbprint()).contains("abc");
        assertThat(unbound.isDpopBound()).isFalse();
    }

    @Test
    @DisplayName("RS-30: a cnf that is not an object is rejected as malformed")
    void validateWhenCnfNotObjectThenRejected() {
        assertRejected(validator().validate(token().claim("cnf", "abc").compact()), Reason.INVALID_CLAIM);
    }

    @Test
    @DisplayName("GEN-18: two tokens identical except for act get the identical outcome; act is only reported")
    void validateWhenOnlyActDiffersThenSameOutcome() {
        AccessTokenValidator v = validator();
        AccessToken plain = v.validate(token().compact()).value();
        AccessToken withAct = v.validate(token().claim("act", Map.of("sub", "https://api-a.example.com",
                "act", Map.of("sub", JwtFixture.CLIENT))).compact()).value();
        AccessToken withBrokenAct = v.validate(token().claim("act", "not-an-object").compact()).value();

        assertThat(withAct.scopes()).isEqualTo(plain.scopes());
        assertThat(withAct.subject()).isEqualTo(plain.subject());
        assertThat(withAct.actors().actors()).containsExactly("https://api-a.example.com", JwtFixture.CLIENT);
        assertThat(withAct.actors().original()).isEqualTo(JwtFixture.CLIENT);
        assertThat(withBrokenAct.actors().isEmpty()).isTrue();
    }

    // ---------------------------------------------------------------- kind confusion (GEN-14)

    @Test
    @DisplayName("GEN-14: a DPoP proof presented as an access token is rejected")
    void validateWhenDpopProofPresentedThenRejected() {
        String proof = new org.enachain.core.dpop.DpopProofFactory(TestKeys.AS_ES256, clock)
                .create("GET", java.net.URI.create(JwtFixture.RESOURCE), null, null);

        assertRejected(validator().validate(proof), Reason.WRONG_TYPE);
    }

    @Test
    @DisplayName("GEN-14: a client assertion presented as an access token is rejected")
    void validateWhenClientAssertionPresentedThenRejected() {
        String assertion = JwtFixture.clientAssertion(TestKeys.AS_ES256, clock.instant()).compact();

        assertRejected(validator().validate(assertion), Reason.WRONG_TYPE);
    }

    @Test
    @DisplayName("GEN-14: a JWT grant presented as an access token is rejected, even under the legacy typ option")
    void validateWhenGrantPresentedUnderLegacyOptionThenRejected() {
        AccessTokenValidator v = builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys).acceptingLegacyJwtType()).build();
        String grant = JwtFixture.authorizationGrant(TestKeys.AS_ES256, clock.instant()).compact();

        assertRejected(v.validate(grant), Reason.WRONG_AUDIENCE);
    }

    // ---------------------------------------------------------------- malformed input

    @Test
    @DisplayName("RS-07: malformed base64 in the signature segment is a clean rejection")
    void validateWhenMalformedBase64ThenRejected() {
        String t = JwtFixture.replaceSegment(token().compact(), 2, "not*base64");

        assertRejected(validator().validate(t), Reason.MALFORMED);
    }

    @Test
    @DisplayName("RS-07: a truncated JWS is a clean rejection")
    void validateWhenTruncatedThenRejected() {
        String t = token().compact();

        assertRejected(validator().validate(t.substring(0, t.lastIndexOf('.'))), Reason.MALFORMED);
        assertRejected(validator().validate(t.substring(0, t.length() - 10)), Reason.BAD_SIGNATURE);
    }

    @Test
    @DisplayName("RS-07: a 1 MB token is rejected before it is decoded")
    void validateWhenOneMegabyteThenRejected() {
        String huge = token().claim("padding", "x".repeat(1024 * 1024)).compact();

        assertRejected(validator().validate(huge), Reason.TOO_LARGE);
    }

    @Test
    @DisplayName("RS-07: JSON nested 10,000 deep in the header is a clean rejection")
    void validateWhenHeaderNestedTenThousandDeepThenRejected() {
        String deepHeader = "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        String t = JwtFixture.b64(deepHeader) + "." + JwtFixture.b64("{}") + ".c2ln";

        ValidationResult<AccessToken> r = validator().validate(t);

        assertThat(r.isAccepted()).isFalse();
        assertThat(r.rejection().error()).isEqualTo(OAuthError.INVALID_TOKEN);
    }

    @Test
    @DisplayName("RS-07: JSON nested 10,000 deep in the payload is a clean rejection")
    void validateWhenPayloadNestedTenThousandDeepThenRejected() {
        String deepPayload = "{\"iss\":\"" + JwtFixture.ISSUER + "\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        String header = "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"as-es256\"}";
        String t = JwtFixture.b64(header) + "." + JwtFixture.b64(deepPayload) + ".c2ln";

        ValidationResult<AccessToken> r = validator().validate(t);

        assertThat(r.isAccepted()).isFalse();
        assertThat(r.rejection().error()).isEqualTo(OAuthError.INVALID_TOKEN);
    }

    @Test
    @DisplayName("RS-07: a signed token whose claims nest deeper than 32 levels is rejected as an invalid claim")
    void validateWhenSignedClaimsNestedTooDeepThenRejected() {
        Object nested = "leaf";
        for (int i = 0; i < 40; i++) {
            nested = List.of(nested);
        }

        assertRejected(validator().validate(token().claim("deep", nested).compact()), Reason.INVALID_CLAIM);
    }

    @Test
    @DisplayName("RS-07: tokens sharing one header share its decoded form, which no caller can change")
    void validateWhenHeaderSeenBeforeThenSharedAndUnmodifiable() throws Exception {
        String first = token().header("x-extra", Map.of("k", "v")).compact();
        String second = token().header("x-extra", Map.of("k", "v")).compact();
        SignedJwt a = SignedJwt.parse(first, 4096);
        SignedJwt b = SignedJwt.parse(second, 4096);

        assertThat(a.header("x-extra")).isSameAs(b.header("x-extra"));
        assertThatThrownBy(() -> ((Map<String, Object>) a.header("x-extra")).put("k", "changed"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(validator().validate(second).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("RS-07: an encrypted (five-segment) token is rejected")
    void validateWhenJweThenRejected() {
        // {"alg":"RSA-OAEP","enc":"A256GCM"}
        assertRejected(validator().validate("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn"),
                Reason.ENCRYPTED);
    }

    @Test
    @DisplayName("RS-07: two tokens run together are rejected")
    void validateWhenTwoJwtsConcatenatedThenRejected() {
        assertRejected(validator().validate(token().compact() + "." + token().compact()), Reason.MALFORMED);
    }

    @Test
    @DisplayName("RS-07: a header that is not JSON is a clean rejection")
    void validateWhenHeaderNotJsonThenRejected() {
        String t = JwtFixture.replaceSegment(token().compact(), 0, JwtFixture.b64("not json"));

        assertRejected(validator().validate(t), Reason.MALFORMED);
    }

    @Test
    @DisplayName("RS-07: an unknown critical header is rejected")
    void validateWhenCriticalHeaderThenRejected() {
        assertRejected(validator().validate(token().header("crit", List.of("exp")).header("exp", 1).compact()),
                Reason.CRITICAL_HEADER);
    }

    @Test
    @DisplayName("GEN-21: rejection descriptions never carry token material")
    void validateWhenRejectedThenDescriptionCarriesNoTokenMaterial() {
        String t = token().claim("sub", "secret-user-id").claim("aud", "https://other.example").compact();

        Rejection r = validator().validate(t).rejection();

        assertThat(r.description()).doesNotContain("secret-user-id").doesNotContain(t.substring(0, 30))
                .doesNotContain("https://other.example");
        assertThat(r.description().getBytes(StandardCharsets.US_ASCII)).hasSizeLessThan(120);
    }

    // ---------------------------------------------------------------- the builder refuses incomplete rule sets

    @Test
    @DisplayName("RS-06: a validator without a trusted issuer cannot be built")
    void buildWhenNoIssuerThenRefused() {
        assertThatThrownBy(() -> AccessTokenValidator.builder().audience(JwtFixture.RESOURCE).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("trusted issuer");
    }

    @Test
    @DisplayName("RS-11: a validator without the resource's identifier cannot be built")
    void buildWhenNoAudienceThenRefused() {
        assertThatThrownBy(() -> AccessTokenValidator.builder().trustedIssuer(TrustedIssuer.of(JwtFixture.ISSUER, asKeys)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("resource identifier");
    }

    @Test
    @DisplayName("RS-09: a token service validating subject tokens answers invalid_request with 400")
    void validateWhenRejectWithInvalidRequestThenCodeAndStatusUsed() {
        AccessTokenValidator atSts = builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys))
                .rejectWith(OAuthError.INVALID_REQUEST, 400).build();
        String expired = token().claim("exp", clock.instant().minusSeconds(600).getEpochSecond()).compact();

        Rejection r = atSts.validate(expired).rejection();

        assertThat(r.error()).isEqualTo(OAuthError.INVALID_REQUEST);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    @DisplayName("RS-07: a signature whose last base64url character carries non-zero unused bits is rejected (one spelling per JWT)")
    void validateWhenSignatureHasNonCanonicalBase64ThenRejected() {
        String t = token().compact();
        char last = t.charAt(t.length() - 1);
        String base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char flipped = base64url.charAt(base64url.indexOf(last) ^ 1); // an ES256 signature leaves 4 unused bits
        String altered = t.substring(0, t.length() - 1) + flipped;

        assertThat(validator().validate(t).isAccepted()).isTrue();
        assertRejected(validator().validate(altered), Reason.MALFORMED);
    }

    @Test
    @DisplayName("RS-07: a kid that is not a string is rejected, not taken as absent")
    void validateWhenKidIsNumberThenRejected() {
        assertRejected(validator().validate(token().header("kid", 12345).compact()), Reason.MALFORMED);
    }

    @Test
    @DisplayName("RS-09: an exp beyond the range of a long is rejected, not wrapped around")
    void validateWhenExpOverflowsLongThenRejected() {
        java.math.BigInteger huge = java.math.BigInteger.TWO.pow(64).add(java.math.BigInteger.valueOf(
                clock.instant().plusSeconds(300).getEpochSecond()));

        assertRejected(validator().validate(token().claim("exp", huge).compact()), Reason.INVALID_CLAIM);
    }

    @Test
    @DisplayName("RS-30: a token bound by another confirmation method (cnf without jkt) is not taken as a bearer token")
    void validateWhenCnfHasOnlyAnotherMethodThenRejected() {
        String t = token().claim("cnf", Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2")).compact();

        assertRejected(validator().validate(t), Reason.INVALID_CLAIM);
    }

    @Test
    @DisplayName("RS-18: recordUse of a token without jti is a rejection, not an exception")
    void recordUseWhenTokenHasNoJtiThenRejection() {
        AccessToken withoutJti = validator().validate(token().without("jti").compact()).value();
        AccessTokenValidator singleUse = builder(TrustedIssuer.of(JwtFixture.ISSUER, asKeys))
                .singleUse(new InMemoryReplayStore(10, clock)).build();

        assertThat(singleUse.recordUse(withoutJti)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.MISSING_CLAIM));
    }
}
