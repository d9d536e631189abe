package org.enachain.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** private_key_jwt client authentication at an authorization server (Profile 8.3.1; GEN-66 to GEN-73). */
class ClientAssertionValidatorTest {

    private static final String TOKEN_ENDPOINT = JwtFixture.ISSUER + "/token";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final RegisteredClient client = RegisteredClient.of(JwtFixture.CLIENT,
            VerificationKeys.of(TestKeys.CLIENT_ES256, TestKeys.CLIENT_RS256));

    private ClientAssertionValidator.Builder builder(RegisteredClient... clients) {
        return ClientAssertionValidator.builder(JwtFixture.ISSUER).clients(RegisteredClients.of(clients))
                .replayStore(new InMemoryReplayStore(100, clock)).clock(clock);
    }

    private ClientAssertionValidator validator() {
        return builder(client).build();
    }

    private JwtFixture assertion() {
        return JwtFixture.clientAssertion(TestKeys.CLIENT_ES256, clock.instant());
    }

    private static void assertRejected(ValidationResult<ClientAssertion> result, Reason reason) {
        assertThat(result.isAccepted()).as("expected %s but was %s", reason, result).isFalse();
        Rejection r = result.rejection();
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.error()).isEqualTo(OAuthError.INVALID_CLIENT);
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    @DisplayName("GEN-06, GEN-62: a valid ES256 client assertion authenticates the client")
    void validateWhenValidEs256AssertionThenClientAuthenticated() {
        ValidationResult<ClientAssertion> r = validator().validate(assertion().compact(), JwtFixture.CLIENT);

        assertThat(r.isAccepted()).as(r.toString()).isTrue();
        assertThat(r.value().clientId()).isEqualTo(JwtFixture.CLIENT);
    }

    @Test
    @DisplayName("GEN-06: a valid RS256 client assertion authenticates the client")
    void validateWhenValidRs256AssertionThenClientAuthenticated() {
        String rs = JwtFixture.clientAssertion(TestKeys.CLIENT_RS256, clock.instant()).compact();

        assertThat(validator().validate(rs, JwtFixture.CLIENT).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("GEN-66: a client_assertion holding two JWTs run together is rejected")
    void validateWhenTwoJwtsThenRejected() {
        String two = assertion().compact() + "." + assertion().compact();

        assertRejected(validator().validate(two, JwtFixture.CLIENT), Reason.MALFORMED);
    }

    @Test
    @DisplayName("GEN-67: an assertion signed with an unregistered key is rejected")
    void validateWhenSignedWithUnregisteredKeyThenRejected() {
        String forged = JwtFixture.clientAssertion(TestKeys.ATTACKER_ES256, clock.instant())
                .header("kid", TestKeys.CLIENT_ES256.keyId()).compact();

        assertRejected(validator().validate(forged, JwtFixture.CLIENT), Reason.BAD_SIGNATURE);
    }

    @Test
    @DisplayName("GEN-67, GEN-11: an unsigned assertion is rejected")
    void validateWhenAlgNoneThenRejected() {
        assertRejected(validator().validate(assertion().unsecured(), JwtFixture.CLIENT), Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    @DisplayName("GEN-12: an HMAC-signed assertion is rejected")
    void validateWhenHs256ThenRejected() {
        String hmac = assertion().hmacSigned("HS256", "a-shared-secret-of-at-least-32-bytes!".getBytes());

        assertRejected(validator().validate(hmac, JwtFixture.CLIENT), Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    @DisplayName("GEN-68: an assertion typed JWT is rejected")
    void validateWhenTypJwtThenRejected() {
        assertRejected(validator().validate(assertion().header("typ", "JWT").compact(), JwtFixture.CLIENT),
                Reason.WRONG_TYPE);
    }

    @Test
    @DisplayName("GEN-68: an assertion typed JWT is accepted under the client's A-08 legacy exception")
    void validateWhenTypJwtAndLegacyExceptionThenAccepted() {
        ClientAssertionValidator v = builder(client.acceptingLegacyAssertionType()).build();

        assertThat(v.validate(assertion().header("typ", "JWT").compact(), JwtFixture.CLIENT).isAccepted()).isTrue();
        assertThat(v.validate(assertion().withoutHeader("typ").compact(), JwtFixture.CLIENT).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("GEN-68, GEN-14: an access token presented as a client assertion is rejected, even under the legacy exception")
    void validateWhenAccessTokenPresentedThenRejected() {
        ClientAssertionValidator v = builder(client.acceptingLegacyAssertionType()).build();
        String accessToken = JwtFixture.accessToken(TestKeys.CLIENT_ES256, clock.instant())
                .claim("iss", JwtFixture.CLIENT).claim("sub", JwtFixture.CLIENT).compact();

        assertRejected(v.validate(accessToken, JwtFixture.CLIENT), Reason.WRONG_TYPE);
    }

    @Test
    @DisplayName("GEN-69: an assertion whose sub differs from client_id is rejected")
    void validateWhenSubDiffersFromClientIdThenRejected() {
        assertRejected(validator().validate(assertion().claim("sub", "https://other.example.com").compact(),
                JwtFixture.CLIENT), Reason.CLIENT_MISMATCH);
    }

    @Test
    @DisplayName("GEN-69: an assertion whose iss differs from the client_id parameter is rejected")
    void validateWhenClientIdParameterDiffersThenRejected() {
        assertRejected(validator().validate(assertion().compact(), "https://other.example.com"), Reason.CLIENT_MISMATCH);
    }

    @Test
    @DisplayName("TAS-03: an assertion of an unregistered client is rejected with invalid_client")
    void validateWhenClientNotRegisteredThenRejected() {
        String other = "https://unknown.example.com";
        String t = assertion().claim("iss", other).claim("sub", other).compact();

        assertRejected(validator().validate(t, other), Reason.UNKNOWN_CLIENT);
    }

    @Test
    @DisplayName("GEN-70: an assertion with aud [issuer, other] is rejected")
    void validateWhenSeveralAudiencesThenRejected() {
        String t = assertion().claim("aud", List.of(JwtFixture.ISSUER, "https://other.example.com")).compact();

        assertRejected(validator().validate(t, JwtFixture.CLIENT), Reason.WRONG_AUDIENCE);
    }

    @Test
    @DisplayName("GEN-70: an assertion with the token endpoint as aud is rejected by default")
    void validateWhenAudienceIsTokenEndpointThenRejected() {
        assertRejected(validator().validate(assertion().claim("aud", TOKEN_ENDPOINT).compact(), JwtFixture.CLIENT),
                Reason.WRONG_AUDIENCE);
    }

    @Test
    @DisplayName("GEN-70: the token endpoint as sole aud is accepted under the A-07 legacy option")
    void validateWhenAudienceIsTokenEndpointAndLegacyOptionThenAccepted() {
        ClientAssertionValidator v = builder(client).acceptTokenEndpointAudience(TOKEN_ENDPOINT).build();

        assertThat(v.validate(assertion().claim("aud", TOKEN_ENDPOINT).compact(), JwtFixture.CLIENT).isAccepted()).isTrue();
        assertRejected(v.validate(assertion().claim("aud", List.of(JwtFixture.ISSUER, TOKEN_ENDPOINT)).compact(),
                JwtFixture.CLIENT), Reason.WRONG_AUDIENCE);
    }

    @Test
    @DisplayName("GEN-70: a one-element aud array holding the issuer is accepted")
    void validateWhenAudienceIsSingleElementArrayThenAccepted() {
        String t = assertion().claim("aud", List.of(JwtFixture.ISSUER)).compact();

        assertThat(validator().validate(t, JwtFixture.CLIENT).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("GEN-71: the same assertion twice: the second is rejected")
    void validateWhenReplayedThenRejected() {
        ClientAssertionValidator v = validator();
        String t = assertion().compact();

        assertThat(v.validate(t, JwtFixture.CLIENT).isAccepted()).isTrue();
        assertRejected(v.validate(t, JwtFixture.CLIENT), Reason.REPLAYED);
    }

    @Test
    @DisplayName("GEN-71: an assertion without jti is rejected")
    void validateWhenNoJtiThenRejected() {
        assertRejected(validator().validate(assertion().without("jti").compact(), JwtFixture.CLIENT), Reason.MISSING_CLAIM);
    }

    @Test
    @DisplayName("GEN-71: a validator without a replay store cannot be built unless the override is explicit")
    void buildWhenNoReplayStoreThenRefused() {
        assertThatThrownBy(() -> ClientAssertionValidator.builder(JwtFixture.ISSUER)
                .clients(RegisteredClients.of(client)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("replay store");
    }

    @Test
    @DisplayName("GEN-72: an assertion valid for an hour is rejected")
    void validateWhenLifetimeOneHourThenRejected() {
        String t = assertion().claim("exp", clock.instant().plusSeconds(3600).getEpochSecond()).compact();

        assertRejected(validator().validate(t, JwtFixture.CLIENT), Reason.LIFETIME_TOO_LONG);
    }

    @Test
    @DisplayName("GEN-72: an expired assertion is rejected")
    void validateWhenExpiredThenRejected() {
        ClientAssertionValidator v = validator();
        String t = assertion().compact();

        clock.advance(java.time.Duration.ofMinutes(5));

        assertRejected(v.validate(t, JwtFixture.CLIENT), Reason.EXPIRED);
    }

    @Test
    @DisplayName("GEN-72: an assertion without exp is rejected")
    void validateWhenNoExpThenRejected() {
        assertRejected(validator().validate(assertion().without("exp").compact(), JwtFixture.CLIENT), Reason.MISSING_CLAIM);
    }

    @Test
    @DisplayName("GEN-73: an assertion whose nbf is 10 minutes ahead is rejected")
    void validateWhenNotYetValidThenRejected() {
        String t = assertion().claim("nbf", clock.instant().plusSeconds(600).getEpochSecond()).compact();

        assertRejected(validator().validate(t, JwtFixture.CLIENT), Reason.NOT_YET_VALID);
    }

    @Test
    @DisplayName("GEN-65: a rejected assertion is invalid_client whatever else is wrong")
    void validateWhenBadAssertionThenInvalidClient() {
        Rejection r = validator().validate("garbage", JwtFixture.CLIENT).rejection();

        assertThat(r.error()).isEqualTo(OAuthError.INVALID_CLIENT);
    }

    @Test
    @DisplayName("GEN-72: an assertion of the full maximum lifetime from a client whose clock runs 5 s ahead is accepted")
    void validateWhenClientClockAheadAndFullLifetimeThenAccepted() {
        long iat = clock.instant().plusSeconds(5).getEpochSecond();
        String t = assertion().claim("iat", iat).claim("exp", iat + 300).compact();

        assertThat(validator().validate(t, JwtFixture.CLIENT).isAccepted()).isTrue();
    }
}
