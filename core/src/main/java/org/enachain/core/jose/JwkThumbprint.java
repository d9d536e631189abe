package org.enachain.core.jose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * The RFC 7638 JWK SHA-256 thumbprint of a public key, base64url-encoded: the value of a DPoP-bound
 * token's {@code cnf.jkt} (RFC 9449 6.1). Only SHA-256 is offered (GEN-09).
 */
public record JwkThumbprint(String value) {

    public JwkThumbprint {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("A JWK thumbprint is a non-empty base64url string");
        }
    }

    public static JwkThumbprint of(PublicKey key) {
        try {
            return of(PublicJsonWebKey.Factory.newPublicJwk(key));
        } catch (JoseException e) {
            throw new IllegalArgumentException("Cannot compute a JWK thumbprint of a " + key.getAlgorithm() + " key", e);
        }
    }

    public static JwkThumbprint of(JsonWebKey jwk) {
        return new JwkThumbprint(jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
    }

    /** Constant-time comparison with a received thumbprint such as {@code cnf.jkt}. */
    public boolean matches(String received) {
        return received != null && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.US_ASCII), received.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return value;
    }
}
