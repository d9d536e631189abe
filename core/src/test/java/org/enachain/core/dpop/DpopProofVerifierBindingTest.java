package org.enachain.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.core.dpop.RejectionAssert.assertDisclosesNothing;
import static org.enachain.core.dpop.RejectionAssert.assertRejected;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.Rejection;
import org.enachain.core.ValidationResult;
import org.enachain.core.dpop.DpopProofVerifier.Receiver;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The proof's tie to the access token: {@code ath} at a protected resource (RS-34), the key's
 * thumbprint against the token's {@code cnf.jkt} (RS-35), the error code of each (RS-43, A-22), and
 * {@code ath} ignored at a token endpoint.
 */
class DpopProofVerifierBindingTest {

    private static final SigningKey CLIENT = TestKeys.CLIENT_ES256;
    private static final SigningKey ATTACKER = TestKeys.ATTACKER_ES256;

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant now = clock.instant();
    private final String accessToken = JwtFixture.accessToken(TestKeys.AS_ES256, now)
            .claim("cnf", Map.of("jkt", CLIENT.thumbprint().value())).compact();
    private final String otherAccessToken = JwtFixture.accessToken(TestKeys.AS_ES256, now)
            .claim("cnf", Map.of("jkt", CLIENT.thumbprint().value())).compact();

    private DpopProofVerifier verifier(Receiver receiver) {
        return DpopProofVerifier.builder(receiver).clock(clock).replayStore(new InMemoryReplayStore(1_000, clock))
                .build();
    }

    /** A resource request presenting {@link #accessToken}, which is bound to {@link #CLIENT}'s key. */
    private ValidationResult<DpopProof> verifyAtResource(String proof) {
        return verifier(Receiver.PROTECTED_RESOURCE).verify(ProofContext.atResource(List.of(proof), "GET",
                ProofFixture.RESOURCE_URI, accessToken, CLIENT.thumbprint().value()));
    }

    private ValidationResult<DpopProof> verifyAtTokenEndpoint(String proof) {
        return verifier(Receiver.TOKEN_ENDPOINT)
                .verify(ProofContext.atTokenEndpoint(List.of(proof), "POST", ProofFixture.TOKEN_ENDPOINT));
    }

    @Test
    @DisplayName("A resource proof with the token's ath, by the key the token is bound to, is accepted")
    void verifyWhenAthAndKeyMatchThenAccepted() {
        ValidationResult<DpopProof> result = verifyAtResource(ProofFixture.forResource(CLIENT, now, accessToken).compact());

        assertThat(result.isAccepted()).as("%s", result).isTrue();
        assertThat(result.value().thumbprint()).isEqualTo(CLIENT.thumbprint());
    }

    @Test
    @DisplayName("RS-34: a resource proof without ath is rejected with 401 invalid_dpop_proof")
    void verifyWhenAthMissingAtResourceThenMissingClaim() {
        String proof = ProofFixture.forResource(CLIENT, now, accessToken).without("ath").compact();

        assertRejected(verifyAtResource(proof), Reason.MISSING_CLAIM, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("RS-34, RS-43: a resource proof with the hash of another token is rejected with 401 invalid_dpop_proof")
    void verifyWhenAthIsHashOfOtherTokenThenAccessTokenHashMismatch() {
        String otherAth = ProofFixture.sha256Base64Url(otherAccessToken);
        String proof = ProofFixture.forResource(CLIENT, now, accessToken).claim("ath", otherAth).compact();

        Rejection rejection = assertRejected(verifyAtResource(proof), Reason.ACCESS_TOKEN_HASH_MISMATCH,
                OAuthError.INVALID_DPOP_PROOF, 401);
        assertDisclosesNothing(rejection, proof, accessToken, otherAth, ProofFixture.sha256Base64Url(accessToken));
    }

    @Test
    @DisplayName("A resource proof whose ath is the right hash with base64 padding is rejected: ath is unpadded base64url")
    void verifyWhenAthPaddedThenAccessTokenHashMismatch() {
        String proof = ProofFixture.forResource(CLIENT, now, accessToken)
                .claim("ath", ProofFixture.sha256Base64Url(accessToken) + "=").compact();

        assertRejected(verifyAtResource(proof), Reason.ACCESS_TOKEN_HASH_MISMATCH, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("RS-35, RS-43: a valid proof signed by a key other than the token's cnf.jkt is rejected with 401 invalid_token")
    void verifyWhenProofKeyIsNotTheBoundKeyThenKeyBindingMismatch() {
        // Everything about the attacker's proof is valid (own jwk, signature, ath of the stolen token)
        // except that the token is bound to another key.
        String proof = ProofFixture.forResource(ATTACKER, now, accessToken).compact();

        Rejection rejection = assertRejected(verifyAtResource(proof), Reason.KEY_BINDING_MISMATCH,
                OAuthError.INVALID_TOKEN, 401);
        assertDisclosesNothing(rejection, proof, accessToken, CLIENT.thumbprint().value(), ATTACKER.thumbprint().value());
    }

    @Test
    @DisplayName("RS-43: a proof failing both ath and key binding is reported as the proof failure, invalid_dpop_proof")
    void verifyWhenAthAndKeyBothWrongThenProofFailureReportedFirst() {
        String proof = ProofFixture.forResource(ATTACKER, now, otherAccessToken).compact();

        assertRejected(verifyAtResource(proof), Reason.ACCESS_TOKEN_HASH_MISMATCH, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("At a token endpoint an ath in the proof is ignored, not rejected: the hash of an unrelated token passes")
    void verifyWhenAthPresentAtTokenEndpointThenIgnored() {
        // Resolution A-26: clients omit ath at token endpoints, and token endpoints ignore one rather than reject it.
        String proof = ProofFixture.forTokenEndpoint(CLIENT, now)
                .claim("ath", ProofFixture.sha256Base64Url(otherAccessToken)).compact();

        ValidationResult<DpopProof> result = verifyAtTokenEndpoint(proof);

        assertThat(result.isAccepted()).as("%s", result).isTrue();
    }

    @Test
    @DisplayName("At a token endpoint an ath that is not even a hash is ignored")
    void verifyWhenMalformedAthAtTokenEndpointThenIgnored() {
        String proof = ProofFixture.forTokenEndpoint(CLIENT, now).claim("ath", "not a hash").compact();

        assertThat(verifyAtTokenEndpoint(proof).isAccepted()).isTrue();
    }
}
