package org.enachain.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.enachain.core.dpop.RejectionAssert.assertDisclosesNothing;
import static org.enachain.core.dpop.RejectionAssert.assertRejected;

import java.net.URI;
import java.time.Duration;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proof's claims: presence (GEN-24), {@code htm} (GEN-29), {@code htu} (GEN-30, GEN-31),
 * {@code iat} (GEN-32, GEN-33) and {@code jti} size (GEN-37).
 */
class DpopProofVerifierClaimsTest {

    private static final SigningKey CLIENT = TestKeys.CLIENT_ES256;

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant now = clock.instant();
    private final String accessToken = JwtFixture.accessToken(TestKeys.AS_ES256, now)
            .claim("cnf", Map.of("jkt", CLIENT.thumbprint().value())).compact();

    private DpopProofVerifier.Builder builder(Receiver receiver) {
        return DpopProofVerifier.builder(receiver).clock(clock).replayStore(new InMemoryReplayStore(1_000, clock));
    }

    private ValidationResult<DpopProof> verifyAtTokenEndpoint(String proof) {
        return verifyAtTokenEndpoint(builder(Receiver.TOKEN_ENDPOINT).build(), proof);
    }

    private static ValidationResult<DpopProof> verifyAtTokenEndpoint(DpopProofVerifier verifier, String proof) {
        return verifier.verify(ProofContext.atTokenEndpoint(List.of(proof), "POST", ProofFixture.TOKEN_ENDPOINT));
    }

    private ValidationResult<DpopProof> verifyAtResource(String proof, URI requestUri) {
        return builder(Receiver.PROTECTED_RESOURCE).build().verify(
                ProofContext.atResource(List.of(proof), "GET", requestUri, accessToken, CLIENT.thumbprint().value()));
    }

    private ValidationResult<DpopProof> verifyAtResource(String proof) {
        return verifyAtResource(proof, ProofFixture.RESOURCE_URI);
    }

    private ProofFixture tokenRequestProof() {
        return ProofFixture.forTokenEndpoint(CLIENT, now);
    }

    private ProofFixture resourceProof() {
        return ProofFixture.forResource(CLIENT, now, accessToken);
    }

    private ProofFixture resourceProofWithHtu(String htu) {
        return resourceProof().claim("htu", htu);
    }

    // ---------------------------------------------------------------- presence and form

    // covers GEN-24, RS-34
    @ParameterizedTest(name = "[{index}] without {0}")
    @ValueSource(strings = {"jti", "htm", "htu", "iat", "ath"})
    @DisplayName("GEN-24, RS-34: a resource proof missing any required claim is rejected with invalid_dpop_proof naming the claim")
    void verifyWhenRequiredClaimRemovedThenMissingClaim(String claim) {
        String proof = resourceProof().without(claim).compact();

        Rejection rejection = assertRejected(verifyAtResource(proof), Reason.MISSING_CLAIM,
                OAuthError.INVALID_DPOP_PROOF, 401);
        assertThat(rejection.description()).contains(claim);
    }

    @ParameterizedTest(name = "[{index}] {0} of the wrong JSON type")
    @ValueSource(strings = {"jti", "htm", "htu", "iat"})
    @DisplayName("A proof whose required claim has the wrong JSON type is rejected")
    void verifyWhenRequiredClaimHasWrongTypeThenInvalidClaim(String claim) {
        Object wrong = claim.equals("iat") ? String.valueOf(now.getEpochSecond()) : List.of("POST");
        String proof = tokenRequestProof().claim(claim, wrong).compact();

        assertRejected(verifyAtTokenEndpoint(proof), Reason.INVALID_CLAIM, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    // ---------------------------------------------------------------- htm

    @Test
    @DisplayName("GEN-29: a proof with htm GET on a POST is rejected with invalid_dpop_proof")
    void verifyWhenHtmGetOnPostThenMethodMismatch() {
        String proof = tokenRequestProof().claim("htm", "GET").compact();

        assertRejected(verifyAtTokenEndpoint(proof), Reason.METHOD_MISMATCH, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("A proof with htm post (lower case) on a POST is rejected: methods are case-sensitive")
    void verifyWhenHtmDiffersInCaseThenMethodMismatch() {
        String proof = tokenRequestProof().claim("htm", "post").compact();

        assertRejected(verifyAtTokenEndpoint(proof), Reason.METHOD_MISMATCH, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    // ---------------------------------------------------------------- htu

    @Test
    @DisplayName("GEN-30: a proof for another host is rejected with invalid_dpop_proof")
    void verifyWhenHtuOtherHostThenUriMismatch() {
        String proof = resourceProofWithHtu("https://api.attacker.example/orders").compact();

        assertRejected(verifyAtResource(proof), Reason.URI_MISMATCH, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("GEN-30: a proof for another path on the same host is rejected with invalid_dpop_proof")
    void verifyWhenHtuOtherPathThenUriMismatch() {
        String proof = resourceProofWithHtu("https://api.example.com/admin").compact();

        assertRejected(verifyAtResource(proof), Reason.URI_MISMATCH, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("GEN-30: a proof whose path differs only in case is rejected (paths are case-sensitive)")
    void verifyWhenHtuPathDiffersInCaseThenUriMismatch() {
        String proof = resourceProofWithHtu("https://api.example.com/ORDERS").compact();

        assertRejected(verifyAtResource(proof), Reason.URI_MISMATCH, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("GEN-30: a proof for the same host over http is rejected")
    void verifyWhenHtuOtherSchemeThenUriMismatch() {
        String proof = resourceProofWithHtu("http://api.example.com/orders").compact();

        assertRejected(verifyAtResource(proof), Reason.URI_MISMATCH, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("GEN-30: a proof for the same host on another port is rejected")
    void verifyWhenHtuOtherPortThenUriMismatch() {
        String proof = resourceProofWithHtu("https://api.example.com:8443/orders").compact();

        assertRejected(verifyAtResource(proof), Reason.URI_MISMATCH, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("GEN-30: a request with a query string matches a proof whose htu has no query")
    void verifyWhenRequestHasQueryAndHtuHasNoneThenAccepted() {
        String proof = resourceProof().compact();

        ValidationResult<DpopProof> result = verifyAtResource(proof,
                URI.create("https://api.example.com/orders?status=open&page=2"));

        assertThat(result.isAccepted()).as("%s", result).isTrue();
    }

    @Test
    @DisplayName("GEN-31: htu with the explicit default port :443 is accepted")
    void verifyWhenHtuHasExplicitDefaultPortThenAccepted() {
        String proof = resourceProofWithHtu("https://api.example.com:443/orders").compact();

        assertThat(verifyAtResource(proof).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("GEN-31: htu with an upper-case host is accepted")
    void verifyWhenHtuHasUpperCaseHostThenAccepted() {
        String proof = resourceProofWithHtu("https://API.Example.COM/orders").compact();

        assertThat(verifyAtResource(proof).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("GEN-31: htu with an upper-case scheme is accepted")
    void verifyWhenHtuHasUpperCaseSchemeThenAccepted() {
        String proof = resourceProofWithHtu("HTTPS://api.example.com/orders").compact();

        assertThat(verifyAtResource(proof).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("GEN-31: htu with percent-encoded unreserved characters in the path is accepted")
    void verifyWhenHtuHasPercentEncodedUnreservedCharactersThenAccepted() {
        // %6F is 'o' and %7e is '~': both unreserved, so they equal their decoded form (RFC 3986 6.2.2.2).
        String proof = resourceProofWithHtu("https://api.example.com/%6Frders/%7euser").compact();

        ValidationResult<DpopProof> result = verifyAtResource(proof, URI.create("https://api.example.com/orders/~user"));

        assertThat(result.isAccepted()).as("%s", result).isTrue();
    }

    @Test
    @DisplayName("GEN-31: a request URI with the explicit default port and an upper-case host matches a plain htu")
    void verifyWhenRequestUriNotNormalisedThenAccepted() {
        String proof = resourceProof().compact();

        ValidationResult<DpopProof> result = verifyAtResource(proof, URI.create("https://API.EXAMPLE.com:443/orders"));

        assertThat(result.isAccepted()).as("%s", result).isTrue();
    }

    @Test
    @DisplayName("A percent-encoded reserved character is not decoded: /a%2Fb does not match /a/b")
    void verifyWhenHtuEncodesReservedSlashThenUriMismatch() {
        String proof = resourceProofWithHtu("https://api.example.com/a%2Fb").compact();

        assertRejected(verifyAtResource(proof, URI.create("https://api.example.com/a/b")), Reason.URI_MISMATCH,
                OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("A proof whose htu carries user information is rejected")
    void verifyWhenHtuHasUserInfoThenUriMismatch() {
        String proof = resourceProofWithHtu("https://admin@api.example.com/orders").compact();

        assertRejected(verifyAtResource(proof), Reason.URI_MISMATCH, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    // ---------------------------------------------------------------- iat

    @Test
    @DisplayName("GEN-32: a proof with iat 10 minutes in the past is rejected with invalid_dpop_proof")
    void verifyWhenIatTenMinutesOldThenTooOld() {
        String proof = ProofFixture.forTokenEndpoint(CLIENT, now.minus(Duration.ofMinutes(10))).compact();

        assertRejected(verifyAtTokenEndpoint(proof), Reason.TOO_OLD, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("A proof exactly at the end of a configured window (max age 30 s + skew 5 s) is accepted")
    void verifyWhenIatAtEndOfConfiguredWindowThenAccepted() {
        DpopProofVerifier verifier = builder(Receiver.TOKEN_ENDPOINT)
                .maxAge(Duration.ofSeconds(30)).clockSkew(Duration.ofSeconds(5)).build();
        String proof = ProofFixture.forTokenEndpoint(CLIENT, now.minusSeconds(35)).compact();

        assertThat(verifyAtTokenEndpoint(verifier, proof).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("A proof one second past a configured window (max age 30 s + skew 5 s) is rejected")
    void verifyWhenIatJustPastConfiguredWindowThenTooOld() {
        DpopProofVerifier verifier = builder(Receiver.TOKEN_ENDPOINT)
                .maxAge(Duration.ofSeconds(30)).clockSkew(Duration.ofSeconds(5)).build();
        String proof = ProofFixture.forTokenEndpoint(CLIENT, now.minusSeconds(36)).compact();

        assertRejected(verifyAtTokenEndpoint(verifier, proof), Reason.TOO_OLD, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("The acceptance window cannot be configured longer than 10 minutes")
    void maxAgeWhenLongerThanTenMinutesThenRefused() {
        DpopProofVerifier.Builder builder = builder(Receiver.TOKEN_ENDPOINT);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.maxAge(Duration.ofMinutes(11)));
    }

    @Test
    @DisplayName("GEN-33: a proof with iat 30 s in the future is accepted")
    void verifyWhenIatThirtySecondsAheadThenAccepted() {
        String proof = ProofFixture.forTokenEndpoint(CLIENT, now.plusSeconds(30)).compact();

        assertThat(verifyAtTokenEndpoint(proof).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("GEN-33: a proof with iat 10 minutes in the future is rejected with invalid_dpop_proof")
    void verifyWhenIatTenMinutesAheadThenIssuedInFuture() {
        String proof = ProofFixture.forTokenEndpoint(CLIENT, now.plus(Duration.ofMinutes(10))).compact();

        assertRejected(verifyAtTokenEndpoint(proof), Reason.ISSUED_IN_FUTURE, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("A proof exactly at a configured future skew (5 s) is accepted")
    void verifyWhenIatAtConfiguredSkewThenAccepted() {
        DpopProofVerifier verifier = builder(Receiver.TOKEN_ENDPOINT).clockSkew(Duration.ofSeconds(5)).build();
        String proof = ProofFixture.forTokenEndpoint(CLIENT, now.plusSeconds(5)).compact();

        assertThat(verifyAtTokenEndpoint(verifier, proof).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("A proof one second beyond a configured future skew (5 s) is rejected")
    void verifyWhenIatJustBeyondConfiguredSkewThenIssuedInFuture() {
        DpopProofVerifier verifier = builder(Receiver.TOKEN_ENDPOINT).clockSkew(Duration.ofSeconds(5)).build();
        String proof = ProofFixture.forTokenEndpoint(CLIENT, now.plusSeconds(6)).compact();

        assertRejected(verifyAtTokenEndpoint(verifier, proof), Reason.ISSUED_IN_FUTURE,
                OAuthError.INVALID_DPOP_PROOF, 400);
    }

    // ---------------------------------------------------------------- jti

    @Test
    @DisplayName("GEN-37: a proof with an 8 KiB jti is rejected (over the default size limit)")
    void verifyWhenJtiIsEightKibThenRejected() {
        String jti = "j".repeat(8 * 1024);
        String proof = tokenRequestProof().claim("jti", jti).compact();

        Rejection rejection = assertRejected(verifyAtTokenEndpoint(proof), Reason.TOO_LARGE,
                OAuthError.INVALID_DPOP_PROOF, 400);
        assertDisclosesNothing(rejection, jti.substring(0, 64));
    }

    @Test
    @DisplayName("GEN-37: a proof with an 8 KiB jti is rejected by the jti check where the size limit is raised")
    void verifyWhenJtiIsEightKibAndSizeLimitRaisedThenInvalidClaim() {
        String jti = "j".repeat(8 * 1024);
        String proof = tokenRequestProof().claim("jti", jti).compact();
        DpopProofVerifier verifier = builder(Receiver.TOKEN_ENDPOINT).maxLength(64 * 1024).build();

        Rejection rejection = assertRejected(verifyAtTokenEndpoint(verifier, proof), Reason.INVALID_CLAIM,
                OAuthError.INVALID_DPOP_PROOF, 400);
        assertDisclosesNothing(rejection, jti.substring(0, 64));
    }

    @Test
    @DisplayName("A proof with a jti of 257 characters is rejected")
    void verifyWhenJtiJustOverMaximumThenInvalidClaim() {
        String proof = tokenRequestProof().claim("jti", "j".repeat(DpopProofVerifier.MAX_JTI_LENGTH + 1)).compact();

        assertRejected(verifyAtTokenEndpoint(proof), Reason.INVALID_CLAIM, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("A proof with a jti of exactly 256 characters is accepted")
    void verifyWhenJtiAtMaximumThenAccepted() {
        String proof = tokenRequestProof().claim("jti", "j".repeat(DpopProofVerifier.MAX_JTI_LENGTH)).compact();

        assertThat(verifyAtTokenEndpoint(proof).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("A proof with an empty jti is rejected")
    void verifyWhenJtiEmptyThenInvalidClaim() {
        String proof = tokenRequestProof().claim("jti", "").compact();

        assertRejected(verifyAtTokenEndpoint(proof), Reason.INVALID_CLAIM, OAuthError.INVALID_DPOP_PROOF, 400);
    }
}
