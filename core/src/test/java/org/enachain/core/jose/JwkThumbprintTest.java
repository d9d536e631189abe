package org.enachain.core.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.enachain.core.testing.TestKeys;
import org.jose4j.jwk.JsonWebKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JwkThumbprintTest {

    /** The RSA key of RFC 7638 Section 3.1 (also the first key of RFC 7517 Appendix A.1). */
    private static final String RFC7638_N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    private static final String RFC7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    @Test
    @DisplayName("GEN-09: the thumbprint of the RFC 7638 Section 3.1 example key is the RFC's SHA-256 value")
    void ofWhenRfc7638ExampleKeyThenRfcThumbprint() throws Exception {
        JsonWebKey jwk = JsonWebKey.Factory.newJwk(KeyMaterial.json(
                Map.of("kty", "RSA", "n", RFC7638_N, "e", "AQAB", "alg", "RS256", "kid", "2011-04-29")));

        assertThat(JwkThumbprint.of(jwk).value()).isEqualTo(RFC7638_THUMBPRINT);
    }

    @Test
    @DisplayName("GEN-09: an EC key's thumbprint is the base64url SHA-256 digest of its canonical JWK, 43 characters long")
    void ofWhenEcKeyThenSha256OfCanonicalJwk() throws Exception {
        Map<String, Object> jwk = TestKeys.AS_ES256.publicJwk();
        String canonical = "{\"crv\":\"" + jwk.get("crv") + "\",\"kty\":\"EC\",\"x\":\"" + jwk.get("x")
                + "\",\"y\":\"" + jwk.get("y") + "\"}";
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));

        JwkThumbprint thumbprint = JwkThumbprint.of(TestKeys.AS_ES256.publicKey());

        assertThat(thumbprint.value()).isEqualTo(expected).hasSize(43).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    @DisplayName("GEN-09: an RSA key's thumbprint is 43 base64url characters, the length of a SHA-256 digest")
    void ofWhenRsaKeyThen43Base64UrlCharacters() {
        assertThat(JwkThumbprint.of(TestKeys.AS_RS256.publicKey()).value()).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    @DisplayName("the thumbprint of a public key equals that of its JWK, whatever optional members the JWK carries")
    void ofWhenKeyOrJwkWithExtrasThenSameThumbprint() throws Exception {
        JsonWebKey decorated = JsonWebKey.Factory.newJwk(KeyMaterial.json(KeyMaterial.publicJwk(
                TestKeys.AS_ES256.publicKey(), Map.of("kid", "k", "use", "sig", "alg", "ES256"))));

        assertThat(JwkThumbprint.of(decorated)).isEqualTo(JwkThumbprint.of(TestKeys.AS_ES256.publicKey()));
    }

    @Test
    @DisplayName("matches() accepts exactly the same value")
    void matchesWhenSameValueThenTrueOtherwiseFalse() {
        JwkThumbprint thumbprint = new JwkThumbprint(RFC7638_THUMBPRINT);

        assertThat(thumbprint.matches(RFC7638_THUMBPRINT)).isTrue();
        assertThat(thumbprint.matches(RFC7638_THUMBPRINT.substring(1))).isFalse();
        assertThat(thumbprint.matches(RFC7638_THUMBPRINT.toLowerCase())).isFalse();
        assertThat(thumbprint.matches(null)).isFalse();
    }

    @Test
    @DisplayName("an empty thumbprint cannot be made")
    void constructorWhenEmptyThenRefused() {
        assertThatThrownBy(() -> new JwkThumbprint(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A JWK thumbprint is a non-empty base64url string");
    }
}
