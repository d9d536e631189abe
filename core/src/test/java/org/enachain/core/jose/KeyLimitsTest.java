package org.enachain.core.jose;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Received RSA keys are bounded, so a key a peer brings (a DPoP proof's jwk) cannot make verification slow. */
class KeyLimitsTest {

    private static PublicKey rsa(BigInteger modulus, BigInteger exponent) throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    }

    @Test
    @DisplayName("GEN-03: an RSA public exponent over 32 bits is refused; 65537 is fine")
    void problemWithWhenHugePublicExponentThenReported() throws Exception {
        BigInteger n = ((RSAPublicKey) TestKeys.CLIENT_RS256.publicKey()).getModulus();

        assertThat(KeyPolicy.problemWith(rsa(n, BigInteger.TWO.pow(100).add(BigInteger.ONE))))
                .hasValueSatisfying(p -> assertThat(p).contains("public exponent"));
        assertThat(KeyPolicy.problemWith(rsa(n, BigInteger.valueOf(65537)))).isEmpty();
    }

    @Test
    @DisplayName("GEN-03: an even RSA public exponent is refused")
    void problemWithWhenEvenExponentThenReported() throws Exception {
        BigInteger n = ((RSAPublicKey) TestKeys.CLIENT_RS256.publicKey()).getModulus();

        assertThat(KeyPolicy.problemWith(rsa(n, BigInteger.valueOf(65536)))).isPresent();
    }

    @Test
    @DisplayName("GEN-03: an RSA modulus over 8192 bits is refused")
    void problemWithWhenModulusOver8192BitsThenReported() throws Exception {
        BigInteger n = BigInteger.ONE.shiftLeft(9000).add(BigInteger.ONE);

        assertThat(KeyPolicy.problemWith(rsa(n, BigInteger.valueOf(65537))))
                .hasValueSatisfying(p -> assertThat(p).contains("8192"));
    }
}
