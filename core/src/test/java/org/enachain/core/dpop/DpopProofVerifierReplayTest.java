package org.enachain.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.enachain.core.dpop.RejectionAssert.assertDisclosesNothing;
import static org.enachain.core.dpop.RejectionAssert.assertRejected;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.Rejection;
import org.enachain.core.ValidationResult;
import org.enachain.core.dpop.DpopProofVerifier.Receiver;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.replay.ReplayStore;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proof replay detection (GEN-36, RS-38, A-38) and the order of the checks: the replay store is
 * written last, so a proof that fails any check never burns its {@code jti}.
 */
class DpopProofVerifierReplayTest {

    private static final SigningKey CLIENT = TestKeys.CLIENT_ES256;
    private static final String JTI = "proof-jti-1";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant now = clock.instant();
    private final InMemoryReplayStore replayStore = new InMemoryReplayStore(1_000, clock);
    private final String accessToken = JwtFixture.accessToken(TestKeys.AS_ES256, now)
            .claim("cnf", Map.of("jkt", CLIENT.thumbprint().value())).compact();

    private DpopProofVerifier verifier(Receiver receiver) {
        return DpopProofVerifier.builder(receiver).clock(clock).replayStore(replayStore).build();
    }

    private ProofContext atTokenEndpoint(String proof) {
        return ProofContext.atTokenEndpoint(List.of(proof), "POST", ProofFixture.TOKEN_ENDPOINT);
    }

    private ProofContext atResource(String proof) {
        return ProofContext.atResource(List.of(proof), "GET", ProofFixture.RESOURCE_URI, accessToken,
                CLIENT.thumbprint().value());
    }

    private ProofFixture resourceProof() {
        return ProofFixture.forResource(CLIENT, now, accessToken).claim("jti", JTI);
    }

    // ---------------------------------------------------------------- replay

    @Test
    @DisplayName("GEN-36: an identical proof sent twice to a token endpoint is rejected the second time (replay check on by default)")
    void verifyWhenIdenticalProofTwiceAtTokenEndpointThenReplayed() {
        DpopProofVerifier verifier = verifier(Receiver.TOKEN_ENDPOINT);
        String proof = ProofFixture.forTokenEndpoint(CLIENT, now).compact();
        assertThat(verifier.verify(atTokenEndpoint(proof)).isAccepted()).isTrue();

        Rejection rejection = assertRejected(verifier.verify(atTokenEndpoint(proof)), Reason.REPLAYED,
                OAuthError.INVALID_DPOP_PROOF, 400);
        assertDisclosesNothing(rejection, proof);
    }

    @Test
    @DisplayName("RS-38, GEN-36: an identical resource request replayed is rejected with 401 invalid_dpop_proof")
    void verifyWhenIdenticalProofTwiceAtResourceThenReplayed() {
        DpopProofVerifier verifier = verifier(Receiver.PROTECTED_RESOURCE);
        String proof = resourceProof().compact();
        assertThat(verifier.verify(atResource(proof)).isAccepted()).isTrue();

        Rejection rejection = assertRejected(verifier.verify(atResource(proof)), Reason.REPLAYED,
                OAuthError.INVALID_DPOP_PROOF, 401);
        assertDisclosesNothing(rejection, proof, accessToken, JTI);
    }

    @Test
    @DisplayName("RS-38: a new proof with a jti already used by the same key is rejected, though its other claims differ")
    void verifyWhenSameJtiInNewProofThenReplayed() {
        DpopProofVerifier verifier = verifier(Receiver.PROTECTED_RESOURCE);
        assertThat(verifier.verify(atResource(resourceProof().compact())).isAccepted()).isTrue();
        clock.advance(Duration.ofSeconds(5));
        String later = ProofFixture.forResource(CLIENT, clock.instant(), accessToken).claim("jti", JTI).compact();

        assertRejected(verifier.verify(atResource(later)), Reason.REPLAYED, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("GEN-36: a verifier cannot be built without a replay store unless replay checking is explicitly turned off")
    void buildWhenNoReplayStoreThenRefused() {
        DpopProofVerifier.Builder builder = DpopProofVerifier.builder(Receiver.TOKEN_ENDPOINT).clock(clock);

        assertThatIllegalStateException().isThrownBy(builder::build);
    }

    @Test
    @DisplayName("With replay checking explicitly turned off, an identical proof is accepted twice")
    void verifyWhenReplayCheckTurnedOffThenIdenticalProofAcceptedTwice() {
        DpopProofVerifier verifier = DpopProofVerifier.builder(Receiver.TOKEN_ENDPOINT).clock(clock)
                .withoutReplayCheck().build();
        String proof = ProofFixture.forTokenEndpoint(CLIENT, now).compact();

        assertThat(verifier.verify(atTokenEndpoint(proof)).isAccepted()).isTrue();
        assertThat(verifier.verify(atTokenEndpoint(proof)).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("The same jti from two different keys is two different proofs: both are accepted")
    void verifyWhenSameJtiFromAnotherKeyThenAccepted() {
        DpopProofVerifier verifier = verifier(Receiver.TOKEN_ENDPOINT);
        String mine = ProofFixture.forTokenEndpoint(CLIENT, now).claim("jti", JTI).compact();
        String theirs = ProofFixture.forTokenEndpoint(TestKeys.CLIENT_RS256, now).claim("jti", JTI).compact();
        assertThat(verifier.verify(atTokenEndpoint(theirs)).isAccepted()).isTrue();

        assertThat(verifier.verify(atTokenEndpoint(mine)).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("A replay at the last instant the proof's iat is still acceptable is rejected as a replay")
    void verifyWhenReplayedAtLastAcceptableInstantThenReplayed() {
        DpopProofVerifier verifier = verifier(Receiver.TOKEN_ENDPOINT);
        String proof = ProofFixture.forTokenEndpoint(CLIENT, now).compact();
        assertThat(verifier.verify(atTokenEndpoint(proof)).isAccepted()).isTrue();

        // The default window: iat is acceptable up to and including iat + max age + clock skew.
        clock.set(now.plus(DpopProofVerifier.DEFAULT_MAX_AGE).plus(DpopProofVerifier.DEFAULT_CLOCK_SKEW));

        assertRejected(verifier.verify(atTokenEndpoint(proof)), Reason.REPLAYED, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("A replay once the proof's window has passed is rejected as too old")
    void verifyWhenReplayedAfterWindowThenTooOld() {
        DpopProofVerifier verifier = verifier(Receiver.TOKEN_ENDPOINT);
        String proof = ProofFixture.forTokenEndpoint(CLIENT, now).compact();
        assertThat(verifier.verify(atTokenEndpoint(proof)).isAccepted()).isTrue();

        clock.set(now.plus(DpopProofVerifier.DEFAULT_MAX_AGE).plus(DpopProofVerifier.DEFAULT_CLOCK_SKEW).plusSeconds(1));

        assertRejected(verifier.verify(atTokenEndpoint(proof)), Reason.TOO_OLD, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("A replay store that cannot answer makes the verifier fail closed with 503 server_error")
    void verifyWhenReplayStoreUnavailableThenTemporarilyUnavailable() {
        ReplayStore down = (key, expiresAt) -> ReplayStore.Use.UNAVAILABLE;
        DpopProofVerifier verifier = DpopProofVerifier.builder(Receiver.PROTECTED_RESOURCE).clock(clock)
                .replayStore(down).build();

        assertRejected(verifier.verify(atResource(resourceProof().compact())), Reason.REPLAY_CHECK_UNAVAILABLE,
                OAuthError.SERVER_ERROR, 503);
    }

    // ---------------------------------------------------------------- order: nothing burnt by a failing proof

    @Test
    @DisplayName("A proof that fails htm does not burn its jti: a valid proof with the same jti is then accepted")
    void verifyWhenProofFailsHtmThenItsJtiStaysUnused() {
        DpopProofVerifier verifier = verifier(Receiver.PROTECTED_RESOURCE);
        String failing = resourceProof().claim("htm", "POST").compact();
        assertRejected(verifier.verify(atResource(failing)), Reason.METHOD_MISMATCH, OAuthError.INVALID_DPOP_PROOF, 401);

        ValidationResult<DpopProof> valid = verifier.verify(atResource(resourceProof().compact()));

        assertThat(valid.isAccepted()).as("%s", valid).isTrue();
        assertThat(valid.value().jwtId()).isEqualTo(JTI);
    }

    @ParameterizedTest(name = "[{index}] failing on {0}")
    @ValueSource(strings = {"htu", "iat", "claim type", "ath", "cnf.jkt", "signature"})
    @DisplayName("A proof that fails a later or an earlier check writes nothing to the replay store, so its jti stays unused")
    void verifyWhenProofFailsAnyCheckThenItsJtiStaysUnused(String failure) {
        DpopProofVerifier verifier = verifier(Receiver.PROTECTED_RESOURCE);
        ProofContext failingContext = switch (failure) {
            case "htu" -> atResource(resourceProof().claim("htu", "https://api.example.com/other").compact());
            case "iat" -> atResource(resourceProof().claim("iat", now.minus(Duration.ofMinutes(10)).getEpochSecond())
                    .compact());
            case "claim type" -> atResource(resourceProof().claim("htm", 7).compact());
            case "ath" -> atResource(resourceProof().claim("ath", ProofFixture.sha256Base64Url("other token")).compact());
            case "cnf.jkt" -> ProofContext.atResource(List.of(resourceProof().compact()), "GET",
                    ProofFixture.RESOURCE_URI, accessToken, TestKeys.ATTACKER_ES256.thumbprint().value());
            default -> atResource(resourceProof().signWith(TestKeys.ATTACKER_ES256.privateKey()).compact());
        };
        assertThat(verifier.verify(failingContext).isAccepted()).isFalse();
        assertThat(replayStore.size()).isZero();

        assertThat(verifier.verify(atResource(resourceProof().compact())).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("A proof rejected for a missing nonce does not burn its jti")
    void verifyWhenProofFailsNonceThenItsJtiStaysUnused() {
        DpopNonces nonces = DpopNonces.withRandomKey(clock, DpopNonces.DEFAULT_LIFETIME);
        DpopProofVerifier verifier = DpopProofVerifier.builder(Receiver.PROTECTED_RESOURCE).clock(clock)
                .replayStore(replayStore).requireNonces(nonces).build();
        assertRejected(verifier.verify(atResource(resourceProof().compact())), Reason.NONCE_REQUIRED,
                OAuthError.USE_DPOP_NONCE, 401);

        ValidationResult<DpopProof> retry = verifier.verify(atResource(resourceProof().claim("nonce", nonces.issue())
                .compact()));

        assertThat(retry.isAccepted()).as("%s", retry).isTrue();
    }

    // ---------------------------------------------------------------- verifyAllButReplay and recordUse

    @Test
    @DisplayName("verifyAllButReplay records nothing: the same proof passes it twice")
    void verifyAllButReplayWhenCalledTwiceThenBothAccepted() {
        DpopProofVerifier verifier = verifier(Receiver.PROTECTED_RESOURCE);
        String proof = resourceProof().compact();

        assertThat(verifier.verifyAllButReplay(atResource(proof)).isAccepted()).isTrue();
        assertThat(verifier.verifyAllButReplay(atResource(proof)).isAccepted()).isTrue();
        assertThat(replayStore.size()).isZero();
    }

    @Test
    @DisplayName("recordUse accepts a proof's first use and rejects its second as a replay")
    void recordUseWhenCalledTwiceThenSecondReplayed() {
        DpopProofVerifier verifier = verifier(Receiver.PROTECTED_RESOURCE);
        DpopProof proof = verifier.verifyAllButReplay(atResource(resourceProof().compact())).value();
        assertThat(verifier.recordUse(proof)).isEmpty();

        Optional<Rejection> second = verifier.recordUse(proof);

        assertThat(second).isPresent();
        assertThat(second.get().reason()).isEqualTo(Reason.REPLAYED);
        assertThat(second.get().error()).isEqualTo(OAuthError.INVALID_DPOP_PROOF);
        assertThat(second.get().status()).isEqualTo(401);
    }

    @Test
    @DisplayName("After recordUse, verify rejects the same proof as a replay")
    void verifyWhenRecordedThroughRecordUseThenReplayed() {
        DpopProofVerifier verifier = verifier(Receiver.PROTECTED_RESOURCE);
        String proof = resourceProof().compact();
        verifier.recordUse(verifier.verifyAllButReplay(atResource(proof)).value());

        assertRejected(verifier.verify(atResource(proof)), Reason.REPLAYED, OAuthError.INVALID_DPOP_PROOF, 401);
    }
}
