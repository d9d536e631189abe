package org.enachain.core.dpop;

import static org.enachain.core.dpop.RejectionAssert.assertRejected;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.dpop.DpopProofVerifier.Receiver;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestKeys;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checks run in a fixed order and stop at the first failure: a proof that fails two adjacent
 * checks is refused for the earlier one. In particular no claim is looked at before the signature
 * has verified. (The replay check comes last: see {@link DpopProofVerifierReplayTest}.)
 */
class DpopProofVerifierOrderTest {

    private static final SigningKey CLIENT = TestKeys.CLIENT_ES256;

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant now = clock.instant();
    private final DpopNonces nonces = DpopNonces.withRandomKey(clock, DpopNonces.DEFAULT_LIFETIME);
    private final String accessToken = JwtFixture.accessToken(TestKeys.AS_ES256, now)
            .claim("cnf", Map.of("jkt", CLIENT.thumbprint().value())).compact();

    /** Two failures in one proof, and the one that must be reported. */
    enum TwoFailures {
        TYP_THEN_ALG(Reason.WRONG_TYPE, p -> hs256(p.header("typ", "JWT"))),
        ALG_THEN_JWK(Reason.ALGORITHM_NOT_ALLOWED, p -> hs256(p.header("jwk", withD(p)))),
        JWK_THEN_SIGNATURE(Reason.INVALID_KEY, p -> p.header("jwk", withD(p)).signWith(TestKeys.ATTACKER_ES256.privateKey())),
        SIGNATURE_THEN_CLAIMS(Reason.BAD_SIGNATURE,
                p -> p.signWith(TestKeys.ATTACKER_ES256.privateKey()).without("jti").claim("htm", "DELETE")),
        PRESENCE_THEN_HTM(Reason.MISSING_CLAIM, p -> p.without("iat").claim("htm", "DELETE")),
        HTM_THEN_HTU(Reason.METHOD_MISMATCH, p -> p.claim("htm", "DELETE").claim("htu", "https://other.example/x")),
        HTU_THEN_IAT(Reason.URI_MISMATCH, p -> p.claim("htu", "https://other.example/x").claim("iat", tenMinutesAgo(p))),
        IAT_THEN_NONCE(Reason.TOO_OLD, p -> p.claim("iat", tenMinutesAgo(p)).without("nonce")),
        NONCE_THEN_ATH(Reason.NONCE_REQUIRED, p -> p.without("nonce").claim("ath", "AAAA")),
        ATH_THEN_KEY_BINDING(Reason.ACCESS_TOKEN_HASH_MISMATCH,
                p -> p.claim("ath", "AAAA").header("jwk", TestKeys.ATTACKER_ES256.publicJwk())
                        .signWith(TestKeys.ATTACKER_ES256.privateKey()));

        final Reason first;
        final UnaryOperator<ProofFixture> breakTwice;

        TwoFailures(Reason first, UnaryOperator<ProofFixture> breakTwice) {
            this.first = first;
            this.breakTwice = breakTwice;
        }

        private static ProofFixture hs256(ProofFixture p) {
            return p.header("alg", "HS256").signWith(new HmacKey(new byte[32]));
        }

        private static Map<String, Object> withD(ProofFixture p) {
            Map<String, Object> jwk = p.jwk();
            jwk.put("d", "AQAB");
            return jwk;
        }

        private static long tenMinutesAgo(ProofFixture p) {
            return ((Number) p.claimValue("iat")).longValue() - Duration.ofMinutes(10).toSeconds();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @EnumSource(TwoFailures.class)
    @DisplayName("A proof failing two checks is refused for the one that runs first")
    void verifyWhenProofFailsTwoChecksThenEarlierReported(TwoFailures failures) {
        DpopProofVerifier verifier = DpopProofVerifier.builder(Receiver.PROTECTED_RESOURCE).clock(clock)
                .replayStore(new InMemoryReplayStore(1_000, clock)).requireNonces(nonces).build();
        ProofFixture valid = ProofFixture.forResource(CLIENT, now, accessToken).claim("nonce", nonces.issue());
        String proof = failures.breakTwice.apply(valid).compact();
        ProofContext context = ProofContext.atResource(List.of(proof), "GET", ProofFixture.RESOURCE_URI, accessToken,
                CLIENT.thumbprint().value());

        OAuthError expectedError = failures.first == Reason.NONCE_REQUIRED ? OAuthError.USE_DPOP_NONCE
                : OAuthError.INVALID_DPOP_PROOF;
        assertRejected(verifier.verify(context), failures.first, expectedError, 401);
    }
}
