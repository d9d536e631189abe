package org.enachain.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.core.dpop.RejectionAssert.assertDisclosesNothing;
import static org.enachain.core.dpop.RejectionAssert.assertRejected;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.Rejection;
import org.enachain.core.ValidationResult;
import org.enachain.core.dpop.DpopProofVerifier.Receiver;
import org.enachain.core.jose.AlgorithmPolicy;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestKeys;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proof's JOSE header: {@code typ}, {@code alg}, the embedded {@code jwk} and the signature
 * (GEN-25 to GEN-28, GEN-13), checked at a protected resource.
 */
class DpopProofVerifierHeaderTest {

    private static final SigningKey CLIENT = TestKeys.CLIENT_ES256;

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant now = clock.instant();
    private final String accessToken = JwtFixture.accessToken(TestKeys.AS_ES256, now)
            .claim("cnf", Map.of("jkt", CLIENT.thumbprint().value())).compact();

    private DpopProofVerifier verifier(AlgorithmPolicy algorithms) {
        return DpopProofVerifier.builder(Receiver.PROTECTED_RESOURCE).algorithms(algorithms).clock(clock)
                .replayStore(new InMemoryReplayStore(1_000, clock)).build();
    }

    private ValidationResult<DpopProof> verify(String proof, SigningKey boundTo) {
        return verifier(AlgorithmPolicy.PROFILE).verify(ProofContext.atResource(List.of(proof), "GET",
                ProofFixture.RESOURCE_URI, accessToken, boundTo.thumbprint().value()));
    }

    private ValidationResult<DpopProof> verify(String proof) {
        return verify(proof, CLIENT);
    }

    private ProofFixture validProof() {
        return ProofFixture.forResource(CLIENT, now, accessToken);
    }

    @Test
    @DisplayName("A valid resource proof is accepted (the fixture the negative cases start from)")
    void verifyWhenValidProofThenAccepted() {
        assertThat(verify(validProof().compact()).isAccepted()).isTrue();
    }

    // ---------------------------------------------------------------- typ

    @Test
    @DisplayName("GEN-25: a proof with typ JWT is rejected with invalid_dpop_proof")
    void verifyWhenTypIsJwtThenWrongType() {
        String proof = validProof().header("typ", "JWT").compact();

        Rejection rejection = assertRejected(verify(proof), Reason.WRONG_TYPE, OAuthError.INVALID_DPOP_PROOF, 401);
        assertDisclosesNothing(rejection, proof, accessToken);
    }

    @Test
    @DisplayName("GEN-25: a proof without typ is rejected with invalid_dpop_proof")
    void verifyWhenTypAbsentThenWrongType() {
        String proof = validProof().withoutHeader("typ").compact();

        assertRejected(verify(proof), Reason.WRONG_TYPE, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    // ---------------------------------------------------------------- alg

    @Test
    @DisplayName("GEN-26, GEN-11: an unsecured proof (alg none) is rejected with invalid_dpop_proof")
    void verifyWhenAlgNoneThenAlgorithmNotAllowed() {
        String proof = validProof().unsecured();
        assertThat(proof).endsWith(".");

        assertRejected(verify(proof), Reason.ALGORITHM_NOT_ALLOWED, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("GEN-26, GEN-12, GEN-10: an HS256 proof keyed with the bytes of its own RSA public jwk is rejected")
    void verifyWhenHs256WithRsaPublicKeyAsSecretThenAlgorithmNotAllowed() {
        SigningKey rsa = TestKeys.CLIENT_RS256;
        String proof = ProofFixture.forResource(rsa, now, accessToken)
                .hmacSigned("HS256", rsa.publicKey().getEncoded());

        assertRejected(verify(proof, rsa), Reason.ALGORITHM_NOT_ALLOWED, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("GEN-26: an RS256 proof at a receiver whose allow-list is ES256 only is rejected")
    void verifyWhenAsymmetricAlgNotOnAllowListThenAlgorithmNotAllowed() {
        SigningKey rsa = TestKeys.CLIENT_RS256;
        String proof = ProofFixture.forResource(rsa, now, accessToken).compact();
        ProofContext context = ProofContext.atResource(List.of(proof), "GET", ProofFixture.RESOURCE_URI, accessToken,
                rsa.thumbprint().value());

        assertRejected(verifier(AlgorithmPolicy.of(JwsAlgorithm.ES256)).verify(context),
                Reason.ALGORITHM_NOT_ALLOWED, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("The same RS256 proof is accepted where RS256 is on the allow-list (control for the allow-list case)")
    void verifyWhenAsymmetricAlgOnAllowListThenAccepted() {
        SigningKey rsa = TestKeys.CLIENT_RS256;
        String proof = ProofFixture.forResource(rsa, now, accessToken).compact();
        ProofContext context = ProofContext.atResource(List.of(proof), "GET", ProofFixture.RESOURCE_URI, accessToken,
                rsa.thumbprint().value());

        assertThat(verifier(AlgorithmPolicy.of(JwsAlgorithm.RS256)).verify(context).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("A proof whose alg (ES256) does not fit its jwk (RSA) is rejected; alg never moves the key to another family")
    void verifyWhenAlgDoesNotFitJwkFamilyThenInvalidKey() {
        String proof = validProof().header("jwk", Map.copyOf(TestKeys.CLIENT_RS256.publicJwk())).compact();

        assertRejected(verify(proof, TestKeys.CLIENT_RS256), Reason.INVALID_KEY, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    // ---------------------------------------------------------------- jwk and signature

    @Test
    @DisplayName("GEN-27: a proof signed by a key other than its embedded jwk is rejected")
    void verifyWhenSignedByOtherKeyThanJwkThenBadSignature() {
        String proof = validProof().signWith(TestKeys.ATTACKER_ES256.privateKey()).compact();

        assertRejected(verify(proof), Reason.BAD_SIGNATURE, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("A proof whose payload was replaced after signing is rejected")
    void verifyWhenPayloadReplacedAfterSigningThenBadSignature() {
        String original = validProof().compact();
        String otherPayload = validProof().claim("jti", "chosen-by-the-attacker").compact().split("\\.")[1];
        String tampered = JwtFixture.replaceSegment(original, 1, otherPayload);

        assertRejected(verify(tampered), Reason.BAD_SIGNATURE, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("GEN-28: a proof whose jwk includes the private member d is rejected, without quoting it")
    void verifyWhenJwkContainsDThenInvalidKey() throws Exception {
        PublicJsonWebKey privateJwk = PublicJsonWebKey.Factory.newPublicJwk(CLIENT.publicKey());
        privateJwk.setPrivateKey(CLIENT.privateKey());
        Map<String, Object> withD = privateJwk.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        assertThat(withD).containsKey("d");
        String proof = validProof().header("jwk", withD).compact();

        Rejection rejection = assertRejected(verify(proof), Reason.INVALID_KEY, OAuthError.INVALID_DPOP_PROOF, 401);
        assertDisclosesNothing(rejection, (String) withD.get("d"), (String) withD.get("x"), proof);
    }

    // covers GEN-28
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
    @DisplayName("GEN-28: a proof whose jwk carries any private or symmetric key member is rejected")
    void verifyWhenJwkContainsPrivateMemberThenInvalidKey(String member) {
        Map<String, Object> jwk = validProof().jwk();
        jwk.put(member, member.equals("oth") ? List.of(Map.of("r", "AQAB", "d", "AQAB", "t", "AQAB")) : "AQAB");
        String proof = validProof().header("jwk", jwk).compact();

        assertRejected(verify(proof), Reason.INVALID_KEY, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("GEN-13: a proof whose P-256 jwk has an altered y (a point off the curve) is rejected")
    void verifyWhenJwkPointNotOnCurveThenInvalidKey() {
        Map<String, Object> jwk = validProof().jwk();
        byte[] y = Base64.getUrlDecoder().decode((String) jwk.get("y"));
        y[y.length - 1] ^= 0x01;
        String alteredY = JwtFixture.b64(y);
        jwk.put("y", alteredY);
        // Signed with the real private key: only the point is wrong.
        String proof = validProof().header("jwk", jwk).compact();

        Rejection rejection = assertRejected(verify(proof), Reason.INVALID_KEY, OAuthError.INVALID_DPOP_PROOF, 401);
        assertDisclosesNothing(rejection, alteredY, (String) jwk.get("x"));
    }

    @Test
    @DisplayName("GEN-03: a proof whose jwk is a 1024-bit RSA key (and signed with it) is rejected")
    void verifyWhenJwkIsWeakRsaKeyThenInvalidKey() throws Exception {
        KeyPair weak = TestKeys.weakRsa();
        Map<String, Object> weakJwk = PublicJsonWebKey.Factory.newPublicJwk(weak.getPublic())
                .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        String proof = ProofFixture.forResource(TestKeys.CLIENT_RS256, now, accessToken)
                .header("jwk", weakJwk).signWith(weak.getPrivate()).compact();

        assertRejected(verify(proof), Reason.INVALID_KEY, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("A proof without a jwk header is rejected")
    void verifyWhenJwkAbsentThenInvalidKey() {
        assertRejected(verify(validProof().withoutHeader("jwk").compact()), Reason.INVALID_KEY,
                OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("A proof whose jwk is a string (a URL) rather than a JSON object is rejected")
    void verifyWhenJwkIsNotAnObjectThenInvalidKey() {
        String proof = validProof().header("jwk", "https://attacker.example/jwk.json").compact();

        assertRejected(verify(proof), Reason.INVALID_KEY, OAuthError.INVALID_DPOP_PROOF, 401);
    }
}
