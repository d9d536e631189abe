package org.enachain.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.enachain.core.dpop.RejectionAssert.assertDisclosesNothing;
import static org.enachain.core.dpop.RejectionAssert.assertRejected;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.Rejection;
import org.enachain.core.ValidationResult;
import org.enachain.core.dpop.DpopProofVerifier.Receiver;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestKeys;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code DPoP} header itself: how many, what shape, how large (GEN-22, GEN-23). */
class DpopProofVerifierStructureTest {

    private static final int NESTING = 10_000;

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant now = clock.instant();

    private DpopProofVerifier.Builder verifierAt(Receiver receiver) {
        return DpopProofVerifier.builder(receiver).clock(clock).replayStore(new InMemoryReplayStore(1_000, clock));
    }

    private ValidationResult<DpopProof> verifyAtTokenEndpoint(List<String> dpopHeaders) {
        return verifierAt(Receiver.TOKEN_ENDPOINT).build()
                .verify(ProofContext.atTokenEndpoint(dpopHeaders, "POST", ProofFixture.TOKEN_ENDPOINT));
    }

    private ValidationResult<DpopProof> verifyAtTokenEndpoint(String dpopHeader) {
        return verifyAtTokenEndpoint(List.of(dpopHeader));
    }

    private String validProof() {
        return ProofFixture.forTokenEndpoint(TestKeys.CLIENT_ES256, now).compact();
    }

    @Test
    @DisplayName("A valid token request proof is accepted (the fixture the negative cases start from)")
    void verifyWhenValidProofThenAccepted() {
        ValidationResult<DpopProof> result = verifyAtTokenEndpoint(validProof());

        assertThat(result.isAccepted()).as("%s", result).isTrue();
        assertThat(result.value().thumbprint()).isEqualTo(TestKeys.CLIENT_ES256.thumbprint());
    }

    @Test
    @DisplayName("GEN-22: a request with two DPoP headers is rejected with invalid_dpop_proof")
    void verifyWhenTwoDpopHeadersThenMultipleProofs() {
        String first = validProof();
        String second = validProof();

        Rejection rejection = assertRejected(verifyAtTokenEndpoint(List.of(first, second)),
                Reason.MULTIPLE_PROOFS, OAuthError.INVALID_DPOP_PROOF, 400);
        assertDisclosesNothing(rejection, first, second);
    }

    @Test
    @DisplayName("RS-32: a DPoP-scheme request without a DPoP header is rejected with 401")
    void verifyWhenNoDpopHeaderAtResourceThenProofMissing() {
        ProofContext context = ProofContext.atResource(List.of(), "GET", ProofFixture.RESOURCE_URI, "token", null);

        assertRejected(verifierAt(Receiver.PROTECTED_RESOURCE).build().verify(context),
                Reason.PROOF_MISSING, OAuthError.INVALID_DPOP_PROOF, 401);
    }

    @Test
    @DisplayName("A token request without a DPoP header, where a proof is required, is rejected with 400 invalid_dpop_proof")
    void verifyWhenNoDpopHeaderAtTokenEndpointThenProofMissing() {
        assertRejected(verifyAtTokenEndpoint(List.of()), Reason.PROOF_MISSING, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    // covers GEN-23
    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "garbage", "this is not a DPoP proof", "a.b", "eyJhbGciOiJFUzI1NiJ9.e30.sig.x",
        "..", ".e30.", "e30..", "e30.e30.e30.e30.e30.e30", "{\"typ\":\"dpop+jwt\"}"})
    @DisplayName("GEN-23: a DPoP header value that is not a compact JWS is rejected as malformed")
    void verifyWhenHeaderIsGarbageThenMalformed(String garbage) {
        assertRejected(verifyAtTokenEndpoint(garbage), Reason.MALFORMED, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("GEN-23: a JWE (five segments) carrying a valid proof is rejected")
    void verifyWhenHeaderIsJweThenEncrypted() throws Exception {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.RSA_OAEP_256);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_128_CBC_HMAC_SHA_256);
        jwe.setHeader("typ", "dpop+jwt");
        jwe.setKey(TestKeys.CLIENT_RS256.publicKey());
        jwe.setPayload(validProof());
        String compactJwe = jwe.getCompactSerialization();
        assertThat(compactJwe.split("\\.", -1)).hasSize(5);

        assertRejected(verifyAtTokenEndpoint(compactJwe), Reason.ENCRYPTED, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("GEN-23: two proofs folded into one header value (comma-separated, as a proxy joins them) are rejected")
    void verifyWhenTwoProofsJoinedByCommaThenMalformed() {
        String joined = validProof() + ", " + validProof();

        assertRejected(verifyAtTokenEndpoint(joined), Reason.MALFORMED, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("GEN-23: two proofs run together into one value are rejected")
    void verifyWhenTwoProofsConcatenatedThenRejected() {
        String concatenated = validProof() + validProof();

        ValidationResult<DpopProof> result = verifyAtTokenEndpoint(concatenated);

        assertThat(result.isAccepted()).isFalse();
        // Five segments: SignedJwt refuses any five-segment text as an encrypted JWT before decoding it;
        // either structural reason is a correct refusal.
        assertThat(result.rejection().reason()).isIn(Reason.ENCRYPTED, Reason.MALFORMED);
        assertThat(result.rejection().error()).isEqualTo(OAuthError.INVALID_DPOP_PROOF);
        assertThat(result.rejection().status()).isEqualTo(400);
    }

    @Test
    @DisplayName("GEN-23: a proof with a character outside base64url in a segment is rejected as malformed")
    void verifyWhenSegmentHasNonBase64UrlCharacterThenMalformed() {
        String proof = validProof();
        String[] parts = proof.split("\\.");
        String broken = JwtFixture.replaceSegment(proof, 1, parts[1].substring(0, 10) + "*" + parts[1].substring(11));

        assertRejected(verifyAtTokenEndpoint(broken), Reason.MALFORMED, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("GEN-23: a proof cut off inside its payload is rejected as malformed")
    void verifyWhenProofTruncatedThenMalformed() {
        String proof = validProof();
        String truncated = proof.substring(0, proof.indexOf('.') + 20);

        assertRejected(verifyAtTokenEndpoint(truncated), Reason.MALFORMED, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("GEN-23: a proof whose header segment decodes to something other than a JSON object is rejected as malformed")
    void verifyWhenHeaderSegmentIsNotJsonThenMalformed() {
        String broken = JwtFixture.replaceSegment(validProof(), 0, JwtFixture.b64("[\"dpop+jwt\"]"));

        assertRejected(verifyAtTokenEndpoint(broken), Reason.MALFORMED, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("A 1 MB proof is rejected as too large before it is decoded")
    void verifyWhenProofIsOneMegabyteThenTooLarge() {
        String huge = ProofFixture.forTokenEndpoint(TestKeys.CLIENT_ES256, now)
                .claim("pad", "A".repeat(1024 * 1024)).compact();
        assertThat(huge.length()).isGreaterThan(1024 * 1024);

        Rejection rejection = assertRejected(verifyAtTokenEndpoint(huge), Reason.TOO_LARGE,
                OAuthError.INVALID_DPOP_PROOF, 400);
        assertDisclosesNothing(rejection, huge);
    }

    @Test
    @DisplayName("A proof just over the configured maximum length is rejected as too large")
    void verifyWhenProofLongerThanConfiguredMaximumThenTooLarge() {
        String proof = validProof();
        DpopProofVerifier verifier = verifierAt(Receiver.TOKEN_ENDPOINT).maxLength(proof.length() - 1).build();

        assertRejected(verifier.verify(ProofContext.atTokenEndpoint(List.of(proof), "POST", ProofFixture.TOKEN_ENDPOINT)),
                Reason.TOO_LARGE, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("A signed proof whose payload nests JSON 10,000 deep is rejected cleanly, without a StackOverflowError")
    void verifyWhenPayloadNestedTenThousandDeepThenRejectedCleanly() {
        // The htu claim is an array nested 10,000 deep; everything else is valid and the proof is
        // signed with the key in its own jwk. The limit is raised so the parser, not the size check, meets it.
        ProofFixture fixture = ProofFixture.forTokenEndpoint(TestKeys.CLIENT_ES256, now);
        String payload = "{\"jti\":\"" + fixture.claimValue("jti") + "\",\"htm\":\"POST\",\"iat\":" + now.getEpochSecond()
                + ",\"htu\":" + "[".repeat(NESTING) + "]".repeat(NESTING) + "}";
        String proof = ProofFixture.signRaw(fixture.headerJson(), payload, TestKeys.CLIENT_ES256.privateKey());
        DpopProofVerifier verifier = verifierAt(Receiver.TOKEN_ENDPOINT).maxLength(256 * 1024).build();
        AtomicReference<ValidationResult<DpopProof>> result = new AtomicReference<>();

        assertThatCode(() -> result.set(verifier.verify(
                ProofContext.atTokenEndpoint(List.of(proof), "POST", ProofFixture.TOKEN_ENDPOINT))))
                .doesNotThrowAnyException();
        assertRejected(result.get(), Reason.INVALID_CLAIM, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("A proof whose header nests JSON 10,000 deep is rejected cleanly, without a StackOverflowError")
    void verifyWhenHeaderNestedTenThousandDeepThenRejectedCleanly() {
        String header = "{\"alg\":\"ES256\",\"jwk\":" + JsonUtil.toJson(TestKeys.CLIENT_ES256.publicJwk())
                + ",\"typ\":" + "[".repeat(NESTING) + "]".repeat(NESTING) + "}";
        String payload = "{\"jti\":\"j-1\",\"htm\":\"POST\",\"htu\":\"" + ProofFixture.TOKEN_ENDPOINT_HTU
                + "\",\"iat\":" + now.getEpochSecond() + "}";
        String proof = ProofFixture.signRaw(header, payload, TestKeys.CLIENT_ES256.privateKey());
        DpopProofVerifier verifier = verifierAt(Receiver.TOKEN_ENDPOINT).maxLength(256 * 1024).build();
        AtomicReference<ValidationResult<DpopProof>> result = new AtomicReference<>();

        assertThatCode(() -> result.set(verifier.verify(
                ProofContext.atTokenEndpoint(List.of(proof), "POST", ProofFixture.TOKEN_ENDPOINT))))
                .doesNotThrowAnyException();
        // Headers nested beyond 32 levels are refused as malformed before any member is read.
        assertRejected(result.get(), Reason.MALFORMED, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    @Test
    @DisplayName("A proof with a crit header is rejected")
    void verifyWhenCritHeaderThenCriticalHeader() {
        String proof = ProofFixture.forTokenEndpoint(TestKeys.CLIENT_ES256, now)
                .header("crit", List.of("exp")).header("exp", 1).compact();

        assertRejected(verifyAtTokenEndpoint(proof), Reason.CRITICAL_HEADER, OAuthError.INVALID_DPOP_PROOF, 400);
    }

    // covers GEN-14
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"access token", "client assertion", "authorization grant"})
    @DisplayName("GEN-14: another JWT kind signed by the proof key and carrying its jwk is not accepted as a DPoP proof")
    void verifyWhenOtherJwtKindPresentedAsProofThenWrongType(String kind) {
        JwtFixture other = switch (kind) {
            case "access token" -> JwtFixture.accessToken(TestKeys.CLIENT_ES256, now);
            case "client assertion" -> JwtFixture.clientAssertion(TestKeys.CLIENT_ES256, now);
            default -> JwtFixture.authorizationGrant(TestKeys.CLIENT_ES256, now);
        };
        String jwt = other.header("jwk", Map.copyOf(TestKeys.CLIENT_ES256.publicJwk()))
                .claim("htm", "POST").claim("htu", ProofFixture.TOKEN_ENDPOINT_HTU).compact();

        assertRejected(verifyAtTokenEndpoint(jwt), Reason.WRONG_TYPE, OAuthError.INVALID_DPOP_PROOF, 400);
    }
}
