package org.enachain.core.jose;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.Arrays;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwsAlgorithmTest {

    @Test
    @DisplayName("GEN-09: the algorithm constants are exactly the nine of Profile 8.2, none of them SHA-1, HMAC or none")
    void valuesWhenListedThenExactlyTheProfileAlgorithms() {
        assertThat(Arrays.stream(JwsAlgorithm.values()).map(JwsAlgorithm::jwaName))
                .containsExactly("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"none", "HS256", "HS384", "HS512", "RS1", "ES256K", "EdDSA", "es256", "RS256 ", ""})
    @DisplayName("GEN-09: SHA-1, HMAC, none and other names outside the profile (or in another case) map to no constant")
    void fromJwaNameWhenNotAProfileAlgorithmThenEmpty(String name) {
        assertThat(JwsAlgorithm.fromJwaName(name)).isEmpty();
    }

    @Test
    @DisplayName("a null algorithm name maps to no constant")
    void fromJwaNameWhenNullThenEmpty() {
        assertThat(JwsAlgorithm.fromJwaName(null)).isEmpty();
    }

    @Test
    @DisplayName("each profile algorithm is found by its exact JWA name")
    void fromJwaNameWhenExactNameThenFound() {
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            assertThat(JwsAlgorithm.fromJwaName(algorithm.jwaName())).contains(algorithm);
        }
    }

    @Test
    @DisplayName("an RSA algorithm never fits an EC key, so alg cannot move a key to another family")
    void fitsWhenRsaAlgorithmAndEcKeyThenFalse() {
        for (JwsAlgorithm algorithm : new JwsAlgorithm[] {JwsAlgorithm.RS256, JwsAlgorithm.RS384, JwsAlgorithm.RS512,
                JwsAlgorithm.PS256, JwsAlgorithm.PS384, JwsAlgorithm.PS512}) {
            assertThat(algorithm.fits(TestKeys.AS_ES256.publicKey())).as(algorithm.jwaName()).isFalse();
            assertThat(algorithm.fits(TestKeys.AS_RS256.publicKey())).as(algorithm.jwaName()).isTrue();
        }
    }

    @Test
    @DisplayName("an ECDSA algorithm never fits an RSA key")
    void fitsWhenEcAlgorithmAndRsaKeyThenFalse() {
        for (JwsAlgorithm algorithm : new JwsAlgorithm[] {JwsAlgorithm.ES256, JwsAlgorithm.ES384, JwsAlgorithm.ES512}) {
            assertThat(algorithm.fits(TestKeys.AS_RS256.publicKey())).as(algorithm.jwaName()).isFalse();
        }
    }

    @Test
    @DisplayName("an ECDSA algorithm fits only a key on its own curve")
    void fitsWhenEcKeyOnOtherCurveThenFalse() {
        KeyPair p384 = KeyMaterial.ecKeyPair("secp384r1");
        KeyPair p521 = KeyMaterial.ecKeyPair("secp521r1");

        assertThat(JwsAlgorithm.ES256.fits(TestKeys.AS_ES256.publicKey())).isTrue();
        assertThat(JwsAlgorithm.ES256.fits(p384.getPublic())).isFalse();
        assertThat(JwsAlgorithm.ES384.fits(p384.getPublic())).isTrue();
        assertThat(JwsAlgorithm.ES384.fits(p521.getPublic())).isFalse();
        assertThat(JwsAlgorithm.ES512.fits(p521.getPublic())).isTrue();
        assertThat(JwsAlgorithm.ES512.fits(TestKeys.AS_ES256.publicKey())).isFalse();
    }

    @Test
    @DisplayName("no algorithm fits a key on a curve smaller than P-256")
    void fitsWhenKeyOnP192ThenFalseForEveryAlgorithm() {
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            assertThat(algorithm.fits(KeyMaterial.p192PublicKey())).as(algorithm.jwaName()).isFalse();
        }
    }

    @Test
    @DisplayName("RSA algorithms have no curve; ECDSA algorithms name P-256, P-384 and P-521")
    void curveWhenAskedThenMatchesFamily() {
        assertThat(JwsAlgorithm.RS256.curve()).isEmpty();
        assertThat(JwsAlgorithm.PS512.family()).isEqualTo(JwsAlgorithm.Family.RSA);
        assertThat(JwsAlgorithm.ES256.curve()).contains("P-256");
        assertThat(JwsAlgorithm.ES384.curve()).contains("P-384");
        assertThat(JwsAlgorithm.ES512.curve()).contains("P-521");
        assertThat(JwsAlgorithm.ES512.family()).isEqualTo(JwsAlgorithm.Family.EC);
    }
}
