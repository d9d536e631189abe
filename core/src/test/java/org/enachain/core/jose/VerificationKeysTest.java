package org.enachain.core.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VerificationKeysTest {

    private static final Map<String, Object> GOOD_EC = KeyMaterial.publicJwk(TestKeys.AS_ES256.publicKey(),
            Map.of("kid", "good-ec", "use", "sig"));

    @Test
    @DisplayName("a JWK Set of an EC and an RSA signature key gives both, by kid")
    void fromJwksWhenValidKeysThenAllUsable() {
        VerificationKeys keys = VerificationKeys.fromJwks(KeyMaterial.jwks(GOOD_EC,
                KeyMaterial.publicJwk(TestKeys.AS_RS256.publicKey(), Map.of("kid", "good-rsa", "alg", "RS256"))));

        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.skipped()).isEmpty();
        assertThat(keys.keysFor("good-ec", JwsAlgorithm.ES256)).containsExactly(TestKeys.AS_ES256.publicKey());
        assertThat(keys.keysFor("good-rsa", JwsAlgorithm.RS256)).containsExactly(TestKeys.AS_RS256.publicKey());
    }

    @Test
    @DisplayName("GEN-03: a JWK Set entry with a 1024-bit RSA key is skipped and listed with the reason")
    void fromJwksWhenRsa1024ThenSkipped() {
        KeyPair weak = TestKeys.weakRsa();

        VerificationKeys keys = VerificationKeys.fromJwks(KeyMaterial.jwks(GOOD_EC,
                KeyMaterial.publicJwk(weak.getPublic(), Map.of("kid", "weak", "alg", "RS256"))));

        assertThat(keys.skipped()).containsExactly("kid 'weak': RSA key of 1024 bits; the profile requires at least 2048");
        assertThat(keys.keysFor("weak", JwsAlgorithm.RS256)).isEmpty();
        assertThat(keys.hasKeyId("weak")).isFalse();
        assertThat(keys.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("GEN-03: a 1024-bit RSA key cannot be configured as a verification key")
    void ofWhenRsa1024ThenRefused() {
        PublicKey weak = TestKeys.weakRsa().getPublic();

        assertThatThrownBy(() -> VerificationKeys.of(weak))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A verification key cannot be used: RSA key of 1024 bits; the profile requires at least 2048");
    }

    @Test
    @DisplayName("GEN-04: a key on P-192 cannot be configured as a verification key")
    void ofWhenCurveSmallerThanP256ThenRefused() {
        PublicKey p192 = KeyMaterial.p192PublicKey();

        assertThatThrownBy(() -> VerificationKeys.of(p192))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A verification key cannot be used: EC key on a curve other than P-256, P-384 or P-521");
    }

    @Test
    @DisplayName("GEN-04: a JWK Set entry on secp256k1 is skipped and listed with the reason")
    void fromJwksWhenSecp256k1ThenSkipped() {
        Map<String, Object> k1 = Map.of("kty", "EC", "crv", "secp256k1", "kid", "k1",
                "x", KeyMaterial.SECP256K1_X, "y", KeyMaterial.SECP256K1_Y);

        VerificationKeys keys = VerificationKeys.fromJwks(KeyMaterial.jwks(GOOD_EC, k1));

        assertThat(keys.skipped()).containsExactly("kid 'k1': EC key on a curve other than P-256, P-384 or P-521");
        assertThat(keys.hasKeyId("k1")).isFalse();
    }

    @Test
    @DisplayName("GEN-04: a JWK Set entry on P-192, a curve smaller than P-256, is skipped and listed")
    void fromJwksWhenP192ThenSkippedAndListed() {
        Map<String, Object> p192 = Map.of("kty", "EC", "crv", "P-192", "kid", "p192",
                "x", KeyMaterial.P192_GX, "y", KeyMaterial.P192_GY);

        VerificationKeys keys = VerificationKeys.fromJwks(KeyMaterial.jwks(GOOD_EC, p192));

        assertThat(keys.skipped()).containsExactly("kid 'p192': EC key on a curve other than P-256, P-384 or P-521");
        assertThat(keys.hasKeyId("p192")).isFalse();
        assertThat(keys.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("a JWK Set entry that cannot be read as a JWK is listed in skipped(), not dropped silently")
    void fromJwksWhenEntryUnreadableThenSkippedAndListed() {
        VerificationKeys keys = VerificationKeys.fromJwks("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"no-n\",\"e\":\"AQAB\"},"
                + "{\"kty\":\"OKP-unknown\"}, 42]}");

        assertThat(keys.skipped()).containsExactly(
                "kid 'no-n': not a JWK that can be read (JoseException)",
                "a key without kid: not a JWK that can be read (JoseException)",
                "an entry that is not a JSON object");
        assertThat(keys.size()).isZero();
    }

    @Test
    @DisplayName("GEN-13: a JWK Set entry whose P-256 point is off the curve is skipped as not on its curve")
    void fromJwksWhenPointOffCurveThenSkipped() {
        VerificationKeys keys = VerificationKeys.fromJwks(KeyMaterial.jwks(GOOD_EC, KeyMaterial.offCurveP256Jwk("bent")));

        assertThat(keys.skipped()).containsExactly("kid 'bent': EC public key whose point is not on its curve");
        assertThat(keys.keysFor("bent", JwsAlgorithm.ES256)).isEmpty();
        assertThat(keys.keysFor(null, JwsAlgorithm.ES256)).containsExactly(TestKeys.AS_ES256.publicKey());
    }

    @Test
    @DisplayName("a JWK Set entry marked use enc is left out, listed as another use rather than as unusable")
    void fromJwksWhenUseEncThenSkipped() {
        VerificationKeys keys = VerificationKeys.fromJwks(KeyMaterial.jwks(
                KeyMaterial.publicJwk(TestKeys.CLIENT_ES256.publicKey(), Map.of("kid", "enc-key", "use", "enc"))));

        assertThat(keys.otherUses()).containsExactly("kid 'enc-key': use is 'enc', not 'sig'");
        assertThat(keys.skipped()).isEmpty();
        assertThat(keys.size()).isZero();
    }

    @Test
    @DisplayName("a JWK Set entry whose key_ops lack verify is skipped")
    void fromJwksWhenKeyOpsWithoutVerifyThenSkipped() {
        VerificationKeys keys = VerificationKeys.fromJwks(KeyMaterial.jwks(KeyMaterial.publicJwk(
                TestKeys.CLIENT_ES256.publicKey(), Map.of("kid", "wrap", "key_ops", List.of("wrapKey")))));

        assertThat(keys.otherUses()).containsExactly("kid 'wrap': key_ops does not include 'verify'");
        assertThat(keys.size()).isZero();
    }

    @Test
    @DisplayName("GEN-09: a JWK Set entry whose alg is outside the profile is skipped")
    void fromJwksWhenAlgOutsideProfileThenSkipped() {
        VerificationKeys keys = VerificationKeys.fromJwks(KeyMaterial.jwks(KeyMaterial.publicJwk(
                TestKeys.AS_RS256.publicKey(), Map.of("kid", "sha1", "alg", "RS1"))));

        assertThat(keys.skipped()).containsExactly("kid 'sha1': alg 'RS1' is not permitted by the profile");
    }

    @Test
    @DisplayName("a symmetric JWK Set entry is skipped")
    void fromJwksWhenOctKeyThenSkipped() {
        VerificationKeys keys = VerificationKeys.fromJwks(
                "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"mac\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ\"}]}");

        assertThat(keys.skipped()).containsExactly("kid 'mac': not an RSA or EC key");
    }

    @Test
    @DisplayName("text that is not a JWK Set is refused")
    void fromJwksWhenNotAJwkSetThenRefused() {
        assertThatThrownBy(() -> VerificationKeys.fromJwks("<html>Service Unavailable</html>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not a JWK Set document (");
        assertThatThrownBy(() -> VerificationKeys.fromJwks("{\"keys\":\"none\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not a JWK Set document (");
    }

    @Test
    @DisplayName("an entry's alg restricts it to that algorithm: an RS256 key is not offered for PS256")
    void keysForWhenEntryAlgDiffersThenNotOffered() {
        VerificationKeys keys = VerificationKeys.fromJwks(KeyMaterial.jwks(KeyMaterial.publicJwk(
                TestKeys.AS_RS256.publicKey(), Map.of("kid", "rs", "alg", "RS256"))));

        assertThat(keys.keysFor("rs", JwsAlgorithm.RS256)).hasSize(1);
        assertThat(keys.keysFor("rs", JwsAlgorithm.PS256)).isEmpty();
    }

    @Test
    @DisplayName("a key is never offered for an algorithm of another family or curve")
    void keysForWhenAlgorithmOfOtherFamilyThenNotOffered() {
        VerificationKeys keys = VerificationKeys.of(TestKeys.AS_RS256.publicKey(), TestKeys.AS_ES256.publicKey());

        assertThat(keys.keysFor(null, JwsAlgorithm.ES256)).containsExactly(TestKeys.AS_ES256.publicKey());
        assertThat(keys.keysFor(null, JwsAlgorithm.PS512)).containsExactly(TestKeys.AS_RS256.publicKey());
        assertThat(keys.keysFor(null, JwsAlgorithm.ES384)).isEmpty();
    }

    @Test
    @DisplayName("of(PublicKey...) files each key under its thumbprint")
    void ofWhenPublicKeysThenKidIsThumbprint() {
        VerificationKeys keys = VerificationKeys.of(TestKeys.AS_ES256.publicKey());

        String thumbprint = JwkThumbprint.of(TestKeys.AS_ES256.publicKey()).value();
        assertThat(keys.hasKeyId(thumbprint)).isTrue();
        assertThat(keys.keysFor(thumbprint, JwsAlgorithm.ES256)).containsExactly(TestKeys.AS_ES256.publicKey());
        assertThat(keys.keysFor("other", JwsAlgorithm.ES256)).isEmpty();
    }

    @Test
    @DisplayName("a CERTIFICATE block gives its public key, under its thumbprint")
    void fromPemWhenCertificateThenItsPublicKey() throws Exception {
        Certificate certificate = TestHttpsServer.generateKeyStore().getCertificate("server");

        VerificationKeys keys = VerificationKeys.fromPem(KeyMaterial.pem("CERTIFICATE", certificate.getEncoded()));

        assertThat(keys.entries()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo(certificate.getPublicKey());
            assertThat(e.kid()).isEqualTo(JwkThumbprint.of(certificate.getPublicKey()).value());
        });
    }

    @Test
    @DisplayName("PUBLIC KEY blocks give their keys")
    void fromPemWhenPublicKeyBlocksThenThoseKeys() {
        VerificationKeys keys = VerificationKeys.fromPem(KeyMaterial.pem("PUBLIC KEY", TestKeys.AS_ES256.publicKey())
                + KeyMaterial.pem("PUBLIC KEY", TestKeys.AS_RS256.publicKey()));

        assertThat(keys.entries()).extracting(VerificationKeys.Entry::key)
                .containsExactly(TestKeys.AS_ES256.publicKey(), TestKeys.AS_RS256.publicKey());
    }

    @Test
    @DisplayName("PEM verification keys must not include a private key")
    void fromPemWhenPrivateKeyBlockThenRefused() throws Exception {
        KeyStore store = TestHttpsServer.generateKeyStore();
        String pem = KeyMaterial.pem("CERTIFICATE", store.getCertificate("server").getEncoded())
                + KeyMaterial.pem("PRIVATE KEY", store.getKey("server", "changeit".toCharArray()));

        assertThatThrownBy(() -> VerificationKeys.fromPem(pem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Verification keys must not include a private key; remove the PRIVATE KEY block");
    }

    @Test
    @DisplayName("GEN-03: a 1024-bit RSA PUBLIC KEY block is refused")
    void fromPemWhenRsa1024ThenRefused() {
        String pem = KeyMaterial.pem("PUBLIC KEY", TestKeys.weakRsa().getPublic());

        assertThatThrownBy(() -> VerificationKeys.fromPem(pem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A verification key cannot be used: RSA key of 1024 bits; the profile requires at least 2048");
    }
}
