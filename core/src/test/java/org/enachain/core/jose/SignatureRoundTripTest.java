package org.enachain.core.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.enachain.core.Reason;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestKeys;
import org.enachain.core.token.JwtRejectedException;
import org.enachain.core.token.SignedJwt;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sign with {@link SigningKey#sign} and verify the way the validators do ({@link SignedJwt} with a
 * {@link JwksSource}), for every algorithm of the profile.
 */
class SignatureRoundTripTest {

    private static final int MAX_LENGTH = 16 * 1024;
    private static final Instant NOW = MutableClock.atFixedStart().instant();
    private static final String PAYLOAD = "{\"iss\":\"https://as.example.com\",\"sub\":\"user-4711\"}";

    private static final SigningKey ES384 = SigningKey.generate(JwsAlgorithm.ES384).withKeyId("es384");
    private static final SigningKey ES512 = SigningKey.generate(JwsAlgorithm.ES512).withKeyId("es512");

    @Test
    @DisplayName("GEN-04, GEN-06: an ES256 JWS signed by SigningKey verifies with its public key")
    void roundTripWhenEs256ThenVerifies() throws Exception {
        assertRoundTrip(TestKeys.AS_ES256, JwsAlgorithm.ES256);
    }

    @Test
    @DisplayName("GEN-05, GEN-07: an ES384 JWS verifies")
    void roundTripWhenEs384ThenVerifies() throws Exception {
        assertRoundTrip(ES384, JwsAlgorithm.ES384);
    }

    @Test
    @DisplayName("GEN-05, GEN-07: an ES512 JWS (P-521) verifies")
    void roundTripWhenEs512ThenVerifies() throws Exception {
        assertRoundTrip(ES512, JwsAlgorithm.ES512);
    }

    @Test
    @DisplayName("GEN-06: an RS256 JWS verifies")
    void roundTripWhenRs256ThenVerifies() throws Exception {
        assertRoundTrip(TestKeys.AS_RS256, JwsAlgorithm.RS256);
    }

    @Test
    @DisplayName("GEN-07: an RS384 JWS verifies")
    void roundTripWhenRs384ThenVerifies() throws Exception {
        assertRoundTrip(TestKeys.AS_RS256.withAlgorithm(JwsAlgorithm.RS384), JwsAlgorithm.RS384);
    }

    @Test
    @DisplayName("GEN-07: an RS512 JWS verifies")
    void roundTripWhenRs512ThenVerifies() throws Exception {
        assertRoundTrip(TestKeys.AS_RS256.withAlgorithm(JwsAlgorithm.RS512), JwsAlgorithm.RS512);
    }

    @Test
    @DisplayName("PS256, PS384 and PS512 JWSs verify")
    void roundTripWhenPssThenVerifies() throws Exception {
        for (JwsAlgorithm pss : new JwsAlgorithm[] {JwsAlgorithm.PS256, JwsAlgorithm.PS384, JwsAlgorithm.PS512}) {
            assertRoundTrip(TestKeys.AS_RS256.withAlgorithm(pss), pss);
        }
    }

    @Test
    @DisplayName("a JWS signed by another key under the same kid fails with BAD_SIGNATURE")
    void verifyWhenSignedByOtherKeyWithSameKidThenBadSignature() throws Exception {
        SignedJwt jwt = SignedJwt.parse(TestKeys.ATTACKER_ES256.sign("JWT", SigningKey.HeaderKey.KEY_ID, PAYLOAD), MAX_LENGTH);

        assertThatThrownBy(() -> jwt.verify(VerificationKeys.of(TestKeys.AS_ES256), JwsAlgorithm.ES256))
                .isInstanceOfSatisfying(JwtRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    @DisplayName("a JWS whose kid no trusted key carries fails with UNKNOWN_KEY")
    void verifyWhenKidUnknownThenUnknownKey() throws Exception {
        SignedJwt jwt = SignedJwt.parse(TestKeys.CLIENT_ES256.sign("JWT", SigningKey.HeaderKey.KEY_ID, PAYLOAD), MAX_LENGTH);

        assertThatThrownBy(() -> jwt.verify(VerificationKeys.of(TestKeys.AS_ES256), JwsAlgorithm.ES256))
                .isInstanceOfSatisfying(JwtRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
    }

    static Stream<Arguments> kindsAndKeys() {
        Map<String, BiFunction<SigningKey, Instant, JwtFixture>> kinds = Map.of(
                "at+jwt", JwtFixture::accessToken,
                "client-authentication+jwt", JwtFixture::clientAssertion,
                "JWT", JwtFixture::authorizationGrant);
        return Stream.of(TestKeys.AS_RS256, TestKeys.AS_ES256).flatMap(key -> kinds.entrySet().stream()
                .map(kind -> Arguments.of(kind.getKey(), key.algorithm(), kind.getValue().apply(key, NOW).claims())));
    }

    @ParameterizedTest(name = "typ {0} with {1}")
    @MethodSource("kindsAndKeys")
    @DisplayName("GEN-06: access tokens, client assertions and authorization grants sign and verify with RS256 and ES256")
    void roundTripWhenEachKidKeyedKindThenVerifies(String typ, JwsAlgorithm algorithm, Map<String, Object> claims)
            throws Exception {
        SigningKey key = algorithm == JwsAlgorithm.RS256 ? TestKeys.AS_RS256 : TestKeys.AS_ES256;

        SignedJwt jwt = SignedJwt.parse(key.sign(typ, SigningKey.HeaderKey.KEY_ID, JsonUtil.toJson(claims)), MAX_LENGTH);

        assertThat(jwt.type()).isEqualTo(typ);
        assertThat(jwt.requireAlgorithm(AlgorithmPolicy.PROFILE)).isEqualTo(algorithm);
        assertThatCode(() -> jwt.verify(VerificationKeys.of(TestKeys.AS_RS256, TestKeys.AS_ES256), algorithm)).doesNotThrowAnyException();
        assertThat(jwt.claims().getJwtId()).isEqualTo(claims.get("jti"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rs256AndEs256")
    @DisplayName("GEN-06: a DPoP proof signs with RS256 and ES256 and verifies with its embedded public jwk")
    void roundTripWhenDpopProofThenVerifiesWithEmbeddedJwk(JwsAlgorithm algorithm) throws Exception {
        SigningKey key = algorithm == JwsAlgorithm.RS256 ? TestKeys.CLIENT_RS256 : TestKeys.CLIENT_ES256;
        String proof = key.sign("dpop+jwt", SigningKey.HeaderKey.PUBLIC_JWK,
                "{\"jti\":\"p-1\",\"htm\":\"POST\",\"htu\":\"https://as.example.com/token\",\"iat\":" + NOW.getEpochSecond() + "}");

        SignedJwt jwt = SignedJwt.parse(proof, MAX_LENGTH);
        @SuppressWarnings("unchecked")
        PublicKey embedded = PublicJsonWebKey.Factory.newPublicJwk((Map<String, Object>) jwt.header("jwk")).getPublicKey();

        assertThat(jwt.requireAlgorithm(AlgorithmPolicy.PROFILE)).isEqualTo(algorithm);
        assertThat(embedded).isEqualTo(key.publicKey());
        assertThat(jwt.verifies(embedded, algorithm)).isTrue();
    }

    static Stream<JwsAlgorithm> rs256AndEs256() {
        return Stream.of(JwsAlgorithm.RS256, JwsAlgorithm.ES256);
    }

    @Test
    @DisplayName("GEN-10: an RS256 token re-signed as HS256 with the RSA public key as HMAC secret is rejected")
    void requireAlgorithmWhenRs256TokenResignedAsHs256WithPublicKeyThenRejected() throws Exception {
        PublicKey rsaPublic = TestKeys.AS_RS256.publicKey();
        String forged = JwtFixture.accessToken(TestKeys.AS_RS256, NOW).hmacSigned("HS256", rsaPublic.getEncoded());
        SignedJwt jwt = SignedJwt.parse(forged, MAX_LENGTH);

        assertThatThrownBy(() -> jwt.requireAlgorithm(AlgorithmPolicy.PROFILE))
                .isInstanceOfSatisfying(JwtRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED));
        assertThat(jwt.verifies(rsaPublic, JwsAlgorithm.RS256)).isFalse();
    }

    @Test
    @DisplayName("GEN-03: a JWS signed with a 1024-bit RSA key is rejected: its JWKS entry is skipped, so no key matches")
    void verifyWhenSignedWithRsa1024ThenUnknownKey() throws Exception {
        KeyPair weak = TestKeys.weakRsa();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue("RS256");
        jws.setKeyIdHeaderValue("weak");
        jws.setHeader("typ", "JWT");
        jws.setPayload(PAYLOAD);
        jws.setKey(weak.getPrivate());
        jws.setDoKeyValidation(false);
        SignedJwt jwt = SignedJwt.parse(jws.getCompactSerialization(), MAX_LENGTH);
        VerificationKeys keys = VerificationKeys.fromJwks(KeyMaterial.jwks(KeyMaterial.publicJwk(weak.getPublic(), "weak")));

        assertThatThrownBy(() -> jwt.verify(keys, JwsAlgorithm.RS256))
                .isInstanceOfSatisfying(JwtRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
    }

    private static void assertRoundTrip(SigningKey key, JwsAlgorithm expected) throws Exception {
        String compact = key.sign("JWT", SigningKey.HeaderKey.KEY_ID, PAYLOAD);

        SignedJwt jwt = SignedJwt.parse(compact, MAX_LENGTH);
        JwsAlgorithm algorithm = jwt.requireAlgorithm(AlgorithmPolicy.PROFILE);

        assertThat(algorithm).isEqualTo(expected);
        assertThat(jwt.keyId()).isEqualTo(key.keyId());
        assertThatCode(() -> jwt.verify(VerificationKeys.of(key), algorithm))
                .as(expected.jwaName()).doesNotThrowAnyException();
        assertThat(jwt.verifies(key.publicKey(), expected)).isTrue();
        assertThat(jwt.claims().getSubject()).isEqualTo("user-4711");
    }
}
