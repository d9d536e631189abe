package org.enachain.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.Rejection;
import org.enachain.core.ValidationResult;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The JWT authorization grant at the target-domain authorization server (REQUIREMENTS 7.3). */
class AuthorizationGrantValidatorTest {

    private static final String OTHER_ISSUER = "https://as.domain-c.example";
    private static final String TAS_TOKEN_ENDPOINT = JwtFixture.TARGET_ISSUER + "/token";

    private final MutableClock clock = MutableClock.atFixedStart();

    private AuthorizationGrantValidator.Builder builder() {
        return AuthorizationGrantValidator.builder(JwtFixture.TARGET_ISSUER)
                .trustedIssuer(JwtFixture.ISSUER, VerificationKeys.of(TestKeys.AS_ES256, TestKeys.AS_RS256))
                .trustedIssuer(OTHER_ISSUER, VerificationKeys.of(TestKeys.ATTACKER_ES256))
                .replayStore(new InMemoryReplayStore(100, clock))
                .clock(clock);
    }

    private AuthorizationGrantValidator validator() {
        return builder().build();
    }

    private JwtFixture grant() {
        return JwtFixture.authorizationGrant(TestKeys.AS_ES256, clock.instant());
    }

    private ValidationResult<AuthorizationGrant> validate(String grant) {
        return validator().validate(grant, JwtFixture.CLIENT);
    }

    private static void assertRejected(ValidationResult<AuthorizationGrant> result, Reason reason) {
        assertThat(result.isAccepted()).as("expected %s but was %s", reason, result).isFalse();
        Rejection r = result.rejection();
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.error()).isEqualTo(OAuthError.INVALID_GRANT);
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    @DisplayName("TAS-01, GEN-06: a valid ES256 grant is accepted with its user, client, scopes and actors")
    void validateWhenValidGrantThenAccepted() {
        ValidationResult<AuthorizationGrant> r = validate(grant().compact());

        assertThat(r.isAccepted()).as(r.toString()).isTrue();
        AuthorizationGrant g = r.value();
        assertThat(g.issuer()).isEqualTo(JwtFixture.ISSUER);
        assertThat(g.subject()).isEqualTo("user-4711");
        assertThat(g.clientId()).isEqualTo(JwtFixture.CLIENT);
        assertThat(g.scopes()).containsExactly("b-read");
        assertThat(g.actors().actors()).containsExactly("https://api-a.example.com", JwtFixture.CLIENT);
    }

    @Test
    @DisplayName("GEN-06: a valid RS256 grant is accepted")
    void validateWhenValidRs256GrantThenAccepted() {
        assertThat(validate(JwtFixture.authorizationGrant(TestKeys.AS_RS256, clock.instant()).compact()).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("TAS-05: two JWTs joined in one assertion are invalid_grant")
    void validateWhenTwoJwtsJoinedThenRejected() {
        assertRejected(validate(grant().compact() + "." + grant().compact()), Reason.MALFORMED);
    }

    @Test
    @DisplayName("TAS-08, GEN-11: an unsigned grant is rejected")
    void validateWhenUnsignedThenRejected() {
        assertRejected(validate(grant().unsecured()), Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    @DisplayName("TAS-08: a tampered grant is rejected")
    void validateWhenTamperedThenRejected() {
        String good = grant().compact();
        String tampered = JwtFixture.replaceSegment(good, 1, JwtFixture.b64(
                org.jose4j.json.JsonUtil.toJson(grant().claim("sub", "admin").claims())));

        assertRejected(validate(tampered), Reason.BAD_SIGNATURE);
    }

    @Test
    @DisplayName("GEN-12: an HMAC-signed grant is rejected")
    void validateWhenHmacThenRejected() {
        assertRejected(validate(grant().hmacSigned("HS256", TestKeys.AS_RS256.publicKey().getEncoded())),
                Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    @DisplayName("TAS-09: a grant from an unknown issuer is rejected")
    void validateWhenUnknownIssuerThenRejected() {
        assertRejected(validate(grant().claim("iss", "https://as.unknown.example").compact()), Reason.UNTRUSTED_ISSUER);
    }

    @Test
    @DisplayName("TAS-10: a grant naming issuer A but signed with issuer B's key is rejected")
    void validateWhenSignedWithAnotherIssuersKeyThenRejected() {
        String crossSigned = JwtFixture.authorizationGrant(TestKeys.ATTACKER_ES256, clock.instant()).compact();

        assertRejected(validate(crossSigned), Reason.BAD_SIGNATURE);
    }

    @Test
    @DisplayName("TAS-11: a grant without sub is rejected")
    void validateWhenNoSubjectThenRejected() {
        assertRejected(validate(grant().without("sub").compact()), Reason.MISSING_CLAIM);
    }

    @Test
    @DisplayName("TAS-12: a grant for another authorization server is rejected")
    void validateWhenAudienceIsAnotherServerThenRejected() {
        assertRejected(validate(grant().claim("aud", OTHER_ISSUER).compact()), Reason.WRONG_AUDIENCE);
    }

    @Test
    @DisplayName("TAS-13: aud [issuer, https://other] is rejected")
    void validateWhenAudienceHasExtraValueThenRejected() {
        assertRejected(validate(grant().claim("aud", List.of(JwtFixture.TARGET_ISSUER, "https://other.example")).compact()),
                Reason.WRONG_AUDIENCE);
    }

    @Test
    @DisplayName("TAS-13: aud [issuer, own token endpoint] is accepted when configured (A-09)")
    void validateWhenAudienceHasOwnTokenEndpointThenAccepted() {
        AuthorizationGrantValidator v = builder().acceptTokenEndpointAudience(TAS_TOKEN_ENDPOINT).build();
        String t = grant().claim("aud", List.of(JwtFixture.TARGET_ISSUER, TAS_TOKEN_ENDPOINT)).compact();

        assertThat(v.validate(t, JwtFixture.CLIENT).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("TAS-14: an expired grant is rejected")
    void validateWhenExpiredThenRejected() {
        AuthorizationGrantValidator v = validator();
        String t = grant().compact();

        clock.advance(Duration.ofSeconds(120 + 61));

        assertRejected(v.validate(t, JwtFixture.CLIENT), Reason.EXPIRED);
    }

    @Test
    @DisplayName("TAS-14: a grant without exp is rejected")
    void validateWhenNoExpThenRejected() {
        assertRejected(validate(grant().without("exp").compact()), Reason.MISSING_CLAIM);
    }

    @Test
    @DisplayName("TAS-15: a grant valid for one hour is rejected")
    void validateWhenLifetimeOneHourThenRejected() {
        assertRejected(validate(grant().claim("exp", clock.instant().plusSeconds(3600).getEpochSecond()).compact()),
                Reason.LIFETIME_TOO_LONG);
    }

    @Test
    @DisplayName("TAS-16: a grant whose nbf is 10 minutes ahead is rejected")
    void validateWhenNotYetValidThenRejected() {
        assertRejected(validate(grant().claim("nbf", clock.instant().plusSeconds(600).getEpochSecond()).compact()),
                Reason.NOT_YET_VALID);
    }

    @Test
    @DisplayName("TAS-17: a grant issued a day ago is rejected when the age check is on")
    void validateWhenIssuedADayAgoAndAgeCheckOnThenRejected() {
        AuthorizationGrantValidator v = builder().maxAge(Duration.ofMinutes(10)).build();
        String t = grant().claim("iat", clock.instant().minus(Duration.ofDays(1)).getEpochSecond())
                .without("nbf").claim("exp", clock.instant().plusSeconds(60).getEpochSecond()).compact();

        assertRejected(v.validate(t, JwtFixture.CLIENT), Reason.TOO_OLD);
    }

    @Test
    @DisplayName("TAS-15: without the age check, a grant issued a day ago is still too long-lived")
    void validateWhenIssuedADayAgoAndAgeCheckOffThenLifetimeTooLong() {
        String t = grant().claim("iat", clock.instant().minus(Duration.ofDays(1)).getEpochSecond())
                .without("nbf").claim("exp", clock.instant().plusSeconds(60).getEpochSecond()).compact();

        assertRejected(validate(t), Reason.LIFETIME_TOO_LONG);
    }

    @Test
    @DisplayName("TAS-18: a grant without jti is rejected")
    void validateWhenNoJtiThenRejected() {
        assertRejected(validate(grant().without("jti").compact()), Reason.MISSING_CLAIM);
    }

    @Test
    @DisplayName("TAS-19: the same grant twice: the second is rejected")
    void validateWhenUsedTwiceThenSecondRejected() {
        AuthorizationGrantValidator v = validator();
        String t = grant().compact();

        assertThat(v.validate(t, JwtFixture.CLIENT).isAccepted()).isTrue();
        assertRejected(v.validate(t, JwtFixture.CLIENT), Reason.REPLAYED);
    }

    @Test
    @DisplayName("TAS-19: a grant that fails a check does not use up its jti")
    void validateWhenFirstAttemptFailsThenJtiNotBurned() {
        AuthorizationGrantValidator v = validator();
        String t = grant().compact();

        assertRejected(v.validate(t, "https://other-client.example"), Reason.CLIENT_MISMATCH);
        assertThat(v.validate(t, JwtFixture.CLIENT).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("TAS-19: a validator without a replay store cannot be built")
    void buildWhenNoReplayStoreThenRefused() {
        assertThatThrownBy(() -> AuthorizationGrantValidator.builder(JwtFixture.TARGET_ISSUER)
                .trustedIssuer(JwtFixture.ISSUER, VerificationKeys.of(TestKeys.AS_ES256)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("one-time use");
    }

    @Test
    @DisplayName("TAS-20: a grant for client X presented by client Y is rejected")
    void validateWhenPresentedByAnotherClientThenRejected() {
        assertRejected(validator().validate(grant().compact(), "https://client-y.example"), Reason.CLIENT_MISMATCH);
    }

    @Test
    @DisplayName("TAS-20: a grant without client_id is rejected")
    void validateWhenNoClientIdThenRejected() {
        assertRejected(validate(grant().without("client_id").compact()), Reason.MISSING_CLAIM);
    }

    @Test
    @DisplayName("TAS-21: an unknown crit header is rejected")
    void validateWhenUnknownCritThenRejected() {
        assertRejected(validate(grant().header("crit", List.of("urn:x")).header("urn:x", true).compact()),
                Reason.CRITICAL_HEADER);
    }

    @Test
    @DisplayName("TAS-21: bad encoding is rejected")
    void validateWhenBadEncodingThenRejected() {
        assertRejected(validate(JwtFixture.replaceSegment(grant().compact(), 1, "%%%")), Reason.MALFORMED);
    }

    @Test
    @DisplayName("TAS-22, GEN-14: an access token of the originating AS with a matching aud is rejected")
    void validateWhenAccessTokenPresentedThenRejected() {
        String accessToken = JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant())
                .claim("aud", JwtFixture.TARGET_ISSUER).compact();

        assertRejected(validate(accessToken), Reason.WRONG_TYPE);
    }

    @Test
    @DisplayName("TAS-22, GEN-14: a client assertion presented as a grant is rejected")
    void validateWhenClientAssertionPresentedThenRejected() {
        String assertion = JwtFixture.clientAssertion(TestKeys.AS_ES256, clock.instant())
                .claim("iss", JwtFixture.ISSUER).claim("aud", JwtFixture.TARGET_ISSUER).compact();

        assertRejected(validate(assertion), Reason.WRONG_TYPE);
    }

    @Test
    @DisplayName("TAS-22: a DPoP proof typ is rejected, and cannot be configured as a grant type")
    void validateWhenDpopTypThenRejected() {
        assertRejected(validate(grant().header("typ", "dpop+jwt").compact()), Reason.WRONG_TYPE);
        assertThatThrownBy(() -> builder().acceptType("at+jwt")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("TAS-22: an untyped grant and a configured type are accepted (A-32)")
    void validateWhenUntypedOrConfiguredTypeThenAccepted() {
        AuthorizationGrantValidator v = builder().acceptType("jwt-grant+jwt").build();

        assertThat(v.validate(grant().withoutHeader("typ").compact(), JwtFixture.CLIENT).isAccepted()).isTrue();
        assertThat(v.validate(grant().header("typ", "jwt-grant+jwt").compact(), JwtFixture.CLIENT).isAccepted()).isTrue();
        assertRejected(v.validate(grant().header("typ", "something-else").compact(), JwtFixture.CLIENT), Reason.WRONG_TYPE);
    }

    @Test
    @DisplayName("TAS-23: assertion failures are invalid_grant")
    void validateWhenGarbageThenInvalidGrant() {
        assertRejected(validate("not-a-jwt"), Reason.MALFORMED);
    }

    @Test
    @DisplayName("TAS-15: a grant of the full 300 s from an issuer whose clock runs 5 s ahead is accepted (A-34 leeway)")
    void validateWhenIssuerClockAheadAndFullLifetimeThenAccepted() {
        long iat = clock.instant().plusSeconds(5).getEpochSecond();
        String t = grant().claim("iat", iat).claim("nbf", iat).claim("exp", iat + 300).compact();

        assertThat(validate(t).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("TAS-19: validateAllButReplay leaves the grant unused until recordUse, which uses it up once")
    void validateAllButReplayWhenCalledTwiceThenGrantUsedOnlyByRecordUse() {
        AuthorizationGrantValidator v = validator();
        String t = grant().compact();

        AuthorizationGrant first = v.validateAllButReplay(t, JwtFixture.CLIENT).value();
        AuthorizationGrant again = v.validateAllButReplay(t, JwtFixture.CLIENT).value();

        assertThat(v.recordUse(first)).isEmpty();
        Rejection second = v.recordUse(again).orElseThrow();
        assertThat(second.reason()).isEqualTo(Reason.REPLAYED);
        assertThat(second.error()).isEqualTo(OAuthError.INVALID_GRANT);
    }

    @Test
    @DisplayName("TAS-22: typ application/jwt is the same media type as JWT and is accepted (RFC 7515 4.1.9)")
    void validateWhenTypApplicationJwtThenAccepted() {
        assertThat(validate(grant().header("typ", "application/jwt").compact()).isAccepted()).isTrue();
        assertRejected(validate(grant().header("typ", "application/at+jwt").compact()), Reason.WRONG_TYPE);
        assertThatThrownBy(() -> builder().acceptType("application/dpop+jwt")).isInstanceOf(IllegalArgumentException.class);
    }
}
