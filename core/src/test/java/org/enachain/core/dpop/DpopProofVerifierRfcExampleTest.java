package org.enachain.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.core.dpop.RejectionAssert.assertRejected;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.ValidationResult;
import org.enachain.core.dpop.DpopProofVerifier.Receiver;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The example proofs of RFC 9449 (figures 2 and 13, RFC 8792 line folding undone) and their values. */
class DpopProofVerifierRfcExampleTest {

    /** RFC 9449 figure 2: a token request proof, iat 1562262616. */
    private static final String TOKEN_REQUEST_PROOF = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6Ik"
            + "VDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3"
            + "VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVC"
            + "IsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A"
            + "0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg";
    /** RFC 9449 figure 13: a protected resource request proof with ath, iat 1562262618. */
    private static final String RESOURCE_PROOF = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIi"
            + "wieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSm"
            + "FqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIjoiR0VUIiwia"
            + "HR1IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0ZWRyZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwiYXRoIjoi"
            + "ZlVIeU8ycjJaM0RaNTNFc05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9.2oW9RP35yRqzhrtNP86L-Ey71EOptxRimPPToA1plemA"
            + "gR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA";
    /** RFC 9449 section 7.1: the access token presented with figure 13's proof, and its ath. */
    private static final String ACCESS_TOKEN = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
    private static final String ATH = "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo";
    /** RFC 9449 section 6.1: the thumbprint of the example key. */
    private static final String JKT = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1562262618L));

    private DpopProofVerifier verifier(Receiver receiver) {
        return DpopProofVerifier.builder(receiver).clock(clock).replayStore(new InMemoryReplayStore(100, clock)).build();
    }

    @Test
    @DisplayName("RFC 9449 figure 2: the token request proof verifies, with the example key's thumbprint and jti")
    void verifyWhenRfcTokenRequestProofThenAccepted() {
        ValidationResult<DpopProof> result = verifier(Receiver.TOKEN_ENDPOINT).verify(ProofContext.atTokenEndpoint(
                List.of(TOKEN_REQUEST_PROOF), "POST", URI.create("https://server.example.com/token")));

        assertThat(result.isAccepted()).as("%s", result).isTrue();
        assertThat(result.value().thumbprint().value()).isEqualTo(JKT);
        assertThat(result.value().jwtId()).isEqualTo("-BwC3ESc6acc2lTc");
        assertThat(result.value().issuedAt()).isEqualTo(Instant.ofEpochSecond(1562262616L));
    }

    @Test
    @DisplayName("RFC 9449 figure 13: the resource proof verifies with the example access token and cnf.jkt")
    void verifyWhenRfcResourceProofThenAccepted() {
        ValidationResult<DpopProof> result = verifier(Receiver.PROTECTED_RESOURCE).verify(ProofContext.atResource(
                List.of(RESOURCE_PROOF), "GET", URI.create("https://resource.example.org/protectedresource"),
                ACCESS_TOKEN, JKT));

        assertThat(result.isAccepted()).as("%s", result).isTrue();
    }

    @Test
    @DisplayName("RS-34: RFC 9449 figure 13's proof presented with another access token is rejected with 401 invalid_dpop_proof")
    void verifyWhenRfcResourceProofWithOtherTokenThenAccessTokenHashMismatch() {
        ValidationResult<DpopProof> result = verifier(Receiver.PROTECTED_RESOURCE).verify(ProofContext.atResource(
                List.of(RESOURCE_PROOF), "GET", URI.create("https://resource.example.org/protectedresource"),
                ACCESS_TOKEN + "x", JKT));

        assertRejected(result, Reason.ACCESS_TOKEN_HASH_MISMATCH, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("RFC 9449 section 7.1: ath of the example access token")
    void accessTokenHashWhenRfcExampleTokenThenRfcAth() {
        assertThat(AccessTokenHash.of(ACCESS_TOKEN)).isEqualTo(ATH);
    }

    @Test
    @DisplayName("AccessTokenHash.matches: true for the token's own hash, false for another token's or none")
    void accessTokenHashMatchesWhenComparedThenOnlyOwnHashMatches() {
        assertThat(AccessTokenHash.matches(ATH, ACCESS_TOKEN)).isTrue();
        assertThat(AccessTokenHash.matches(ATH, ACCESS_TOKEN + "x")).isFalse();
        assertThat(AccessTokenHash.matches(null, ACCESS_TOKEN)).isFalse();
    }
}
