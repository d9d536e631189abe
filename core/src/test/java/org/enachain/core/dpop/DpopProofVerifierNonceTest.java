package org.enachain.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.core.dpop.RejectionAssert.assertDisclosesNothing;
import static org.enachain.core.dpop.RejectionAssert.assertRejected;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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

/** Server nonces required by the verifier (RFC 9449 8, 9; GEN-34, GEN-35). */
class DpopProofVerifierNonceTest {

    private static final SigningKey CLIENT = TestKeys.CLIENT_ES256;
    private static final Duration LIFETIME = DpopNonces.DEFAULT_LIFETIME;

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant start = clock.instant();
    private final DpopNonces nonces = DpopNonces.withRandomKey(clock, LIFETIME);
    private final String accessToken = JwtFixture.accessToken(TestKeys.AS_ES256, start)
            .claim("cnf", Map.of("jkt", CLIENT.thumbprint().value())).compact();

    private DpopProofVerifier verifier(Receiver receiver) {
        return DpopProofVerifier.builder(receiver).clock(clock).replayStore(new InMemoryReplayStore(1_000, clock))
                .requireNonces(nonces).build();
    }

    private ValidationResult<DpopProof> verifyAtTokenEndpoint(String proof) {
        return verifier(Receiver.TOKEN_ENDPOINT)
                .verify(ProofContext.atTokenEndpoint(List.of(proof), "POST", ProofFixture.TOKEN_ENDPOINT));
    }

    private ValidationResult<DpopProof> verifyAtResource(DpopProofVerifier verifier, String proof) {
        return verifier.verify(ProofContext.atResource(List.of(proof), "GET", ProofFixture.RESOURCE_URI, accessToken,
                CLIENT.thumbprint().value()));
    }

    private ValidationResult<DpopProof> verifyAtResource(String proof) {
        return verifyAtResource(verifier(Receiver.PROTECTED_RESOURCE), proof);
    }

    /** A token request proof created now, carrying {@code nonce}. */
    private String tokenRequestProof(String nonce) {
        return ProofFixture.forTokenEndpoint(CLIENT, clock.instant()).claim("nonce", nonce).compact();
    }

    /** A resource proof created now, carrying {@code nonce}. */
    private String resourceProof(String nonce) {
        return ProofFixture.forResource(CLIENT, clock.instant(), accessToken).claim("nonce", nonce).compact();
    }

    @Test
    @DisplayName("A proof carrying a current nonce from this server is accepted and reports the nonce")
    void verifyWhenCurrentNonceThenAccepted() {
        String nonce = nonces.issue();

        ValidationResult<DpopProof> result = verifyAtResource(resourceProof(nonce));

        assertThat(result.isAccepted()).as("%s", result).isTrue();
        assertThat(result.value().nonce()).isEqualTo(nonce);
    }

    @Test
    @DisplayName("GEN-35: once nonces are required, a resource proof without nonce is rejected with 401 use_dpop_nonce")
    void verifyWhenNonceMissingAtResourceThenUseDpopNonce() {
        nonces.issue();
        String proof = ProofFixture.forResource(CLIENT, start, accessToken).compact();

        assertRejected(verifyAtResource(proof), Reason.NONCE_REQUIRED, OAuthError.USE_DPOP_NONCE, 401);
    }

    @Test
    @DisplayName("GEN-35: once nonces are required, a token request proof without nonce is rejected with 400 use_dpop_nonce")
    void verifyWhenNonceMissingAtTokenEndpointThenUseDpopNonce() {
        nonces.issue();
        String proof = ProofFixture.forTokenEndpoint(CLIENT, start).compact();

        assertRejected(verifyAtTokenEndpoint(proof), Reason.NONCE_REQUIRED, OAuthError.USE_DPOP_NONCE, 400);
    }

    @Test
    @DisplayName("GEN-34: a stale nonce (past its lifetime) is rejected with use_dpop_nonce, in a fresh proof")
    void verifyWhenNonceStaleThenUseDpopNonce() {
        String nonce = nonces.issue();
        clock.advance(LIFETIME.plusSeconds(1));

        Rejection rejection = assertRejected(verifyAtTokenEndpoint(tokenRequestProof(nonce)), Reason.NONCE_INVALID,
                OAuthError.USE_DPOP_NONCE, 400);
        assertDisclosesNothing(rejection, nonce);
    }

    @Test
    @DisplayName("GEN-34: a nonce issued by another server (another key) is rejected with use_dpop_nonce")
    void verifyWhenNonceForeignThenUseDpopNonce() {
        String foreign = DpopNonces.withRandomKey(clock, LIFETIME).issue();

        Rejection rejection = assertRejected(verifyAtResource(resourceProof(foreign)), Reason.NONCE_INVALID,
                OAuthError.USE_DPOP_NONCE, 401);
        assertDisclosesNothing(rejection, foreign, accessToken);
    }

    @Test
    @DisplayName("GEN-34: after a stale-nonce rejection the verifier's nonces supply a new nonce, and the retry with it is accepted")
    void verifyWhenRetriedWithNewNonceAfterStaleThenAccepted() {
        String stale = nonces.issue();
        clock.advance(LIFETIME.plusSeconds(1));
        DpopProofVerifier verifier = verifier(Receiver.PROTECTED_RESOURCE);
        assertRejected(verifyAtResource(verifier, resourceProof(stale)), Reason.NONCE_INVALID,
                OAuthError.USE_DPOP_NONCE, 401);

        String fresh = verifier.nonces().orElseThrow().issue();

        assertThat(fresh).isNotEqualTo(stale);
        assertThat(verifyAtResource(verifier, resourceProof(fresh)).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("A nonce one second before the end of its lifetime is accepted")
    void verifyWhenNonceAlmostExpiredThenAccepted() {
        String nonce = nonces.issue();
        clock.advance(LIFETIME.minusSeconds(1));

        assertThat(verifyAtTokenEndpoint(tokenRequestProof(nonce)).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("A nonce exactly at the end of its lifetime is rejected with use_dpop_nonce")
    void verifyWhenNonceAtEndOfLifetimeThenUseDpopNonce() {
        String nonce = nonces.issue();
        clock.advance(LIFETIME);

        assertRejected(verifyAtTokenEndpoint(tokenRequestProof(nonce)), Reason.NONCE_INVALID,
                OAuthError.USE_DPOP_NONCE, 400);
    }

    @Test
    @DisplayName("A nonce issued by another instance sharing the nonce key is accepted")
    void verifyWhenNonceFromInstanceWithSharedKeyThenAccepted() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        DpopNonces here = DpopNonces.withSharedKey(key, clock, LIFETIME);
        DpopNonces there = DpopNonces.withSharedKey(key, clock, LIFETIME);
        DpopProofVerifier verifier = DpopProofVerifier.builder(Receiver.TOKEN_ENDPOINT).clock(clock)
                .replayStore(new InMemoryReplayStore(1_000, clock)).requireNonces(here).build();

        ValidationResult<DpopProof> result = verifier.verify(ProofContext.atTokenEndpoint(
                List.of(tokenRequestProof(there.issue())), "POST", ProofFixture.TOKEN_ENDPOINT));

        assertThat(result.isAccepted()).as("%s", result).isTrue();
    }

    @Test
    @DisplayName("A current nonce with one character changed is rejected with use_dpop_nonce")
    void verifyWhenNonceTamperedThenUseDpopNonce() {
        String nonce = nonces.issue();
        char[] chars = nonce.toCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';

        assertRejected(verifyAtTokenEndpoint(tokenRequestProof(new String(chars))), Reason.NONCE_INVALID,
                OAuthError.USE_DPOP_NONCE, 400);
    }

    @Test
    @DisplayName("A nonce that is not a string is rejected with invalid_dpop_proof")
    void verifyWhenNonceNotStringThenInvalidClaim() {
        String proof = ProofFixture.forTokenEndpoint(CLIENT, start).claim("nonce", 42).compact();

        assertRejected(verifyAtTokenEndpoint(proof), Reason.INVALID_CLAIM, OAuthError.INVALID_DPOP_PROOF, 400);
    }
}
