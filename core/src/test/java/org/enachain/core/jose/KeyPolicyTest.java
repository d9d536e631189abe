package org.enachain.core.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import javax.crypto.spec.SecretKeySpec;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeyPolicyTest {

    @Test
    @DisplayName("GEN-03: a 1024-bit RSA key is reported, naming its size and the 2048-bit minimum")
    void problemWithWhenRsa1024ThenReported() {
        assertThat(KeyPolicy.problemWith(TestKeys.weakRsa().getPublic()))
                .contains("RSA key of 1024 bits; the profile requires at least 2048");
    }

    @Test
    @DisplayName("GEN-03: a 2047-bit RSA key, one bit short, is reported")
    void problemWithWhenRsa2047ThenReported() {
        assertThat(KeyPolicy.problemWith(KeyMaterial.rsaKeyPair(2047).getPublic()))
                .contains("RSA key of 2047 bits; the profile requires at least 2048");
    }

    @Test
    @DisplayName("GEN-03: the limit applies to RSA private keys too")
    void problemWithWhenRsa1024PrivateKeyThenReported() {
        assertThat(KeyPolicy.problemWith(TestKeys.weakRsa().getPrivate()))
                .contains("RSA key of 1024 bits; the profile requires at least 2048");
    }

    @Test
    @DisplayName("2048-bit RSA and P-256/P-384/P-521 keys have no problem")
    void problemWithWhenProfileKeysThenEmpty() {
        assertThat(KeyPolicy.problemWith(TestKeys.AS_RS256.publicKey())).isEmpty();
        assertThat(KeyPolicy.problemWith(TestKeys.AS_ES256.publicKey())).isEmpty();
        assertThat(KeyPolicy.problemWith(TestKeys.AS_ES256.privateKey())).isEmpty();
        assertThat(KeyPolicy.problemWith(KeyMaterial.ecKeyPair("secp384r1").getPublic())).isEmpty();
        assertThat(KeyPolicy.problemWith(KeyMaterial.ecKeyPair("secp521r1").getPublic())).isEmpty();
    }

    @Test
    @DisplayName("GEN-04: a key on P-192, a curve smaller than P-256, is reported")
    void problemWithWhenCurveSmallerThanP256ThenReported() {
        assertThat(KeyPolicy.problemWith(KeyMaterial.p192PublicKey()))
                .contains("EC key on a curve other than P-256, P-384 or P-521");
    }

    @Test
    @DisplayName("GEN-13: a P-256 key whose y has one byte changed is reported as off its curve")
    void problemWithWhenPointOffCurveThenReported() {
        ECPublicKey valid = (ECPublicKey) SigningKey.generateEs256().publicKey();
        byte[] y = valid.getW().getAffineY().toByteArray();
        y[y.length / 2] ^= 0x01;
        ECPublicKey offCurve = KeyMaterial.p256PublicKeyAt(new ECPoint(valid.getW().getAffineX(), new BigInteger(1, y)));

        assertThat(KeyPolicy.problemWith(offCurve)).contains("EC public key whose point is not on its curve");
    }

    @Test
    @DisplayName("a symmetric key is reported: the profile signs with RSA or EC keys only")
    void problemWithWhenSecretKeyThenReported() {
        assertThat(KeyPolicy.problemWith(new SecretKeySpec(new byte[32], "HmacSHA256")))
                .contains("key of type HmacSHA256; the profile signs with RSA or EC keys only");
        assertThat(KeyPolicy.problemWith(null))
                .contains("key of type null; the profile signs with RSA or EC keys only");
    }

    @Test
    @DisplayName("GEN-03: require() throws naming the key and the problem")
    void requireWhenRsa1024ThenThrowsNamingKey() {
        assertThatThrownBy(() -> KeyPolicy.require(TestKeys.weakRsa().getPublic(), "The client signing key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The client signing key cannot be used: RSA key of 1024 bits; the profile requires at least 2048");
    }

    @Test
    @DisplayName("require() accepts a profile key")
    void requireWhenProfileKeyThenNoException() {
        assertThatCode(() -> KeyPolicy.require(TestKeys.AS_ES256.publicKey(), "The key")).doesNotThrowAnyException();
    }
}
