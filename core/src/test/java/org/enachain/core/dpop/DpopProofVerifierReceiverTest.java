package org.enachain.core.dpop;

import static org.enachain.core.dpop.RejectionAssert.assertRejected;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.dpop.DpopProofVerifier.Receiver;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every proof failure of GEN-22 to GEN-37 at both receivers: {@code invalid_dpop_proof} with 400 at
 * a token endpoint (GEN-110) and 401 at a protected resource (RS-33). The nonce failures, whose
 * code is {@code use_dpop_nonce}, and replay, which needs two requests, are tested at both receivers
 * in their own classes.
 */
class DpopProofVerifierReceiverTest {

    private static final SigningKey CLIENT = TestKeys.CLIENT_ES256;
    private static final MutableClock CLOCK = MutableClock.atFixedStart();
    private static final Instant NOW = CLOCK.instant();
    private static final String ACCESS_TOKEN = JwtFixture.accessToken(TestKeys.AS_ES256, NOW)
            .claim("cnf", Map.of("jkt", CLIENT.thumbprint().value())).compact();
    /** The status each receiver must answer with, written out rather than taken from {@link Receiver#status()}. */
    private static final Map<Receiver, Integer> EXPECTED_STATUS = Map.of(
            Receiver.TOKEN_ENDPOINT, 400, Receiver.PROTECTED_RESOURCE, 401);

    /** One way a proof can fail, and the reason it must be refused with. */
    enum Failure {
        TWO_DPOP_HEADERS(Reason.MULTIPLE_PROOFS) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                return List.of(valid.get().compact(), valid.get().compact());
            }
        },
        NOT_A_JWS(Reason.MALFORMED) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                return List.of("not-a-jws");
            }
        },
        FIVE_SEGMENTS(Reason.MALFORMED) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                return List.of("e30.e30.e30.e30.e30");
            }
        },
        JWE(Reason.ENCRYPTED) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                // {"alg":"RSA-OAEP","enc":"A256GCM"} and four more segments
                return List.of("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn");
            }
        },
        TYP_JWT(Reason.WRONG_TYPE) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                return List.of(valid.get().header("typ", "JWT").compact());
            }
        },
        ALG_NONE(Reason.ALGORITHM_NOT_ALLOWED) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                return List.of(valid.get().unsecured());
            }
        },
        ALG_HS256(Reason.ALGORITHM_NOT_ALLOWED) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                return List.of(valid.get().hmacSigned("HS256", new byte[32]));
            }
        },
        SIGNED_BY_OTHER_KEY(Reason.BAD_SIGNATURE) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                return List.of(valid.get().signWith(TestKeys.ATTACKER_ES256.privateKey()).compact());
            }
        },
        JWK_WITH_D(Reason.INVALID_KEY) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                ProofFixture proof = valid.get();
                Map<String, Object> jwk = proof.jwk();
                jwk.put("d", "AQAB");
                return List.of(proof.header("jwk", jwk).compact());
            }
        },
        JTI_MISSING(Reason.MISSING_CLAIM) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                return List.of(valid.get().without("jti").compact());
            }
        },
        HTM_OTHER_METHOD(Reason.METHOD_MISMATCH) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                return List.of(valid.get().claim("htm", "DELETE").compact());
            }
        },
        HTU_OTHER_HOST(Reason.URI_MISMATCH) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                return List.of(valid.get().claim("htu", "https://other.example.com/orders").compact());
            }
        },
        IAT_TEN_MINUTES_OLD(Reason.TOO_OLD) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                return List.of(valid.get().claim("iat", NOW.minus(Duration.ofMinutes(10)).getEpochSecond()).compact());
            }
        },
        IAT_TEN_MINUTES_AHEAD(Reason.ISSUED_IN_FUTURE) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                return List.of(valid.get().claim("iat", NOW.plus(Duration.ofMinutes(10)).getEpochSecond()).compact());
            }
        },
        JTI_EIGHT_KIB(Reason.TOO_LARGE) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                return List.of(valid.get().claim("jti", "j".repeat(8 * 1024)).compact());
            }
        },
        JTI_OVER_256_CHARACTERS(Reason.INVALID_CLAIM) {
            @Override
            List<String> headers(Supplier<ProofFixture> valid) {
                return List.of(valid.get().claim("jti", "j".repeat(257)).compact());
            }
        };

        final Reason reason;

        Failure(Reason reason) {
            this.reason = reason;
        }

        abstract List<String> headers(Supplier<ProofFixture> valid);
    }

    static Stream<Arguments> failuresAtEachReceiver() {
        return Arrays.stream(Failure.values())
                .flatMap(f -> Stream.of(Receiver.TOKEN_ENDPOINT, Receiver.PROTECTED_RESOURCE).map(r -> Arguments.of(f, r)));
    }

    // covers GEN-110, RS-33
    @ParameterizedTest(name = "[{index}] {0} at {1}")
    @MethodSource("failuresAtEachReceiver")
    @DisplayName("GEN-110, RS-33: each proof failure is invalid_dpop_proof, 400 at a token endpoint and 401 at a resource")
    void verifyWhenProofFailsThenInvalidDpopProofWithReceiverStatus(Failure failure, Receiver receiver) {
        DpopProofVerifier verifier = DpopProofVerifier.builder(receiver).clock(CLOCK)
                .replayStore(new InMemoryReplayStore(1_000, CLOCK)).build();
        ProofContext context;
        if (receiver == Receiver.TOKEN_ENDPOINT) {
            context = ProofContext.atTokenEndpoint(failure.headers(() -> ProofFixture.forTokenEndpoint(CLIENT, NOW)),
                    "POST", ProofFixture.TOKEN_ENDPOINT);
        } else {
            context = ProofContext.atResource(failure.headers(() -> ProofFixture.forResource(CLIENT, NOW, ACCESS_TOKEN)),
                    "GET", ProofFixture.RESOURCE_URI, ACCESS_TOKEN, CLIENT.thumbprint().value());
        }

        assertRejected(verifier.verify(context), failure.reason, OAuthError.INVALID_DPOP_PROOF,
                EXPECTED_STATUS.get(receiver));
    }
}
